// The overview: policies with mode, counts, readiness and trend; failures by namespace, team and policy; and the
// filtered, paginated results (every filter and the page live in the URL's hash, so a view can be shared).
import { FILTER_FIELDS } from '../filters.js';
import type { ResultFilter } from '../model.js';
import { api, type Summary } from './api-client.js';
import { h, policyLink, readiness, resultCell, sparkline, table } from './dom.js';

const PAGE_SIZE = 50;

/** Render the overview for the hash's query (filters and page) into `root`. */
export async function renderOverview(root: HTMLElement, query: URLSearchParams): Promise<void> {
  const filter: ResultFilter = Object.fromEntries(
    [...FILTER_FIELDS, 'q'].map((k) => [k, query.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const [summary, trend, values, results, byNamespace, byTeam, byPolicy] = await Promise.all([
    api.summary(),
    api.trend(),
    api.filters(),
    api.results(filter, page, PAGE_SIZE),
    api.failures('namespace', filter),
    api.failures('team', filter),
    api.failures('policy', filter),
  ]);
  const failuresOf = new Map<string, number[]>();
  for (const p of trend.points) failuresOf.set(p.policy, [...(failuresOf.get(p.policy) ?? []), p.fail + p.error]);
  const groups = (title: string, field: string, rows: { key: string | null; failures: number }[]) =>
    h(
      'div',
      {},
      h('h2', {}, title),
      table(
        [field, 'failures'],
        rows.map((g) => [
          g.key === null
            ? h('span', { class: 'muted' }, '(none)')
            : h('a', { onclick: () => setQuery({ ...filter, [field]: g.key! }) }, g.key || '(cluster)'),
          g.failures,
        ]),
        [1],
        `failures-by-${field}`,
      ),
    );
  root.replaceChildren(
    ...notes(summary),
    h(
      'section',
      {},
      h('h2', {}, `Policies (${summary.ready} of ${summary.policies.length} ready to enforce)`),
      policiesTable(summary, failuresOf),
    ),
    h(
      'section',
      { class: 'groups' },
      groups('Failures by namespace', 'namespace', byNamespace.groups),
      groups('Failures by team', 'team', byTeam.groups),
      groups('Failures by policy', 'policy', byPolicy.groups),
    ),
    h(
      'section',
      {},
      h('h2', {}, 'Results'),
      filters(filter, values),
      h('div', { class: 'muted', 'data-testid': 'results-total' }, `${results.total} results`),
      table(
        ['result', 'policy', 'rule', 'severity', 'kind', 'namespace', 'name', 'team', 'message', 'Git'],
        results.rows.map((r) => [
          resultCell(r.result),
          policyLink(r.policy),
          r.rule,
          r.severity ?? '',
          r.kind,
          r.namespace,
          r.name,
          r.team ?? '',
          h('span', { class: 'message' }, r.message),
          r.file ? h('code', {}, `${r.file}:${r.line}`) : '',
        ]),
        [],
        'results',
      ),
      pager(filter, page, results.total),
    ),
  );
}

function notes(summary: Summary): HTMLElement[] {
  return summary.notes.length
    ? [h('section', { class: 'notes', 'data-testid': 'notes' }, ...summary.notes.map((n) => h('div', {}, n)))]
    : [];
}

function policiesTable(summary: Summary, failuresOf: Map<string, number[]>): HTMLTableElement {
  return table(
    ['policy', 'mode', 'readiness', 'blockers', 'pass', 'fail', 'warn', 'error', 'skip', 'failures over time'],
    summary.policies.map((p) => [
      policyLink(p.policy),
      p.mode ?? '—',
      readiness(p.ready),
      p.blockers,
      p.pass,
      p.fail,
      p.warn,
      p.error,
      p.skip,
      sparkline(failuresOf.get(p.policy) ?? []),
    ]),
    [3, 4, 5, 6, 7, 8],
    'policies',
  );
}

function filters(filter: ResultFilter, values: Record<string, string[]>): HTMLElement {
  const select = (field: (typeof FILTER_FIELDS)[number]) =>
    h(
      'label',
      {},
      field,
      h(
        'select',
        {
          'data-testid': `filter-${field}`,
          onchange: (e) => setQuery({ ...filter, [field]: (e.target as HTMLSelectElement).value }),
        },
        h('option', { value: '' }, 'any'),
        ...(values[field] ?? []).map((v) => {
          const o = h('option', { value: v }, v || '(cluster)');
          o.selected = filter[field] === v;
          return o;
        }),
      ),
    );
  const search = h('input', {
    type: 'search',
    placeholder: 'name, policy, rule, message',
    'data-testid': 'search',
    value: filter.q ?? '',
  });
  search.addEventListener('change', () => setQuery({ ...filter, q: search.value }));
  return h('div', { class: 'filters' }, ...FILTER_FIELDS.map(select), h('label', {}, 'search', search));
}

function pager(filter: ResultFilter, page: number, total: number): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return h(
    'div',
    { class: 'pager' },
    h('button', { disabled: page <= 1 ? '' : undefined, onclick: () => setQuery(filter, page - 1) }, '‹ previous'),
    `page ${page} of ${pages}`,
    h('button', { disabled: page >= pages ? '' : undefined, onclick: () => setQuery(filter, page + 1) }, 'next ›'),
  );
}

// Changing a filter goes back to page 1; the hash change re-renders (main.ts).
function setQuery(filter: ResultFilter, page = 1): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  if (page > 1) q.set('page', String(page));
  location.hash = `#/?${q}`;
}
