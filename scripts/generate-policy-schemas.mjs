#!/usr/bin/env node
// Generates src/engine/schemas/kyverno-crds.json: the OpenAPI v3 schemas of Kyverno's policy CRDs, from the
// github.com/kyverno/kyverno Go module at the pinned release (config/crds), as plain JSON Schema for ajv.
//
//   node scripts/generate-policy-schemas.mjs      (needs Go and the Go module proxy; the output is committed)
//
// Kubernetes' structural-schema rules become JSON Schema: an object with `properties` allows no other field
// (the API server prunes or rejects unknown fields) unless `x-kubernetes-preserve-unknown-fields` says so;
// int-or-string and nullable become type unions. Descriptions, formats and CEL validations are left out.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The Kyverno release whose CRDs define what a valid policy is (docs/decisions.md). */
export const KYVERNO_VERSION = 'v1.19.1';

const CRDS = [
  'kyverno/kyverno.io_clusterpolicies.yaml',
  'kyverno/kyverno.io_policies.yaml',
  'kyverno/kyverno.io_policyexceptions.yaml',
  'policies.kyverno.io/policies.kyverno.io_validatingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_namespacedvalidatingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_mutatingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_namespacedmutatingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_generatingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_namespacedgeneratingpolicies.yaml',
  'policies.kyverno.io/policies.kyverno.io_policyexceptions.yaml',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const module = JSON.parse(
  execFileSync('go', ['mod', 'download', '-json', `github.com/kyverno/kyverno@${KYVERNO_VERSION}`], {
    encoding: 'utf8',
  }),
);
if (module.Error) throw new Error(module.Error);

/** Kubernetes structural schema → JSON Schema. */
function toJsonSchema(s) {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (typeof s !== 'object' || s === null) return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'description' || k === 'format' || k === 'x-kubernetes-validations' || k === 'default') continue;
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, toJsonSchema(ps)]))
        : toJsonSchema(v);
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (s.nullable) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

const schemas = {};
const kinds = {};
for (const file of CRDS) {
  const crd = parse(readFileSync(join(module.Dir, 'config', 'crds', file), 'utf8'));
  for (const v of crd.spec.versions) {
    if (!v.served) continue;
    const schema = toJsonSchema(v.schema.openAPIV3Schema);
    const text = JSON.stringify(schema);
    const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
    schemas[id] = schema;
    kinds[`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`] = id;
  }
}
const out = join(root, 'src', 'engine', 'schemas', 'kyverno-crds.json');
writeFileSync(out, JSON.stringify({ kyvernoVersion: KYVERNO_VERSION, kinds, schemas }) + '\n');
console.log(`${out}: ${Object.keys(kinds).length} kind versions, ${Object.keys(schemas).length} schemas`);
