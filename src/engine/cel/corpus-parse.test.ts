// Parses and type-checks every CEL expression of the conformance corpus (skipped without it).
// Functions of libraries not registered here count as "unknown function", not as failures.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createCelEnvironment, type CelEnvironment, type CelPolicyKind } from './environment.js';
import { compileCel } from './compile.js';

const CORPUS = new URL('../../../../shared/conformance/kyverno-policies/', import.meta.url);
const INDEX = new URL('index.json', CORPUS);

interface Expr {
  readonly kind: CelPolicyKind;
  readonly source: string;
}

type Node = Record<string, unknown> | undefined;
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);
const strings = (items: Node[], ...keys: string[]): string[] =>
  items.flatMap((i) => keys.map((k) => i?.[k]).filter((v): v is string => typeof v === 'string'));

function validateCelExpressions(spec: Node): string[] {
  return list(spec?.rules).flatMap((rule) => {
    const cel = (rule?.validate as Node)?.cel as Node;
    return [
      ...strings(list(rule?.celPreconditions), 'expression'),
      ...strings(list(cel?.expressions), 'expression', 'messageExpression'),
      ...strings(list(cel?.variables), 'expression'),
      ...strings(list(cel?.auditAnnotations), 'valueExpression'),
    ];
  });
}

function celPolicyExpressions(spec: Node): string[] {
  const mutations = list(spec?.mutations).flatMap((m) => [m?.applyConfiguration as Node, m?.jsonPatch as Node]);
  return [
    ...strings(list(spec?.validations), 'expression', 'messageExpression'),
    ...strings(list(spec?.variables), 'expression'),
    ...strings(list(spec?.matchConditions), 'expression'),
    ...strings(list(spec?.auditAnnotations), 'valueExpression'),
    ...strings(mutations, 'expression'),
    ...strings(list(spec?.generate), 'expression'),
  ];
}

function expressionsOf(doc: Node): Expr[] {
  const kind = doc?.kind;
  const spec = doc?.spec as Node;
  if (kind === 'ClusterPolicy' || kind === 'Policy') {
    return validateCelExpressions(spec).map((source) => ({ kind: 'validate.cel', source }));
  }
  if (kind === 'ValidatingPolicy' || kind === 'MutatingPolicy' || kind === 'GeneratingPolicy') {
    return celPolicyExpressions(spec).map((source) => ({ kind, source }));
  }
  return [];
}

function corpusExpressions(): Expr[] {
  const index = JSON.parse(readFileSync(INDEX, 'utf8')) as { policies: string[] }[];
  const files = new Set(index.flatMap((t) => t.policies));
  const seen = new Set<string>();
  return [...files].flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, CORPUS), 'utf8'))
      .flatMap((d) => expressionsOf(d.toJS() as Node))
      .filter((e) => !seen.has(e.kind + '\0' + e.source) && seen.add(e.kind + '\0' + e.source)),
  );
}

describe.skipIf(!existsSync(INDEX))('corpus CEL expressions parse and check', () => {
  it('compiles every unique expression, unknown functions aside', () => {
    const envs = new Map<CelPolicyKind, CelEnvironment>();
    const env = (kind: CelPolicyKind) =>
      envs.get(kind) ?? envs.set(kind, createCelEnvironment({ kind, libraries: [], variables: {} })).get(kind)!;
    const counts = { ok: 0, unknownFunction: 0, failed: [] as string[] };
    const exprs = corpusExpressions();
    for (const e of exprs) {
      const r = compileCel(env(e.kind), e.source, 'any');
      if (r.ok) counts.ok++;
      else if (r.error.kind === 'unknown-function') counts.unknownFunction++;
      else counts.failed.push(`${e.kind}: ${e.source.trim()} → ${r.error.kind}: ${r.error.message}`);
    }
    // Reported on purpose: the figures are the point of this test.
    process.stdout.write(
      `corpus CEL: ${exprs.length} unique, ${counts.ok} ok, ${counts.unknownFunction} unknown function, ` +
        `${counts.failed.length} failed\n${counts.failed.join('\n')}\n`,
    );
    expect(exprs.length).toBeGreaterThan(300);
    expect(counts.failed).toEqual([]);
  });
});
