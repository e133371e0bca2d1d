// How many workers `tollgate serve` starts by default: the CPUs its container may use, read from the cgroup CPU
// quota (a Pod's CPU limit), never more than Node can schedule on. Pure: the caller reads the files.

/** The texts of the cgroup files that bound a container's CPU time; a file that does not exist is undefined. */
export interface CgroupCpuFiles {
  /** cgroup v2 `cpu.max`: "<quota> <period>" in microseconds, or "max <period>" (no limit). */
  readonly cpuMax?: string;
  /** cgroup v1 `cpu.cfs_quota_us` (-1: no limit). */
  readonly cfsQuotaUs?: string;
  /** cgroup v1 `cpu.cfs_period_us`. */
  readonly cfsPeriodUs?: string;
}

// The kernel's default CFS period, used when cpu.max names only a quota.
const DEFAULT_PERIOD_US = 100_000;

/** The CPUs the quota allows (may be fractional: 1.5), or undefined when there is no limit or it cannot be read. */
export function cgroupCpuLimit(files: CgroupCpuFiles): number | undefined {
  // A host with both hierarchies mounted (hybrid) bounds the container through v2 when cpu.max exists.
  if (files.cpuMax !== undefined) {
    const [quota, period = String(DEFAULT_PERIOD_US)] = files.cpuMax.trim().split(/\s+/);
    return quota === 'max' ? undefined : ratio(quota, period);
  }
  if (files.cfsQuotaUs !== undefined) return ratio(files.cfsQuotaUs.trim(), (files.cfsPeriodUs ?? '').trim());
  return undefined;
}

/** Workers by default: the CPU limit rounded up (1.5 CPUs → 2), at most `parallelism`, at least 1. */
export function defaultWorkerCount(limit: number | undefined, parallelism: number): number {
  const cpus = Math.max(1, Math.floor(parallelism));
  return limit === undefined ? cpus : Math.max(1, Math.min(Math.ceil(limit), cpus));
}

// quota / period when both are positive integers; v1's -1 and anything malformed mean "no limit we can use".
function ratio(quota: string, period: string): number | undefined {
  if (!/^\d+$/.test(quota) || !/^\d+$/.test(period)) return undefined;
  const q = Number(quota);
  const p = Number(period);
  return q > 0 && p > 0 ? q / p : undefined;
}
