import { describe, expect, it } from 'vitest';
import { parseDocuments } from './documents.js';
import { StringPool } from './string-pool.js';

describe('StringPool', () => {
  it.each(['v1', 'ghcr.io/acme/app:1.2.3', ''])('gives one copy of %j', (s) => {
    const pool = new StringPool();
    const first = pool.intern(`${s}`);
    expect(pool.intern(s.split('').join(''))).toBe(first);
    expect(first).toBe(s);
  });

  it('shares the values of files parsed into it, and leaves the values as they were', () => {
    const pool = new StringPool();
    const text = (name: string) => `kind: Pod\nmetadata:\n  name: ${name}\n  namespace: production-eu-west\n`;
    const [a] = parseDocuments(text('a'), 'a.yaml', pool).documents;
    const [b] = parseDocuments(text('b'), 'b.yaml', pool).documents;
    expect(a.value).toEqual({ kind: 'Pod', metadata: { name: 'a', namespace: 'production-eu-west' } });
    expect(b.value).toEqual(parseDocuments(text('b'), 'b.yaml').documents[0].value);
    expect(pool.intern('production-eu-west')).toBe('production-eu-west');
    expect(b.locate(['metadata', 'namespace'])).toEqual({ file: 'b.yaml', line: 4, column: 3 });
  });
});
