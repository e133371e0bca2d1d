import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from './policy-store.js';

const dir = fileURLToPath(new URL('./testdata/unsupported-kind/', import.meta.url));

describe('loadSnapshot', () => {
  it('loads ValidatingPolicies and leaves out kinds it does not evaluate, with a note naming file:line', () => {
    const snapshot = loadSnapshot([dir], new Date('2026-01-01T00:00:00Z'));
    expect(snapshot.policySet.policies.map((p) => p.name)).toEqual(['deny-latest']);
    expect(snapshot.notes).toEqual([
      expect.stringMatching(/image-policy\.yaml:2: .*ImageValidatingPolicy; not evaluated$/),
    ]);
  });
});
