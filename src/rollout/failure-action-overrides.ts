// Kyverno's failure-action overrides (a ClusterPolicy's validationFailureActionOverrides, a rule's
// failureActionOverrides) as `rollout promote --namespace` edits them: read a list, make some namespaces enforce
// through it, and lay new entries out as the file already does.
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { hasWildcard, normalizeAction, wildcardMatch } from '../engine/index.js';
import {
  lineStart,
  pairOf,
  refuse,
  scalarText,
  SourceEdit,
  type Block,
  type KeyValue,
  type NewItem,
} from './source-edit.js';

/** Whether an action reads as Enforce (Kyverno still takes the lower-case spelling). */
export function isEnforce(action: string | undefined): boolean {
  return normalizeAction(action) === 'Enforce';
}

/** Which namespaces an Audit entry keeps in Audit, for messages. */
export function auditedBy(e: OverrideEntry): string {
  if (e.names.length === 0) return e.selector ? 'the namespaces its namespaceSelector selects' : 'every namespace';
  return `namespaces ${e.names.join(', ')}${e.selector ? ' (where its namespaceSelector matches)' : ''}`;
}

/** One entry of an overrides list, as Kyverno reads it. */
export interface OverrideEntry {
  /** Undefined for an action Kyverno does not know (it skips the entry). */
  readonly action?: 'Audit' | 'Enforce';
  readonly namespaces?: YAMLSeq;
  readonly names: readonly string[];
  readonly selector: boolean;
}

/** An overrides list (possibly absent) of a policy or rule. */
export interface OverrideList {
  readonly owner: Block;
  readonly key: string;
  readonly where: string;
  readonly pair?: KeyValue;
  readonly seq?: YAMLSeq;
  readonly entries: readonly OverrideEntry[];
}

/** The list under `key` of `owner`; refuses shapes it cannot edit in place. */
export function overrideList(owner: Block, key: string): OverrideList {
  const where = `${owner.where}.${key}`;
  const pair = pairOf(owner.map, key);
  const value = pair?.value;
  if (value && !isSeq(value) && scalarText(value) !== undefined) refuse(`${where} is not a list; edit it by hand`);
  const seq = isSeq(value) ? value : undefined;
  const entries = (seq?.items ?? []).map((node, i): OverrideEntry => {
    if (!isMap(node)) refuse(`${where}[${i}] is not a map; edit it by hand`);
    const action = scalarText(node.get('action', true));
    const ns = pairOf(node, 'namespaces')?.value;
    if (ns && !isSeq(ns)) refuse(`${where}[${i}].namespaces is not a list; edit it by hand`);
    return {
      action: normalizeAction(action),
      namespaces: ns ?? undefined,
      names: ns ? ns.items.map((n) => scalarText(n) ?? '') : [],
      selector: pairOf(node, 'namespaceSelector') !== undefined,
    };
  });
  return { owner, key, where, pair, seq, entries };
}

// Make `namespaces` enforce through one overrides list: take them out of Audit entries (Kyverno rejects a
// namespace listed both ways: pkg/validation/policy, validateNamespaces), then list those that would still audit
// in the first plain Enforce entry, or in a new one. The fallback is the action that applies when no entry does.
export function enforceIn(
  ed: SourceEdit,
  list: OverrideList,
  layout: Layout,
  namespaces: readonly string[],
  fallback: Node | undefined,
  afterKey: string,
): void {
  const { entries } = list;
  const merge = entries.findIndex((e) => e.action === 'Enforce' && e.names.length > 0 && !e.selector);
  const dropped = entries.map(() => new Set<number>());
  const missing = namespaces.filter((ns) => {
    const outcome = walkOverrides(list, ns, merge, dropped);
    return outcome === 'needs-entry' || (outcome === 'fallback' && !isEnforce(scalarText(fallback)));
  });
  const removed = new Set<number>();
  dropped.forEach((items, i) => {
    const seq = entries[i].namespaces;
    if (!seq || items.size === 0) return;
    if (items.size === seq.items.length) removed.add(i);
    else ed.editSeq(seq, items, []);
  });
  const names = missing.map((ns) => quoteLike(ns, entries[merge]?.namespaces));
  if (names.length > 0 && merge >= 0)
    ed.editSeq(entries[merge].namespaces as YAMLSeq, new Set(), names.map(scalarItem));
  const added = names.length > 0 && merge < 0 ? [layout.enforceEntry(names)] : [];
  if (added.length > 0 && list.pair && !list.seq) refuse(`${list.where} is empty; remove the key, then promote again`);
  if (added.length > 0 && !list.seq)
    ed.insertKey(list.owner, pairOf(list.owner.map, afterKey), layout.enforceKey(list.key, names));
  else if (list.seq && list.pair && added.length === 0 && removed.size > 0 && removed.size === list.seq.items.length)
    ed.deletePair(list.pair);
  else if (list.seq && (added.length > 0 || removed.size > 0)) ed.editSeq(list.seq, removed, added);
}

