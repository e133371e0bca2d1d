// The CPUs this process's container may use, from its cgroup files (read here; parsed by ./cpu-quota.ts).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { cgroupCpuLimit, defaultWorkerCount } from './cpu-quota.js';

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // not this cgroup version, or not in a container
  }
};

/** How many workers `serve` starts without --workers: the container's CPU limit, rounded up; else every CPU. */
export function containerWorkerCount(cgroupRoot = '/sys/fs/cgroup'): number {
  const limit = cgroupCpuLimit({
    cpuMax: read(`${cgroupRoot}/cpu.max`),
    cfsQuotaUs: read(`${cgroupRoot}/cpu/cpu.cfs_quota_us`),
    cfsPeriodUs: read(`${cgroupRoot}/cpu/cpu.cfs_period_us`),
  });
  return defaultWorkerCount(limit, availableParallelism());
}
