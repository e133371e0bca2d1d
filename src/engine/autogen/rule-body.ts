// Kyverno: spec §10.3 — how a generated rule's mutate/validate body is wrapped into the pod template.
import { cloneJson, isObject, type JsonObject, type JsonValue } from '../json.js';
import { shiftReferences } from './references.js';

/** Where the pod template lives in the target kind: `template` (spec.template) or `jobTemplate`. */
export interface TemplateWrap {
  /** Key under `spec` that holds the wrapped body: `template` or `jobTemplate`. */
  readonly templateKey: string;
  /** Path segment added after a `$(...)` reference's pivot, e.g. `spec/template`. */
  readonly shift: string;
}

/**
 * Rewrite the rule's body in place for the template; false when the rule has no body Kyverno can
 * wrap (then no rule is generated). Only the first applicable body kind is handled, in Kyverno's order.
 */
export function wrapRuleBody(rule: JsonObject, wrap: TemplateWrap): boolean {
  if (isObject(rule.mutate)) {
    const mutate = wrapMutate(rule.mutate, wrap);
    if (mutate) {
      rule.mutate = mutate;
      return true;
    }
  }
  if (isObject(rule.validate)) {
    const validate = wrapValidate(rule.validate, wrap);
    if (validate) {
      rule.validate = validate;
      return true;
    }
  }
  // verifyImages bodies are kept as written (only the textual rewrite applies).
  return Array.isArray(rule.verifyImages);
}

function wrapInTemplate(body: JsonValue | undefined, wrap: TemplateWrap): JsonObject {
  return { spec: { [wrap.templateKey]: body === undefined ? null : cloneJson(body) } };
}

function has(v: JsonValue | undefined): v is NonNullable<JsonValue> {
  return v !== undefined && v !== null;
}

// Kyverno: the new mutation holds only the wrapped patch; `targets` and foreach `order` are dropped.
function wrapMutate(mutate: JsonObject, wrap: TemplateWrap): JsonObject | undefined {
  if (has(mutate.patchStrategicMerge)) return { patchStrategicMerge: wrapInTemplate(mutate.patchStrategicMerge, wrap) };
  if (!Array.isArray(mutate.foreach) || mutate.foreach.length === 0) return undefined;
  return { foreach: mutate.foreach.map((f) => wrapForeachMutation(isObject(f) ? f : {}, wrap)) };
}

function wrapForeachMutation(foreach: JsonObject, wrap: TemplateWrap): JsonObject {
  const out = pick(foreach, ['list', 'context', 'preconditions']);
  // Kyverno wraps even a missing patch (as null).
  out.patchStrategicMerge = wrapInTemplate(foreach.patchStrategicMerge, wrap);
  return out;
}

const CARRIED_VALIDATE_FIELDS = ['failureAction', 'failureActionOverrides', 'allowExistingViolations'];

function wrapValidate(validate: JsonObject, wrap: TemplateWrap): JsonObject | undefined {
  const base = (pivot: string): JsonObject => ({
    ...message(validate, wrap, pivot),
    ...pick(validate, CARRIED_VALIDATE_FIELDS),
  });
  if (has(validate.pattern)) return { ...base('pattern'), pattern: wrapInTemplate(validate.pattern, wrap) };
  if (has(validate.deny)) return { ...base('deny'), deny: cloneJson(validate.deny) };
  if (has(validate.podSecurity)) return { ...base('podSecurity'), podSecurity: podSecurity(validate.podSecurity) };
  if (has(validate.anyPattern)) return { ...base('anyPattern'), anyPattern: anyPatterns(validate.anyPattern, wrap) };
  if (Array.isArray(validate.foreach) && validate.foreach.length > 0)
    return { ...base('pattern'), foreach: cloneJson(validate.foreach) };
  if (has(validate.cel)) return cloneJson(validate);
  if (isObject(validate.assert) && Object.keys(validate.assert).length > 0)
    return { ...cloneJson(validate), assert: wrapAssertion(validate.assert, wrap) };
  return undefined;
}

function message(validate: JsonObject, wrap: TemplateWrap, pivot: string): JsonObject {
  const text = validate.message;
  return typeof text === 'string' && text !== '' ? { message: shiftReferences(text, wrap.shift, pivot) } : {};
}

function podSecurity(ps: JsonValue): JsonObject {
  return isObject(ps) ? pick(ps, ['level', 'version', 'exclude']) : {};
}

function anyPatterns(patterns: JsonValue, wrap: TemplateWrap): JsonValue[] {
  return Array.isArray(patterns) ? patterns.map((p) => wrapInTemplate(p, wrap)) : [];
}

// Kyverno: assertion trees wrap their `object` and `oldObject` nodes.
function wrapAssertion(assert: JsonObject, wrap: TemplateWrap): JsonObject {
  const out = cloneJson(assert);
  for (const node of ['object', 'oldObject']) {
    if (isObject(assert[node])) out[node] = wrapInTemplate(assert[node], wrap);
  }
  return out;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (Object.hasOwn(source, k) && source[k] !== null) out[k] = cloneJson(source[k]);
  return out;
}
