// Output written piece by piece: a report of a large repository is hundreds of megabytes as one string, and the
// string, the document it was made from and the stream's copy would all be alive at once.

/** Output text in pieces, in order. */
export type Chunks = Iterable<string>;

/** Every chunk joined (tests, and callers that need the text itself). */
export function joinChunks(chunks: Chunks): string {
  let out = '';
  for (const c of chunks) out += c;
  return out;
}

/** The chunks regrouped into pieces of about `size` characters, so that a writer makes few, large writes. */
export function* batched(chunks: Chunks, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const c of chunks) {
    parts.push(c);
    length += c.length;
    if (length < size) continue;
    yield parts.join('');
    parts = [];
    length = 0;
  }
  if (length > 0) yield parts.join('');
}

/** A list serialized item by item: `map` runs on each item as it is written, so the mapped list never exists. */
export class StreamedList<T = unknown> {
  constructor(
    readonly items: Iterable<T>,
    readonly map: (item: T) => unknown,
  ) {}
}

/** Whether a StreamedList sits anywhere inside `v`: the parts that hold none are written in one piece. */
export function holdsStream(v: unknown): boolean {
  if (v instanceof StreamedList) return true;
  if (v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) {
    for (const child of v) if (holdsStream(child)) return true;
    return false;
  }
  for (const key in v) if (holdsStream((v as Record<string, unknown>)[key])) return true;
  return false;
}
