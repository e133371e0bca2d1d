// Each repository file is read and parsed once, however many Applications use it.
import { StringPool } from '../engine/index.js';
import { readRepoFile, type RepoFile } from './repo-documents.js';
import { toRepoPath } from './repo-paths.js';

/** Parsed repository files by absolute path. */
export class RepoFileCache {
  private readonly files = new Map<string, RepoFile>();
  /** The repository's files (and what renderers make of them) repeat the same values: one copy of each string. */
  readonly strings = new StringPool();

  constructor(private readonly root: string) {}

  /** The parsed file (read on first use). */
  read(abs: string): RepoFile {
    let f = this.files.get(abs);
    if (!f) {
      f = readRepoFile(this.root, abs, this.strings);
      this.files.set(abs, f);
    }
    return f;
  }

  /** `abs` relative to the repository root. */
  relative(abs: string): string {
    return toRepoPath(this.root, abs);
  }
}
