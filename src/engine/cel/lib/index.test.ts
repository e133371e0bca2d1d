import { describe, expect, it } from 'vitest';
import { kubernetesLibraries } from './index.js';
import { envWith } from './testdata/cel-cases.js';

const env = envWith(...Object.values(kubernetesLibraries));

describe('kubernetesLibraries', () => {
  it('register together into one environment without clashing', () => {
    expect(Object.keys(kubernetesLibraries)).toHaveLength(13);
  });

  it.each([
    ['"a,b".split(",").indexOf("b") == 1', true],
    ['[quantity("1"), quantity("1000m")].distinct().size() == 1', true],
    ['[ip("10.0.0.1"), ip("10.0.0.1")].distinct().size() == 1', true],
    ['sets.contains([semver("1.0.0")], [semver("1.0.0+build")])', true],
    ['[url("https://a/"), url("https://b/")].indexOf(url("https://b/")) == 1', true],
    ['format.named("uri").value() in [format.uri()]', true],
    ['cel.bind(x, [3, 1, 2].sort(), x[0] == math.least(x))', true],
    ['{"a": [1, 2]}.transformMap(k, v, v.sum()) == {"a": 3}', true],
    ['jsonpatch.escapeKey(regex.replace("a.b", "\\\\.", "/")) == "a~1b"', true],
    ['"%s".format([[cidr("10.0.0.0/8").containsIP("10.1.1.1")]]) == "[true]"', true],
  ])('%s', (expr, expected) => {
    expect(env.evaluate(expr)).toBe(expected);
  });

  it('type-checks the functions statically', () => {
    expect(env.check('quantity("1").isLessThan(quantity("2"))')).toMatchObject({ valid: true, type: 'bool' });
    expect(env.check('quantity("1").isLessThan(1)').valid).toBe(false);
  });
});

describe('shared namespaces', () => {
  it('reuse a namespace another library declared first', async () => {
    const { Environment } = await import('@marcbachmann/cel-js');
    const env = new Environment();
    class OtherMath {}
    env.registerType('other.MathNamespace', OtherMath);
    env.registerConstant('math', 'other.MathNamespace', new OtherMath());
    kubernetesLibraries.math.register(env);
    expect(env.evaluate('math.greatest(1, 2)')).toBe(2n);
  });
});
