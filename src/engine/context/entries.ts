// Kyverno: spec §6.6 — rule and foreach `context` entries, loaded lazily into the JSON context.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { ClusterReader } from '../ports.js';
import { changedBySubstitution, substituteDocument, substituteString } from '../variables/substitute.js';
import { ContextError, type JsonContext } from './json-context.js';

/** Where entries that read the cluster get their data; absent offline (entries then come from values). */
export interface ContextSources {
  readonly cluster?: ClusterReader;
  /** Namespace of a namespaced Policy ('' for a ClusterPolicy). */
  readonly policyNamespace: string;
}

/** One entry of a `context` list, compiled when its policy loads: its name and how it loads. */
export type ContextEntry =
  /** A `variable` whose value is a constant: set in the context as it is. */
  | { readonly kind: 'constant'; readonly name: string; readonly value: JsonValue }
  | { readonly kind: 'variable'; readonly name: string; readonly variable: JsonObject }
  | { readonly kind: 'configMap'; readonly name: string; readonly configMap: JsonObject }
  | { readonly kind: 'apiCall'; readonly name: string; readonly apiCall: JsonObject };

/** A compiled `context` list: the entries that can load something, in order (never empty: none is undefined). */
export type ContextEntries = readonly ContextEntry[];

/**
 * Compile a `context` list as written. Entries without a name, and the imageRegistry and globalReference entries
 * (Kyverno's CLI does not load them offline; values supply them), load nothing and are left out; undefined when
 * nothing is left.
 */
export function compileContextEntries(entries: JsonValue | undefined): ContextEntries | undefined {
  if (!Array.isArray(entries)) return undefined;
  const out: ContextEntry[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.name !== 'string') continue;
    const name = entry.name;
    if (isObject(entry.variable))
      out.push(
        isConstant(entry.variable)
          ? { kind: 'constant', name, value: entry.variable.value! }
          : { kind: 'variable', name, variable: entry.variable },
      );
    else if (isObject(entry.configMap)) out.push({ kind: 'configMap', name, configMap: entry.configMap });
    else if (isObject(entry.apiCall)) out.push({ kind: 'apiCall', name, apiCall: entry.apiCall });
  }
  return out.length > 0 ? out : undefined;
}

/** Register each entry of a compiled `context` list; entries already supplied by values are left alone. */
export function registerContextEntries(
  entries: ContextEntries | undefined,
  ctx: JsonContext,
  sources: ContextSources,
): void {
  if (!entries) return;
  for (const entry of entries) {
    switch (entry.kind) {
      case 'constant':
        ctx.set(entry.name, entry.value);
        break;
      case 'variable':
        deferVariable(entry.name, entry.variable, ctx);
        break;
      case 'configMap':
        // Offline (no cluster), values supply configMap and apiCall entries.
        if (sources.cluster && !ctx.has(entry.name))
          deferConfigMap(entry.name, entry.configMap, ctx, sources.cluster, sources.policyNamespace);
        break;
      case 'apiCall':
        if (sources.cluster && !ctx.has(entry.name)) deferApiCall(entry.name, entry.apiCall, ctx, sources.cluster);
        break;
    }
  }
}

// The loaders' closures are made in functions of their own: in the loop above, V8 would allocate a context for
// every entry, loaded lazily or not.
function deferVariable(name: string, variable: JsonObject, ctx: JsonContext): void {
  ctx.defer(name, () => loadVariable(name, variable, ctx));
}

function deferConfigMap(name: string, cm: JsonObject, ctx: JsonContext, cluster: ClusterReader, ns: string): void {
  ctx.defer(name, () => loadConfigMap(cm, ctx, cluster, ns));
}

function deferApiCall(name: string, call: JsonObject, ctx: JsonContext, cluster: ClusterReader): void {
  ctx.defer(name, () => loadApiCall(name, call, ctx, cluster));
}

