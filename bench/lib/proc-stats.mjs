// CPU time and resident memory of processes, read from /proc (Linux): what the webhook benchmarks charge to a
// server, so that the load generator's share does not count.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** `pid` and every process below it. */
export function processTree(pid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const ppid = statFields(d)?.[1];
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), d]);
  }
  const tree = [];
  for (const queue = [String(pid)]; queue.length;) {
    const p = queue.shift();
    tree.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return tree;
}

// The fields of /proc/<pid>/stat after the command name: state, ppid, … (utime and stime are the 12th and 13th).
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/** CPU time (µs) used so far by `pid` and its descendants; one clock tick (10 ms) of resolution per process. */
export function treeCpuUs(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    const f = statFields(p);
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_US;
}

/** CPU time (ms) this process has used so far on its main thread and on all its other threads (V8's compiler and
 *  garbage collector helpers, libuv's pool); one clock tick of resolution per thread. */
export function ownThreadsCpuMs() {
  let main = 0;
  let others = 0;
  for (const t of readdirSync('/proc/self/task')) {
    const f = statFields(`self/task/${t}`);
    if (!f) continue;
    const ms = ((Number(f[11]) + Number(f[12])) * TICK_US) / 1000;
    if (t === String(process.pid)) main += ms;
    else others += ms;
  }
  return { main, others };
}

/** Resident set size (MiB) of one process; 0 once it is gone. */
export function rssMiB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
