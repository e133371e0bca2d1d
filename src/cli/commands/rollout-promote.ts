// `tollgate rollout promote POLICY [REPO] [--namespace NS...] [--force]`: switch a policy from Audit to Enforce in
// its file in the repository (edited in place: comments and formatting kept), everywhere or in the namespaces
// named, after `rollout status` shows it ready there.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validationModes, type Clock } from '../../engine/index.js';
import type { PolicyRollout } from '../../rollout/model.js';
import { promoteInText, promotionDiff } from '../../rollout/promote.js';
import { policiesUnderRollout } from '../../rollout/sources.js';
import { EXIT, UserError } from '../errors.js';
import { readGitSide, runRolloutStatus, type GitSide, type RolloutStatusOptions } from './rollout.js';

/** Options of `rollout promote`: where the cluster side comes from, and what to promote. */
export interface RolloutPromoteOptions extends Omit<RolloutStatusOptions, 'output' | 'policy'> {
  /** Enforce only in these namespaces (the policy keeps auditing elsewhere). */
  readonly namespace?: readonly string[];
  /** Promote even though blockers remain. */
  readonly force?: boolean;
}

/** What promote printed and its exit code. */
export interface RolloutPromoteRun {
  readonly output: string;
  readonly notes: string[];
  readonly exitCode: number;
}

/** Check readiness, edit the policy's file, return the diff; exit 1 when not ready (and nothing is written). */
export async function runRolloutPromote(
  policy: string,
  repo: string,
  opts: RolloutPromoteOptions,
  clock: Clock,
): Promise<RolloutPromoteRun> {
  const git = readGitSide(repo, opts.policies, clock);
  const doc = policyDocument(git, repo, policy);
  if (!policiesUnderRollout(validationModes(git.policySet)).some((p) => p.policy === policy))
    throw new UserError(`${policy} already enforces everywhere: nothing to promote`);
  // Promote's options are rollout status's plus its own (--namespace, --force), which status does not take.
  const { namespace: _namespace, force: _force, ...shared } = opts;
  const statusOptions = { ...shared, policy: [policy], output: 'json' as const };
  const { status, notes } = await runRolloutStatus(repo, statusOptions, clock, { git });
  const rollout = status.policies.find((p) => p.policy === policy)!;
  const refusal = opts.force ? undefined : notReady(rollout, opts.namespace);
  if (refusal) return { output: '', notes: [...notes, refusal], exitCode: EXIT.violations };
  const file = join(repo, doc.file);
  const before = readFileSync(file, 'utf8');
  const edited = promoteInText(before, doc.ref, { namespaces: opts.namespace });
  if ('error' in edited) throw new UserError(`${doc.file}:${doc.line}: ${edited.error}`);
  writeFileSync(file, edited.text);
  return {
    output: promotionDiff(doc.file, before, edited.text),
    notes: [...notes, ...edited.notes],
    exitCode: EXIT.ok,
  };
}

// The policy's document in the repository, by the key results and reports name it with (`namespace/name` for
// namespaced kinds, a Policy without a namespace being in `default`).
function policyDocument(git: GitSide, repo: string, key: string) {
  const p = git.repositoryPolicies.find((x) => x.key === key);
  if (!p?.source) throw new UserError(`no policy ${key} in ${repo}: promote edits a policy file of the repository`);
  return { file: p.source.file, line: p.source.pos.line, ref: { kind: p.kind, name: p.name, namespace: p.namespace } };
}

// Ready everywhere, or in each namespace named; otherwise say what blocks and what could be promoted instead.
function notReady(p: PolicyRollout, namespaces: readonly string[] | undefined): string | undefined {
  const ready = p.namespaces.filter((n) => n.ready).map((n) => n.namespace);
  if (!namespaces) {
    if (p.ready) return undefined;
    const count = p.blockers.length;
    const hint = ready.length ? `; ready namespaces: ${ready.join(', ')} (promote those with --namespace)` : '';
    return count === 0
      ? `${p.policy} is not ready: nothing was evaluated for it (--force to promote anyway)`
      : `${p.policy} is not ready: ${count} resource${count === 1 ? '' : 's'} would be blocked (see rollout status)${hint}; --force to promote anyway`;
  }
  const blocked = namespaces.filter((ns) => p.namespaces.find((n) => n.namespace === ns)?.ready !== true);
  if (blocked.length === 0) return undefined;
  return `${p.policy} is not ready in ${blocked.join(', ')} (blockers there, or nothing evaluated); --force to promote anyway`;
}
