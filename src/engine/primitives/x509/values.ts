// Primitive DER values read the way Go's encoding/asn1 and crypto/x509 read them: OIDs, INTEGERs,
// BIT STRINGs, strings, times and ASN.1 ANY.
import type { JsonValue } from '../../json.js';
import { type DerNode, Tag, contents, isUniversal, malformed } from './der.js';

/** Standard base64 of bytes (Go's JSON form of `[]byte`). */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Bytes as a string of char codes 0-255 (Go's `string([]byte)` for ASCII text such as IA5String). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** The OID of an OBJECT IDENTIFIER node in dotted form. */
export function oidOf(node: DerNode | undefined, what: string): string {
  if (!isUniversal(node, Tag.OID)) throw malformed(what);
  const arcs: number[] = [];
  let value = 0;
  for (const byte of contents(node, what)) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) {
      const first = Math.min(2, Math.floor(value / 40));
      arcs.push(first, value - 40 * first);
    } else arcs.push(value);
    value = 0;
  }
  if (arcs.length === 0) throw malformed(what);
  return arcs.join('.');
}

/** An OID as Go's `asn1.ObjectIdentifier` JSON (an array of ints). */
export function oidInts(oid: string): number[] {
  return oid.split('.').map(Number);
}

/** The two's-complement INTEGER value of a node. */
export function bigIntOf(node: DerNode | undefined, what: string): bigint {
  if (!isUniversal(node, Tag.INTEGER)) throw malformed(what);
  const bytes = contents(node, what);
  if (bytes.length === 0) throw malformed(what);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return bytes[0] & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** The bytes of a BIT STRING after its unused-bits byte, and its length in bits. */
export function bitString(node: DerNode | undefined, what: string): { bytes: Uint8Array; bitLength: number } {
  if (!isUniversal(node, Tag.BITSTRING)) throw malformed(what);
  const raw = contents(node, what);
  if (raw.length === 0) throw malformed(what);
  return { bytes: raw.subarray(1), bitLength: (raw.length - 1) * 8 - raw[0] };
}

/** The text of a string node (UTF8, Printable, IA5, T61, Numeric, BMP), or undefined for other types. */
export function stringOf(node: DerNode): string | undefined {
  if ((node.tag & 0xc0) !== 0 || node.children !== undefined) return undefined;
  switch (node.tag & 0x1f) {
    case Tag.UTF8:
      return new TextDecoder().decode(node.content);
    case Tag.PRINTABLE:
    case Tag.IA5:
    case Tag.T61:
    case Tag.NUMERIC:
      return latin1(node.content);
    case Tag.BMP:
      return bmpString(node.content);
    default:
      return undefined;
  }
}

function bmpString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return out;
}

// UTCTime YYMMDDhhmm[ss] and GeneralizedTime YYYYMMDDhhmmss, optional fraction, `Z` or ±hhmm (Go's time.Parse).
const TIME = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?(?:Z|([+-])(\d{2})(\d{2}))$/;

/** The instant of a UTCTime (two-digit years below 50 are 20xx) or GeneralizedTime node. */
export function timeOf(node: DerNode | undefined, what: string): Date {
  const utc = isUniversal(node, Tag.UTCTIME);
  if (!utc && !isUniversal(node, Tag.GENERALIZEDTIME)) throw malformed(what);
  const m = TIME.exec(latin1(contents(node, what)));
  if (m === null || (m[1].length === 2) !== utc || (!utc && m[6] === undefined)) throw malformed(what);
  const n = (i: number): number => Number(m[i] ?? 0);
  const year = utc ? (n(1) < 50 ? 2000 : 1900) + n(1) : n(1);
  const offset = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (n(9) * 60 + n(10));
  const ms = Number(`0.${m[7] ?? '0'}`) * 1000;
  const date = new Date(Date.UTC(year, n(2) - 1, n(3), n(4), n(5) - offset, n(6), ms));
  if (year < 100) date.setUTCFullYear(year);
  return date;
}

/** Go's `time.Format(time.RFC3339)` of a UTC instant (whole seconds, `Z`). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Go's encoding/asn1 decoding of an ASN.1 ANY into `interface{}`, as JSON: strings, ints, OIDs, times,
 * octet strings (base64) and bit strings; other types (BOOLEAN included, as in Go) become null.
 */
export function anyValue(node: DerNode): JsonValue {
  const text = stringOf(node);
  if (text !== undefined) return text;
  if ((node.tag & 0xc0) !== 0 || node.children !== undefined) return null;
  switch (node.tag & 0x1f) {
    case Tag.INTEGER:
      return Number(bigIntOf(node, 'value'));
    case Tag.OID:
      return oidInts(oidOf(node, 'value'));
    case Tag.OCTETSTRING:
      return base64(node.content);
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
