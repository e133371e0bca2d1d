// A minimal ASN.1 DER reader for x509_decode: tag-length-value nodes over a byte array.

/** One DER element; `raw` includes the header, `content` does not. */
export interface DerNode {
  readonly tag: number;
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

/** Thrown for malformed DER. */
export class DerError extends Error {}

/** Reads the element at `offset`. */
export function readNode(bytes: Uint8Array, offset = 0): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('truncated DER element');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > bytes.length) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[offset + 2 + i];
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new DerError('truncated DER element');
  return { tag, raw: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end) };
}

/** The elements inside a constructed node. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length;) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/** An OBJECT IDENTIFIER as its integer components. */
export function oidOf(node: DerNode): number[] {
  const b = node.content;
  if (b.length === 0) throw new DerError('empty OID');
  const out = [Math.min(2, Math.floor(b[0] / 40)), b[0] - 40 * Math.min(2, Math.floor(b[0] / 40))];
  let value = 0;
  for (let i = 1; i < b.length; i++) {
    value = value * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      out.push(value);
      value = 0;
    }
  }
  return out;
}

/** A two's complement INTEGER. */
export function bigIntOf(node: DerNode): bigint {
  let v = 0n;
  for (const byte of node.content) v = (v << 8n) | BigInt(byte);
  if (node.content.length > 0 && node.content[0] & 0x80) v -= 1n << BigInt(8 * node.content.length);
  return v;
}

/** The bytes of a BIT STRING (the unused-bits count is dropped). */
export function bitStringBytes(node: DerNode): Uint8Array {
  return node.content.subarray(1);
}

/** A string type (UTF8String, PrintableString, IA5String, T61String, BMPString). */
export function stringOf(node: DerNode): string {
  if (node.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < node.content.length; i += 2)
      s += String.fromCharCode((node.content[i] << 8) | node.content[i + 1]);
    return s;
  }
  if (node.tag === 0x14) return String.fromCharCode(...node.content);
  return new TextDecoder().decode(node.content);
}

/** Standard base64 of bytes (Go marshals []byte this way). */
export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
