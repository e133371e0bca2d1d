// Kyverno `gzip` library (spec kyverno-cel-semantics §5.5 "gzip").
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { namespaceType } from './register.js';

/** Gzip-compresses the UTF-8 bytes of `text` (header bytes may differ from Go's; the round trip does not). */
export function gzipCompress(text: string): Uint8Array {
  return new Uint8Array(gzipSync(Buffer.from(text, 'utf8')));
}

/** Decompresses gzip bytes into a UTF-8 string; invalid input is a KyvernoCelError. */
export function gzipDecompress(data: Uint8Array): string {
  try {
    return gunzipSync(data).toString('utf8');
  } catch (e) {
    throw new KyvernoCelError(`failed to decompress: ${errorMessage(e)}`, { cause: e });
  }
}

function register(env: Environment): void {
  const ns = namespaceType(env, 'gzip');
  env.registerFunction(`${ns}.compress(string): bytes`, (_: unknown, s: string) => gzipCompress(s));
  env.registerFunction(`${ns}.decompress(bytes): string`, (_: unknown, b: Uint8Array) => gzipDecompress(b));
}

/** `gzip.compress(string)` and `gzip.decompress(bytes)`. */
export const gzipLibrary: CelLibrary = { name: 'kyverno.gzip', register };
