// Each repository file is read and parsed once, however many Applications use it.
import { readRepoFile, type RepoFile } from './repo-documents.js';
import { toRepoPath } from './repo-paths.js';

/** Parsed repository files by absolute path. */
export class RepoFileCache {
  private readonly files = new Map<string, RepoFile>();

  constructor(private readonly root: string) {}

  /** The parsed file (read on first use). */
  read(abs: string): RepoFile {
    let f = this.files.get(abs);
    if (!f) {
      f = readRepoFile(this.root, abs);
      this.files.set(abs, f);
    }
    return f;
  }

  /** `abs` relative to the repository root. */
  relative(abs: string): string {
    return toRepoPath(this.root, abs);
  }
}
