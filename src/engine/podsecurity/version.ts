// Policy versions of validate.podSecurity: "latest" or "v1.<minor>".

/** A parsed version: the minor of v1.x, or 'latest'. */
export type PssVersion = number | 'latest';

/** Oldest and newest versions a policy may name (spec §4.11: v1.19 … v1.32). */
export const MIN_POLICY_MINOR = 19;
export const MAX_POLICY_MINOR = 32;

/** Parse like Kyverno's ParseVersion: empty or "latest" → 'latest'; "v1.N" → N; otherwise undefined. */
export function parseVersion(version: string | undefined): PssVersion | undefined {
  if (version === undefined || version === '' || version === 'latest') return 'latest';
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** True for a version a policy may declare (load-time check). */
export function isPolicyVersion(version: string): boolean {
  const v = parseVersion(version);
  return v === 'latest' || (v !== undefined && v >= MIN_POLICY_MINOR && v <= MAX_POLICY_MINOR);
}
