// Kyverno: spec §5.3 "Other cel-go extensions" — ext.Encoders base64.encode / base64.decode.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celError, celNamespace } from './runtime.js';

const STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RAW = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3})?$/;

/** `base64.decode`: standard alphabet, padded or (as cel-go retries) unpadded; anything else is an error. */
export function base64Decode(s: string): Uint8Array {
  if (!STD.test(s) && !RAW.test(s)) throw celError(`illegal base64 data in ${JSON.stringify(s)}`);
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** `base64.encode`: standard alphabet with padding. */
export function base64Encode(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

function register(env: Environment): void {
  const ns = celNamespace(env, 'base64');
  env.registerFunction(`${ns}.encode(bytes): string`, (_ns: unknown, b: Uint8Array) => base64Encode(b));
  env.registerFunction(`${ns}.decode(string): bytes`, (_ns: unknown, s: string) => base64Decode(s));
}

/** ext.Encoders: base64.encode(bytes), base64.decode(string). */
export const encodersLibrary: CelLibrary = { name: 'ext.encoders', register };
