import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { compilePattern } from './compile.js';
import { resolvePatternReferences } from './references.js';
import { validatePattern } from './validate.js';

interface Case {
  name: string;
  pattern: JsonValue;
  want?: JsonValue;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/references.yaml', import.meta.url), 'utf8')) as Case[];

describe('resolvePatternReferences', () => {
  it.each(cases)('$name', (c) => {
    if (c.error !== undefined) expect(() => resolvePatternReferences(c.pattern)).toThrow(c.error);
    else expect(resolvePatternReferences(c.pattern)).toEqual(c.want);
  });

  it('resolved operators then validate like written ones', () => {
    const pattern = compilePattern(resolvePatternReferences(cases[0].pattern));
    const pod = (liveness: number) => ({
      spec: {
        containers: [
          { livenessProbe: { tcpSocket: { port: liveness } }, readinessProbe: { tcpSocket: { port: 3000 } } },
        ],
      },
    });
    expect(validatePattern(pod(2000), pattern).status).toBe('pass');
    expect(validatePattern(pod(4000), pattern).status).toBe('fail');
  });
});
