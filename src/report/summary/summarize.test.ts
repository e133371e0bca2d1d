import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { summarizeReports, type SummaryOptions, type SummaryRow } from './summarize.js';
import { teamLookup } from './team-lookup.js';
import { loadDocs, loadReports } from './testdata/load.js';

interface FilterCase {
  name: string;
  options: SummaryOptions;
  totals: Record<string, number>;
  failures: number;
}

const reports = loadReports();
const cases = parse(readFileSync(new URL('./testdata/filter-cases.yaml', import.meta.url), 'utf8')) as FilterCase[];
const summary = summarizeReports(reports, { teamOf: teamLookup(loadDocs('resources.yaml')) });

/** `name: pass/fail/warn/error/skip` for compact row comparisons. */
function compact(rows: SummaryRow[]): string[] {
  return rows.map(({ name, counts: c }) => `${name}: ${c.pass}/${c.fail}/${c.warn}/${c.error}/${c.skip}`);
}

describe('summarizeReports', () => {
  it.each(cases.map((c) => [c.name, c] as const))('filters: %s', (_name, c) => {
    const s = summarizeReports(reports, c.options);
    expect(s.totals).toEqual(c.totals);
    expect(s.failures).toHaveLength(c.failures);
    expect(s.reports).toBe(4);
  });

  it.each([
    [
      'byPolicy',
      [
        'disallow-latest-tag: 1/2/0/0/0',
        'require-labels: 2/2/0/0/1',
        'restrict-host-path: 0/0/0/1/1',
        'payments/limit-replicas: 0/0/1/0/0',
      ],
    ],
    [
      'byRule',
      [
        'disallow-latest-tag/validate-image-tag: 1/2/0/0/0',
        'require-labels/check-team: 2/2/0/0/1',
        'restrict-host-path/host-path: 0/0/0/1/1',
        'payments/limit-replicas/max-replicas: 0/0/1/0/0',
      ],
    ],
    ['byNamespace', ['payments: 1/2/1/0/2', 'shop: 1/1/0/1/0', ': 1/1/0/0/0']],
    ['byTeam', ['storefront: 2/1/0/1/0', 'billing: 0/1/0/0/1', 'payments-api: 1/1/1/0/1', 'unknown: 0/1/0/0/0']],
  ] as const)('%s rows, most failures first', (key, expected) => {
    expect(compact(summary[key])).toEqual(expected);
  });

  it('puts every result under team "unknown" without a team lookup', () => {
    expect(compact(summarizeReports(reports).byTeam)).toEqual(['unknown: 3/4/1/1/2']);
  });

  it('lists failing findings with their team, in report order', () => {
    expect(summary.failures.map((f) => [f.result, f.policy, f.resource?.name, f.namespace, f.team])).toEqual([
      ['fail', 'disallow-latest-tag', 'web-1', 'shop', 'storefront'],
      ['error', 'restrict-host-path', 'web-1', 'shop', 'storefront'],
      ['fail', 'require-labels', 'api', 'payments', 'payments-api'],
      ['fail', 'require-labels', 'default', '', 'unknown'],
      ['fail', 'disallow-latest-tag', 'worker', 'payments', 'billing'],
    ]);
    expect(summary.failures[4].message).toBe('image nginx:latest uses the latest tag');
  });

  it('collects unreadable entries as problems', () => {
    const s = summarizeReports(loadDocs('bad/bad-entries.yaml'));
    expect(s.problems).toHaveLength(3);
    expect(s.totals.total).toBe(1);
  });
});
