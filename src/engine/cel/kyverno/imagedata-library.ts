// Kyverno `imagedata` library (spec kyverno-cel-semantics §5.5 "imagedata"): `image.GetMetadata(ref)`.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import type { JsonObject } from '../../json.js';
import { KyvernoCelError } from './errors.js';
import { declareHandle, registerAliases } from './register.js';
import { toCel } from './values.js';

/** The value bound to the `image` variable: the registry metadata lookup. */
export class ImageDataHandle {
  constructor(readonly lookup: ((ref: string) => JsonObject | undefined) | undefined) {}
}

function getMetadata(h: ImageDataHandle, ref: string): unknown {
  // Kyverno §5.5: offline lookups are by the exact string passed; a missing entry is an error.
  const data = h.lookup?.(ref);
  if (data === undefined) {
    throw new KyvernoCelError(`failed to get image data: image data for ${ref} not found in the context`);
  }
  return toCel(data, 'double');
}

function register(env: Environment): void {
  declareHandle(env, 'image', 'kyverno.ImageData', ImageDataHandle);
  registerAliases(env, 'kyverno.ImageData', ['GetMetadata', 'getMetadata'], '(string): map<string, dyn>', getMetadata);
}

/** The `image` variable's library (registry metadata). */
export const imageDataLibrary: CelLibrary = { name: 'kyverno.imagedata', register };
