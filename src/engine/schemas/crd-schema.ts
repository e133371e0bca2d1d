// Kyverno's CRD schemas (generated from the pinned release by scripts/generate-policy-schemas.mjs): what the API
// server would reject or prune is a load error here, so a typo is heard before merge, not found after sync.
import crds from './kyverno-crds.json' with { type: 'json' };
import { isObject } from '../json.js';
import type { Diagnostic } from '../result/diagnostic.js';
import { formatJsonPath, type JsonPath } from '../result/location.js';
import type { SourceDocument } from '../source/documents.js';
import { closestMatch } from '../primitives/did-you-mean.js';
import { validateStructural, type Schema, type SchemaViolation } from './structural-validator.js';

/** The CRD schema of a kind at a version (`kyverno.io/v1`, `ClusterPolicy`), when Kyverno serves it. */
export function crdSchemaOf(apiVersion: string, kind: string): Schema | undefined {
  const id = (crds.kinds as Record<string, string>)[`${apiVersion}/${kind}`];
  return id === undefined ? undefined : (crds.schemas as Record<string, Schema>)[id];
}

/** The document's violations of its kind's CRD schema, one diagnostic each with file:line and JSON path. */
export function crdDiagnostics(doc: SourceDocument, what: string): Diagnostic[] {
  const value = doc.value;
  if (!isObject(value)) return [];
  const schema = crdSchemaOf(String(value.apiVersion), String(value.kind));
  if (!schema) return [];
  const violations = validateStructural(schema, value);
  // A misspelt required field is one mistake: the unknown field's did-you-mean says it, the "is required" would not.
  const misspelt = new Set(
    violations
      .filter((v) => v.keyword === 'additionalProperties')
      .map((v) => pathKey([...v.path.slice(0, -1), hintFor(v) ?? ''])),
  );
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const v of violations) {
    if (v.keyword === 'required' && misspelt.has(pathKey(v.path))) continue;
    const d = toDiagnostic(v, doc, what);
    if (seen.has(d.message)) continue;
    seen.add(d.message);
    out.push(d);
  }
  return out;
}

const pathKey = (path: JsonPath) => JSON.stringify(path);

function hintFor(v: SchemaViolation): string | undefined {
  return closestMatch(String(v.path.at(-1)), Object.keys(v.schema.properties ?? {}));
}

function toDiagnostic(v: SchemaViolation, doc: SourceDocument, what: string): Diagnostic {
  const diagnostic = (code: string, message: string): Diagnostic => ({
    code: `schema/${code}`,
    severity: 'error',
    message: `${what}: ${message}`,
    path: v.path,
    source: doc.locate(v.path),
  });
  const field = formatJsonPath(v.path) || '(document)';
  switch (v.keyword) {
    case 'additionalProperties': {
      const hint = hintFor(v);
      return diagnostic(
        'unknown-field',
        `unknown field ${field}${hint ? ` (did you mean ${hint}?)` : ''}; Kyverno's API server would reject it`,
      );
    }
    case 'enum': {
      const allowed = (v.schema.enum ?? []).map(String);
      const hint = closestMatch(String(v.value), allowed);
      return diagnostic(
        'enum',
        `${field}: ${JSON.stringify(v.value)} is not one of ${allowed.join(', ')}${hint ? ` (did you mean ${hint}?)` : ''}`,
      );
    }
    case 'type':
      return diagnostic('type', `${field}: must be ${[v.schema.type].flat().join(' or ')}, not ${typeName(v.value)}`);
    case 'anyOf':
      return diagnostic('type', `${field}: must be an integer or a string, not ${typeName(v.value)}`);
    case 'required':
      return diagnostic('required', `${field} is required`);
    case 'oneOf':
      return diagnostic('invalid', `${field}: must set exactly one of ${alternatives(v.schema.oneOf ?? [])}`);
    case 'not':
      return diagnostic('invalid', `${field}: must not set ${alternatives([v.schema.not ?? {}], ' and ')} together`);
    default:
      return diagnostic('invalid', `${field}: ${describe(v)}`);
  }
}

// `oneOf: [{required: [configMap]}, {required: [apiCall]}]` → `configMap, apiCall`.
function alternatives(schemas: readonly Schema[], joiner = ', '): string {
  return schemas.flatMap((s) => s.required ?? []).join(joiner);
}

function describe(v: SchemaViolation): string {
  const s = v.schema;
  switch (v.keyword) {
    case 'maxLength':
      return `must be at most ${s.maxLength} characters`;
    case 'minLength':
      return `must be at least ${s.minLength} characters`;
    case 'pattern':
      return `must match ${s.pattern}`;
    case 'minimum':
      return `must be at least ${s.minimum}`;
    case 'minItems':
      return `must list at least ${s.minItems}`;
    default:
      return `violates ${v.keyword}`;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}
