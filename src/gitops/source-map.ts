// Mapping rendered (Kustomize) objects back to the repository file that defines the same kind and name.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { isObject, type SourceDocument } from '../engine/index.js';
import { findKustomization } from './source-type.js';
import { isWithin } from './repo-paths.js';
import type { RepoFileCache } from './file-cache.js';
import { listManifestFiles } from './walk.js';

/** The directories and files a kustomization uses inside the repository (itself, its bases, components, files). */
export interface KustomizeTree {
  readonly dirs: string[];
  readonly files: string[];
}

/** Follow `resources`, `bases` and `components` from the kustomization in `dir`, staying inside `root`. */
export function kustomizeTree(root: string, dir: string): KustomizeTree {
  const tree: KustomizeTree = { dirs: [], files: [] };
  collect(root, dir, tree);
  return tree;
}

function collect(root: string, dir: string, tree: KustomizeTree): void {
  if (tree.dirs.includes(dir)) return;
  tree.dirs.push(dir);
  const file = findKustomization(dir);
  if (!file) return;
  for (const entry of kustomizationEntries(file)) {
    const abs = resolve(dir, entry);
    if (!isWithin(root, abs)) continue; // remote bases (URLs) and paths outside the repository
    const kind = statKind(abs);
    if (kind === 'dir') collect(root, abs, tree);
    else if (kind === 'file' && !tree.files.includes(abs)) tree.files.push(abs);
  }
}

function kustomizationEntries(file: string): string[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch {
    return []; // kustomize itself reports a broken kustomization
  }
  if (!isObject(doc)) return [];
  const lists = [doc.resources, doc.bases, doc.components];
  return lists.flatMap((l) => (Array.isArray(l) ? l.filter((e): e is string => typeof e === 'string') : []));
}

function statKind(p: string): 'dir' | 'file' | undefined {
  try {
    const st = statSync(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Repository objects by kind and name, to find where a rendered object was written. */
export class DefinitionIndex {
  private readonly byKind = new Map<string, SourceDocument[]>();

  /** Index the top-level manifest files of `dirs` and the given `files`. */
  constructor(root: string, tree: KustomizeTree, cache: RepoFileCache) {
    const files = tree.dirs.flatMap((d) => listManifestFiles(root, d, { recurse: false }).files);
    for (const f of [...new Set([...files, ...tree.files])]) {
      for (const d of cache.read(f).documents) this.add(d);
    }
  }

  private add(d: SourceDocument): void {
    if (!isObject(d.value) || typeof d.value.kind !== 'string') return;
    const list = this.byKind.get(d.value.kind) ?? [];
    list.push(d);
    this.byKind.set(d.value.kind, list);
  }

  /** The definition of `kind`/`name`: the same name, else the longest name it contains (namePrefix/nameSuffix). */
  find(kind: string, name: string): SourceDocument | undefined {
    let best: SourceDocument | undefined;
    let bestLength = 0;
    for (const d of this.byKind.get(kind) ?? []) {
      const n = nameOf(d);
      if (n === name) return d;
      if (n && n.length > bestLength && name.includes(n)) [best, bestLength] = [d, n.length];
    }
    return best;
  }
}

function nameOf(d: SourceDocument): string | undefined {
  const md = isObject(d.value) ? d.value.metadata : undefined;
  return isObject(md) && typeof md.name === 'string' ? md.name : undefined;
}
