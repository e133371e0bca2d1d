// Kyverno's podSecurity exclusion algorithm (pkg/pss ApplyPodSecurityExclusion / exemptExclusions):
// each exclude re-runs the checks on a "probe" pod and removes the matching field errors.
import { isObject, type JsonObject } from '../json.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { checkIdsOf } from './controls.js';
import { badValueStrings, type FieldError } from './field-error.js';
import { CONTAINER_KINDS, list, str, type ContainerKind, PodView } from './pod-view.js';
import { runChecks, type CheckResult, type PlannedCheck } from './run-checks.js';
import type { PodSecurityExclude } from './types.js';

/** A field error located for comparison: indexes as "*", plus the container name for container fields. */
interface Located {
  readonly pattern: string;
  readonly containerName?: string;
}

/** Apply excludes in order; returns the remaining failed checks. */
export function applyExclusions(
  checks: readonly PlannedCheck[],
  excludes: readonly PodSecurityExclude[],
  results: CheckResult[],
  pod: PodView,
): CheckResult[] {
  let current = results;
  for (const exclude of excludes) {
    const images = Array.isArray(exclude.images) ? exclude.images : [];
    const containerLevel = images.length > 0;
    // Only errors of the control's checks that still fail can be removed, so the probe runs just those
    // implementations — usually none, and then the probe is not even built.
    const failing = current.length === 0 ? [] : checkIdsOf(exclude.controlName).filter((id) => hasCheck(current, id));
    const probing = failing.length === 0 ? [] : checks.filter((c) => failing.includes(c.id));
    if (probing.length === 0) {
      current = [...byCheckId(current).values()];
      continue;
    }
    const probe = containerLevel ? matchingContainersPod(pod, images) : podLevelProbe(pod);
    current = exempt(current, runChecks(probing, probe), exclude, { pod, probe, containerLevel });
  }
  return current;
}

function hasCheck(results: readonly CheckResult[], id: string): boolean {
  return results.some((r) => r.id === id);
}

/** Kyverno: results are keyed by check id here, so duplicates from pinned versions collapse (last wins). */
function byCheckId(results: readonly CheckResult[]): Map<string, CheckResult> {
  const byId = new Map<string, CheckResult>();
  for (const r of results) byId.set(r.id, r);
  return byId;
}

/** Kyverno: without images, the probe is the pod with its containers replaced by one named "fake". */
function podLevelProbe(pod: PodView): PodView {
  const { initContainers: _i, ephemeralContainers: _e, ...rest } = pod.spec;
  return new PodView(pod.metadata, { ...rest, containers: [{ name: 'fake' }] });
}

/** Kyverno: with images, the probe has only the matching containers — no pod-level fields or annotations. */
function matchingContainersPod(pod: PodView, images: readonly string[]): PodView {
  const spec: JsonObject = {};
  for (const kind of CONTAINER_KINDS) {
    const matching = list(pod.spec, kind)
      .filter(isObject)
      .filter((c) => {
        const image = str(c, 'image');
        return images.some((p) => typeof p === 'string' && wildcardMatch(p, image));
      });
    if (matching.length > 0) spec[kind] = matching;
  }
  const metadata: JsonObject = {};
  for (const key of ['name', 'namespace']) if (typeof pod.metadata[key] === 'string') metadata[key] = pod.metadata[key];
  return new PodView(metadata, spec);
}

interface ExemptContext {
  readonly pod: PodView;
  readonly probe: PodView;
  readonly containerLevel: boolean;
}

/** Remove from `defaults` the errors the probe also reports; `probes` holds only the exclude's control's checks. */
function exempt(
  defaults: CheckResult[],
  probes: CheckResult[],
  exclude: PodSecurityExclude,
  ctx: ExemptContext,
): CheckResult[] {
  const byId = byCheckId(defaults);
  for (const probeResult of probes) {
    for (const probeError of probeResult.errors) {
      const ex = locate(probeError.field, ctx.probe, ctx.containerLevel);
      if (exclude.restrictedField && ex.pattern !== exclude.restrictedField) continue;
      if (!valuesAllow(exclude.values, probeError)) continue;
      const target = byId.get(probeResult.id);
      if (!target) continue;
      const idx = target.errors.findIndex((e) => sameField(ex, locate(e.field, ctx.pod, ctx.containerLevel)));
      if (idx >= 0) swapRemove(target.errors, idx);
      if (target.errors.length === 0) byId.delete(probeResult.id);
    }
  }
  return [...byId.values()];
}

/** Kyverno: every bad value must match a `values` pattern; errors without bad values always pass. */
function valuesAllow(values: readonly string[] | undefined, error: FieldError): boolean {
  if (!Array.isArray(values) || values.length === 0) return true;
  return badValueStrings(error.badValue).every((b) => values.some((p) => typeof p === 'string' && wildcardMatch(p, b)));
}

function sameField(ex: Located, d: Located): boolean {
  if (d.containerName === undefined) return ex.pattern === d.pattern;
  return ex.pattern === d.pattern && (ex.containerName ?? '') === d.containerName;
}

/** Kyverno's parseField: all digit runs become "*"; the second word names the container kind. */
function locate(field: string, pod: PodView, containerLevel: boolean): Located {
  const pattern = field.replace(/\d+/g, '*');
  if (!containerLevel) return { pattern };
  const kind = (field.match(/[a-zA-Z]+/g) ?? [])[1];
  if (!isContainerKind(kind)) return { pattern };
  const index = Number((/\d+/.exec(field) ?? ['0'])[0]);
  const container = list(pod.spec, kind)[index];
  return { pattern, containerName: isObject(container) ? str(container, 'name') : '' };
}

function isContainerKind(k: string | undefined): k is ContainerKind {
  return k !== undefined && (CONTAINER_KINDS as readonly string[]).includes(k);
}

/** Go's remove(): move the last element into the hole. */
function swapRemove<T>(xs: T[], i: number): void {
  xs[i] = xs[xs.length - 1];
  xs.pop();
}
