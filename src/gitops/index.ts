// Public API of the GitOps reader: what Argo CD would apply from a repository.
export { readRepository, type ReadRepositoryOptions } from './read-repository.js';
export { defaultRenderers, helmCommandLine } from './renderers.js';
export type {
  ApplicationSummary,
  HelmArgs,
  RenderOutput,
  Renderers,
  RepositoryContents,
  RepositoryError,
  SkippedEntry,
} from './types.js';
