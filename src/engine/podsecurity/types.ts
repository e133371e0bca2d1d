// Public types of validate.podSecurity (spec §4.11) and the typed error thrown for unusable specs.

/** A Pod Security Standards level. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** One `exclude` entry (rule-level or from a PolicyException's `podSecurity`). */
export interface PodSecurityExclude {
  controlName: string;
  images?: string[];
  restrictedField?: string;
  values?: string[];
}

/** The `validate.podSecurity` block. */
export interface PodSecuritySpec {
  level: PodSecurityLevel;
  version?: string;
  exclude?: PodSecurityExclude[];
}

/** One failed check after excludes. */
export interface PodSecurityCheckFailure {
  /** PSS control name, e.g. "Host Namespaces". */
  controlName: string;
  /** pod-security-admission check id, e.g. "hostNamespaces". */
  checkId: string;
  /** Upstream forbidden reason, e.g. "host namespaces". */
  reason: string;
  /** Offending field paths as Kyverno reports them (rewritten for pod controllers). */
  fields: string[];
  /** Offending values, stringified as Kyverno matches them against `exclude.values`. */
  values: string[];
}

/** Outcome of evaluating one resource. */
export interface PodSecurityResult {
  allowed: boolean;
  failures: PodSecurityCheckFailure[];
  /** Text after "Validation rule '<rule>' failed. "; empty when allowed. */
  message: string;
  /** True when failures remained after the rule's excludes but the extra excludes cleared them (→ skip). */
  exempted: boolean;
}

/** Thrown by evaluatePodSecurity for a spec Kyverno cannot evaluate (unknown level, unparsable version). */
export class PodSecurityError extends Error {
  override readonly name = 'PodSecurityError';
}
