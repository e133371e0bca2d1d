// Kyverno's denial as kubectl prints it (spec §13.3): which webhook denied which resource, and the failing rules of
// each blocking policy, read back out of kubectl's stderr.
import { parse } from 'yaml';

/** One denial: the webhook's name, the resource the message names and `policy → rule → message`. */
export interface Denial {
  readonly webhook: string;
  readonly resource: { readonly kind: string; readonly namespace: string; readonly name: string };
  readonly policies: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

// `admission webhook "<name>" denied the request: \n\nresource <Kind>/<namespace>/<name> was blocked due to the
// following policies \n\n<YAML>` (cluster-scoped resources have an empty namespace: `Kind//name`).
const HEAD =
  /admission webhook "([^"]+)" denied the request: \n\nresource ([^/\s]+)\/([^/\s]*)\/(\S+) was blocked due to the following policies \n\n/;

/** The denial in kubectl's stderr, or undefined when stderr holds no Kyverno-style denial. */
export function parseDenial(stderr: string): Denial | undefined {
  const m = HEAD.exec(stderr);
  if (!m) return undefined;
  const body: unknown = parse(stderr.slice(m.index + m[0].length));
  if (!isRecord(body)) throw new Error(`denial without a policy map:\n${stderr}`);
  const policies: Record<string, Record<string, string>> = {};
  for (const [policy, rules] of Object.entries(body)) {
    if (!isRecord(rules)) throw new Error(`denial: policy ${policy} has no rule map:\n${stderr}`);
    policies[policy] = {};
    for (const [rule, message] of Object.entries(rules)) policies[policy][rule] = String(message);
  }
  return { webhook: m[1], resource: { kind: m[2], namespace: m[3], name: m[4] }, policies };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
