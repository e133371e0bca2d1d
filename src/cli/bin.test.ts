// `npx tollgate` runs dist/cli/bin.js directly, so the build must leave it executable.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/bin.js', import.meta.url);

describe.skipIf(!existsSync(bin))('the built CLI', () => {
  it('is executable and starts with a node shebang', () => {
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
