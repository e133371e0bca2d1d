// Edits of a YAML file's text as splices at the node ranges the `yaml` parser reports: the rest of the file
// (comments, key order, quoting, blank lines, other documents) stays byte for byte; nothing is re-serialised.
import { isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

// Why a promotion edits nothing: thrown by the promotion modules only, returned by promoteInText as `{ error }`.
export class Refusal extends Error {}

export function refuse(message: string): never {
  throw new Refusal(message);
}

export type KeyValue = Pair<Node, Node | null>;

/** A map of the policy with the key that holds it and its path, for messages. */
export interface Block {
  readonly pair: KeyValue;
  readonly map: YAMLMap;
  readonly where: string;
}

/** An item to add to a sequence, written for a flow list (`[a, b]`) or a block list (lines after the dash). */
export interface NewItem {
  readonly flow: string;
  readonly block: readonly string[];
}

// ─── Reading nodes ───────────────────────────────────────────────────────────

/** The text of a scalar node; undefined for null, a map, a list or nothing. */
export function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The pair of `map` whose key is `key`. */
export function pairOf(map: YAMLMap, key: string): KeyValue | undefined {
  return (map.items as KeyValue[]).find((p) => scalarText(p.key) === key);
}

// ─── Splicing the text ───────────────────────────────────────────────────────

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

export function rangeOf(node: Node): [number, number, number] {
  return node.range ?? refuse('a node has no source position; edit the file by hand');
}

// The edits of one text, as splices at source offsets, applied together.
export class SourceEdit {
  private readonly splices: Splice[] = [];
  private readonly eol: string;

  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  get changed(): boolean {
    return this.splices.length > 0;
  }

  /** Replace a scalar's value, keeping its quotes. */
  replaceScalar(node: Node, word: string): void {
    const [start, end] = rangeOf(node);
    this.splices.push({ start, end, text: this.scalarLike(node, word) });
  }

  /** Add a key to a block map, on the lines after `after`, or first. */
  insertKey(owner: Block, after: KeyValue | undefined, lines: readonly string[]): void {
    const first = owner.map.items[0] as KeyValue | undefined;
    if (owner.map.flow || !first) refuse(`${owner.where} is written in flow style ({...}); edit it by hand`);
    const keyAt = rangeOf(first.key)[0];
    const indent = this.text.slice(lineStart(this.text, keyAt), keyAt);
    if (!/^ *$/.test(indent)) this.unusual(keyAt);
    // After the owner's key line rather than before its first key, so comments above that key stay with it.
    const at = isScalar(after?.value)
      ? this.lineEnd(this.contentEnd(after.value))
      : this.lineEnd(rangeOf(owner.pair.key)[0]);
    this.insertLines(
      at,
      lines.map((l) => indent + l),
    );
  }

  /** Delete a key and its value from a block map as whole lines, with the comment lines right above it. */
  deletePair(pair: KeyValue): void {
    let start = lineStart(this.text, rangeOf(pair.key)[0]);
    const indent = this.text.slice(start, rangeOf(pair.key)[0]);
    for (let above = lineStart(this.text, start - 1); start > 0; above = lineStart(this.text, above - 1)) {
      if (!this.text.startsWith(`${indent}#`, above)) break;
      start = above;
    }
    this.splices.push({ start, end: this.lineEnd(this.contentEnd(pair.value ?? pair.key)), text: '' });
  }

  /** Remove items, replace scalar items (by index) and append items to a sequence. */
  editSeq(
    seq: YAMLSeq,
    removed: ReadonlySet<number>,
    added: readonly NewItem[],
    replaced: ReadonlyMap<number, string> = new Map(),
  ): void {
    const items = seq.items as Node[];
    if (seq.flow) {
      // A flow list is written again whole, from the source text of the items it keeps.
      const kept = items.flatMap((n, i) => {
        const word = replaced.get(i);
        return removed.has(i) ? [] : [word === undefined ? this.slice(n) : this.scalarLike(n, word)];
      });
      const [start, end] = rangeOf(seq);
      this.splices.push({ start, end, text: `[${[...kept, ...added.map((a) => a.flow)].join(', ')}]` });
      return;
    }
    for (const [i, word] of replaced) this.replaceScalar(items[i], word);
    for (const i of removed)
      this.splices.push({ start: this.itemStart(items[i]), end: this.lineEnd(this.contentEnd(items[i])), text: '' });
    if (added.length === 0) return;
    const last = items[items.length - 1];
    const dash = this.text.slice(this.itemStart(last), rangeOf(last)[0]);
    const lines = added.flatMap((a) => a.block.map((l, i) => (i === 0 ? dash : ' '.repeat(dash.length)) + l));
    this.insertLines(this.lineEnd(this.contentEnd(last)), lines);
  }

  /** The edited text. */
  apply(): string {
    const sorted = this.splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.i - b.i);
    let out = '';
    let at = 0;
    for (const s of sorted) {
      // Overlapping splices mean a layout this module does not understand: never guess.
      if (s.start < at) this.unusual(s.start);
      out += this.text.slice(at, s.start) + s.text;
      at = s.end;
    }
    return out + this.text.slice(at);
  }

  private unusual(pos: number): never {
    const line = this.text.slice(0, pos).split('\n').length;
    refuse(`the layout at line ${line} is too unusual to edit in place; edit it by hand`);
  }

  private insertLines(at: number, lines: readonly string[]): void {
    const lead = at === this.text.length && at > 0 && !this.text.endsWith('\n') ? this.eol : '';
    this.splices.push({ start: at, end: at, text: lead + lines.map((l) => l + this.eol).join('') });
  }

  private slice(node: Node): string {
    const [start, end] = rangeOf(node);
    return this.text.slice(start, end);
  }

  private scalarLike(node: Node, word: string): string {
    const type = isScalar(node) ? node.type : undefined;
    if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') this.unusual(rangeOf(node)[0]);
    // An empty value (`key:`) needs a space before the new word.
    const space = this.slice(node) === '' && this.text[rangeOf(node)[0] - 1] === ':' ? ' ' : '';
    if (type === 'QUOTE_DOUBLE') return `${space}"${word}"`;
    return type === 'QUOTE_SINGLE' ? `${space}'${word}'` : space + word;
  }

  // Where a block list item's line starts; only its dash may come before it.
  private itemStart(node: Node): number {
    const start = lineStart(this.text, rangeOf(node)[0]);
    if (!/^ *- +$/.test(this.text.slice(start, rangeOf(node)[0]))) this.unusual(start);
    return start;
  }

  // The end of a node's last character (its range may run on over blank lines).
  private contentEnd(node: Node): number {
    const [start, end] = rangeOf(node);
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    return e;
  }

  // The start of the line after the one holding `pos` (or the end of the text).
  private lineEnd(pos: number): number {
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }
}
