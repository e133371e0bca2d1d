// Shrinking a divergence to a minimal case: the resource loses fields one at a time for as long as the same
// divergence remains. Every candidate of a round is evaluated in one batch (one Kyverno process), so a case
// shrinks in a few rounds of about a second each, where one process per candidate would take minutes.
import { join } from 'node:path';
import { differ, signature } from './differ.mjs';
import { paths, perturbAt } from './perturb.mjs';

const MAX_ROUNDS = 40;

/** Simpler variants of `resource`: each field removed, each non-empty object or array emptied. */
export function simplerVariants(resource) {
  const out = [];
  for (const p of paths(resource)) {
    out.push(perturbAt(resource, p, 'delete'));
    let v = resource;
    for (const k of p) v = v[k];
    if (v && typeof v === 'object' && Object.keys(v).length > 0) out.push(perturbAt(resource, p, 'empty'));
  }
  return out;
}

/** The smallest resource (by fields) that still shows divergence `d` against `policies`. */
export async function shrinkResource(tools, workDir, policies, resource, d) {
  const want = signature(d);
  let best = resource;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const candidates = simplerVariants(best).map((c, i) => ({
      ...c,
      metadata: { ...c.metadata, name: `${resource.metadata.name}-s${i}` },
    }));
    if (candidates.length === 0) break;
    const { divergences } = await differ(tools, join(workDir, `shrink-${round}`), policies, candidates);
    const still = new Set(divergences.filter((x) => signature(x) === want && !x.reason).map((x) => x.resource));
    const next = candidates.find((c) => still.has(`${c.kind}/${c.metadata.name}`));
    if (!next) break;
    best = next;
  }
  return { ...best, metadata: { ...best.metadata, name: resource.metadata.name } };
}
