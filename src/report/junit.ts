// JUnit XML output of `tollgate check`: a test suite per file, a test case per resource × rule.
import { compareText, groupByFile, locationText, resourceLabel, ruleId } from './check-finding.js';
import type { CheckError, CheckFinding, CheckReport, CheckSkip } from './check-model.js';
import { escapeXmlAttr, escapeXmlText } from './xml-escape.js';
import { joinChunks } from './serialize/chunks.js';
import { addToGroup } from './groups.js';

/** One `<testcase>` before rendering. */
interface Case {
  readonly name: string;
  readonly classname: string;
  readonly outcome?: {
    readonly tag: 'failure' | 'error' | 'skipped';
    readonly type?: string;
    readonly message: string;
  };
  readonly body?: string;
  readonly output?: string;
}

/**
 * Render the report as JUnit XML. Failing rules are `<failure>`, rules that could not be evaluated and load errors
 * are `<error>`, skipped rules and skipped paths are `<skipped>`, and warnings pass with the warning in `<system-out>`.
 */
export function renderJunit(report: CheckReport): string {
  return joinChunks(junitChunks(report));
}

/** The XML of renderJunit in pieces, a suite at a time: a large repository's report is never one string. */
export function* junitChunks(report: CheckReport): Generator<string> {
  const suites = new Map<string, Case[]>();
  for (const [file, findings] of groupByFile(report.results))
    for (const f of findings) addToGroup(suites, file, findingCase(f));
  for (const e of report.errors) addToGroup(suites, e.file, loadErrorCase(e));
  for (const s of report.skipped) addToGroup(suites, s.path, skippedPathCase(s));
  const ordered = [...suites].sort(([a], [b]) => compareText(a, b));
  const all = ordered.flatMap(([, cases]) => cases);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tollgate check" ${countAttrs(all)}>\n`;
  for (const [name, cases] of ordered) yield suiteLines(name, cases).join('\n') + '\n';
  yield '</testsuites>\n';
}

function findingCase(f: CheckFinding): Case {
  const base = { name: `${ruleId(f)} ${resourceLabel(f.resource)}`, classname: f.file };
  const body = `${f.message}\n${locationText(f)}`;
  switch (f.result) {
    case 'fail':
      return { ...base, outcome: { tag: 'failure', type: f.action, message: f.message }, body };
    case 'error':
      return { ...base, outcome: { tag: 'error', type: 'error', message: f.message }, body };
    case 'skip':
      return { ...base, outcome: { tag: 'skipped', message: f.message } };
    case 'warn':
      return { ...base, output: `warning: ${body}` };
    default:
      return base;
  }
}

function loadErrorCase(e: CheckError): Case {
  const body = `${e.message}\n${e.file}:${e.line}`;
  return {
    name: `load error at ${e.file}:${e.line}`,
    classname: e.file,
    outcome: { tag: 'error', type: 'load', message: e.message },
    body,
  };
}

function skippedPathCase(s: CheckSkip): Case {
  return { name: `not evaluated ${s.path}`, classname: s.path, outcome: { tag: 'skipped', message: s.reason } };
}

function countAttrs(cases: readonly Case[]): string {
  const n = (tag: string) => cases.filter((c) => c.outcome?.tag === tag).length;
  return `tests="${cases.length}" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}"`;
}

function suiteLines(name: string, cases: readonly Case[]): string[] {
  return [
    `  <testsuite name="${escapeXmlAttr(name)}" ${countAttrs(cases)}>`,
    ...cases.flatMap(caseLines),
    '  </testsuite>',
  ];
}

function caseLines(c: Case): string[] {
  const open = `    <testcase name="${escapeXmlAttr(c.name)}" classname="${escapeXmlAttr(c.classname)}"`;
  const inner: string[] = [];
  if (c.outcome) {
    const o = c.outcome;
    const attrs = `message="${escapeXmlAttr(o.message)}"${o.type ? ` type="${escapeXmlAttr(o.type)}"` : ''}`;
    inner.push(c.body ? `      <${o.tag} ${attrs}>${escapeXmlText(c.body)}</${o.tag}>` : `      <${o.tag} ${attrs}/>`);
  }
  if (c.output) inner.push(`      <system-out>${escapeXmlText(c.output)}</system-out>`);
  return inner.length ? [`${open}>`, ...inner, '    </testcase>'] : [`${open}/>`];
}