// A `variable` whose value is a constant (an allow-list written in the policy): no variable in it or its default,
// no jmesPath, not null. Loading it can neither fail nor give anything but the value itself, so it is set in the
// context at once, the value shared (contexts are read-only to queries and copy on write), rather than deferred
// with a loader that would copy it on every request.
function isConstant(v: JsonObject): boolean {
  return (
    v.value !== undefined &&
    v.value !== null &&
    v.jmesPath === undefined &&
    !changedBySubstitution(v.value) &&
    (v.default === undefined || !changedBySubstitution(v.default))
  );
}

function loadVariable(name: string, v: JsonObject, ctx: JsonContext): JsonValue {
  const wrap = (e: unknown) => new ContextError(`failed to load context entry ${name}: ${(e as Error).message}`);
  let jmesPath: string | undefined;
  let fallback: JsonValue | undefined;
  try {
    if (v.jmesPath !== undefined) jmesPath = String(substituteString(String(v.jmesPath), ctx));
    if (v.default !== undefined) fallback = substituteDocument(v.default, ctx);
  } catch (e) {
    throw wrap(e);
  }
  let result: JsonValue | undefined;
  if (v.value !== undefined) {
    let value: JsonValue;
    try {
      value = substituteDocument(v.value, ctx);
    } catch (e) {
      throw wrap(e);
    }
    if (jmesPath === undefined) result = value;
    else {
      try {
        result = ctx.queryValue(jmesPath, value);
      } catch (e) {
        if (fallback === undefined) throw wrap(e);
        result = fallback;
      }
    }
  } else if (jmesPath !== undefined) {
    try {
      result = ctx.query(jmesPath);
      if (result === null && fallback !== undefined) result = fallback;
    } catch (e) {
      if (fallback === undefined) throw wrap(e);
      result = fallback;
    }
  }
  if (result === null || result === undefined) {
    throw new ContextError(`failed to add context entry for variable ${name} since it evaluated to nil`);
  }
  return result;
}

function loadConfigMap(cm: JsonObject, ctx: JsonContext, cluster: ClusterReader, policyNamespace: string): JsonValue {
  const spec = substituteDocument(cm, ctx) as JsonObject;
  const name = String(spec.name ?? '');
  const namespace = String(spec.namespace || policyNamespace || 'default');
  const found = cluster.getConfigMap(namespace, name);
  if (!found) throw new ContextError(`failed to get configmap ${namespace}/${name}: configmap not found`);
  return { data: found.data ?? {}, metadata: found.metadata ?? {} };
}

function loadApiCall(name: string, call: JsonObject, ctx: JsonContext, cluster: ClusterReader): JsonValue {
  const spec = substituteApiCall(name, call, ctx);
  const method = spec.method === 'POST' ? 'POST' : 'GET';
  let body: JsonValue | undefined;
  if (Array.isArray(spec.data)) {
    const obj: JsonObject = {};
    for (const d of spec.data) if (isObject(d)) obj[String(d.key)] = d.value ?? null;
    body = obj;
  }
  let response: JsonValue;
  try {
    response = cluster.apiCall(String(spec.urlPath ?? ''), method, body);
  } catch (e) {
    if (spec.default !== undefined) return spec.default;
    throw new ContextError(`failed to load context: ${(e as Error).message}`);
  }
  const jmesPath = typeof spec.jmesPath === 'string' ? spec.jmesPath : '';
  if (jmesPath === '') return response;
  try {
    return ctx.queryValue(jmesPath, response);
  } catch (e) {
    const cause = `failed to apply JMESPath ${jmesPath} for context entry ${name}: ${(e as Error).message}`;
    throw new ContextError(`failed to store data for APICall: ${cause}`);
  }
}

/** Kyverno substitutes the whole apiCall before the call; its error names the entry and its urlPath as written. */
function substituteApiCall(name: string, call: JsonObject, ctx: JsonContext): JsonObject {
  try {
    return substituteDocument(call, ctx) as JsonObject;
  } catch (e) {
    // A service call has no urlPath: Kyverno prints the empty string.
    const urlPath = typeof call.urlPath === 'string' ? call.urlPath : '';
    const cause = `failed to substitute variables in context entry ${name} ${urlPath}: ${(e as Error).message}`;
    throw new ContextError(`failed to fetch data for APICall: ${cause}`);
  }
}
