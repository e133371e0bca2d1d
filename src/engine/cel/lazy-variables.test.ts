import { describe, expect, it } from 'vitest';
import { createCelEnvironment } from './environment.js';
import { compileCel, type CelProgram } from './compile.js';
import { evaluateCel } from './evaluate.js';
import { lazyVariables } from './lazy-variables.js';
import { toCelValue } from './values.js';

const env = createCelEnvironment({ kind: 'ValidatingPolicy', libraries: [], variables: {} });
const program = (src: string): CelProgram => {
  const r = compileCel(env, src, 'any');
  if (!r.ok) throw new Error(r.error.message);
  return r.program;
};

describe('lazyVariables', () => {
  it('evaluates each variable once, on first use, and chains variables', () => {
    let runs = 0;
    const counted = program('object.n + 1');
    const spy: CelProgram = { ...counted, run: Object.assign((a: never) => (runs++, counted.run(a)), counted.run) };
    const compiled = new Map([
      ['a', spy],
      ['b', program('variables.a * 2')],
      ['unused', program('object.x.y')],
    ]);
    const activation = lazyVariables(compiled, { object: toCelValue({ n: 1 }) });
    expect(runs).toBe(0);
    expect(evaluateCel(program('variables.b + variables.a'), activation)).toEqual({ ok: true, value: 6n });
    expect(runs).toBe(1);
  });

  it.each([
    ['false && variables.broken == 1', { ok: true, value: false }],
    ['variables.broken == 1', { ok: false, error: 'no such key: missing' }],
    ['variables.self == 1', { ok: false, error: "variable 'self' refers to itself" }],
  ])('%s', (src, expected) => {
    const compiled = new Map([
      ['broken', program('object.missing')],
      ['self', program('variables.self')],
    ]);
    expect(evaluateCel(program(src), lazyVariables(compiled, { object: toCelValue({}) }))).toEqual(expected);
  });
});
