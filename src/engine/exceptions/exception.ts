// Kyverno: spec §11 — PolicyException (kyverno.io/v2, v2beta1), compiled once at load.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { compileMatch, type CompiledMatch } from '../match/match.js';
import { compileConditions, type CompiledConditions, type ConditionBlock } from '../conditions/conditions.js';
import type { PodSecurityExclude } from '../podsecurity/index.js';
import type { JsonPath } from '../result/location.js';
import type { SourceDocument } from '../source/documents.js';

/** Our own annotation: after this RFC 3339 instant the exception no longer applies. */
export const EXPIRES_ANNOTATION = 'tollgate.dev/expires';

/** A PolicyException ready to be matched against rule evaluations. */
export interface CompiledException {
  /** `namespace/name`, as Kyverno names exceptions in messages and reports. */
  readonly key: string;
  readonly entries: readonly { readonly policyName: string; readonly ruleNames: readonly string[] }[];
  readonly match?: CompiledMatch;
  readonly conditions?: CompiledConditions;
  readonly podSecurity?: readonly PodSecurityExclude[];
  /** Expiry from the `tollgate.dev/expires` annotation. */
  readonly expires?: Date;
  readonly source?: SourceDocument;
}

/** A problem with an exception document, at a path. */
export interface ExceptionProblem {
  readonly path: JsonPath;
  readonly message: string;
}

/** Compile a PolicyException document, returning the problems that make it unusable. */
export function compileException(
  doc: JsonObject,
  source?: SourceDocument,
): { exception?: CompiledException; problems: ExceptionProblem[] } {
  const problems: ExceptionProblem[] = [];
  const md = isObject(doc.metadata) ? doc.metadata : {};
  const spec = isObject(doc.spec) ? doc.spec : {};
  const entries = Array.isArray(spec.exceptions) ? spec.exceptions : [];
  if (entries.length === 0)
    problems.push({ path: ['spec'], message: 'spec.exceptions must list at least one policyName with ruleNames' });
  entries.forEach((e, i) => {
    if (!isObject(e) || typeof e.policyName !== 'string' || !Array.isArray(e.ruleNames))
      problems.push({ path: ['spec', 'exceptions', i], message: 'each exception needs policyName and ruleNames' });
  });
  const match = compileMatch(spec.match);
  if (!match) problems.push({ path: ['spec'], message: 'spec.match is required (any or all resource filters)' });
  const expires = expiryOf(md.annotations, problems);
  if (problems.length > 0) return { problems };
  const namespace = String(md.namespace ?? '');
  return {
    problems,
    exception: {
      key: namespace ? `${namespace}/${String(md.name ?? '')}` : String(md.name ?? ''),
      entries: entries
        .filter(isObject)
        .map((e) => ({ policyName: String(e.policyName), ruleNames: (e.ruleNames as JsonValue[]).map(String) })),
      match,
      conditions:
        Array.isArray(spec.conditions) || isObject(spec.conditions)
          ? compileConditions(spec.conditions as ConditionBlock)
          : undefined,
      podSecurity: Array.isArray(spec.podSecurity) ? (spec.podSecurity as unknown as PodSecurityExclude[]) : undefined,
      expires,
      source,
    },
  };
}

function expiryOf(annotations: JsonValue | undefined, problems: ExceptionProblem[]): Date | undefined {
  const raw = isObject(annotations) ? annotations[EXPIRES_ANNOTATION] : undefined;
  if (raw === undefined) return undefined;
  const d =
    typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw)
      ? new Date(raw)
      : undefined;
  if (!d || Number.isNaN(d.getTime())) {
    problems.push({
      path: ['metadata', 'annotations', EXPIRES_ANNOTATION],
      message: `${EXPIRES_ANNOTATION} must be an RFC 3339 date such as 2026-12-31 or 2026-12-31T00:00:00Z`,
    });
    return undefined;
  }
  return d;
}
