// Kyverno: spec §6.3 — `{{ }}` variable substitution over strings, keys and whole documents.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { boundedMemo } from '../primitives/bounded-memo.js';
import { goJsonStringify } from '../primitives/go-format.js';

/** Answers the JMESPath expression inside a variable; throws with the query's error message. */
export interface VariableResolver {
  query(expression: string): JsonValue;
  /** Whether a top-level name exists in the context (used to pick `target` for `@`). */
  has(name: string): boolean;
  /** DELETE requests read `request.oldObject` wherever `request.object` is written. */
  readonly isDelete: boolean;
}

/** A variable that could not be resolved; the message names the expression and the document path. */
export class SubstitutionError extends Error {}

// Kyverno: a variable may contain single-level `{...}` groups (multi-select hashes) but no other braces.
const VARIABLE = /(^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})/;
const SHALLOW_OPEN = '\u0000{{';

/** True when `s` holds at least one unescaped `{{ }}` variable. */
export function hasVariables(s: string): boolean {
  return VARIABLE.test(s);
}

/** True when any string or key in `v` holds a variable. */
export function containsVariables(v: JsonValue): boolean {
  return someText(v, hasVariables);
}

/** True when substitution may change `v`: some string or key holds `{{` (a variable, or an escaped `\{{`). */
export function changedBySubstitution(v: JsonValue): boolean {
  return someText(v, (s) => s.includes('{{'));
}

// Whether `test` holds for some string or key anywhere in `v`.
function someText(v: JsonValue, test: (s: string) => boolean): boolean {
  if (typeof v === 'string') return test(v);
  if (Array.isArray(v)) return v.some((x) => someText(x, test));
  if (isObject(v)) for (const k in v) if (test(k) || someText(v[k], test)) return true;
  return false;
}

/** Substitute every variable in a document; `path` is the document's JSON-pointer location in its rule. */
export function substituteDocument(doc: JsonValue, r: VariableResolver, path: readonly string[] = []): JsonValue {
  return substituteAt(doc, r, path, undefined);
}

// The path below the document, parent-linked: most documents hold no variable, so the full path (for `@` and
// error messages) is only built for a string that has one.
type Trail = { readonly up: Trail; readonly seg: string | number } | undefined;

function pathOf(base: readonly string[], trail: Trail): string[] {
  const segs: string[] = [];
  for (let t = trail; t; t = t.up) segs.push(String(t.seg));
  return [...base, ...segs.reverse()];
}

function substituteAt(doc: JsonValue, r: VariableResolver, base: readonly string[], trail: Trail): JsonValue {
  if (typeof doc === 'string') return doc.includes('{{') ? substituteText(doc, r, base, trail) : doc;
  if (Array.isArray(doc)) {
    // A plain loop: a map closure over `r`, `base` and `trail` would cost a function context on every call.
    const out = new Array<JsonValue>(doc.length);
    for (let i = 0; i < doc.length; i++) out[i] = substituteAt(doc[i], r, base, { up: trail, seg: i });
    return out;
  }
  if (isObject(doc)) {
    const out: JsonObject = {};
    for (const k in doc) {
      const key = k.includes('{{') && hasVariables(k) ? String(substituteText(k, r, base, trail)) : k;
      out[key] = substituteAt(doc[k], r, base, { up: trail, seg: k });
    }
    return out;
  }
  return doc;
}

/** Substitute the variables of one string; a string that is exactly one variable becomes the typed result. */
export function substituteString(s: string, r: VariableResolver, path: readonly string[] = []): JsonValue {
  return s.includes('{{') ? substituteText(s, r, path, undefined) : s;
}

function substituteText(s: string, r: VariableResolver, base: readonly string[], trail: Trail): JsonValue {
  let text = s;
  for (;;) {
    let variable: string;
    let start: number;
    if (text === s ? isWholeVariableText(s) : isWholeVariable(text)) {
      variable = text;
      start = 0;
    } else {
      // Without `{{` nothing is left to substitute, and the escapes below have nothing to restore.
      if (!text.includes('{{')) return text;
      const m = VARIABLE.exec(text);
      if (!m) break;
      variable = m[2];
      start = m.index + m[1].length;
    }
    const { expression, shallow } = variableOf(variable);
    const value = resolveVariable(expression, r, base, trail);
    if (start === 0 && variable.length === text.length) {
      if (typeof value !== 'string') return value;
    }
    let inserted = typeof value === 'string' ? value : goJsonStringify(value);
    if (shallow) inserted = inserted.replaceAll('{{', SHALLOW_OPEN);
    text = text.slice(0, start) + inserted + text.slice(start + variable.length);
  }
  return text.replaceAll(SHALLOW_OPEN, '{{').replaceAll('\\{{', '{{');
}

// The common `{{ expression }}` with no brace inside: what VARIABLE would find, without running it.
function isWholeVariable(text: string): boolean {
  if (text.length < 4 || !text.startsWith('{{') || !text.endsWith('}}')) return false;
  for (let i = 2; i < text.length - 2; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x7d) return false;
  }
  return true;
}

// A policy's strings come back with every request: what they are is read once per text. The expression is then the
// same string object each time, so the query cache finds it without hashing a new string.
const isWholeVariableText = boundedMemo(4096, isWholeVariable);
// `{{- expr }}` is a shallow substitution: what it inserts is not substituted again.
const variableOf = boundedMemo(4096, (variable: string) => {
  const expr = variable.slice(2, -2).trim();
  const shallow = expr.startsWith('-');
  return { expression: shallow ? expr.slice(1).trim() : expr, shallow };
});

function resolveVariable(expression: string, r: VariableResolver, base: readonly string[], trail: Trail): JsonValue {
  let expr = expression;
  // Kyverno: only a variable that is exactly `@` refers to the same field of the resource.
  if (expr === '@') expr = selfReference(pathOf(base, trail), r);
  if (r.isDelete) expr = expr.replaceAll('request.object', 'request.oldObject');
  try {
    return r.query(expr);
  } catch (e) {
    const at = pointer(pathOf(base, trail));
    throw new SubstitutionError(`failed to resolve ${expr} at path ${at}: ${(e as Error).message}`);
  }
}

// Kyverno: `@` is "the same field in the resource": drop everything up to a foreach segment, then two segments.
function selfReference(path: readonly string[], r: VariableResolver): string {
  let segs = [...path];
  const fe = segs.lastIndexOf('foreach');
  if (fe >= 0) segs = segs.slice(fe + 1);
  segs = segs.slice(2);
  const prefix = r.has('target') ? 'target' : 'request.object';
  return [
    prefix,
    ...segs.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : JSON.stringify(s))),
  ]
    .join('.')
    .replace(/\.\[/g, '[');
}

function pointer(path: readonly string[]): string {
  return path.length ? '/' + path.join('/') : '';
}
