// `tollgate rollout promote`: move a policy from Audit to Enforce by editing its file where it is written.
// Every edit is a splice at the node ranges the `yaml` parser reports, so comments, key order, quoting, blank
// lines and the file's other documents stay byte for byte; nothing is re-serialised.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from 'yaml';
import { auditedBy, enforceIn, isEnforce, layoutOf, overrideList, type Layout } from './failure-action-overrides.js';
import { pairOf, refuse, Refusal, scalarText, SourceEdit, type Block } from './source-edit.js';

/** The policy to promote: its kind and name, and the namespace of a namespaced kind. */
export interface PolicyRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** What to promote: every namespace (no `namespaces`), or only the listed ones. */
export interface Promotion {
  readonly namespaces?: readonly string[];
}

/** The edited file text and what still audits on purpose; or, in one line, why the file was left alone. */
export type PromotionResult = { readonly text: string; readonly notes: readonly string[] } | { readonly error: string };

const POLICY_GROUPS: Readonly<Record<string, string>> = {
  ClusterPolicy: 'kyverno.io',
  Policy: 'kyverno.io',
  ValidatingPolicy: 'policies.kyverno.io',
  NamespacedValidatingPolicy: 'policies.kyverno.io',
};
const NAMESPACED_KINDS = new Set(['Policy', 'NamespacedValidatingPolicy']);

/** Promote one policy of a (multi-document) YAML file to Enforce, everywhere or in some namespaces. */
export function promoteInText(text: string, policy: PolicyRef, change: Promotion): PromotionResult {
  const group = Object.hasOwn(POLICY_GROUPS, policy.kind) ? POLICY_GROUPS[policy.kind] : undefined;
  if (!group) return { error: `rollout promote edits ${Object.keys(POLICY_GROUPS).join(', ')}, not ${policy.kind}` };
  const namespaces = change.namespaces && [...new Set(change.namespaces)];
  // An empty list is a caller's slip (no namespace is ready), never "everywhere".
  if (namespaces?.length === 0) return { error: 'no namespace to promote in: name at least one, or none for all' };
  try {
    const doc = findPolicy(text, policy, group);
    const ed = new SourceEdit(text);
    const notes =
      group === 'kyverno.io'
        ? promoteClassic(ed, doc, policy, namespaces)
        : promoteValidatingPolicy(ed, doc, policy, namespaces);
    return { text: ed.apply(), notes };
  } catch (e) {
    if (e instanceof Refusal) return { error: `${labelOf(policy)}: ${e.message}` };
    throw e;
  }
}

/** A unified diff of a promotion, git style (`a/FILE`, `b/FILE`); '' when nothing changed. */
export function promotionDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

// ─── Finding the policy ──────────────────────────────────────────────────────

function labelOf(ref: PolicyRef): string {
  return `${ref.kind} ${ref.namespace && NAMESPACED_KINDS.has(ref.kind) ? `${ref.namespace}/` : ''}${ref.name}`;
}

