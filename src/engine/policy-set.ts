// Sorting loaded documents into policies (compiled), CEL policies, exceptions and resources.
import { isObject, type JsonObject } from './json.js';
import type { SourceDocument } from './source/documents.js';
import { isCelPolicyDocument, isClassicPolicyDocument, toClassicPolicy } from './policy/policy.js';
import { compilePolicy, type CompiledPolicy } from './compile/compile-policy.js';
import type { QueryCache } from './context/query-cache.js';

/** Documents sorted by role. */
export interface PolicySet {
  readonly policies: CompiledPolicy[];
  /** policies.kyverno.io documents (not evaluated by the classic engine). */
  readonly celPolicies: SourceDocument[];
  /** kyverno.io PolicyExceptions (classic policies). */
  readonly exceptions: SourceDocument[];
  /** policies.kyverno.io PolicyExceptions (CEL policy kinds, kyverno-cel-semantics §2.8). */
  readonly celExceptions: SourceDocument[];
  /** Everything else that looks like a Kubernetes object. */
  readonly resources: SourceDocument[];
  /** Documents that are not Kubernetes objects (no apiVersion/kind). */
  readonly ignored: SourceDocument[];
}

/** Compile every classic policy among `docs` and sort the rest. */
export function buildPolicySet(docs: readonly SourceDocument[], queries: QueryCache): PolicySet {
  const set: PolicySet = {
    policies: [],
    celPolicies: [],
    exceptions: [],
    celExceptions: [],
    resources: [],
    ignored: [],
  };
  for (const d of docs) {
    const v = d.value;
    if (isClassicPolicyDocument(v)) set.policies.push(compilePolicy(toClassicPolicy(v, d), queries));
    else if (isCelPolicyDocument(v)) set.celPolicies.push(d);
    else if (isObject(v) && v.kind === 'PolicyException' && String(v.apiVersion).startsWith('kyverno.io/'))
      set.exceptions.push(d);
    else if (isObject(v) && v.kind === 'PolicyException' && String(v.apiVersion).startsWith('policies.kyverno.io/'))
      set.celExceptions.push(d);
    else if (isKubernetesObject(v) && isList(v)) set.resources.push(...listItems(d));
    else if (isKubernetesObject(v)) set.resources.push(d);
    else set.ignored.push(d);
  }
  return set;
}

/** True for a document with apiVersion and kind strings. */
export function isKubernetesObject(v: unknown): v is JsonObject {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/** Why a compiled policy cannot be fully evaluated yet, or undefined when it can. */
export function unsupportedFeature(cp: CompiledPolicy): string | undefined {
  for (const r of cp.rules) {
    if (r.unsupported) return `rule ${r.name}: ${r.unsupported}`;
    const body = r.validate?.body;
    if (body?.kind === 'unsupported') return `rule ${r.name}: ${body.reason}`;
    if (body?.kind === 'foreach') {
      const inner = body.entries.find((e) => e.body.kind === 'unsupported');
      if (inner && inner.body.kind === 'unsupported') return `rule ${r.name}: ${inner.body.reason}`;
    }
  }
  return undefined;
}

function isList(v: JsonObject): boolean {
  return (v.kind === 'List' || String(v.kind).endsWith('List')) && Array.isArray(v.items);
}

/** The items of a `List` document, each pointing back into the list's source. */
export function listItems(d: SourceDocument): SourceDocument[] {
  const items = (d.value as JsonObject).items as JsonObject[];
  return items.filter(isKubernetesObject).map((item, i) => ({
    file: d.file,
    index: d.index,
    value: item,
    pos: d.locate(['items', i]),
    locate: (path) => d.locate(['items', i, ...path]),
  }));
}
