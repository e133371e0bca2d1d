// Kyverno: spec §8.3 stage 2 "Directives" — kustomize's `$patch: replace | delete | merge` (smpdirective.go).
import { isObject, type JsonValue } from '../../json.js';
import { PatchError } from './errors.js';
import { scalarText, type Node } from './kyaml-node.js';
import { setElement } from './merge-elements.js';

/** A strategic-merge directive. */
export type Directive = 'merge' | 'replace' | 'delete';

const DIRECTIVE_KEY = '$patch';

/** The directive of a patch node, removed from it (kyaml determineSmpDirective). Throws PatchError on unknown values. */
export function takeDirective(patch: Node): Directive {
  if (patch === undefined) return 'merge';
  if (Array.isArray(patch)) return takeListDirective(patch);
  if (isObject(patch)) return takeMapDirective(patch);
  throw new PatchError(`no implemented strategic merge patch strategy for '${scalarText(patch)}'`);
}

/** Like takeDirective, but an unusable directive reads as `merge` and stays in the patch (kyaml ignores that error). */
export function takeDirectiveLeniently(patch: Node): Directive {
  try {
    return takeDirective(patch);
  } catch (e) {
    if (e instanceof PatchError) return 'merge';
    throw e;
  }
}

function takeMapDirective(patch: Record<string, JsonValue>): Directive {
  if (!Object.hasOwn(patch, DIRECTIVE_KEY)) return 'merge';
  const d = parseDirective(scalarText(patch[DIRECTIVE_KEY]));
  delete patch[DIRECTIVE_KEY];
  return d;
}

// A `{$patch: …}` element addresses the list itself only when it has no other field.
function takeListDirective(patch: JsonValue[]): Directive {
  const marker = patch.find((e) => isObject(e) && Object.hasOwn(e, DIRECTIVE_KEY));
  if (!isObject(marker) || Object.keys(marker).length > 1) return 'merge';
  const text = scalarText(marker[DIRECTIVE_KEY]);
  const d = parseDirective(text);
  setElement(patch, undefined, [DIRECTIVE_KEY], [text]);
  return d;
}

function parseDirective(text: string): Directive {
  if (text === 'merge' || text === 'replace' || text === 'delete') return text;
  throw new PatchError(`unknown patch strategy '${text}'`);
}
