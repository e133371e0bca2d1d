import { readFileSync } from 'node:fs';
import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_OVERRIDES, BuiltinOverrideError, overrideBuiltins } from './builtin-overrides.js';
import { createCelEnvironment } from './environment.js';

// One expression per overridden signature where cel-js's own built-in and cel-go disagree.
const DIFFERENCES: readonly { signature: string; expr: string; celJs: unknown; celGo: unknown }[] = [
  { signature: 'string.indexOf(string): int', expr: '"😀a".indexOf("a")', celJs: 2n, celGo: 1n },
  { signature: 'string.indexOf(string, int): int', expr: '"😀a".indexOf("a", 1)', celJs: 2n, celGo: 1n },
  { signature: 'string.lastIndexOf(string): int', expr: '"😀a".lastIndexOf("a")', celJs: 2n, celGo: 1n },
  { signature: 'string.lastIndexOf(string, int): int', expr: '"😀a".lastIndexOf("a", 1)', celJs: -1n, celGo: 1n },
  { signature: 'string.substring(int): string', expr: '"😀a".substring(1)', celJs: '\ude00a', celGo: 'a' },
  { signature: 'string.substring(int, int): string', expr: '"😀a".substring(1, 2)', celJs: '\ude00', celGo: 'a' },
  { signature: 'string.lowerAscii(): string', expr: '"ÀB".lowerAscii()', celJs: 'àb', celGo: 'Àb' },
  { signature: 'string.upperAscii(): string', expr: '"àb".upperAscii()', celJs: 'ÀB', celGo: 'àB' },
  { signature: 'string.trim(): string', expr: '"\\u0085x".trim()', celJs: '\u0085x', celGo: 'x' },
  {
    signature: 'string.split(string): list<string>',
    expr: '"😀".split("")',
    celJs: ['\ud83d', '\ude00'],
    celGo: ['😀'],
  },
  {
    signature: 'string.split(string, int): list<string>',
    expr: '"😀a".split("", 2)',
    celJs: ['\ud83d', '\ude00a'],
    celGo: ['😀', 'a'],
  },
  // cel-go converts with Go's strconv and checks ranges; a failure is an error, never a value.
  { signature: 'int(string): int', expr: 'int("")', celJs: 0n, celGo: conversionError('string', 'int') },
  { signature: 'uint(string): uint', expr: 'uint("") == 0u', celJs: true, celGo: conversionError('string', 'uint') },
  {
    signature: 'double(string): double',
    expr: 'double("0x10")',
    celJs: 16,
    celGo: conversionError('string', 'double'),
  },
  {
    signature: 'bool(string): bool',
    expr: 'bool("T")',
    celJs: { error: 'bool() conversion error: invalid string value "T"' },
    celGo: true,
  },
  { signature: 'int(double): int', expr: 'int(1e19)', celJs: 10n ** 19n, celGo: { error: 'integer overflow' } },
  {
    signature: 'uint(double): uint',
    expr: 'uint(-0.5) == 0u',
    celJs: true,
    celGo: { error: 'unsigned integer overflow' },
  },
  {
    signature: 'uint(int): uint',
    expr: 'uint(-1)',
    celJs: { error: 'uint() type error: cannot convert to uint' },
    celGo: { error: 'unsigned integer overflow' },
  },
  {
    signature: 'timestamp(string): google.protobuf.Timestamp',
    expr: 'timestamp("2020-01-01 00:00:00Z") == timestamp("2020-01-01T00:00:00Z")',
    celJs: true,
    celGo: { error: 'invalid RFC 3339 timestamp "2020-01-01 00:00:00Z"' },
  },
];

function conversionError(from: string, to: string): { error: string } {
  return { error: `type conversion error from '${from}' to '${to}'` };
}

/** The value of `run()`, or the first line of the message it throws. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] };
  }
}

function overridden(): Environment {
  const env = new Environment();
  overrideBuiltins(env);
  return env;
}

describe('overrideBuiltins', () => {
  it('is pinned to cel-js 8.0.0, whose internals it uses', () => {
    const pkg = new URL('../../../node_modules/@marcbachmann/cel-js/package.json', import.meta.url);
    expect((JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version).toBe('8.0.0');
  });

  it('has one difference row per override', () => {
    expect(DIFFERENCES.map((d) => d.signature).sort()).toEqual(Object.keys(BUILTIN_OVERRIDES).sort());
  });

  it.each(DIFFERENCES)('replaces $signature', ({ expr, celJs, celGo }) => {
    expect(outcome(() => overridden().evaluate(expr))).toEqual(celGo);
    // Only the overridden environment changes: a fresh one still has cel-js's built-in.
    expect(outcome(() => new Environment().evaluate(expr))).toEqual(celJs);
  });

  it('keeps the built-in signatures, so type checking is unchanged', () => {
    const before = new Environment().getDefinitions().functions.map((f) => f.signature);
    const after = overridden()
      .getDefinitions()
      .functions.map((f) => f.signature);
    expect(after.filter((s) => !s.startsWith('tollgateRegistryProbe'))).toEqual(before);
  });

  it('does not leave its registry probe callable', () => {
    expect(() => overridden().evaluate('tollgateRegistryProbe()')).toThrow(/no matching overload/);
  });

  it('fails loudly when cel-js lacks an overload to replace', () => {
    const env = new Environment();
    expect(() => overrideBuiltins(env, { 'string.noSuchBuiltin(): string': () => '' })).toThrow(BuiltinOverrideError);
  });

  it('is applied to every policy environment', () => {
    const { env } = createCelEnvironment({ kind: 'ValidatingPolicy', libraries: [], variables: {} });
    expect(env.evaluate('"😀a".indexOf("a")')).toBe(1n);
  });
});
