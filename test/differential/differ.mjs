// One comparison: both tools on the same policies and resources, and the divergences between them.
import { rmSync } from 'node:fs';
import { writeBatch } from './batches.mjs';
import { compareOutcomes } from './compare.mjs';
import { intendedReason } from './intended.mjs';
import { kyvernoApply } from './kyverno-apply.mjs';
import { tollgateApply } from './tollgate-apply.mjs';

/** Run Kyverno (`tools.kyverno`, a binary) and Tollgate (`tools.tollgate`, modules) in `dir`; compare. */
export async function differ(tools, dir, policies, resources, { keep = false } = {}) {
  writeBatch(dir, policies, resources);
  const pending = kyvernoApply(tools.kyverno, dir);
  const t = tollgateApply(tools.tollgate, dir);
  const k = await pending;
  if (!keep) rmSync(dir, { recursive: true, force: true });
  const divergences = k.crashed
    ? []
    : compareOutcomes(k, t, resources).map((d) => ({ ...d, reason: intendedReason(d) }));
  return { k, t, divergences };
}

/** What identifies a divergence while its case is shrunk: the same difference on the same rule. */
export function signature(d) {
  const name = d.resource?.split('/').pop();
  const shape = (v) => {
    const x = Array.isArray(v) ? v[0] : v;
    if (!x || typeof x !== 'object' || !('status' in x)) return '';
    // Names change while shrinking, and so do indexes and numbers in paths.
    const message = name ? x.message.split(name).join('') : x.message;
    return `${x.status}:${message.replace(/-s\d+/g, '').replace(/\d+/g, '#')}`;
  };
  return `${d.type}|${d.policy ?? ''}|${d.rule ?? ''}|${shape(d.kyverno)}|${shape(d.tollgate)}`;
}
