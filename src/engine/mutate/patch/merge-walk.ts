// Kyverno: spec §8.3 stage 2 — kustomize's merge2 walker (walk.Walker + merge2.Merger) over JSON values.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { isMissingOrNull, scalarText, setOwn, wrongKind, type Node } from './kyaml-node.js';
import { walkAssociativeList } from './merge-associative.js';
import { takeDirective, takeDirectiveLeniently } from './merge-directives.js';
import { ownMap, sortKeysInGoOrder, type Owned } from './merge-owned.js';
import { fieldSchema, isAssociativeList, schemaOfNode, type MergeSchema } from './merge-schema.js';
import { untouchedByWalk } from './merge-untouched.js';

/** The nodes merged at one place: `[dest, origin]` = [resource, patch]. The result replaces `sources[0]`. */
export type Sources = [Node, Node];

/**
 * Merge `sources[1]` into `sources[0]`; returns the dest node, or undefined when the node is cleared. Only `owned`
 * nodes are changed in place: a resource node that changes is copied first (and the copy owned).
 */
export function walk(sources: Sources, inherited: MergeSchema | undefined, owned: Owned): Node {
  const schema = inherited ?? schemaOfSources(sources);
  const kind = nodeKind(sources);
  if (kind === 'map' || kind === 'none') return walkMap(sources, schema, owned);
  if (kind === 'list') {
    if (!isAssociativeList(schema)) return sources[1] !== undefined ? sources[1] : sources[0];
    return walkAssociativeList(sources, schema as MergeSchema, walk, owned);
  }
  return sources[1] !== undefined ? sources[1] : sources[0];
}

type Kind = 'map' | 'list' | 'scalar' | 'none';

/** The kind of the first non-null source; every other non-null source must have the same kind. */
function nodeKind(sources: Sources): Kind {
  const first = sources.find((s) => !isMissingOrNull(s));
  if (first === undefined || first === null) return 'none';
  const kind: Kind = Array.isArray(first) ? 'list' : isObject(first) ? 'map' : 'scalar';
  const expected = { map: 'MappingNode', list: 'SequenceNode', scalar: 'ScalarNode' }[kind];
  for (const s of sources) {
    if (isMissingOrNull(s)) continue;
    const k: Kind = Array.isArray(s) ? 'list' : isObject(s) ? 'map' : 'scalar';
    if (k !== kind) throw wrongKind(expected, s);
  }
  return kind;
}

/** kyaml Walker.GetSchema: a node without inherited schema gets one when it names a built-in kind. */
function schemaOfSources(sources: Sources): MergeSchema | undefined {
  return schemaOfNode(sources[0]) ?? schemaOfNode(sources[1]);
}

function walkMap(sources: Sources, schema: MergeSchema | undefined, owned: Owned): Node {
  const visited = visitMap(sources);
  const dest = isObject(visited) ? ownMap(visited, owned) : visited;
  sources[0] = dest;
  if (dest === undefined) return undefined;
  for (const key of fieldNames(sources)) {
    const [d, o] = [fieldIn(sources[0], key), fieldIn(sources[1], key)];
    // kustomize keeps an explicit null of the resource that the patch does not mention.
    if (d === null && o === undefined) continue;
    const childSchema = fieldSchema(schema, key);
    // A field the patch does not mention is walked only when the walk would change it: most of the resource.
    if (o === undefined && untouchedByWalk(d as JsonValue, childSchema)) continue;
    const val = keepQuotedStyle(d, walk([d, o], childSchema, owned));
    // kyaml FieldSetter: a cleared or null value removes the field.
    if (isMissingOrNull(val)) delete (dest as JsonObject)[key];
    else if (val !== d) setOwn(dest as JsonObject, key, val);
  }
  return dest;
}

/**
 * kyaml's FieldSetter gives a replaced scalar the style of the value it replaces, and a resource string is
 * double-quoted (the resource came as JSON): a number or boolean put there is written quoted, so it reads back
 * as a string.
 */
function keepQuotedStyle(replaced: Node, val: Node): Node {
  if (typeof replaced !== 'string' || (typeof val !== 'number' && typeof val !== 'boolean')) return val;
  return scalarText(val);
}

/** merge2 Merger.VisitMap: add, clear, or merge according to `$patch`. */
function visitMap([dest, origin]: Sources): Node {
  if (isMissingOrNull(dest)) return takeDirectiveLeniently(origin) === 'delete' ? undefined : origin;
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  return directive === 'replace' ? origin : dest;
}

function fieldNames(sources: Sources): string[] {
  const names = new Set<string>();
  for (const s of sources) if (isObject(s)) for (const k in s) names.add(k);
  return sortKeysInGoOrder([...names]);
}

function fieldIn(node: Node, key: string): Node {
  return isObject(node) && Object.hasOwn(node, key) ? (node[key] as JsonValue) : undefined;
}
