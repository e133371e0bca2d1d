import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports.js';
import { kyvernoHandles, kyvernoLibraries } from './index.js';

const services = { clock: fixedClock(new Date(0)) };

describe('kyvernoLibraries registration', () => {
  it('declares exactly the handle variables kyvernoHandles supplies', () => {
    const env = new Environment({ enableOptionalTypes: true });
    for (const [name, lib] of Object.entries(kyvernoLibraries)) if (name !== 'resourceNamespaced') lib.register(env);
    for (const handle of Object.keys(kyvernoHandles(services))) expect(env.hasVariable(handle)).toBe(true);
  });

  it.each([
    ['math.round(2.345, 1)', 2.3],
    ['math.round(2.5)', 3],
  ])('shares a math namespace declared first by another library: %s', (expr, want) => {
    class MathNamespace {}
    const env = new Environment()
      .registerType('ExtMath', MathNamespace)
      .registerConstant('math', 'ExtMath', new MathNamespace())
      .registerFunction('ExtMath.round(double): double', (_: unknown, d: number) => Math.round(d));
    kyvernoLibraries.math.register(env);
    expect(env.evaluate(expr)).toBe(want);
  });

  it('keeps cluster and namespaced resource overloads apart', () => {
    const env = new Environment();
    kyvernoLibraries.resourceNamespaced.register(env);
    expect(env.check('resource.Get("v1", "configmaps", "name")').valid).toBe(true);
    expect(env.check('resource.Get("v1", "configmaps", "ns", "name")').valid).toBe(false);
  });
});