/** Where one namespace ends up once Audit entries stop listing it: enforced, needing an entry, or left to the fallback. */
type OverrideOutcome = 'enforced' | 'needs-entry' | 'fallback';

// Kyverno takes the first entry that matches (engineresponse.go, matchOverride). Walk the entries in that order,
// marking Audit entries that list the namespace, and refuse what cannot be decided offline: a pattern, or a
// namespaceSelector ahead of where the namespace's Enforce entry goes.
function walkOverrides(list: OverrideList, ns: string, merge: number, dropped: Set<number>[]): OverrideOutcome {
  const enforceAt = merge < 0 ? list.entries.length : merge;
  let forced = false;
  for (const [i, e] of list.entries.entries()) {
    if (!e.action) continue;
    const listed = e.names.indexOf(ns);
    const pattern = e.names.find((n) => hasWildcard(n) && wildcardMatch(n, ns));
    if (e.action === 'Enforce') {
      if (!forced && !e.selector && (listed >= 0 || pattern || !e.namespaces)) return 'enforced';
    } else if (listed >= 0) dropped[i].add(listed);
    else if (pattern) refuse(`${list.where}[${i}] audits ${ns} through "${pattern}"; narrow that pattern first`);
    else if (e.names.length === 0 && !forced) {
      if (i < enforceAt)
        refuse(`${list.where}[${i}] may keep ${ns} in Audit (${auditedBy(e)}); edit the overrides by hand`);
      // The Enforce entry comes first, so listing the namespace there wins over this one.
      forced = true;
    }
  }
  return forced ? 'needs-entry' : 'fallback';
}

// ─── Layout of the file ──────────────────────────────────────────────────────

function scalarItem(text: string): NewItem {
  return { flow: text, block: [text] };
}

/** How new override entries and keys are written in this file. */
export interface Layout {
  /** `action: Enforce` with its namespaces (written scalars), as a list item. */
  enforceEntry(names: readonly string[]): NewItem;
  /** A new overrides key holding one Enforce entry, as lines relative to the key's indentation. */
  enforceKey(key: string, names: readonly string[]): string[];
}

// New lists follow the file's habit, read from `spec.rules`: indented under their key or not, `- ` or `-   `.
export function layoutOf(text: string, spec: YAMLMap): Layout {
  const rules = pairOf(spec, 'rules');
  const first = isSeq(rules?.value) ? (rules.value.items[0] as Node | undefined) : undefined;
  const keyCol = rules?.key.range ? rules.key.range[0] - lineStart(text, rules.key.range[0]) : 0;
  const prefix = first?.range ? text.slice(lineStart(text, first.range[0]), first.range[0]) : '';
  const dash = /^( *)(- +)$/.exec(prefix);
  const indent = ' '.repeat(dash ? Math.max(0, dash[1].length - keyCol) : 2);
  const item = dash ? dash[2] : '- ';
  const lines = (names: readonly string[]) => [
    'action: Enforce',
    'namespaces:',
    ...names.map((n) => `${indent}${item}${n}`),
  ];
  return {
    enforceEntry: (names) => ({ flow: `{action: Enforce, namespaces: [${names.join(', ')}]}`, block: lines(names) }),
    enforceKey: (key, names) => [
      `${key}:`,
      ...lines(names).map((l, i) => `${indent}${i === 0 ? item : ' '.repeat(item.length)}${l}`),
    ],
  };
}

// Namespaces are DNS labels, mostly plain; YAML 1.1 readers (Kyverno's) take some words for booleans or numbers.
function quoteLike(value: string, like?: YAMLSeq): string {
  const style = like?.items.map((n) => (isScalar(n) ? n.type : undefined)).at(-1);
  if (style === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  const plain = /^[a-z][-a-z0-9.*?]*$/i.test(value) && !/^(y|yes|n|no|true|false|on|off|null)$/i.test(value);
  return style === 'QUOTE_DOUBLE' || !plain ? JSON.stringify(value) : value;
}
