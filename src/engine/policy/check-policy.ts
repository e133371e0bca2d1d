// Kyverno: spec §1.6 — what makes Kyverno reject a classic policy. Problems are returned, never thrown.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import { checkSelector } from '../match/label-selector.js';
import { RULE_TYPES, type ClassicPolicy } from './policy.js';
import { checkMetadataStrings } from './metadata-strings.js';

/** A policy shape problem at a path of the policy document. */
export interface PolicyProblem {
  readonly code: string;
  readonly path: JsonPath;
  readonly message: string;
}

// Top-level serviceAccount* variables only: `request.object.spec.serviceAccountName` is resource data.
const USER_VARIABLES =
  /(^|[^.\w])(serviceAccountName|serviceAccountNamespace)\b|request\.(userInfo|roles|clusterRoles)\b/;
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CustomResourceDefinition',
]);

/** Check a classic policy's shape; an empty list means Kyverno would accept it. */
export function checkPolicy(p: ClassicPolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const md = isObject(p.document.metadata) ? p.document.metadata : {};
  if (!p.name) out.push({ code: 'policy/missing-name', path: ['metadata'], message: 'metadata.name is required' });
  if (p.kind === 'ClusterPolicy' && md.namespace)
    out.push({
      code: 'policy/namespace',
      path: ['metadata', 'namespace'],
      message: 'a ClusterPolicy must not set metadata.namespace',
    });
  if (!isObject(p.document.spec)) {
    out.push({ code: 'policy/missing-spec', path: [], message: 'spec is required' });
    return out;
  }
  const rules = p.spec.rules;
  if (!Array.isArray(rules) || rules.length === 0) {
    out.push({
      code: 'policy/missing-rules',
      path: ['spec'],
      message: 'spec.rules is required: a policy needs at least one rule',
    });
    return out;
  }
  checkSpecFields(p, out);
  const names = new Set<string>();
  rules.forEach((rule, i) => {
    const at: JsonPath = ['spec', 'rules', i];
    if (!isObject(rule)) return out.push({ code: 'policy/rule-shape', path: at, message: 'a rule must be an object' });
    const name = typeof rule.name === 'string' ? rule.name : '';
    if (!name) out.push({ code: 'policy/rule-name', path: at, message: 'rule name is required' });
    else if (names.has(name))
      out.push({ code: 'policy/duplicate-rule', path: [...at, 'name'], message: `duplicate rule name "${name}"` });
    names.add(name);
    checkRule(p, rule, at, out);
  });
  return out;
}

function checkSpecFields(p: ClassicPolicy, out: PolicyProblem[]): void {
  const action = p.spec.validationFailureAction;
  if (action !== undefined && !['Audit', 'Enforce', 'audit', 'enforce'].includes(String(action)))
    out.push({
      code: 'policy/failure-action',
      path: ['spec', 'validationFailureAction'],
      message: `validationFailureAction must be Audit or Enforce, not "${String(action)}"`,
    });
  const t = p.spec.webhookTimeoutSeconds;
  if (typeof t === 'number' && (t < 1 || t > 30))
    out.push({
      code: 'policy/webhook-timeout',
      path: ['spec', 'webhookTimeoutSeconds'],
      message: 'webhookTimeoutSeconds must be between 1 and 30',
    });
  if (p.kind === 'Policy' && p.spec.validationFailureActionOverrides !== undefined)
    out.push({
      code: 'policy/namespaced-overrides',
      path: ['spec', 'validationFailureActionOverrides'],
      message: 'a namespaced Policy cannot use validationFailureActionOverrides',
    });
  if (p.spec.admission === false && p.spec.background === false)
    out.push({
      code: 'policy/admission-background',
      path: ['spec', 'admission'],
      message: 'admission and background cannot both be false',
    });
}

