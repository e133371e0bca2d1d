// The differential regression suite: every shrunk divergence found against Kyverno's CLI, replayed against
// Tollgate's sources. Kyverno's outcome is the one recorded when the case was found (kyverno.json); each
// fixture must now agree with it, or differ only in a documented, intended way.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { objectsIn } from './corpus.mjs';
import { compareOutcomes } from './compare.mjs';
import { readFixtures } from './fixtures.mjs';
import { intendedReason } from './intended.mjs';
import { tollgateApply } from './tollgate-apply.mjs';
import * as cli from '../../src/cli/commands/apply.ts';
import * as engine from '../../src/engine/index.ts';

const fixtures = readFixtures(join(dirname(fileURLToPath(import.meta.url)), 'fixtures'));

describe('differential fixtures (Kyverno v1.19.1 recorded)', () => {
  it('has fixtures to replay', () => expect(fixtures.length).toBeGreaterThan(0));
  it.each(fixtures.map((f) => [f.name, f]))('%s', (_, f) => {
    const t = tollgateApply({ cli, engine }, f.dir);
    const open = compareOutcomes(f.kyverno, t, objectsIn(join(f.dir, 'resources.yaml'))).filter(
      (d) => !intendedReason(d),
    );
    expect(open).toEqual([]);
  });
});
