// A policy's drill-down: its verdict, per-namespace readiness and blockers (rollout status, with --repo), and each
// resource's results with their messages and, with --repo, the file:line to fix in Git.
import { api } from './api-client.js';
import { h, readiness, resultCell, table } from './dom.js';

/** Render the drill-down of policy `name` into `root`. */
export async function renderPolicy(root: HTMLElement, name: string): Promise<void> {
  const d = await api.policy(name);
  const p = d.policy;
  const sections: HTMLElement[] = [
    h(
      'section',
      {},
      h('h2', { 'data-testid': 'policy-title' }, p.policy, ' ', readiness(p.ready)),
      h(
        'div',
        {},
        `mode ${p.mode ?? 'unknown (no --repo)'} · pass ${p.pass} · fail ${p.fail} · warn ${p.warn} · error ${p.error} · skip ${p.skip}`,
      ),
    ),
  ];
  if (d.rollout) {
    sections.push(
      h(
        'section',
        {},
        h('h2', {}, `Blockers of Enforce (${d.rollout.blockers.length})`),
        table(
          ['where', 'resource', 'team', 'application', 'self-heal', 'Git', 'message'],
          d.rollout.blockers.map((b) => [
            b.where,
            `${b.resource.kind} ${b.resource.namespace ? `${b.resource.namespace}/` : ''}${b.resource.name}`,
            b.team ?? '',
            b.application ?? 'unmanaged',
            b.selfHeal === null ? '' : b.selfHeal ? 'yes' : 'no',
            b.file ? h('code', {}, `${b.file}:${b.line}`) : 'live object',
            h('span', { class: 'message' }, b.message),
          ]),
          [],
          'blockers',
        ),
        h('h2', {}, 'Namespaces'),
        table(
          ['namespace', 'readiness', 'blockers'],
          d.rollout.namespaces.map((n) => [n.namespace, readiness(n.ready), n.blockers]),
          [2],
        ),
      ),
    );
  }
  sections.push(
    h(
      'section',
      {},
      h('h2', {}, `Resources (${d.resources.length})`),
      ...d.resources.map((r) =>
        h(
          'div',
          { 'data-testid': 'resource' },
          h(
            'h3',
            {},
            `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`,
            r.team ? h('span', { class: 'muted' }, ` team ${r.team}`) : '',
            r.file ? h('code', {}, `  ${r.file}:${r.line}`) : '',
          ),
          table(
            ['rule', 'result', 'message', 'seen'],
            r.results.map((x) => [
              x.rule,
              resultCell(x.result),
              h('span', { class: 'message', 'data-testid': 'message' }, x.message),
              x.timestamp ?? '',
            ]),
          ),
        ),
      ),
    ),
  );
  root.replaceChildren(h('a', { href: '#/' }, '← all policies'), ...sections);
}
