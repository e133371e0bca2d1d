// Kyverno: kyverno-cel-semantics §5.2 — the typed `request` variable (admission request fields;
// `uid` is deliberately not declared, so `request.uid` is a compile error).

type Schema = { readonly [field: string]: string | Schema };

const GROUP_VERSION_KIND: Schema = { group: 'string', version: 'string', kind: 'string' };
const GROUP_VERSION_RESOURCE: Schema = { group: 'string', version: 'string', resource: 'string' };

const BASE_REQUEST: Schema = {
  kind: GROUP_VERSION_KIND,
  resource: GROUP_VERSION_RESOURCE,
  subResource: 'string',
  requestKind: GROUP_VERSION_KIND,
  requestResource: GROUP_VERSION_RESOURCE,
  requestSubResource: 'string',
  name: 'string',
  namespace: 'string',
  operation: 'string',
  userInfo: { username: 'string', uid: 'string', groups: 'list<string>', extra: 'map<string, list<string>>' },
  dryRun: 'bool',
  options: 'dyn',
};

/** The request schema of a policy kind: `validate.cel` requests have no object fields (§1.3). */
export function requestSchema(withObjects: boolean): Schema {
  return withObjects ? { ...BASE_REQUEST, object: 'dyn', oldObject: 'dyn' } : BASE_REQUEST;
}
