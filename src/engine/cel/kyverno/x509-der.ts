// DER reading helpers for `x509.decode` over node-forge's ASN.1 parser (spec kyverno-cel-semantics §5.5 "x509").
import forge from 'node-forge';
import type { JsonValue } from '../../json.js';
import { KyvernoCelError } from './errors.js';

/** One parsed ASN.1 node (forge keeps primitive contents as a binary string). */
export type Der = forge.asn1.Asn1;

const UNIVERSAL = forge.asn1.Class.UNIVERSAL;
const CONTEXT = forge.asn1.Class.CONTEXT_SPECIFIC;

/** ASN.1 universal tag numbers used by the x509 decoder. */
export const Tag = {
  BOOLEAN: 1,
  INTEGER: 2,
  BITSTRING: 3,
  OCTETSTRING: 4,
  OID: 6,
  UTF8: 12,
  SEQUENCE: 16,
  SET: 17,
  NUMERIC: 18,
  PRINTABLE: 19,
  T61: 20,
  IA5: 22,
  UTCTIME: 23,
  GENERALIZEDTIME: 24,
  BMP: 30,
} as const;

/** The error a malformed structure raises, worded like Go's crypto/x509 (`x509: malformed certificate`). */
export function malformed(what: string, cause?: unknown): KyvernoCelError {
  return new KyvernoCelError(`x509: malformed ${what}`, { cause });
}

/** Parses DER bytes (a binary string), keeping BIT STRING contents raw; bad input throws `malformed(what)`. */
export function parseDer(bytes: string, what: string): Der {
  try {
    const options = { strict: true, parseAllBytes: true, decodeBitStrings: false };
    return forge.asn1.fromDer(bytes, options as unknown as boolean);
  } catch (e) {
    throw malformed(what, e);
  }
}

/** Whether `node` is a universal node with tag `tag`. */
export function isUniversal(node: Der | undefined, tag: number): node is Der {
  return node !== undefined && node.tagClass === UNIVERSAL && node.type === tag;
}

/** Whether `node` is a context-specific node `[tag]`. */
export function isContext(node: Der | undefined, tag: number): node is Der {
  return node !== undefined && node.tagClass === CONTEXT && node.type === tag;
}

/** The children of a universal constructed node with tag `tag`; anything else is `malformed(what)`. */
export function childrenOf(node: Der | undefined, tag: number, what: string): Der[] {
  if (!isUniversal(node, tag) || !Array.isArray(node.value)) throw malformed(what);
  return node.value;
}

/** The contents of a primitive node (a binary string); a constructed node is `malformed(what)`. */
export function contents(node: Der | undefined, what: string): string {
  if (node === undefined || typeof node.value !== 'string') throw malformed(what);
  return node.value;
}

/** The children of a constructed context-specific node (e.g. an EXPLICIT `[3]`), else `[]`. */
export function contextChildren(node: Der): Der[] {
  return Array.isArray(node.value) ? node.value : [];
}

/** Standard base64 of a binary string (Go's JSON form of `[]byte`). */
export function base64(bytes: string): string {
  return forge.util.encode64(bytes);
}

/** Base64 of a node's complete DER encoding (Go's `Raw*` fields). */
export function rawBase64(node: Der): string {
  return base64(forge.asn1.toDer(node).getBytes());
}

/** The OID of an OBJECT IDENTIFIER node in dotted form. */
export function oidOf(node: Der | undefined, what: string): string {
  if (!isUniversal(node, Tag.OID)) throw malformed(what);
  return forge.asn1.derToOid(contents(node, what));
}

/** An OID as Go's `asn1.ObjectIdentifier` JSON (an array of ints). */
export function oidInts(oid: string): number[] {
  return oid.split('.').map(Number);
}

/** The two's-complement INTEGER value of a node. */
export function bigIntOf(node: Der | undefined, what: string): bigint {
  if (!isUniversal(node, Tag.INTEGER)) throw malformed(what);
  const bytes = contents(node, what);
  if (bytes.length === 0) throw malformed(what);
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes.charCodeAt(i));
  return bytes.charCodeAt(0) & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** The bytes of a BIT STRING after its unused-bits byte, and its length in bits. */
export function bitString(node: Der | undefined, what: string): { bytes: string; bitLength: number } {
  if (!isUniversal(node, Tag.BITSTRING)) throw malformed(what);
  const raw = contents(node, what);
  if (raw.length === 0) throw malformed(what);
  return { bytes: raw.slice(1), bitLength: (raw.length - 1) * 8 - raw.charCodeAt(0) };
}

/** The text of a string node (UTF8, Printable, IA5, T61, Numeric, BMP), or undefined for other types. */
export function stringOf(node: Der): string | undefined {
  if (node.tagClass !== UNIVERSAL || typeof node.value !== 'string') return undefined;
  switch (node.type as number) {
    case Tag.UTF8:
      return forge.util.decodeUtf8(node.value);
    case Tag.PRINTABLE:
    case Tag.IA5:
    case Tag.T61:
    case Tag.NUMERIC:
      return node.value;
    case Tag.BMP:
      return bmpString(node.value);
    default:
      return undefined;
  }
}

function bmpString(bytes: string): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
}

/** The instant of a UTCTime or GeneralizedTime node. */
export function timeOf(node: Der | undefined, what: string): Date {
  if (isUniversal(node, Tag.UTCTIME)) return forge.asn1.utcTimeToDate(contents(node, what));
  if (isUniversal(node, Tag.GENERALIZEDTIME)) return forge.asn1.generalizedTimeToDate(contents(node, what));
  throw malformed(what);
}

/** Go's `time.Format(time.RFC3339)` of a UTC instant (whole seconds, `Z`). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Go's encoding/asn1 decoding of an ASN.1 ANY into `interface{}`, as JSON: strings, ints, OIDs, times,
 * octet strings (base64) and bit strings; other types (BOOLEAN included, as in Go) become null.
 */
export function anyValue(node: Der): JsonValue {
  const text = stringOf(node);
  if (text !== undefined) return text;
  if (node.tagClass !== UNIVERSAL || typeof node.value !== 'string') return null;
  switch (node.type) {
    case Tag.INTEGER:
      return Number(bigIntOf(node, 'value'));
    case Tag.OID:
      return oidInts(oidOf(node, 'value'));
    case Tag.OCTETSTRING:
      return base64(node.value);
    case Tag.UTCTIME:
    case Tag.GENERALIZEDTIME:
      return rfc3339(timeOf(node, 'value'));
    case Tag.BITSTRING: {
      const bits = bitString(node, 'value');
      return { Bytes: base64(bits.bytes), BitLength: bits.bitLength };
    }
    default:
      return null;
  }
}
