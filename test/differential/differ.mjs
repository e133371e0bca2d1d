// One comparison: both tools on the same policies and resources, and the divergences between them.
import { rmSync } from 'node:fs';
import { writeBatch } from './batches.mjs';
import { compareOutcomes } from './compare.mjs';
import { intendedReason } from './intended.mjs';
import { normaliseMessage } from './normalise.mjs';
import { kyvernoApply } from './kyverno-apply.mjs';
import { tollgateApply } from './tollgate-apply.mjs';

/** Run Kyverno (`tools.kyverno`, a binary) and Tollgate (`tools.tollgate`, modules) in `dir`; compare. */
export async function differ(tools, dir, policies, resources, { keep = false } = {}) {
  writeBatch(dir, policies, resources);
  const pending = kyvernoApply(tools.kyverno, dir);
  const t = tollgateApply(tools.tollgate, dir);
  const k = await pending;
  let divergences = k.crashed ? [] : compareOutcomes(k, t, resources);
  // Some of Kyverno's messages depend on Go map order (which of several failing variables it names, say): a
  // message divergence is checked against what Kyverno says over a few more runs before it counts.
  for (let run = 0; run < RERUNS && divergences.some((d) => d.type === 'message'); run++) {
    addVariants(k, await kyvernoApply(tools.kyverno, dir));
    divergences = compareOutcomes(k, t, resources);
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return { k, t, divergences: divergences.map((d) => ({ ...d, reason: intendedReason(d) })) };
}

const RERUNS = 4;

/** Record on each of `k`'s rows the messages another run of Kyverno gave for it. */
function addVariants(k, again) {
  const key = (r) => `${r.policy}|${r.rule}|${r.kind}/${r.name}`;
  const messages = new Map(again.rows.map((r) => [key(r), r.message]));
  for (const r of k.rows) {
    const m = messages.get(key(r));
    if (m !== undefined && m !== r.message && !(r.variants ?? []).includes(m))
      r.variants = [...(r.variants ?? [r.message]), m];
  }
}

/** What identifies a divergence while its case is shrunk: the same difference on the same rule. */
export function signature(d) {
  const name = d.resource?.split('/').pop();
  const shape = (v) => {
    const x = Array.isArray(v) ? v[0] : v;
    if (!x || typeof x !== 'object' || !('status' in x)) return '';
    // Names change while shrinking, and so do indexes and numbers in paths.
    const message = normaliseMessage(name ? x.message.split(name).join('') : x.message);
    return `${x.status}:${message.replace(/-s\d+/g, '').replace(/\d+/g, '#')}`;
  };
  return `${d.type}|${d.policy ?? ''}|${d.rule ?? ''}|${shape(d.kyverno)}|${shape(d.tollgate)}`;
}
