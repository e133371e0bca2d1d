// Test helper: what the CLI writes to stdout and stderr during each test, and a clean process.exitCode around it.
import { afterEach, beforeEach, vi } from 'vitest';

/** Capture stdout and stderr in every test of the calling file; read them through the returned object. */
export function captureOutput(): { out: string; err: string } {
  const captured = { out: '', err: '' };
  beforeEach(() => {
    captured.out = '';
    captured.err = '';
    process.exitCode = undefined;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((captured.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((captured.err += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return captured;
}
