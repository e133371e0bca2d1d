import { describe, expect, it } from 'vitest';
import { renderSummaryJson } from './render-json.js';
import { markdownTable, renderSummaryMarkdown } from './render-markdown.js';
import { alignColumns, renderSummaryTable } from './render-table.js';
import { summarizeReports } from './summarize.js';
import { teamLookup } from './team-lookup.js';
import { loadDocs, loadReports } from './testdata/load.js';

const summary = summarizeReports(loadReports(), { teamOf: teamLookup(loadDocs('resources.yaml')) });
const empty = summarizeReports([]);
const table = renderSummaryTable(summary);
const markdown = renderSummaryMarkdown(summary);

/** The lines of `text` after the line equal to `title` (and `gap` blank lines) up to the next blank line. */
function section(text: string, title: string, gap = 0): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title) + 1 + gap;
  expect(start).toBeGreaterThan(gap);
  return lines.slice(start, lines.indexOf('', start));
}

describe('renderSummaryTable', () => {
  it('starts with the totals line', () => {
    expect(table.split('\n')[0]).toBe('4 reports, 11 results: pass 3, fail 4, warn 1, error 1, skip 2');
  });

  it.each([
    [
      'By policy',
      [
        'POLICY                   PASS  FAIL  WARN  ERROR  SKIP  TOTAL',
        'require-labels              2     2     0      0     1      5',
      ],
    ],
    [
      'By namespace',
      ['NAMESPACE  PASS  FAIL  WARN  ERROR  SKIP  TOTAL', '(cluster)     1     1     0      0     0      2'],
    ],
    [
      'By team',
      ['TEAM          PASS  FAIL  WARN  ERROR  SKIP  TOTAL', 'unknown          0     1     0      0     0      1'],
    ],
  ])('renders the %s section with right-aligned counts', (title, [header, row]) => {
    const lines = section(table, title);
    expect(lines[0]).toBe(header);
    expect(lines).toContain(row);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('lists failures with messages folded onto one line', () => {
    const lines = section(table, 'Failures');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(
      /^fail {4}disallow-latest-tag {2}validate-image-tag {2}Pod\/web-1 .* storefront {4}validation error: .* allowed\. rule validate-image-tag/,
    );
    expect(lines[4]).toContain('Namespace/default  (cluster)  unknown');
  });

  it('leaves out the failure list when nothing fails', () => {
    const passing = summarizeReports(loadReports(), { policy: 'payments/*' });
    expect(renderSummaryTable(passing)).not.toContain('Failures');
  });

  it('says when no result matched', () => {
    expect(renderSummaryTable(empty)).toBe(
      '0 reports, 0 results: pass 0, fail 0, warn 0, error 0, skip 0\nNo report results matched.\n',
    );
  });

  it.each([
    [
      ['a', 'b'],
      [
        ['xx', '1'],
        ['y', '22'],
      ],
      true,
      ['A    B', 'xx   1', 'y   22'],
    ],
    [
      ['a', 'b'],
      [
        ['xx', 'long text'],
        ['y', 'z'],
      ],
      false,
      ['A   B', 'xx  long text', 'y   z'],
    ],
  ])('aligns %j %j (numeric %s)', (header, rows, numeric, expected) => {
    expect(alignColumns(header, rows, numeric)).toEqual(expected);
  });
});

describe('renderSummaryMarkdown', () => {
  it('has a heading, the totals and a table per breakdown', () => {
    expect(markdown.startsWith('## Policy report summary\n\n4 reports, 11 results:')).toBe(true);
    for (const t of ['By policy', 'By rule', 'By namespace', 'By team', 'Failures'])
      expect(markdown).toContain(`\n### ${t}\n\n| `);
  });

  it('renders GitHub tables with right-aligned counts', () => {
    const lines = section(markdown, '### By namespace', 1);
    expect(lines).toEqual([
      '| Namespace | Pass | Fail | Warn | Error | Skip | Total |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| payments | 1 | 2 | 1 | 0 | 2 | 6 |',
      '| shop | 1 | 1 | 0 | 1 | 0 | 3 |',
      '| (cluster) | 1 | 1 | 0 | 0 | 0 | 2 |',
    ]);
  });

  it('escapes pipes so a message stays in its cell', () => {
    expect(markdown).toContain("| label 'team' is required \\| set metadata.labels.team |");
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['line1\nline2', 'line1 line2'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes cell %j', (cell, escaped) => {
    expect(markdownTable(['x'], [[cell]], false)[2]).toBe(`| ${escaped} |`);
  });

  it('says when no result matched', () => {
    expect(renderSummaryMarkdown(empty)).toContain('No report results matched.');
    expect(renderSummaryMarkdown(empty)).not.toContain('|');
  });
});

describe('renderSummaryJson', () => {
  it('is the summary as JSON', () => {
    expect(JSON.parse(renderSummaryJson(summary))).toEqual(summary);
  });

  it('keeps cluster-scoped namespaces as the empty string', () => {
    const doc = JSON.parse(renderSummaryJson(summary));
    expect(doc.byNamespace.map((r: { name: string }) => r.name)).toEqual(['payments', 'shop', '']);
    expect(doc.failures[3]).toMatchObject({ namespace: '', team: 'unknown', resource: { name: 'default' } });
  });
});
