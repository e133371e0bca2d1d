// Kyverno `image` functions (spec kyverno-cel-semantics §5.5 "image"): parse references like go-containerregistry.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { parseImageReference } from '../../primitives/image-reference.js';
import { KyvernoCelError } from './errors.js';
import { ensureType, registerGlobal } from './register.js';

const T = 'kyverno.Image';
const DOCKER_HUB = 'index.docker.io';

/** A parsed image reference as a CEL value. */
export class ImageValue {
  constructor(
    readonly registry: string,
    readonly repository: string,
    readonly tag: string,
    readonly digest: string,
  ) {}
}

/** Parses like Kyverno's CEL image library; undefined when the reference is invalid. */
export function parseCelImage(ref: string): ImageValue | undefined {
  const parsed = parseImageReference(ref);
  if (!parsed) return undefined;
  // Kyverno §5.5: Docker Hub is reported as index.docker.io with `library/` for single-segment names.
  const hub = parsed.registry === 'docker.io' || parsed.registry === DOCKER_HUB;
  const registry = hub ? DOCKER_HUB : parsed.registry;
  const repository = hub && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path;
  // A `name:tag@digest` reference is a digest reference: its tag is dropped.
  const tag = parsed.digest === '' ? parsed.tag : '';
  return new ImageValue(registry, repository, tag, parsed.digest);
}

function parseOrThrow(ref: string): ImageValue {
  const image = parseCelImage(ref);
  if (!image) throw new KyvernoCelError(`could not parse reference: ${ref}`);
  return image;
}

function register(env: Environment): void {
  ensureType(env, T, ImageValue);
  registerGlobal(env, ['parseImageReference', 'image'], `(string): ${T}`, parseOrThrow);
  registerGlobal(env, ['isImage'], '(string): bool', (s: string) => parseCelImage(s) !== undefined);
  const method = (name: string, ret: string, fn: (i: ImageValue) => unknown) =>
    env.registerFunction(`${T}.${name}(): ${ret}`, fn);
  method('registry', 'string', (i) => i.registry);
  method('repository', 'string', (i) => i.repository);
  method('identifier', 'string', (i) => (i.digest !== '' ? i.digest : i.tag));
  method('tag', 'string', (i) => i.tag);
  method('digest', 'string', (i) => i.digest);
  method('containsDigest', 'bool', (i) => i.digest !== '');
}

/** Global image-reference functions and the Image type's methods. */
export const imageLibrary: CelLibrary = { name: 'kyverno.image', register };
