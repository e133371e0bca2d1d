// Kyverno CLI: the REST mapping of a kind to its plural resource (kyverno-cel-semantics §6.3 "GVK / GVR").
import { isObject, type JsonObject } from '../json.js';

// Built-in kinds whose plural the guessing rule below gets wrong (the CLI's discovery data knows them); the guess
// is right for every other built-in kind (Ingress → ingresses, NetworkPolicy → networkpolicies).
const IRREGULAR: Readonly<Record<string, string>> = { Endpoints: 'endpoints' };

/** Plural resource names of custom kinds, from the CRDs among `objects` (keyed by `group|kind`). */
export function crdPlurals(objects: readonly JsonObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !isObject(o.spec) || !isObject(o.spec.names)) continue;
    const { kind, plural } = o.spec.names;
    if (typeof kind === 'string' && typeof plural === 'string')
      out.set(`${String(o.spec.group ?? '')}|${kind}`, plural);
  }
  return out;
}

/**
 * The plural resource of `kind` in `apiVersion`'s group: a CRD's declared plural, a known irregular built-in,
 * else Kubernetes' guess — lower-case, `+es` after a final `s`, final `y` → `ies`, otherwise `+s`.
 */
export function pluralResourceOf(apiVersion: string, kind: string, crds?: ReadonlyMap<string, string>): string {
  const fromCrd = crds?.get(`${groupOf(apiVersion)}|${kind}`);
  if (fromCrd) return fromCrd;
  const known = IRREGULAR[kind];
  if (known) return known;
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** The API group of an apiVersion (`''` for core `v1`). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** The version of an apiVersion. */
export function versionOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
}
