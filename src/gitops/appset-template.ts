// ApplicationSet template parameters: `{{param}}` (fasttemplate) and `{{.param}}` (goTemplate) substitution.
import { isObject, type JsonObject, type JsonValue } from '../engine/index.js';

/** Thrown when a goTemplate expression is more than a plain field reference. */
export class TemplateUnsupportedError extends Error {
  constructor(expression: string, why: string) {
    super(`template expression {{${expression}}} ${why}`);
    this.name = 'TemplateUnsupportedError';
  }
}

/**
 * Substitute parameters in every string of `template`; throws TemplateUnsupportedError for goTemplate
 * expressions other than `.a.b` field references (functions, pipelines, conditionals).
 */
export function renderTemplate(template: JsonValue, params: JsonObject, goTemplate: boolean): JsonValue {
  const flat = goTemplate ? {} : flattenParams(params);
  const render = (s: string) => (goTemplate ? renderGo(s, params) : renderFast(s, flat));
  return mapStrings(template, render);
}

function mapStrings(v: JsonValue, f: (s: string) => string): JsonValue {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/** Non-go parameters: nested objects flattened with dots (`values.env`), scalars as strings. */
export function flattenParams(params: JsonObject, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (isObject(v)) Object.assign(out, flattenParams(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

// Argo CD (fasttemplate): the tag is trimmed; an unknown parameter is left as written.
function renderFast(s: string, params: Record<string, string>): string {
  return s.replace(/\{\{([^{}]*)\}\}/g, (whole, tag: string) => params[tag.trim()] ?? whole);
}

function renderGo(s: string, params: JsonObject): string {
  return s.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_whole, expr: string) => {
    if (!/^\.[\w-]+(\.[\w-]+)*$/.test(expr)) throw new TemplateUnsupportedError(expr, 'is not a plain field reference');
    let v: JsonValue | undefined = params;
    for (const key of expr.slice(1).split('.')) v = isObject(v) ? v[key] : undefined;
    if (v === undefined) throw new TemplateUnsupportedError(expr, 'names a missing parameter');
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}
