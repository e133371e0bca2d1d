// A strict ASN.1 DER reader shared by JMESPath `x509_decode` and CEL `x509.decode`: tag-length-value nodes over bytes.

/** One DER element; `raw` includes the header, `content` does not; constructed nodes carry their `children`. */
export interface DerNode {
  /** The identifier octet: class (bits 8-7), constructed (bit 6) and tag number (bits 5-1). */
  readonly tag: number;
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
  readonly children?: readonly DerNode[];
}

/** A decoding failure whose message is final (Go's wording, e.g. `x509: malformed certificate`). */
export class X509Error extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'X509Error';
  }
}

/** The error a malformed structure raises, worded like Go's crypto/x509 (`x509: malformed <what>`). */
export function malformed(what: string, cause?: unknown): X509Error {
  return new X509Error(`x509: malformed ${what}`, { cause });
}

/** ASN.1 universal tag numbers used by the x509 decoders. */
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

const CONSTRUCTED = 0x20;
const CONTEXT_CLASS = 0x80;

/** Parses one DER element spanning all of `bytes` (nested elements included); bad input throws `malformed(what)`. */
export function parseDer(bytes: Uint8Array, what: string): DerNode {
  const node = readNode(bytes, 0, what);
  if (node.raw.length !== bytes.length) throw malformed(what, new Error('trailing data'));
  return node;
}

function readNode(bytes: Uint8Array, offset: number, what: string): DerNode {
  if (offset + 2 > bytes.length) throw malformed(what, new Error('truncated DER element'));
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > bytes.length) throw malformed(what, new Error('unsupported DER length'));
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[offset + 2 + i];
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw malformed(what, new Error('truncated DER element'));
  const raw = bytes.subarray(offset, end);
  const content = bytes.subarray(offset + header, end);
  return tag & CONSTRUCTED ? { tag, raw, content, children: readChildren(content, what) } : { tag, raw, content };
}

function readChildren(content: Uint8Array, what: string): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = 0; offset < content.length;) {
    const child = readNode(content, offset, what);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/** Whether `node` is a universal node with tag number `tag`. */
export function isUniversal(node: DerNode | undefined, tag: number): node is DerNode {
  return node !== undefined && (node.tag & 0xc0) === 0 && (node.tag & 0x1f) === tag;
}

/** Whether `node` is a context-specific node `[tag]`. */
export function isContext(node: DerNode | undefined, tag: number): node is DerNode {
  return node !== undefined && (node.tag & 0xc0) === CONTEXT_CLASS && (node.tag & 0x1f) === tag;
}

/** The children of a universal constructed node with tag `tag`; anything else is `malformed(what)`. */
export function childrenOf(node: DerNode | undefined, tag: number, what: string): readonly DerNode[] {
  if (!isUniversal(node, tag) || node.children === undefined) throw malformed(what);
  return node.children;
}

/** The contents of a primitive node; a missing or constructed node is `malformed(what)`. */
export function contents(node: DerNode | undefined, what: string): Uint8Array {
  if (node === undefined || node.children !== undefined) throw malformed(what);
  return node.content;
}

/** The children of a constructed context-specific node (e.g. an EXPLICIT `[3]`), else `[]`. */
export function contextChildren(node: DerNode): readonly DerNode[] {
  return node.children ?? [];
}

/** The children of the constructed `[tag]` node among `nodes`, or undefined when absent. */
export function taggedChildren(nodes: readonly DerNode[], tag: number): readonly DerNode[] | undefined {
  const node = nodes.find((n) => isContext(n, tag));
  return node === undefined ? undefined : contextChildren(node);
}
