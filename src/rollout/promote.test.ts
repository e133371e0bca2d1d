import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  cliRequest,
  evaluate,
  fixedClock,
  loadPolicies,
  parseDocuments,
  type JsonObject,
  type JsonValue,
} from '../engine/index.js';
import { promoteInText, promotionDiff, type PolicyRef } from './promote.js';

interface EngineRow {
  readonly namespaces: readonly string[];
  readonly rule?: string;
  readonly action: 'Audit' | 'Enforce';
}

interface PromoteCase {
  readonly name: string;
  readonly input: string;
  readonly policy: PolicyRef;
  readonly namespaces?: readonly string[];
  readonly want?: string;
  readonly removed?: readonly string[];
  readonly values?: readonly { path: (string | number)[]; value: JsonValue }[];
  readonly notes?: readonly string[];
  readonly engine?: { resource: string; expect: readonly EngineRow[] };
  readonly error?: string;
}

const fixture = (name: string) => readFileSync(new URL(`./testdata/promote/${name}`, import.meta.url), 'utf8');
const cases = parse(fixture('cases.yaml')) as PromoteCase[];
const promotions = cases.filter((c) => c.want !== undefined);
const refusals = cases.filter((c) => c.error !== undefined);

function promote(c: PromoteCase, text = fixture(c.input)): { text: string; notes: readonly string[] } {
  const result = promoteInText(text, c.policy, { namespaces: c.namespaces });
  if ('error' in result) throw new Error(`unexpected refusal: ${result.error}`);
  return result;
}

// The source text of every document of a file but the promoted policy's, in order.
function otherDocuments(text: string, policy: PolicyRef): string[] {
  return parseAllDocuments(text)
    .filter((d) => d.getIn(['kind']) !== policy.kind || d.getIn(['metadata', 'name']) !== policy.name)
    .map((d) => text.slice(d.range[0], d.range[2]));
}

function removedLines(before: string, after: string): string[] {
  return diffLines(before, after)
    .filter((part) => part.removed)
    .flatMap((part) => part.value.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// The failing results of the promoted policy for a resource placed in `namespace`.
function failingResults(text: string, file: string, c: PromoteCase, resource: JsonObject, namespace: string) {
  const loaded = loadPolicies(parseDocuments(text, file).documents);
  expect(loaded.diagnostics).toEqual([]);
  const object = { ...resource, metadata: { ...(resource.metadata as JsonObject), namespace } };
  const evaluation = evaluate(loaded.policySet, cliRequest(object), { clock: fixedClock(new Date('2026-01-01')) });
  const key = c.policy.kind === 'Policy' ? `${c.policy.namespace}/${c.policy.name}` : c.policy.name;
  return evaluation.results.filter((r) => r.policy === key && r.status === 'fail');
}

describe('promoteInText', () => {
  it.each(promotions)('$name', (c) => {
    const input = fixture(c.input);
    const { text, notes } = promote(c, input);
    expect(text).toBe(fixture(c.want ?? ''));
    expect(removedLines(input, text)).toEqual(c.removed ?? []);
    expect(otherDocuments(text, c.policy)).toEqual(otherDocuments(input, c.policy));
    expect(notes).toEqual(c.notes ?? []);
  });

  it.each(promotions.filter((c) => c.values))('reads back: $name', (c) => {
    const doc = parseAllDocuments(promote(c).text)
      .map((d) => d.toJS() as JsonObject)
      .find((d) => d.kind === c.policy.kind && (d.metadata as JsonObject).name === c.policy.name);
    for (const { path, value } of c.values ?? []) {
      const found = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], doc);
      expect(found ?? null, path.join('.')).toEqual(value);
    }
  });

  it.each(promotions.filter((c) => c.engine))('evaluates as promoted: $name', (c) => {
    const input = fixture(c.input);
    const { text } = promote(c, input);
    const resource = parse(fixture(c.engine?.resource ?? '')) as JsonObject;
    const actions = (source: string, row: EngineRow, ns: string) =>
      failingResults(source, c.input, c, resource, ns)
        .filter((r) => !row.rule || r.rule === row.rule)
        .map((r) => `${r.rule}: ${r.action}`);
    for (const row of c.engine?.expect ?? [])
      for (const ns of row.namespaces) {
        const after = actions(text, row, ns);
        expect(after.length, `${ns}: failing results`).toBeGreaterThan(0);
        expect(after, ns).toEqual(after.map((a) => a.replace(/\w+$/, row.action)));
      }
    // The promotion changed something the engine sees: some namespace it enforces in audited before.
    const promoted = (c.engine?.expect ?? []).filter((row) => row.action === 'Enforce');
    const audited = promoted.some((row) =>
      row.namespaces.some((ns) => actions(input, row, ns).some((a) => a.endsWith('Audit'))),
    );
    expect(audited).toBe(true);
  });

  it.each(promotions)('refuses to promote twice: $name', (c) => {
    const again = promoteInText(promote(c).text, c.policy, { namespaces: c.namespaces });
    expect(again).toMatchObject({ error: expect.stringMatching(/already (enforces|denies)/) });
  });

  it.each(refusals)('refuses: $name', (c) => {
    const input = fixture(c.input);
    const result = promoteInText(input, c.policy, { namespaces: c.namespaces });
    expect(result).toEqual({ error: expect.stringContaining(c.error ?? '') });
    expect('error' in result && result.error).not.toContain('\n');
  });

  it.each(promotions)('keeps Windows line endings: $name', (c) => {
    const crlf = (s: string) => s.replaceAll('\n', '\r\n');
    expect(promote(c, crlf(fixture(c.input))).text).toBe(crlf(fixture(c.want ?? '')));
  });

  it('appends at the end of a file without a final newline', () => {
    const text = [
      'apiVersion: kyverno.io/v1',
      'kind: ClusterPolicy',
      'metadata: {name: require-team-label}',
      'spec:',
      '  rules:',
      '  - name: check-team',
      '    validate: {pattern: {metadata: {labels: {team: "?*"}}}}',
      '  validationFailureActionOverrides:',
      '  - action: Enforce',
      '    namespaces:',
      '    - prod',
    ].join('\n');
    const result = promoteInText(text, { kind: 'ClusterPolicy', name: 'require-team-label' }, { namespaces: ['dev'] });
    expect(result).toEqual({ text: `${text}\n    - dev\n`, notes: [] });
  });
});

describe('promotionDiff', () => {
  it('is a git-style unified diff of the edited lines', () => {
    const c = promotions.find((p) => p.want === 'cluster-audit.enforce.yaml') as PromoteCase;
    const input = fixture(c.input);
    expect(promotionDiff('policies/require-team-label.yaml', input, promote(c, input).text)).toBe(
      fixture('cluster-audit.enforce.diff'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(promotionDiff('x.yaml', 'a: 1\n', 'a: 1\n')).toBe('');
  });
});
