// Shared wording and ordering of check findings, so every output format names things the same way.
import type { CheckFinding } from './check-model.js';
import { addToGroup } from './groups.js';

/** Results the problem-oriented formats report (text, SARIF, annotations); passes and skips only go to JSON and JUnit. */
const PROBLEMS = new Set(['fail', 'warn', 'error']);

/** Whether a finding is a problem worth reporting: a failure, a warning or an evaluation error. */
export function isProblem(f: CheckFinding): boolean {
  return PROBLEMS.has(f.result);
}

/** Whether a finding blocks the Argo CD sync: a failing Enforce rule. */
export function blocksSync(f: CheckFinding): boolean {
  return f.result === 'fail' && f.action === 'Enforce';
}

/** The rule id used across formats: `policy/rule`. */
export function ruleId(f: Pick<CheckFinding, 'policy' | 'rule'>): string {
  return `${f.policy}/${f.rule}`;
}

/** A resource as `Kind namespace/name`, or `Kind name` when cluster-scoped. */
export function resourceLabel(r: CheckFinding['resource']): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** Code-unit string order: stable whatever the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order findings by file, line, column, then rule and resource, so output is stable. */
export function byLocation(a: CheckFinding, b: CheckFinding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(ruleId(a), ruleId(b)) ||
    compareText(resourceLabel(a.resource), resourceLabel(b.resource))
  );
}

/** Findings grouped by file, files in order and each group ordered by line. */
export function groupByFile(findings: readonly CheckFinding[]): [string, CheckFinding[]][] {
  const groups = new Map<string, CheckFinding[]>();
  for (const f of [...findings].sort(byLocation)) addToGroup(groups, f.file, f);
  return [...groups];
}

/** A repository path as a relative URI reference: forward slashes, each segment percent-encoded. */
export function repoUri(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/');
  return segments.map(encodeURIComponent).join('/');
}

/** `file:line` paths of skips and errors split apart; a plain path has no line. */
export function splitPathLine(path: string): { file: string; line?: number } {
  const at = /^(.+):(\d+)$/.exec(path);
  return at ? { file: at[1], line: Number(at[2]) } : { file: path };
}

/**
 * How loudly a problem is reported: `error` for a failing Enforce rule (it blocks the sync) and for an Enforce rule
 * that could not be evaluated (admission would refuse it under the default failurePolicy Fail); `warning` for Audit
 * failures, Audit rule errors and `warn` results.
 */
export function problemLevel(f: CheckFinding): 'error' | 'warning' {
  return blocksSync(f) || (f.result === 'error' && f.action === 'Enforce') ? 'error' : 'warning';
}

/** A position as editors and terminals link it: `file:line`, or `file:line:column` when the column is known. */
export function locationText(f: { file: string; line: number; column?: number }): string {
  return `${f.file}:${f.line}${f.column ? `:${f.column}` : ''}`;
}
