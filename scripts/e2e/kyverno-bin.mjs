// Where Kyverno's binaries are: scripts/e2e/build-kyverno.sh builds them once from the pinned Go module (Go is
// needed the first time), then reuses its cache; its progress goes to our stderr, its last stdout line is the bin
// directory (kyverno, kyverno-controller, kyverno-config/).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'build-kyverno.sh');

/** The bin directory of Kyverno's CLI and controller; throws with one line when the build fails. */
export function kyvernoBinDir() {
  const r = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0)
    throw new Error(`scripts/e2e/build-kyverno.sh failed (exit ${r.status}): building Kyverno needs Go the first time`);
  return r.stdout.trim().split('\n').pop();
}
