// Kyverno: kyverno-cel-semantics §4.5 — `generate[].template`: YAML documents whose scalars may hold `(( expr ))`
// CEL placeholders (`interpolate: cel`). Placeholders are compiled once at load; rendering evaluates them.
import { parseAllDocuments } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import type { CelEnvironment } from '../../cel/environment.js';
import type { CelProgram } from '../../cel/compile.js';
import { evaluateCel } from '../../cel/evaluate.js';
import { fromCelValue } from '../../cel/values.js';
import { splitPlaceholders, type TemplatePart } from './placeholders.js';

/** A scalar with placeholders: literal text and compiled expressions, in order. */
export class CompiledScalar {
  constructor(readonly parts: readonly TemplatePart[]) {}
}

/** A template document: JSON with compiled scalars in place of placeholder strings. */
export type TemplateNode = JsonValue | CompiledScalar | TemplateNode[] | { [key: string]: TemplateNode };

/** A compiled template or the problems that kept it from compiling. */
export type TemplateCompileResult = { ok: true; documents: TemplateNode[] } | { ok: false; errors: string[] };

/** Parses `value` (multi-document YAML) and, with interpolation, compiles its placeholders. */
export function compileTemplate(env: CelEnvironment, value: string, interpolate: boolean): TemplateCompileResult {
  const errors: string[] = [];
  const documents: TemplateNode[] = [];
  for (const doc of parseAllDocuments(value)) {
    if (doc.errors.length > 0) errors.push(...doc.errors.map((e) => e.message.split('\n')[0]));
    const json = doc.toJS() as JsonValue | undefined;
    if (json === null || json === undefined) continue;
    if (!isObject(json)) errors.push('template documents must be mappings');
    else documents.push(interpolate ? compileNode(env, json, errors) : json);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, documents };
}

function compileNode(env: CelEnvironment, v: JsonValue, errors: string[]): TemplateNode {
  if (Array.isArray(v)) return v.map((x) => compileNode(env, x, errors));
  if (isObject(v)) {
    const out: Record<string, TemplateNode> = {};
    for (const [k, x] of Object.entries(v)) out[k] = compileNode(env, x, errors);
    return out;
  }
  if (typeof v !== 'string') return v;
  const parts = splitPlaceholders(v, env, errors);
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  return new CompiledScalar(parts);
}

/** Renders every document; throws Error with the evaluation problem. */
export function renderTemplate(
  documents: readonly TemplateNode[],
  activation: Readonly<Record<string, unknown>>,
): JsonObject[] {
  return documents.map((d) => render(d, activation) as JsonObject);
}

function render(n: TemplateNode, activation: Readonly<Record<string, unknown>>): JsonValue {
  if (Array.isArray(n)) return n.map((x) => render(x, activation));
  if (n === null || typeof n !== 'object') return n;
  if (n instanceof CompiledScalar) return renderScalar(n, activation);
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(n)) out[k] = render(x, activation);
  return out;
}

function renderScalar(s: CompiledScalar, activation: Readonly<Record<string, unknown>>): JsonValue {
  const values = s.parts.map((p) => (typeof p === 'string' ? p : evaluate(p, activation)));
  // A placeholder that is the whole scalar keeps its CEL value (maps and lists allowed).
  if (s.parts.length === 1) return values[0];
  return values.map((v) => scalarText(v)).join('');
}

function evaluate(p: CelProgram, activation: Readonly<Record<string, unknown>>): JsonValue {
  const r = evaluateCel(p, activation);
  if (!r.ok) throw new Error(`failed to evaluate template expression '${p.source}': ${r.error}`);
  return fromCelValue(r.value);
}

function scalarText(v: JsonValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`template placeholder inside a string must yield a scalar, got ${v === null ? 'null' : typeof v}`);
}
