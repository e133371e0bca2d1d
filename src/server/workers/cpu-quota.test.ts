import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cgroupCpuLimit, defaultWorkerCount, type CgroupCpuFiles } from './cpu-quota.js';

interface QuotaCase {
  readonly name: string;
  readonly files: CgroupCpuFiles;
  readonly parallelism: number;
  readonly limit: number | null;
  readonly workers: number;
}

const cases = parse(readFileSync(new URL('./testdata/cpu-quota.yaml', import.meta.url), 'utf8')) as QuotaCase[];

describe('the default number of serve workers', () => {
  it.each(cases)('$name', ({ files, parallelism, limit, workers }) => {
    const got = cgroupCpuLimit(files);
    expect(got ?? null).toBe(limit);
    expect(defaultWorkerCount(got, parallelism)).toBe(workers);
  });
});
