import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { parseDocuments } from '../source/documents.js';
import { toClassicPolicy } from '../policy/policy.js';
import { QueryCache } from '../context/query-cache.js';
import { formatJsonPath } from '../result/location.js';
import { compilePolicy } from './compile-policy.js';

const file = 'cel-compile-errors.yaml';
const text = readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const policies = new Map(
  parseDocuments(text, file).documents.map((d) => {
    const doc = d.value as JsonObject;
    return [String((doc.metadata as JsonObject).name), toClassicPolicy(doc, d)] as const;
  }),
);

// [policy, code, field path, line of the field in the file, message fragments]
type Row = [string, string, string, number, string[]];

const rows: Row[] = [
  [
    'syntax',
    'cel/syntax',
    'spec.rules[1].validate.cel.expressions[1].expression',
    21,
    [
      'policy syntax: rule broken: spec.rules[1].validate.cel.expressions[1].expression: CEL compile error at line 2, column 34:',
    ],
  ],
  [
    'dyn-result',
    'cel/type',
    'spec.rules[0].validate.cel.expressions[0].expression',
    36,
    ['rule host-network', "expected type 'bool' but found 'dyn'"],
  ],
  ['every-field', 'cel/type', 'spec.rules[0].celPreconditions[0].expression', 48, ["expected type 'bool'"]],
  ['every-field', 'cel/syntax', 'spec.rules[0].validate.cel.variables[0].expression', 53, ['at column']],
  [
    'every-field',
    'cel/type',
    'spec.rules[0].validate.cel.expressions[0].messageExpression',
    56,
    ["expected type 'string'"],
  ],
  [
    'every-field',
    'cel/type',
    'spec.rules[0].validate.cel.auditAnnotations[0].valueExpression',
    59,
    ["expected type 'string-or-null'"],
  ],
  ['unknown-function', 'cel/unknown-function', 'spec.rules[0].validate.cel.expressions[0].expression', 72, ['image(']],
  ['context-in-cel-rule', 'policy/cel-context', 'spec.rules[0].context', 82, ['not supported in validate.cel']],
];

describe('CEL compile errors make the policy invalid', () => {
  it.each(rows)('%s: %s at %s', (name, code, path, line, fragments) => {
    const cp = compilePolicy(policies.get(name)!, new QueryCache());
    const d = cp.diagnostics.find((x) => formatJsonPath(x.path) === path);
    expect(d).toMatchObject({ code, severity: 'error', source: { file, line } });
    for (const f of fragments) expect(d!.message).toContain(f);
  });

  it.each([...new Set(rows.map((r) => r[0]))])('%s reports exactly the listed problems', (name) => {
    const cp = compilePolicy(policies.get(name)!, new QueryCache());
    expect(cp.diagnostics.map((d) => formatJsonPath(d.path)).sort()).toEqual(
      rows
        .filter((r) => r[0] === name)
        .map((r) => r[2])
        .sort(),
    );
  });
});