function findPolicy(text: string, ref: PolicyRef, group: string): Document.Parsed {
  const found = parseAllDocuments(text).filter((doc) => isPolicyDocument(doc, ref, group));
  if (found.length === 0) refuse('not in this file');
  if (found.length > 1) refuse(`defined ${found.length} times in this file; keep one`);
  const doc = found[0];
  if (doc.errors.length > 0) refuse(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  return doc;
}

function isPolicyDocument(doc: Document.Parsed, ref: PolicyRef, group: string): boolean {
  const text = (path: string[]) => scalarText(doc.getIn(path, true));
  if (text(['kind']) !== ref.kind || text(['metadata', 'name']) !== ref.name) return false;
  if (text(['apiVersion'])?.split('/')[0] !== group) return false;
  // A namespace left out of the file is set when it is deployed (kustomize, Argo CD): it matches any.
  const ns = text(['metadata', 'namespace']);
  return !NAMESPACED_KINDS.has(ref.kind) || !ref.namespace || !ns || ns === ref.namespace;
}

// A map reached through its key; an alias or another shape is refused rather than guessed at.
function blockIn(map: YAMLMap, key: string, where: string): Block | undefined {
  const pair = pairOf(map, key);
  if (!pair?.value || (isScalar(pair.value) && pair.value.value === null)) return undefined;
  if (!isMap(pair.value)) refuse(`${where} is not a map here (an alias or another shape); edit it by hand`);
  return { pair, map: pair.value, where };
}

function specOf(doc: Document.Parsed): Block {
  return (isMap(doc.contents) ? blockIn(doc.contents, 'spec', 'spec') : undefined) ?? refuse('it has no spec');
}

// ─── ClusterPolicy and Policy ────────────────────────────────────────────────

interface ClassicRule {
  readonly name: string;
  readonly validate?: Block;
  /** `validate.failureAction`. */
  readonly action?: Node;
  readonly images: boolean;
  /** The `failureAction` of each verifyImages entry that sets one. */
  readonly imageActions: readonly Node[];
}

function rulesOf(spec: Block): ClassicRule[] {
  const rules = pairOf(spec.map, 'rules')?.value;
  return (isSeq(rules) ? rules.items : []).map((item, i) => {
    if (!isMap(item)) refuse(`spec.rules[${i}] is not a map; edit it by hand`);
    const validate = blockIn(item, 'validate', `spec.rules[${i}].validate`);
    const images = pairOf(item, 'verifyImages')?.value;
    return {
      name: scalarText(item.get('name', true)) ?? `#${i}`,
      validate,
      action: (validate && pairOf(validate.map, 'failureAction')?.value) ?? undefined,
      images: isSeq(images) && images.items.length > 0,
      imageActions: (isSeq(images) ? images.items : []).flatMap((v) => {
        const action = isMap(v) ? pairOf(v, 'failureAction')?.value : undefined;
        return action ? [action] : [];
      }),
    };
  });
}

function promoteClassic(
  ed: SourceEdit,
  doc: Document.Parsed,
  ref: PolicyRef,
  namespaces: readonly string[] | undefined,
): string[] {
  const spec = specOf(doc);
  const rules = rulesOf(spec);
  if (!rules.some((r) => r.validate || r.images)) refuse('it has no validate or verifyImages rule to enforce');
  if (!namespaces) return enforceEverywhere(ed, spec, rules);
  // Kyverno rejects validationFailureActionOverrides in a Policy (api/kyverno/v1/spec_types.go, Spec.Validate).
  if (ref.kind === 'Policy') refuse('a Policy applies in its own namespace only; promote it without --namespace');
  enforceInNamespaces(ed, spec, rules, layoutOf(ed.text, spec.map), namespaces);
  if (!ed.changed) refuse(`already enforces in ${namespaces.join(', ')}; nothing to promote`);
  return [];
}

// Kyverno: a rule's action is its own failureAction (validate, or its verifyImages entries) when set, otherwise
// the policy's validationFailureAction, Audit by default (pkg/engine/api/engineresponse.go, ruleAction).
function followsPolicyAction(r: ClassicRule): boolean {
  return r.validate ? !r.action : r.images && r.imageActions.length === 0;
}

function enforceEverywhere(ed: SourceEdit, spec: Block, rules: readonly ClassicRule[]): string[] {
  const action = pairOf(spec.map, 'validationFailureAction');
  for (const node of [action?.value, ...rules.flatMap((r) => [r.action, ...r.imageActions])])
    if (node && !isEnforce(scalarText(node))) ed.replaceScalar(node, 'Enforce');
  const follows = rules.some(followsPolicyAction);
  if (follows && !action) ed.insertKey(spec, undefined, ['validationFailureAction: Enforce']);
  // Overrides that audit some namespaces were written on purpose: they stay, and the user hears of them.
  const lists = [
    ...(follows ? [overrideList(spec, 'validationFailureActionOverrides')] : []),
    ...rules.flatMap((r) => (r.validate ? [overrideList(r.validate, 'failureActionOverrides')] : [])),
  ];
  const audits = lists.flatMap((list) =>
    list.entries.flatMap((e, i) => (e.action === 'Audit' ? [{ where: `${list.where}[${i}]`, e }] : [])),
  );
  if (!ed.changed && audits.length === 0) refuse('already enforces everywhere; nothing to promote');
  if (!ed.changed) refuse(`already enforces except where ${audits.map((a) => a.where).join(', ')} audit; edit those`);
  return audits.map((a) => `${a.where} keeps ${auditedBy(a.e)} in Audit; remove that entry to enforce there too`);
}

function enforceInNamespaces(
  ed: SourceEdit,
  spec: Block,
  rules: readonly ClassicRule[],
  layout: Layout,
  namespaces: readonly string[],
): void {
  for (const r of rules)
    if (r.images && r.imageActions.length > 0 && !r.imageActions.some((a) => isEnforce(scalarText(a))))
      refuse(`rule ${r.name}: a verifyImages failureAction has no per-namespace override; promote everywhere`);
  // Kyverno: a rule with its own failureAction or failureActionOverrides ignores the policy's overrides (the
  // engine resolves the rule's overrides, then its action; the policy cache reads only the rule's overrides when it
  // has any), so such a rule gets rule-level overrides. Without the rule's own action the cache falls back to the
  // policy's action and the engine to the policy's overrides: only an explicit Enforce entry holds in both.
  const ownsAction = (r: ClassicRule) => !followsPolicyAction(r) || hasRuleOverrides(r);
  for (const r of rules)
    if (r.validate && ownsAction(r))
      enforceIn(ed, overrideList(r.validate, 'failureActionOverrides'), layout, namespaces, r.action, 'failureAction');
  if (rules.some((r) => !ownsAction(r))) {
    const action = pairOf(spec.map, 'validationFailureAction')?.value ?? undefined;
    const list = overrideList(spec, 'validationFailureActionOverrides');
    enforceIn(ed, list, layout, namespaces, action, 'validationFailureAction');
  }
}

function hasRuleOverrides(r: ClassicRule): boolean {
  const list = r.validate && pairOf(r.validate.map, 'failureActionOverrides')?.value;
  return isSeq(list) && list.items.length > 0;
}

// ─── ValidatingPolicy ────────────────────────────────────────────────────────

function promoteValidatingPolicy(
  ed: SourceEdit,
  doc: Document.Parsed,
  ref: PolicyRef,
  namespaces: readonly string[] | undefined,
): string[] {
  if (namespaces && NAMESPACED_KINDS.has(ref.kind))
    refuse('it applies in its own namespace only; promote it without --namespace');
  // Kyverno: a ValidatingPolicy has one validationActions list, with no bindings and no per-namespace override
  // (api/policies.kyverno.io/v1alpha1, ValidatingPolicySpec).
  if (namespaces)
    refuse(
      `its validationActions hold in every namespace; to enforce in ${namespaces.join(', ')} only, split it: a copy ` +
        'with validationActions [Deny] whose matchConstraints.namespaceSelector selects them, and this one without them',
    );
  const value = pairOf(specOf(doc).map, 'validationActions')?.value;
  if (value && !isSeq(value) && scalarText(value) !== undefined)
    refuse('spec.validationActions is not a list; edit it by hand');
  const actions = isSeq(value) ? value.items.map(scalarText) : [];
  // Kyverno: no validationActions means [Deny] (ValidatingPolicySpec.ValidationActions).
  if (!isSeq(value) || actions.length === 0) refuse('already denies (validationActions defaults to [Deny])');
  if (actions.includes('Deny')) refuse(`already denies (validationActions [${actions.join(', ')}])`);
  const first = actions.findIndex((a) => a === 'Audit' || a === 'Warn');
  const removed = new Set(actions.flatMap((a, i) => (i !== first && (a === 'Audit' || a === 'Warn') ? [i] : [])));
  ed.editSeq(value, removed, [], new Map([[first, 'Deny']]));
  // Kubernetes rejects Deny with Warn on the ValidatingAdmissionPolicyBinding Kyverno may generate from the policy
  // (admissionregistration validation: "must not contain both Deny and Warn").
  return actions.includes('Warn')
    ? ['Warn was dropped: Deny and Warn may not be used together, and Deny already returns the message']
    : [];
}