function checkRule(p: ClassicPolicy, rule: JsonObject, at: JsonPath, out: PolicyProblem[]): void {
  const types = RULE_TYPES.filter((t) => rule[t] !== undefined && rule[t] !== null);
  if (types.length !== 1)
    out.push({
      code: 'policy/rule-type',
      path: at,
      message:
        types.length === 0
          ? 'a rule needs one of validate, mutate, generate or verifyImages'
          : `a rule may have only one of ${types.join(', ')}`,
    });
  if (!isObject(rule.match)) out.push({ code: 'policy/missing-match', path: at, message: 'rule match is required' });
  else checkMatchBlock(p, rule.match, [...at, 'match'], true, out);
  if (isObject(rule.exclude)) checkMatchBlock(p, rule.exclude, [...at, 'exclude'], false, out);
  if (p.spec.background !== false && rule.mutate === undefined) {
    const text = JSON.stringify(withoutKeys(rule, ['match', 'exclude']));
    if (USER_VARIABLES.test(text))
      out.push({
        code: 'policy/background-user-info',
        path: at,
        message:
          'with background: true a rule cannot use request.userInfo, roles, clusterRoles or serviceAccount variables; set spec.background: false',
      });
  }
  out.push(...checkMetadataStrings(rule, at));
  const json6902 = isObject(rule.mutate) ? rule.mutate.patchesJson6902 : undefined;
  if (typeof json6902 === 'string' && /path:\s*["']?[^/\s"'{]/.test(json6902))
    out.push({
      code: 'policy/json6902-path',
      path: [...at, 'mutate', 'patchesJson6902'],
      message: 'patchesJson6902 paths must start with "/"',
    });
}

function withoutKeys(o: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function checkMatchBlock(
  p: ClassicPolicy,
  block: JsonObject,
  at: JsonPath,
  isMatch: boolean,
  out: PolicyProblem[],
): void {
  const any = Array.isArray(block.any) && block.any.length > 0;
  const all = Array.isArray(block.all) && block.all.length > 0;
  if (any && all) out.push({ code: 'policy/match-any-all', path: at, message: 'use either any or all, not both' });
  const filters: [JsonValue, JsonPath][] = any
    ? (block.any as JsonValue[]).map((f, i) => [f, [...at, 'any', i]])
    : all
      ? (block.all as JsonValue[]).map((f, i) => [f, [...at, 'all', i]])
      : [[block, at]];
  for (const [f, fp] of filters) {
    if (!isObject(f)) continue;
    checkFilter(p, f, fp, isMatch, out);
  }
}

function checkFilter(p: ClassicPolicy, f: JsonObject, at: JsonPath, isMatch: boolean, out: PolicyProblem[]): void {
  const r = isObject(f.resources) ? f.resources : undefined;
  const rp: JsonPath = [...at, 'resources'];
  if (isMatch && (!r || !Array.isArray(r.kinds) || r.kinds.length === 0) && !(f.roles || f.clusterRoles || f.subjects))
    out.push({ code: 'policy/match-kinds', path: r ? rp : at, message: 'match resources must list kinds' });
  if (r) {
    if (r.name && r.names)
      out.push({ code: 'policy/name-names', path: rp, message: 'use either name or names, not both' });
    for (const key of ['selector', 'namespaceSelector'] as const) {
      if (r[key] === undefined) continue;
      const problems = checkSelector(r[key]);
      if (isObject(r[key]) && Object.keys(r[key]).length === 0) problems.push('an empty label selector is not allowed');
      for (const m of problems)
        out.push({ code: 'policy/selector', path: [...rp, key], message: `invalid ${key}: ${m}` });
    }
    if (p.kind === 'Policy' && r.namespaces !== undefined)
      out.push({
        code: 'policy/namespaced-namespaces',
        path: [...rp, 'namespaces'],
        message: 'a namespaced Policy cannot use namespaces in match/exclude',
      });
    if (
      p.kind === 'Policy' &&
      Array.isArray(r.kinds) &&
      r.kinds.some((k) => CLUSTER_SCOPED_KINDS.has(String(k).split('/').pop() ?? ''))
    )
      out.push({
        code: 'policy/namespaced-kinds',
        path: [...rp, 'kinds'],
        message: 'a namespaced Policy cannot match cluster-scoped kinds',
      });
  }
  if (Array.isArray(f.roles))
    f.roles.forEach((role, i) => {
      if (!/^[^:]+:[^:]+$/.test(String(role)))
        out.push({
          code: 'policy/roles',
          path: [...at, 'roles', i],
          message: `role "${String(role)}" must be namespace:name`,
        });
    });
  if (Array.isArray(f.subjects)) f.subjects.forEach((s, i) => checkSubject(s, [...at, 'subjects', i], out));
  if (p.spec.background !== false && (f.roles || f.clusterRoles || f.subjects))
    out.push({
      code: 'policy/background-user-info',
      path: at,
      message:
        'with background: true match/exclude cannot use roles, clusterRoles or subjects; set spec.background: false',
    });
}

function checkSubject(s: JsonValue, at: JsonPath, out: PolicyProblem[]): void {
  if (!isObject(s)) return;
  if (!['User', 'Group', 'ServiceAccount'].includes(String(s.kind)))
    out.push({
      code: 'policy/subject',
      path: [...at, 'kind'],
      message: `subject kind must be User, Group or ServiceAccount, not "${String(s.kind)}"`,
    });
  if (!s.name) out.push({ code: 'policy/subject', path: at, message: 'subject name is required' });
  if (s.kind === 'ServiceAccount' && !s.namespace)
    out.push({ code: 'policy/subject', path: at, message: 'a ServiceAccount subject needs a namespace' });
}
