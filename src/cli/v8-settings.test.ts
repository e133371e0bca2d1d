import { describe, expect, it } from 'vitest';
import { servingFlags } from './v8-settings.js';

describe('servingFlags', () => {
  it.each([
    { name: 'Node started without flags', execArgv: [], want: ['--no-concurrent-marking'] },
    { name: 'other Node flags', execArgv: ['--max-old-space-size=512'], want: ['--no-concurrent-marking'] },
    { name: 'Node started with --concurrent-marking (kept)', execArgv: ['--concurrent-marking'], want: [] },
  ])('$name', ({ execArgv, want }) => expect(servingFlags(execArgv)).toEqual(want));
});
