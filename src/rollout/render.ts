// `tollgate rollout status` output: a terminal view, the JSON contract, and Markdown for a PR comment.
import type { Blocker, BlockerWhere, PolicyRollout, RolloutStatus } from './model.js';

/** Render the status as `text`, `json` (the contract) or `markdown`. */
export function renderRollout(status: RolloutStatus, format: 'text' | 'json' | 'markdown'): string {
  if (format === 'json') return JSON.stringify(status, null, 2) + '\n';
  if (format === 'markdown') return renderMarkdown(status);
  return renderText(status);
}

const WHERE: Record<BlockerWhere, string> = {
  both: 'fails in Git and in the cluster',
  'git-fixed-not-synced': 'fixed in Git, not synced yet',
  cluster: 'only in the cluster',
  git: 'only in Git',
};

// A `cluster` blocker whose resource is in Git: Git's version was not evaluated by the policy (offline, e.g. a
// namespaceSelector without the Namespace's labels), so it is not known to be fixed there.
function whereText(b: Blocker): string {
  return b.where === 'cluster' && b.file
    ? 'fails in the cluster; its Git version is not evaluated by this policy'
    : WHERE[b.where];
}

function verdict(p: PolicyRollout): string {
  if (p.ready) return 'ready to enforce';
  if (p.blockers.length === 0) return 'not ready: no resource was evaluated';
  return `not ready: ${p.blockers.length} blocker${p.blockers.length === 1 ? '' : 's'}`;
}

function subject(b: Blocker): string {
  const r = b.resource;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function owner(b: Blocker): string {
  const app =
    b.application === null
      ? b.where === 'cluster'
        ? 'unmanaged'
        : 'no Application'
      : `Application ${b.application}${b.selfHeal ? ' (self-heals: Enforce would reject every re-sync)' : ''}`;
  return [b.team ? `team ${b.team}` : 'team unknown', app].join(', ');
}

function fixAt(b: Blocker): string {
  if (b.where === 'git-fixed-not-synced')
    return `fixed in ${b.file}:${b.line ?? 0}; sync ${b.application ? `Application ${b.application}` : 'it'}`;
  return b.file ? `${b.file}:${b.line ?? 0}` : 'the live object';
}

function renderText(status: RolloutStatus): string {
  const out: string[] = [];
  for (const p of status.policies) {
    out.push(`${p.policy} (${p.kind}, ${p.mode}): ${verdict(p)}`);
    out.push(`  evaluated: ${p.evaluated.git} resources in Git, ${p.evaluated.cluster} in the cluster`);
    for (const b of p.blockers) {
      out.push(`  ✗ ${subject(b)}: ${whereText(b)}`);
      out.push(`      ${owner(b)}`);
      out.push(`      fix: ${fixAt(b)}${b.lastSeen ? ` (last seen failing ${b.lastSeen})` : ''}`);
      out.push(`      ${b.rules.join(', ')}: ${firstLine(b.message)}`);
    }
    if (p.namespaces.length > 0)
      out.push(
        `  namespaces: ${p.namespaces.map((n) => `${n.namespace} ${n.ready ? 'ready' : `not ready (${n.blockers})`}`).join(', ')}`,
      );
    out.push('');
  }
  out.push(summaryLine(status));
  return out.join('\n') + '\n';
}

function renderMarkdown(status: RolloutStatus): string {
  const out: string[] = ['## Audit → Enforce readiness', '', summaryLine(status), ''];
  for (const p of status.policies) {
    out.push(`### ${p.ready ? '✅' : '❌'} \`${p.policy}\` (${p.kind}, ${p.mode}): ${verdict(p)}`, '');
    out.push(`Evaluated ${p.evaluated.git} resources in Git, ${p.evaluated.cluster} in the cluster.`, '');
    if (p.blockers.length > 0) {
      out.push('| Resource | Where | Team | Application | Fix at | Message |', '|---|---|---|---|---|---|');
      for (const b of p.blockers)
        out.push(
          `| ${cell(subject(b))} | ${whereText(b)} | ${cell(b.team ?? '—')} | ${cell(
            b.application ?? (b.where === 'cluster' ? 'unmanaged' : '—'),
          )}${b.selfHeal ? ' (self-heal)' : ''} | ${cell(fixAt(b))} | ${cell(firstLine(b.message))} |`,
        );
      out.push('');
    }
    if (p.namespaces.length > 0)
      out.push(
        `Namespaces: ${p.namespaces.map((n) => `\`${n.namespace}\` ${n.ready ? 'ready' : `${n.blockers} blocker${n.blockers === 1 ? '' : 's'}`}`).join(', ')}`,
        '',
      );
  }
  return out.join('\n');
}

function summaryLine(status: RolloutStatus): string {
  const n = status.summary.policies;
  return `${status.summary.ready} of ${n} ${n === 1 ? 'policy' : 'policies'} still auditing ${n === 1 ? 'is' : 'are'} ready to enforce`;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
