// Kyverno's own CEL libraries (spec kyverno-cel-semantics §5.4, §5.5) and the per-evaluation handles they read.
import type { CelLibrary } from '../library.js';
import { generatorLibrary } from './generator-library.js';
import { globalContextLibrary } from './globalcontext-library.js';
import { gzipLibrary } from './gzip-library.js';
import { hashLibrary } from './hash-library.js';
import { httpLibrary } from './http-library.js';
import { imageLibrary } from './image-library.js';
import { imageDataLibrary } from './imagedata-library.js';
import { jsonLibrary, yamlLibrary } from './json-library.js';
import { mathLibrary } from './math-library.js';
import { randomLibrary } from './random-library.js';
import { namespacedResourceLibrary, resourceLibrary } from './resource-library.js';
import { timeLibrary } from './time-library.js';
import { transformLibrary } from './transform-library.js';
import { userLibrary } from './user-library.js';
import { x509Library } from './x509-library.js';

export { kyvernoHandles } from './handles.js';
export { KyvernoCelError } from './errors.js';
export type { GroupVersionResource, HttpService, KyvernoCelServices, ResourceService } from './services.js';

/**
 * Kyverno libraries by name. Per kind (§5.4): ValidatingPolicy/MutatingPolicy use all but `generator`;
 * GeneratingPolicy all but `user`; namespaced policies use `resourceNamespaced` instead of `resource`.
 */
export const kyvernoLibraries: Readonly<Record<string, CelLibrary>> = {
  resource: resourceLibrary,
  resourceNamespaced: namespacedResourceLibrary,
  http: httpLibrary,
  image: imageLibrary,
  imagedata: imageDataLibrary,
  globalcontext: globalContextLibrary,
  generator: generatorLibrary,
  user: userLibrary,
  hash: hashLibrary,
  math: mathLibrary,
  json: jsonLibrary,
  yaml: yamlLibrary,
  random: randomLibrary,
  x509: x509Library,
  time: timeLibrary,
  transform: transformLibrary,
  gzip: gzipLibrary,
};
