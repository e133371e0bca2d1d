// Kyverno: spec §13.3–13.4 — the denial message and the admission warnings built from rule results.
import { Document, isScalar, stringify, visit } from 'yaml';
import { type ResourceId, type RuleResult } from '../../engine/index.js';

/** Rule results of one policy, with the policy's display name (metadata.name). */
export interface NamedResults {
  readonly policyName: string;
  readonly rules: readonly RuleResult[];
}

/** The blocked-request message listing every non-pass, non-skip rule per policy; '' when there is none. */
export function blockedMessage(resource: ResourceId, responses: readonly NamedResults[]): string {
  const failures: Record<string, Record<string, string>> = {};
  for (const r of responses) {
    const reasons = r.rules.filter((x) => x.status !== 'pass' && x.status !== 'skip');
    if (reasons.length === 0) continue;
    failures[r.policyName] = Object.fromEntries(reasons.map((x) => [x.rule, x.message]));
  }
  if (Object.keys(failures).length === 0) return '';
  const yaml = goYaml(failures);
  // Kyverno: the trailing space after "policies" is part of the message (spec §13.3).
  return `\n\nresource ${resource.kind}/${resource.namespace}/${resource.name} was blocked due to the following policies \n\n${yaml}`;
}

/** `policy <policy>.<rule>: <message>` for each given rule result (spec §13.4). */
export function warningsFor(policyName: string, rules: readonly RuleResult[]): string[] {
  return rules.map((r) => `policy ${policyName}.${r.rule}: ${r.message}`);
}

// Kyverno marshals with go-yaml: plain scalars where possible, otherwise single quotes ('' escapes a quote).
function goYaml(value: Record<string, Record<string, string>>): string {
  const doc = new Document(value, { sortMapEntries: true });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^["']/.test(stringify(node.value)))
        node.type = 'QUOTE_SINGLE';
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0 }).split('\n').map(foldLikeLibyaml).join('\n');
}

const BEST_WIDTH = 80;

// libyaml breaks a plain or single-quoted value at the first single space once the column passes 80,
// continuing two columns deeper than the key; the yaml package folds before the limit instead.
function foldLikeLibyaml(line: string): string {
  const m = /^( *)[^ '"][^:]*: (?=[^"])/.exec(line);
  if (!m || line.length <= BEST_WIDTH) return line;
  const indent = ' '.repeat(m[1].length + 2);
  let out = line.slice(0, m[0].length);
  let column = out.length;
  for (let i = m[0].length; i < line.length; i++) {
    const c = line[i];
    const breakable = c === ' ' && line[i - 1] !== ' ' && line[i + 1] !== ' ' && i < line.length - 2;
    if (breakable && column > BEST_WIDTH) {
      out += `\n${indent}`;
      column = indent.length;
    } else {
      out += c;
      column++;
    }
  }
  return out;
}
