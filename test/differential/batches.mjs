// Batches: one corpus entry's policies (as written or mutated) with generated resources, written as the two
// files both tools read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { perturbed } from './perturb.mjs';
import { CONTROLLER_KINDS, KINDS, resourceOf } from './resources.mjs';

/** `n` resources for `entry`, reproducible from `seed`: its seeds perturbed, fresh ones of its kinds, a few others. */
export function batchResources(entry, n, seed) {
  const kinds = entry.kinds.includes('Pod') ? [...entry.kinds, ...CONTROLLER_KINDS] : entry.kinds;
  const fresh = resourceOf(kinds).chain((r) => perturbed(r, 2));
  const seeds = entry.seeds.length ? fc.constantFrom(...entry.seeds).chain((s) => perturbed(s)) : undefined;
  // Kinds the generators do not know (CRDs) come from the suite's own resources.
  const known = kinds.some((k) => KINDS[k]);
  const matching = seeds ? (known ? fc.oneof(fresh, seeds) : seeds) : fresh;
  const arb = fc.oneof({ weight: 9, arbitrary: matching }, { weight: 1, arbitrary: resourceOf([]) });
  return fc.sample(arb, { seed, numRuns: n }).map((r, i) => named(r, i));
}

// Results are keyed by kind and name, so every resource of a batch gets a name of its own.
function named(resource, i) {
  const r = structuredClone(resource);
  if (!r.metadata || typeof r.metadata !== 'object' || Array.isArray(r.metadata)) r.metadata = {};
  const base = typeof r.metadata.name === 'string' ? r.metadata.name : r.kind.toLowerCase();
  r.metadata.name = `${base.slice(0, 40)}-${i}`;
  return r;
}

/** YAML text of several documents. */
export function documents(docs) {
  return docs.map((d) => yaml.dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
}

/** Write `policies` and `resources` into `dir` as policies.yaml and resources.yaml. */
export function writeBatch(dir, policies, resources) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policies.yaml'), documents(policies));
  writeFileSync(join(dir, 'resources.yaml'), documents(resources));
}
