// Kyverno's CRD schemas (generated from the pinned release by scripts/generate-policy-schemas.mjs): what the API
// server would reject or prune is a load error here, so a typo is heard before merge, not found after sync.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import crds from './kyverno-crds.json' with { type: 'json' };
import { isObject, type JsonValue } from '../json.js';
import type { Diagnostic } from '../result/diagnostic.js';
import { formatJsonPath, type JsonPath } from '../result/location.js';
import type { SourceDocument } from '../source/documents.js';
import { closestMatch } from '../primitives/did-you-mean.js';

/** The Kyverno release the schemas come from. */
export const SCHEMA_KYVERNO_VERSION: string = crds.kyvernoVersion;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

// Compiled when a kind is first met: most runs load one or two kinds.
function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const id = (crds.kinds as Record<string, string>)[`${apiVersion}/${kind}`];
  if (id === undefined) return undefined;
  let v = compiled.get(id);
  if (!v) compiled.set(id, (v = ajv.compile((crds.schemas as Record<string, object>)[id])));
  return v;
}

/** The document's violations of its kind's CRD schema, one diagnostic each with file:line and JSON path. */
export function crdDiagnostics(doc: SourceDocument, what: string): Diagnostic[] {
  const value = doc.value;
  if (!isObject(value)) return [];
  const validate = validatorFor(String(value.apiVersion), String(value.kind));
  if (!validate || validate(value)) return [];
  const errors = validate.errors ?? [];
  // A union (int-or-string) explains itself once; its branches' own type errors are noise.
  const unions = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  // A misspelt required field is one mistake: the unknown field's did-you-mean says it, the "is required" would not.
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
        return `${e.instancePath}/${closestMatch(String(e.params.additionalProperty), known) ?? ''}`;
      }),
  );
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (unions.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    if (e.keyword === 'required' && misspelt.has(`${e.instancePath}/${String(e.params.missingProperty)}`)) continue;
    const d = toDiagnostic(e, doc, what);
    if (seen.has(d.message)) continue;
    seen.add(d.message);
    out.push(d);
  }
  return out;
}

function toDiagnostic(e: ErrorObject, doc: SourceDocument, what: string): Diagnostic {
  const at = pathOf(e.instancePath);
  const diagnostic = (code: string, path: JsonPath, message: string): Diagnostic => ({
    code: `schema/${code}`,
    severity: 'error',
    message: `${what}: ${message}`,
    path,
    source: doc.locate(path),
  });
  const field = (path: JsonPath) => formatJsonPath(path) || '(document)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const path = [...at, name];
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const hint = closestMatch(name, known);
      return diagnostic(
        'unknown-field',
        path,
        `unknown field ${field(path)}${hint ? ` (did you mean ${hint}?)` : ''}; Kyverno's API server would reject it`,
      );
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as JsonValue[]).map(String);
      const hint = closestMatch(String(e.data), allowed);
      return diagnostic(
        'enum',
        at,
        `${field(at)}: ${JSON.stringify(e.data)} is not one of ${allowed.join(', ')}${hint ? ` (did you mean ${hint}?)` : ''}`,
      );
    }
    case 'type':
      return diagnostic('type', at, `${field(at)}: must be ${String(e.params.type)}, not ${typeName(e.data)}`);
    case 'anyOf':
    case 'oneOf':
      return diagnostic('type', at, `${field(at)}: must be an integer or a string, not ${typeName(e.data)}`);
    case 'required': {
      const path = [...at, String(e.params.missingProperty)];
      return diagnostic('required', path, `${field(path)} is required`);
    }
    default:
      return diagnostic('invalid', at, `${field(at)}: ${e.message ?? e.keyword}`);
  }
}

// `/spec/rules/0/validate` → ['spec', 'rules', 0, 'validate'] (JSON Pointer escapes undone).
function pathOf(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}
