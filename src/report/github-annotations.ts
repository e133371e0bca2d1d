// GitHub Actions workflow commands (`::error file=…::message`) that annotate the pull request diff.
import { byLocation, isProblem, problemLevel, resourceLabel, ruleId, splitPathLine } from './check-finding.js';
import type { CheckFinding, CheckReport, CheckSkip } from './check-model.js';

type Command = 'error' | 'warning' | 'notice';

/** Render problems as annotations (`error` for Enforce failures and errors, else `warning`), load errors and skips. */
export function renderGithubAnnotations(report: CheckReport): string {
  const lines = [
    ...report.results
      .filter(isProblem)
      .sort(byLocation)
      .map((f) => command(problemLevel(f), annotationProps(f), `${resourceLabel(f.resource)}: ${f.message}`)),
    ...report.errors.map((e) => command('error', { file: e.file, line: e.line, title: 'load error' }, e.message)),
    ...report.skipped.map(skipNotice),
  ];
  return lines.map((l) => l + '\n').join('');
}

function annotationProps(f: CheckFinding): Record<string, string | number | undefined> {
  return { file: f.file, line: f.line, col: f.column, title: ruleId(f) };
}

// A skip names a `file:line`, a file or a directory; only `file:line` is anchored, a bare path may be a directory.
function skipNotice(s: CheckSkip): string {
  const at = splitPathLine(s.path);
  const props = at.line ? { file: at.file, line: at.line, title: 'not evaluated' } : { title: 'not evaluated' };
  return command('notice', props, `${s.path}: ${s.reason}`);
}

/** One workflow command line: properties with unknown or zero values are left out. */
export function command(name: Command, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${list.length ? ` ${list.join(',')}` : ''}::${escapeData(message)}`;
}

/** Escape command data as GitHub's toolkit does: `%`, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value: the data escapes plus `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
