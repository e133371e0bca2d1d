// Builders for tests of the CEL policy kinds: a CelRequest for a resource as the CLI would simulate it (§6.3),
// and SourceDocuments from YAML values. Not used by the engine itself.
import { stringify } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { parseDocuments, type SourceDocument } from '../../source/documents.js';
import type { CelRequest } from '../types.js';

/** Options of testCelRequest. */
export interface TestRequestOptions {
  readonly operation?: CelRequest['operation'];
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  readonly namespaceObject?: JsonObject | null;
  readonly subResource?: string;
}

/** A CelRequest for `resource`: plural guessed from the kind, object/oldObject per operation (§6.3). */
export function testCelRequest(resource: JsonObject, opts: TestRequestOptions = {}): CelRequest {
  const operation = opts.operation ?? 'CREATE';
  const [group, version] = splitApiVersion(String(resource.apiVersion ?? ''));
  const kind = String(resource.kind ?? '');
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const plural = kind.toLowerCase().endsWith('s') ? `${kind.toLowerCase()}es` : `${kind.toLowerCase()}s`;
  const admission: JsonObject = {
    kind: { group, version, kind },
    resource: { group, version, resource: plural.replace(/ys$/, 'ies') },
    subResource: opts.subResource ?? '',
    name: String(md.name ?? ''),
    namespace: String(md.namespace ?? ''),
    operation,
    userInfo: { username: 'tester', groups: [] },
    dryRun: false,
  };
  return {
    operation,
    object: operation === 'DELETE' ? null : resource,
    oldObject: operation === 'CREATE' ? null : resource,
    admission,
    namespaceObject: opts.namespaceObject ?? null,
    namespaceLabels: opts.namespaceLabels ?? {},
    services: { clock: { now: () => new Date(Date.UTC(2026, 0, 1)) } },
  };
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** A SourceDocument for a YAML value (serialised, then parsed, so positions are real). */
export function testDocument(value: JsonValue, file = 'policy.yaml'): SourceDocument {
  return testDocuments(stringify(value), file)[0];
}

/** The SourceDocuments of a YAML text. */
export function testDocuments(text: string, file = 'policy.yaml'): SourceDocument[] {
  return parseDocuments(text, file).documents;
}
