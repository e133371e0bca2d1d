// The structural walk against ajv, a well-kept JSON Schema validator: the same verdict, and the same unknown fields,
// on every policy document of the repository (and of the conformance corpus when it is here) and on mutations of them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import crds from './kyverno-crds.json' with { type: 'json' };
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { parseDocuments } from '../source/documents.js';
import { crdDiagnostics, crdSchemaOf } from './crd-schema.js';
import { validateStructural } from './structural-validator.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const corpus = '/work/shared/conformance/kyverno-policies';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e === 'dist' || e === '.git') continue;
    const full = join(dir, e);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (e.endsWith('.yaml')) out.push(full);
  }
  return out;
}

// Every document a CRD schema covers, from the repository's policies and fixtures (and the corpus).
const documents: JsonObject[] = [join(repo, 'policies'), join(repo, 'src'), ...(existsSync(corpus) ? [corpus] : [])]
  .flatMap(yamlFiles)
  .flatMap((f) => {
    try {
      return parseDocuments(readFileSync(f, 'utf8'), f).documents.map((d) => d.value);
    } catch {
      return [];
    }
  })
  .filter((v): v is JsonObject => isObject(v) && crdSchemaOf(String(v.apiVersion), String(v.kind)) !== undefined);

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();
function ajvFor(v: JsonObject): ValidateFunction {
  const key = `${String(v.apiVersion)}/${String(v.kind)}`;
  let f = compiled.get(key);
  if (!f) compiled.set(key, (f = ajv.compile(crdSchemaOf(String(v.apiVersion), String(v.kind))!)));
  return f;
}

// Deterministic mutations: an unknown field, a wrong type, a removed field, a misspelt key.
function* mutations(doc: JsonObject, seed: number): Generator<JsonObject> {
  let state = seed;
  const random = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const nodes: JsonObject[] = [];
  const collect = (v: JsonValue) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) {
      nodes.push(v);
      Object.values(v).forEach(collect);
    }
  };
  for (let i = 0; i < 4; i++) {
    const copy = structuredClone(doc);
    nodes.length = 0;
    collect(copy.spec ?? {});
    const node = nodes[random(nodes.length)];
    const keys = node ? Object.keys(node) : [];
    if (!node || keys.length === 0) continue;
    const key = keys[random(keys.length)];
    if (i === 0) node[`${key}x`] = 'unknown';
    else if (i === 1) node[key] = typeof node[key] === 'string' ? 42 : 'text';
    else if (i === 2) delete node[key];
    else {
      node[key.slice(0, -1)] = node[key];
      delete node[key];
    }
    yield copy;
  }
}

const unknownFields = (errors: { instancePath: string; keyword: string; params: Record<string, unknown> }[]) =>
  errors
    .filter((e) => e.keyword === 'additionalProperties')
    .map((e) => `${e.instancePath}/${String(e.params.additionalProperty)}`)
    .sort();

describe('the CRD schemas', () => {
  it(`cover ${Object.keys(crds.kinds).length} kind versions, from Kyverno ${crds.kyvernoVersion}`, () => {
    expect(crdSchemaOf('kyverno.io/v1', 'ClusterPolicy')).toBeDefined();
    expect(crdSchemaOf('policies.kyverno.io/v1', 'ValidatingPolicy')).toBeDefined();
    expect(documents.length).toBeGreaterThan(50);
  });

  it('the structural walk agrees with ajv on every document and on mutations of each', () => {
    let compared = 0;
    const disagreements: string[] = [];
    documents.forEach((doc, i) => {
      for (const value of [doc, ...mutations(doc, i + 1)]) {
        const validate = ajvFor(value);
        const ajvValid = validate(value);
        const ours = validateStructural(crdSchemaOf(String(value.apiVersion), String(value.kind))!, value);
        const ourUnknown = ours
          .filter((v) => v.keyword === 'additionalProperties')
          .map((v) => `/${v.path.join('/')}`)
          .sort();
        const theirUnknown = unknownFields((validate.errors ?? []) as never);
        compared++;
        if (ajvValid !== (ours.length === 0) || JSON.stringify(ourUnknown) !== JSON.stringify(theirUnknown))
          disagreements.push(
            `${String(value.kind)} ${JSON.stringify(value.metadata)}: ajv ${ajvValid}, ours ${ours.map((v) => v.keyword)}`,
          );
      }
    });
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  }, 60_000); // every document and its mutations, twice: seconds on a loaded 2-core machine

  it('locates each violation at its field, with a did-you-mean for a near miss', () => {
    const text =
      'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: p\nspec:\n  rules:\n    - name: r\n      matchh: {}\n';
    const [doc] = parseDocuments(text, 'p.yaml').documents;
    const [d] = crdDiagnostics(doc, 'policy p');
    expect(d).toMatchObject({
      code: 'schema/unknown-field',
      path: ['spec', 'rules', 0, 'matchh'],
      source: { line: 8 },
    });
    expect(d.message).toBe(
      "policy p: unknown field spec.rules[0].matchh (did you mean match?); Kyverno's API server would reject it",
    );
  });
});
