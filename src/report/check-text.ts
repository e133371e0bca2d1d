// Human output of `tollgate check`: problems grouped by file with code frames, then load errors, skips and a summary.
import { renderSourceError } from '../engine/index.js';
import { painter, type Paint, type Tone } from './ansi.js';
import {
  blocksSync,
  compareText,
  groupByFile,
  isProblem,
  locationText,
  resourceLabel,
  ruleId,
} from './check-finding.js';
import type { CheckFinding, CheckReport, CheckSummary } from './check-model.js';
import { codeFrame } from './code-frame.js';
import { joinChunks } from './serialize/chunks.js';

/** Options of the text output. */
export interface CheckTextOptions {
  /** Colour with ANSI escape codes. */
  readonly color: boolean;
  /** The text of a repository file, for code frames; undefined when it cannot be shown. */
  readonly source?: (file: string) => string | undefined;
  /** `--strict`: Audit failures and rule errors fail the check too, and their tags say so. */
  readonly strict?: boolean;
}

const STATUS_TONE: Record<string, Tone> = { fail: 'red', warn: 'yellow', error: 'magenta' };

/** Render a check report for a terminal; pure, returns the text (ending in a newline). */
export function renderCheckText(report: CheckReport, opts: CheckTextOptions): string {
  return joinChunks(checkTextChunks(report, opts));
}

/** The text of renderCheckText in pieces, a file at a time: a file's source is read once, for its findings only. */
export function* checkTextChunks(report: CheckReport, opts: CheckTextOptions): Generator<string> {
  const paint = painter(opts.color);
  for (const [file, findings] of groupByFile(report.results.filter(isProblem))) {
    const text = opts.source?.(file);
    const out = [paint('bold', file)];
    for (const f of findings) out.push(...findingLines(f, paint, !!opts.strict, text), '');
    yield out.join('\n') + '\n';
  }
  const out: string[] = [];
  if (checksMade(report.summary) === 0) out.push(paint('red', 'Nothing was checked.'), '');
  else if (!report.results.some(isProblem)) out.push(paint('green', 'No failing checks.'), '');
  out.push(...section('Errors:', report.errors, renderSourceError, paint, 'red'));
  // Documents and rules not evaluated; the summary's "skipped" counts rules that answered skip.
  out.push(...section('Not evaluated:', report.skipped, (s) => `${s.path}: ${s.reason}`, paint, 'cyan'));
  const fixed = report.results.filter((f) => f.change === 'fixed');
  out.push(...section('Fixed by this change:', [...fixed].sort(byFileLine), fixedLine, paint, 'green'));
  out.push(summaryLine(report.summary, paint));
  yield out.join('\n') + '\n';
}

function findingLines(f: CheckFinding, paint: Paint, strict: boolean, text: string | undefined): string[] {
  const tone = STATUS_TONE[f.result];
  const head = [
    paint(tone, f.result.padEnd(5)),
    locationText(f),
    paint('bold', ruleId(f)),
    resourceLabel(f.resource),
    paint(tone, tag(f, strict)) + (f.change === 'new' ? ` ${paint('cyan', '(new)')}` : ''),
  ];
  const message = f.message.split(/\r?\n/).map((l) => `    ${l}`);
  const style = { gutter: (s: string) => paint('dim', s), marker: (s: string) => paint(tone, s) };
  const frame = text === undefined ? [] : codeFrame(text, f.line, f.column, style).map((l) => `    ${l}`);
  return [`  ${head.join('  ')}`, ...message, ...frame];
}

/** The action tag: whether the finding blocks the sync, is reported only, or fails only under --strict. */
function tag(f: CheckFinding, strict: boolean): string {
  if (blocksSync(f)) return '[Enforce — blocks sync]';
  if (f.result === 'warn') return '[Warning]';
  return strict ? `[${f.action} — fails with --strict]` : `[${f.action}]`;
}

function fixedLine(f: CheckFinding): string {
  return `${locationText(f)}  ${ruleId(f)}  ${resourceLabel(f.resource)}`;
}

function byFileLine(a: CheckFinding, b: CheckFinding): number {
  return compareText(a.file, b.file) || a.line - b.line;
}

function section<T>(title: string, items: readonly T[], line: (t: T) => string, paint: Paint, tone: Tone): string[] {
  if (items.length === 0) return [];
  return [paint(tone, paint('bold', title)), ...items.map((i) => `  ${line(i)}`), ''];
}

// Rule results of the run. With --base, failures the base has too are counted, not listed; fixed ones are listed
// as passes but are the base's.
function checksMade(s: CheckSummary): number {
  return s.pass + s.fail + s.warn + s.error + s.skip + (s.unchanged ?? 0) - (s.fixed ?? 0);
}

// The counts start with resources, so no line is ever just "N passed, N failed" (CI tooling greps for that).
function summaryLine(s: CheckSummary, paint: Paint): string {
  const checks = checksMade(s);
  const base =
    s.unchanged === undefined
      ? ''
      : `; compared with the base: ${s.fail} new failures, ${s.unchanged} failing there too (not listed)` +
        (s.fixed === undefined ? '' : `, ${s.fixed} fixed`);
  const text =
    `${s.resources} resources, ${checks} checks: ${s.pass} passed, ${s.fail} failed (${s.blocking} blocking), ` +
    `${s.warn} warnings, ${s.error} errors, ${s.skip} skipped${base}`;
  const tone: Tone = s.blocking > 0 ? 'red' : s.fail + s.warn + s.error > 0 ? 'yellow' : 'green';
  return paint(tone, text);
}
