// A fast locator for block-style YAML (what Kubernetes manifests almost always are): walks the lines by
// indentation to find the key or list item at a path. It answers `undefined` whenever the text uses
// anything it does not understand (flow collections on the path, quoted or complex keys, tabs), and the
// caller then uses the full parser. Checked against the full parser by a differential test.
import type { JsonPath } from '../result/location.js';

/** 0-based line and column of a located node. */
export interface LinePos {
  readonly line: number;
  readonly column: number;
}

interface Region {
  readonly from: number;
  readonly to: number;
  /** Column of the entries of this region; -1 = the first content line decides. */
  readonly indent: number;
  /** The region starts on a `- ` line whose first entry follows the dash. */
  readonly dashLine: boolean;
}

const COMMENT_OR_BLANK = /^\s*(#.*)?$/;

/**
 * The position of the deepest existing node along `path` (the root when none), or undefined when unsure.
 * `lines` are the lines of one YAML document.
 */
export function quickLocate(lines: readonly string[], path: JsonPath): LinePos | undefined | null {
  let region: Region = { from: 0, to: lines.length, indent: -1, dashLine: false };
  let found: LinePos | null = null;
  for (let k = 0; k < path.length; k++) {
    const seg = path[k];
    const hit = typeof seg === 'number' ? findItem(lines, region, seg) : findKey(lines, region, seg);
    if (hit === undefined) return undefined;
    if (hit === null) return found;
    found = { line: hit.line, column: hit.column };
    if (!hit.next) return k === path.length - 1 || !hit.inlineCollection ? found : undefined;
    region = hit.next;
  }
  return found;
}

type Hit = { line: number; column: number; next?: Region; inlineCollection?: boolean } | null | undefined;

/** Content start of line i within a region (after the dash of a dash-started region). */
function entryAt(lines: readonly string[], i: number, region: Region): { col: number; rest: string } | undefined {
  const line = lines[i];
  if (COMMENT_OR_BLANK.test(line)) return undefined;
  let col = line.search(/\S/);
  let rest = line.slice(col);
  if (i === region.from && region.dashLine) {
    col += 2;
    rest = rest.slice(2).trimStart();
  }
  return { col, rest };
}

function findKey(lines: readonly string[], region: Region, key: string): Hit {
  let indent = region.indent;
  for (let i = region.from; i < region.to; i++) {
    const e = entryAt(lines, i, region);
    if (!e) continue;
    if (lines[i].includes('\t')) return undefined;
    if (indent === -1) indent = e.col;
    if (e.col < indent) return null;
    if (e.col > indent) continue;
    if (/^["'?{[&*!|>]/.test(e.rest)) return undefined; // quoted/complex keys, flow values, anchors: ask the parser
    if (e.rest.startsWith('- ') || e.rest === '-') return undefined; // a list where a map was expected
    const colon = keyEnd(e.rest);
    if (colon < 0) return undefined;
    if (e.rest.slice(0, colon).trimEnd() !== key) continue;
    const after = e.rest.slice(colon + 1).trim();
    const next = valueRegion(lines, i, e.col, after, region.to);
    // An anchor or tag may precede a flow collection (`key: &a { ... }`).
    return { line: i, column: e.col, next, inlineCollection: /^(?:[&!]\S*\s+)*[[{]/.test(after) };
  }
  return null;
}

function findItem(lines: readonly string[], region: Region, index: number): Hit {
  let indent = region.indent;
  let seen = -1;
  for (let i = region.from; i < region.to; i++) {
    const e = entryAt(lines, i, region);
    if (!e) continue;
    if (indent === -1) indent = e.col;
    if (e.col < indent) return null;
    if (e.col > indent) continue;
    if (!(e.rest.startsWith('- ') || e.rest === '-')) return null;
    if (++seen < index) continue;
    if (/^-\s+["'{[&*!|>-]/.test(e.rest)) return undefined; // flow or nested sequences, anchors
    const end = blockEnd(lines, i + 1, e.col, region.to, true);
    // The parser places an item where its content starts, after the dash.
    const gap = e.rest.slice(1).search(/\S/);
    const content = gap >= 0 ? e.col + 1 + gap : e.col + 2;
    return { line: i, column: content, next: { from: i, to: end, indent: e.col + 2, dashLine: true } };
  }
  return null;
}

/** Index of the `:` that ends a plain key (followed by a space or the end of the line). */
function keyEnd(rest: string): number {
  const m = /:(\s|$)/.exec(rest);
  return m ? m.index : -1;
}

/** The region of a key's value: on later lines, or undefined when the value is inline. */
function valueRegion(lines: readonly string[], i: number, col: number, after: string, to: number): Region | undefined {
  const inline = after.replace(/(^|\s+)#.*$/, '').trim();
  if (inline !== '' && !/^[|>]/.test(inline) && !/^&\S+$/.test(inline)) return undefined;
  return { from: i + 1, to: blockEnd(lines, i + 1, col, to, false), indent: -1, dashLine: false };
}

/** First line at or after `from` that leaves a block opened at column `col`. */
function blockEnd(lines: readonly string[], from: number, col: number, to: number, isItem: boolean): number {
  for (let j = from; j < to; j++) {
    const line = lines[j];
    if (COMMENT_OR_BLANK.test(line)) continue;
    const c = line.search(/\S/);
    if (c < col) return j;
    if (c === col) {
      const dash = line.slice(c).startsWith('- ') || line.slice(c) === '-';
      // A key's list value may sit at the key's own column; an item ends at the next item or key.
      if (isItem || !dash) return j;
    }
  }
  return to;
}
