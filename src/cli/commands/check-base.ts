// `tollgate check --base REF`: check the base revision too, and keep only what the change introduced (or fixed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { CheckFinding, CheckReport } from '../../report/check-model.js';
import { UserError } from '../errors.js';
import { findingKey, summarize } from './check-run.js';

const FAILING = new Set(['fail', 'error', 'warn']);

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new UserError(`--base needs git: ${r.error.message}`);
  if (r.status !== 0) throw new UserError(`git ${args.join(' ')}: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout.trim();
}

/** Check out `ref` into a temporary worktree, run `check` on the same sub-path there, and clean up. */
export function withBaseCheckout<T>(root: string, ref: string, run: (baseRoot: string) => T): T {
  const top = git(resolve(root), ['rev-parse', '--show-toplevel']);
  const known = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: top });
  if (known.status !== 0)
    throw new UserError(
      `--base ${ref}: no such commit, branch or tag in ${top} (in CI, fetch the base branch first, e.g. actions/checkout with fetch-depth: 0)`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-base-'));
  try {
    git(top, ['worktree', 'add', '--detach', '--quiet', dir, ref]);
    return run(join(dir, relative(top, resolve(root))));
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: top });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Keep the head findings that are new failures (and passes), plus, with `showFixed`, base failures that are gone. */
export function compareWithBase(head: CheckReport, base: CheckReport, showFixed: boolean): CheckReport {
  const baseFailing = new Set(base.results.filter((f) => FAILING.has(f.result)).map(findingKey));
  const headFailing = new Set(head.results.filter((f) => FAILING.has(f.result)).map(findingKey));
  const isUnchanged = (f: CheckFinding) => FAILING.has(f.result) && baseFailing.has(findingKey(f));
  const results: CheckFinding[] = head.results
    .filter((f) => !isUnchanged(f))
    .map((f) => (FAILING.has(f.result) ? { ...f, change: 'new' as const } : f));
  const unchanged = head.results.length - results.length;
  let fixed = 0;
  if (showFixed)
    for (const f of base.results)
      if (FAILING.has(f.result) && !headFailing.has(findingKey(f))) {
        results.push({ ...f, result: 'pass', change: 'fixed' as const, message: `fixed: ${f.message}` });
        fixed++;
      }
  // Passes the head run counted without listing them count here too.
  const unlisted = head.summary.pass - head.results.filter((f) => f.result === 'pass').length;
  const summary = {
    ...summarize(results, head.summary.resources, unlisted),
    unchanged,
    ...(showFixed ? { fixed } : {}),
  };
  return { ...head, results, summary };
}
