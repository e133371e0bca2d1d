// Kyverno: spec §14.2 — the `cli.kyverno.io/v1alpha1` Test document, decoded strictly (field names case-insensitive).
import { isObject, type JsonObject, type JsonValue } from '../engine/index.js';

/** One `results[]` entry of a Test. */
export interface ExpectedResult {
  readonly policy: string;
  readonly rule?: string;
  readonly resources: readonly string[];
  readonly kind?: string;
  readonly result: string;
  readonly operation?: string;
  readonly patchedResources?: string;
  readonly generatedResource?: string;
  readonly generatedResources?: readonly string[];
  readonly cloneSourceResource?: string;
  readonly failOnMissingResources?: boolean;
  readonly isValidatingPolicy?: boolean;
  readonly isMutatingPolicy?: boolean;
  readonly isGeneratingPolicy?: boolean;
  /** Position of the entry in `results`. */
  readonly index: number;
}

/** A decoded Test document. */
export interface TestSpec {
  readonly name: string;
  readonly policies: readonly string[];
  readonly resources: readonly string[];
  readonly targetResources: readonly string[];
  readonly exceptions: readonly string[];
  readonly clusterResources: readonly string[];
  readonly variables?: string;
  readonly values?: JsonObject;
  readonly userinfo?: string;
  readonly context?: string;
  readonly apiCallResponses?: JsonValue;
  readonly globalContextEntries?: JsonValue;
  /** Parameter objects for `validate.cel` paramRef (kyverno-cel-semantics §1.6). */
  readonly paramResources: readonly string[];
  readonly results: readonly ExpectedResult[];
}

const TOP_FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'policies',
  'resources',
  'targetResources',
  'exceptions',
  'variables',
  'values',
  'userinfo',
  'context',
  'clusterResources',
  'paramResources',
  'apiCallResponses',
  'globalContextEntries',
  'results',
  'checks',
];
const RESULT_FIELDS = [
  'policy',
  'rule',
  'resources',
  'kind',
  'result',
  'operation',
  'patchedResources',
  'generatedResource',
  'generatedResources',
  'cloneSourceResource',
  'failOnMissingResources',
  'isValidatingPolicy',
  'isMutatingPolicy',
  'isGeneratingPolicy',
  'isValidatingAdmissionPolicy',
  'isMutatingAdmissionPolicy',
  'isImageValidatingPolicy',
  'isDeletingPolicy',
];

// Go JSON decoding matches field names case-insensitively (`isMUtatingPolicy` is accepted).
function canonicalize(obj: JsonObject, fields: readonly string[], where: string): JsonObject {
  const byLower = new Map(fields.map((f) => [f.toLowerCase(), f]));
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    const f = byLower.get(k.toLowerCase());
    if (!f) throw new Error(`${where}: unknown field "${k}"`);
    out[f] = v;
  }
  return out;
}

const strList = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
const optStr = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: JsonValue | undefined): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** Decode a Test document; throws an Error whose message says what to fix. */
export function decodeTest(doc: JsonValue): TestSpec {
  if (!isObject(doc)) throw new Error('a test must be a YAML map');
  if (Object.hasOwn(doc, 'name'))
    throw new Error('test uses a deprecated schema (top-level "name"); run `kyverno fix test` or use metadata.name');
  const t = canonicalize(doc, TOP_FIELDS, 'test');
  if (t.apiVersion !== 'cli.kyverno.io/v1alpha1' || t.kind !== 'Test')
    throw new Error(
      `test must have apiVersion cli.kyverno.io/v1alpha1 and kind Test (found ${String(t.apiVersion)} ${String(t.kind)})`,
    );
  const md = isObject(t.metadata) ? t.metadata : {};
  const results = Array.isArray(t.results) ? t.results : [];
  return {
    name: String(md.name ?? ''),
    policies: [...new Set(strList(t.policies))],
    resources: [...new Set(strList(t.resources))],
    targetResources: strList(t.targetResources),
    exceptions: strList(t.exceptions),
    clusterResources: strList(t.clusterResources),
    variables: optStr(t.variables),
    values: isObject(t.values) ? t.values : undefined,
    userinfo: optStr(t.userinfo),
    context: optStr(t.context),
    apiCallResponses: t.apiCallResponses,
    globalContextEntries: t.globalContextEntries,
    paramResources: strList(t.paramResources),
    results: results.map((r, i) => decodeResult(r, i)),
  };
}

function decodeResult(raw: JsonValue, index: number): ExpectedResult {
  if (!isObject(raw)) throw new Error(`results[${index}] must be a map`);
  const r = canonicalize(raw, RESULT_FIELDS, `results[${index}]`);
  if (typeof r.policy !== 'string' || r.policy === '') throw new Error(`results[${index}].policy is required`);
  const result = String(r.result ?? '');
  if (!['pass', 'fail', 'warn', 'error', 'skip'].includes(result))
    throw new Error(`results[${index}].result must be one of pass, fail, warn, error, skip (found "${result}")`);
  // Kyverno: the is*Policy flags are ignored (the loaded policy decides), except this combination (§6.1).
  if (r.isDeletingPolicy === true && r.operation !== undefined)
    throw new Error(`results[${index}]: operation cannot be set on a DeletingPolicy result`);
  return {
    policy: r.policy,
    rule: optStr(r.rule),
    resources: strList(r.resources),
    kind: optStr(r.kind),
    result,
    operation: optStr(r.operation),
    patchedResources: optStr(r.patchedResources),
    generatedResource: optStr(r.generatedResource),
    generatedResources: Array.isArray(r.generatedResources) ? r.generatedResources.map(String) : undefined,
    cloneSourceResource: optStr(r.cloneSourceResource),
    failOnMissingResources: optBool(r.failOnMissingResources),
    isValidatingPolicy: optBool(r.isValidatingPolicy),
    isMutatingPolicy: optBool(r.isMutatingPolicy),
    isGeneratingPolicy: optBool(r.isGeneratingPolicy),
    index,
  };
}
