// Shared by the benchmarks: the policy YAML files below a directory (artifacthub metadata and hidden folders skipped).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Policy files below `dir`, depth-first, in directory order. */
export function policyFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    if (e.startsWith('.')) continue;
    const full = join(dir, e);
    if (statSync(full).isDirectory()) out.push(...policyFiles(full));
    else if (e.endsWith('.yaml') && !e.startsWith('artifacthub')) out.push(full);
  }
  return out;
}
