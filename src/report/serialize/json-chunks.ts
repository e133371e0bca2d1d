// JSON.stringify(value, null, 2), written in pieces: StreamedList values become arrays whose items are mapped and
// written one by one. Every other part is left to JSON.stringify itself, indented where it sits.
import { holdsStream, StreamedList, type Chunks } from './chunks.js';

/** The text of `JSON.stringify(value, null, 2)` (with each StreamedList as the array it stands for), in pieces. */
export function* prettyJsonChunks(value: unknown, pad = ''): Generator<string> {
  if (value instanceof StreamedList) yield* listChunks(value, pad);
  else if (!holdsStream(value)) yield indented(JSON.stringify(value, null, 2) ?? 'null', pad);
  else if (Array.isArray(value)) yield* listChunks(new StreamedList(value, (v) => v), pad);
  else yield* objectChunks(value as Record<string, unknown>, pad);
}

function* listChunks(list: StreamedList, pad: string): Chunks {
  const inner = pad + '  ';
  let first = true;
  for (const item of list.items) {
    yield first ? '[\n' + inner : ',\n' + inner;
    first = false;
    const v = list.map(item);
    // JSON.stringify writes null for an array item it cannot represent.
    yield* prettyJsonChunks(v === undefined || typeof v === 'function' ? null : v, inner);
  }
  yield first ? '[]' : '\n' + pad + ']';
}

function* objectChunks(obj: Record<string, unknown>, pad: string): Chunks {
  const inner = pad + '  ';
  let first = true;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    // JSON.stringify leaves out a key whose value it cannot represent.
    if (v === undefined || typeof v === 'function') continue;
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ';
    first = false;
    yield* prettyJsonChunks(v, inner);
  }
  yield first ? '{}' : '\n' + pad + '}';
}

// JSON.stringify never writes a raw line break inside a string, so every line break is one of its own.
function indented(json: string, pad: string): string {
  return pad === '' ? json : json.replaceAll('\n', '\n' + pad);
}
