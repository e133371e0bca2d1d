import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { ConditionError } from './condition-error.js';
import {
  applyOperator,
  CONDITION_OPERATORS,
  isCanonicalOperator,
  isKnownOperator,
  operatorHandler,
} from './operators.js';

interface OperatorCase {
  key: JsonValue;
  operator: string;
  value: JsonValue;
  want: boolean;
  note?: string;
}

const load = (file: string): OperatorCase[] =>
  parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8')) as OperatorCase[];

const title = (c: OperatorCase) => `${JSON.stringify(c.key)} ${c.operator} ${JSON.stringify(c.value)}`;

describe.each(['equality.yaml', 'set.yaml', 'in.yaml', 'ordering.yaml', 'duration.yaml'])('%s', (file) => {
  const cases = load(file).map((c) => ({ ...c, title: title(c) }));
  it.each(cases)('$title → $want', (c) => {
    expect(applyOperator(operatorHandler(c.operator), c.operator, c.key, c.value)).toBe(c.want);
  });
});

describe('operator lookup', () => {
  it.each(['Foo', '', 'Contains', 'GreaterThen', 'Exists'])('unknown operator %j throws ConditionError', (op) => {
    expect(() => applyOperator(operatorHandler(op), op, 'a', 'a')).toThrow(ConditionError);
    expect(() => applyOperator(operatorHandler(op), op, 'a', 'a')).toThrow(`unknown operator "${op}"`);
  });

  it.each([
    ['Equals', true, true],
    ['equals', true, false],
    ['ANYNOTIN', true, false],
    ['durationlessthan', true, false],
    ['LessThanOrEquals', true, true],
    ['Lt', false, false],
    ['', false, false],
  ])('%j: known %s, canonical %s', (op, known, canonical) => {
    expect(isKnownOperator(op)).toBe(known);
    expect(isCanonicalOperator(op)).toBe(canonical);
  });

  it('lists all eighteen canonical operators', () => {
    expect(CONDITION_OPERATORS).toHaveLength(18);
    expect(CONDITION_OPERATORS.every(isCanonicalOperator)).toBe(true);
  });
});
