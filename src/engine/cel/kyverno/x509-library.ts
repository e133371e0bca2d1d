// Kyverno `x509` library (spec kyverno-cel-semantics §5.5 "x509"): decode an RSA certificate or CSR PEM block.
import type { Environment } from '@marcbachmann/cel-js';
import { createRequire } from 'node:module';
import type forgeModule from 'node-forge';
import type { JsonObject } from '../../json.js';
import type { CelLibrary } from '../library.js';
import { KyvernoCelError } from './errors.js';
import { namespaceType } from './register.js';
import { toCel } from './values.js';
import { decodeCertificate, decodeCertificateRequest } from './x509-certificate.js';

/**
 * Decodes the first PEM block of `pem`: a `CERTIFICATE` into Kyverno's CertificateOutput map, a
 * `CERTIFICATE REQUEST` into Go's x509.CertificateRequest map. Throws KyvernoCelError with Kyverno's
 * messages for a missing block, another block type or a non-RSA key.
 */
export function x509Decode(pem: string): JsonObject {
  const block = firstPemBlock(pem);
  if (block === undefined) throw new KyvernoCelError('failed to decode PEM block');
  if (block.type === 'CERTIFICATE') return decodeCertificate(block.body);
  if (block.type === 'CERTIFICATE REQUEST') return decodeCertificateRequest(block.body);
  throw new KyvernoCelError('PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST');
}

// node-forge costs about 10 MB of memory once loaded, and only `x509.decode` needs it: every `tollgate` process
// would pay for it at start-up (a PR gate, each webhook worker), so it is loaded on the first decode.
let forge: typeof forgeModule | undefined;

function pemDecode(pem: string): forgeModule.pem.ObjectPEM[] {
  forge ??= createRequire(import.meta.url)('node-forge') as typeof forgeModule;
  return forge.pem.decode(pem);
}

function firstPemBlock(pem: string): { type: string; body: string } | undefined {
  // forge renames `NEW CERTIFICATE REQUEST`; Go's pem.Decode keeps the label as written.
  const label = /-----BEGIN ([^\r\n]*?)-----/.exec(pem)?.[1];
  let blocks: forgeModule.pem.ObjectPEM[];
  try {
    blocks = pemDecode(pem);
  } catch {
    return undefined;
  }
  if (blocks.length === 0 || label === undefined) return undefined;
  return { type: label, body: blocks[0].body };
}

function register(env: Environment): void {
  const ns = namespaceType(env, 'x509');
  // Kyverno: the map comes from a JSON round trip, so every number is a double.
  env.registerFunction(`${ns}.decode(string): dyn`, (_: unknown, pem: string) => toCel(x509Decode(pem), 'double'));
}

/** `x509.decode(pem)` (ValidatingPolicy, MutatingPolicy and GeneratingPolicy). */
export const x509Library: CelLibrary = { name: 'kyverno.x509', register };
