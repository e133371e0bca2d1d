// Regression fixtures: a shrunk divergent case as files a reader can open (policies.yaml, resources.yaml),
// Kyverno's recorded outcome for it (kyverno.json) and what was found (case.json).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documents } from './batches.mjs';

export const KYVERNO_VERSION = 'v1.19.1';

/** Write one fixture below `root`; returns its directory (an existing fixture of the same case is kept). */
export function writeFixture(root, { entry, policies, resources, kyverno, divergence }) {
  const text = documents(policies) + documents(resources);
  const id = createHash('sha256').update(text).digest('hex').slice(0, 8);
  const slug = `${entry.split('/').slice(-1)[0]}-${divergence.type}-${id}`;
  const dir = join(root, slug);
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policies.yaml'), documents(policies));
  writeFileSync(join(dir, 'resources.yaml'), documents(resources));
  const recorded = {
    version: KYVERNO_VERSION,
    rows: kyverno.rows,
    mutated: Object.fromEntries(kyverno.mutated),
    generated: kyverno.generated,
  };
  writeFileSync(join(dir, 'kyverno.json'), JSON.stringify(recorded, null, 2) + '\n');
  const { reason, ...found } = divergence;
  writeFileSync(
    join(dir, 'case.json'),
    JSON.stringify({ entry, ...found, ...(reason ? { reason } : {}) }, null, 2) + '\n',
  );
  return dir;
}

/** The fixtures below `root`: directory, recorded Kyverno outcome (as kyvernoApply returns it) and case. */
export function readFixtures(root) {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(root, e.name);
      const recorded = JSON.parse(readFileSync(join(dir, 'kyverno.json'), 'utf8'));
      const kyverno = {
        rows: recorded.rows,
        mutated: new Map(Object.entries(recorded.mutated)),
        generated: recorded.generated,
      };
      return { name: e.name, dir, kyverno, case: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) };
    });
}
