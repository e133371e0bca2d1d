// End-to-end `kyverno test` suites of our own: mutate existing, exceptions (incl. expiry), generate clone.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/ports.js';
import { runTests } from '../cli/commands/test.js';

const dir = fileURLToPath(new URL('./testdata/suites/', import.meta.url));
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));

describe('kyverno test suites', () => {
  const report = runTests([dir], {}, clock);

  it.each(['mutate-existing', 'exceptions', 'generate-clone'])('%s passes every row', (name) => {
    const suite = report.suites.find((s) => s.name === name)!;
    expect(suite.error).toBeNull();
    expect(suite.rows.length).toBeGreaterThan(0);
    expect(suite.rows.filter((r) => !r.ok)).toEqual([]);
  });

  it('an expired exception no longer applies and says so', () => {
    const row = report.suites.find((s) => s.name === 'exceptions')!.rows.find((r) => r.resource === 'old-settings')!;
    expect(row).toMatchObject({ actual: 'fail', reason: 'Ok' });
  });

  it('checks patched targets and generated resources, not only results', () => {
    const rows = report.suites.flatMap((s) => s.rows);
    expect(rows.find((r) => r.resource === 'app-config')).toMatchObject({ actual: 'pass', reason: 'Ok' });
    expect(rows.find((r) => r.resource === 'team-a')).toMatchObject({ actual: 'pass', reason: 'Ok' });
  });
});
