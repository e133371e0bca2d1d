// A rendered Kustomize object points at the base file that defines it; when an overlay changed the value of
// the offending field (an `images:` entry, a patch), point at the overlay line that set it instead.
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  deepEqual,
  isObject,
  type JsonObject,
  type JsonPath,
  type JsonValue,
  type SourceDocument,
  type SourcePos,
} from '../engine/index.js';
import type { RepoFileCache } from './file-cache.js';
import type { KustomizeTree } from './source-map.js';

/** `def` with a `locate` that prefers the overlay line that set a value differing from the definition's. */
export function overrideAware(
  def: SourceDocument,
  rendered: JsonObject,
  tree: KustomizeTree,
  cache: RepoFileCache,
): SourceDocument {
  return {
    ...def,
    value: def.value,
    locate(path: JsonPath): SourcePos {
      const r = valueAt(rendered, path);
      const key = path[path.length - 1];
      if (
        r === undefined ||
        isObject(r) ||
        Array.isArray(r) ||
        typeof key !== 'string' ||
        deepEqual(r, valueAt(def.value, path))
      )
        return def.locate(path);
      return findSetting(tree, key, r, cache) ?? def.locate(path);
    },
  };
}

function valueAt(v: JsonValue | undefined, path: JsonPath): JsonValue | undefined {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === 'number' ? !Array.isArray(cur) : !isObject(cur)) return undefined;
    cur = (cur as Record<string | number, JsonValue>)[seg];
  }
  return cur;
}

// Lines that could set this value: `key: value`, and for images Kustomize's `newTag`/`newName`/`digest`.
function needles(key: string, value: JsonValue): string[] {
  const text = String(value);
  const out = [`${key}: ${text}`, `${key}: "${text}"`, `${key}: '${text}'`];
  if (key === 'image') {
    const at = text.indexOf('@');
    const colon = text.lastIndexOf(':');
    if (at > 0) out.push(`digest: ${text.slice(at + 1)}`);
    else if (colon > text.lastIndexOf('/'))
      out.push(
        `newTag: ${text.slice(colon + 1)}`,
        `newTag: "${text.slice(colon + 1)}"`,
        `newName: ${text.slice(0, colon)}`,
      );
  }
  return out;
}

function findSetting(tree: KustomizeTree, key: string, value: JsonValue, cache: RepoFileCache): SourcePos | undefined {
  const wanted = needles(key, value);
  // The application's own directory comes first in the tree: overlays win over bases.
  for (const dir of tree.dirs) {
    for (const file of yamlFiles(dir)) {
      const lines = safeRead(file).split('\n');
      const i = lines.findIndex((l) =>
        wanted.includes(
          l
            .replace(/\s+#.*$/, '')
            .trim()
            .replace(/^- /, ''),
        ),
      );
      if (i >= 0) return { file: cache.relative(file), line: i + 1, column: lines[i].search(/\S/) + 1 };
    }
  }
  return undefined;
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
