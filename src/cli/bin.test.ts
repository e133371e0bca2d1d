// `npx tollgate` runs the bundled dist/bundle/bin.js: it must be executable and answer exactly as the unbundled build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = `${root}dist/bundle/bin.js`;
const unbundled = `${root}dist/cli/bin.js`;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { bin: Record<string, string> };

describe.skipIf(!existsSync(bundle))('the built CLI', () => {
  it('is the package bin, executable, with a node shebang', () => {
    expect(pkg.bin.tollgate).toBe('dist/bundle/bin.js');
    for (const bin of [bundle, unbundled]) {
      expect(statSync(bin).mode & 0o111).not.toBe(0);
      expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    }
  });

  it.each([
    ['--version'],
    ['check', 'examples/gitops-repo', '--output', 'json'],
    ['apply', 'examples/quickstart/policies', '--resource', 'examples/quickstart/resources'],
    ['test', 'examples/quickstart'],
    ['serve', '--port', 'abc', '--cert', 'x', '--key', 'y'],
  ])(
    'bundled and unbundled agree: tollgate %s',
    (...args) => {
      const run = (bin: string) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
      const [a, b] = [run(bundle), run(unbundled)];
      expect([a.status, a.stdout, a.stderr]).toEqual([b.status, b.stdout, b.stderr]);
    },
    60_000,
  ); // two processes each, on a machine other jobs share
});
