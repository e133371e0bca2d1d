// Kyverno: spec §4.3, §4.4.6 — run a compiled pattern against a resource and classify the outcome.
import { getOwn, isObject, type JsonValue } from '../json.js';
import { matchElement } from './match.js';
import type { CompiledPattern } from './nodes.js';
import type { MatchState } from './outcome.js';

/**
 * The outcome of `validate.pattern`. `path` is Kyverno's path (`/spec/containers/0/image/`); `detail` is Kyverno's
 * error text. `error` is the §4.4.6 quirk (a failure Kyverno reports without a path); its `path` is ''.
 */
export type PatternResult =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly path: string; readonly detail: string; readonly field?: string }
  | { readonly status: 'skip'; readonly detail: string }
  | { readonly status: 'error'; readonly path: string; readonly detail: string };

const PASS: PatternResult = { status: 'pass' };

// Matching is synchronous and does not nest: the state and trail of one validation serve the next (see MatchState).
let spareState: MatchState | undefined = newState();

function newState(): MatchState {
  return { seenAnchors: undefined, trail: [], depth: 0 };
}

/** Validate `resource` against a compiled pattern. Never throws for resource content. */
export function validatePattern(resource: JsonValue, pattern: CompiledPattern): PatternResult {
  const st = spareState ?? newState();
  spareState = undefined;
  st.seenAnchors = pattern.tracksAnchors ? new Map<string, boolean>() : undefined;
  st.depth = 0;
  const r = validateOn(resource, pattern, st);
  st.seenAnchors = undefined;
  spareState = st;
  return r;
}

function validateOn(resource: JsonValue, pattern: CompiledPattern, st: MatchState): PatternResult {
  const r = matchElement(resource, pattern.root, st);
  if (r === undefined) return PASS;
  if (r.kind === 'skip') return { status: 'skip', detail: r.message };
  if (r.negation) return { status: 'fail', path: r.path, detail: r.message };
  // Kyverno: spec §4.4.6 (quirk) — a conditional/existence anchor key never found turns the failure into an error;
  // a failure without a path (array length mismatch) is an error too.
  if (r.path === '' || anchorKeyMissing(st)) return { status: 'error', path: '', detail: r.message };
  return { status: 'fail', path: r.path, detail: r.message, field: r.field };
}

function anchorKeyMissing(st: MatchState): boolean {
  if (st.seenAnchors) for (const present of st.seenAnchors.values()) if (!present) return true;
  return false;
}

/**
 * Split a Kyverno path (`/spec/containers/0/image/`) into segments (`['spec','containers',0,'image']`).
 * Keys may contain `/` (e.g. `app.kubernetes.io/name`): pass the resource to re-join such segments when they
 * name an actual key. Without it, every all-digit segment is taken as an array index.
 */
export function jsonPointerToSegments(path: string, resource?: JsonValue): (string | number)[] {
  const parts = path.split('/');
  // The leading and trailing slashes give empty first and last parts.
  if (parts.length > 0 && parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  const out: (string | number)[] = [];
  let node: JsonValue | undefined = resource;
  for (let i = 0; i < parts.length; i++) {
    const digits = isDigits(parts[i]);
    if (Array.isArray(node) || (node === undefined && digits)) {
      const index = digits ? Number(parts[i]) : parts[i];
      out.push(index);
      node = Array.isArray(node) && typeof index === 'number' ? node[index] : undefined;
      continue;
    }
    const width = isObject(node) ? longestKey(node, parts, i) : 1;
    const key = parts.slice(i, i + width).join('/');
    out.push(key);
    node = isObject(node) ? getOwn(node, key) : undefined;
    i += width - 1;
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** How many segments from `i` on form the longest key present in `obj` (1 when none does). */
function longestKey(obj: Record<string, JsonValue>, parts: readonly string[], i: number): number {
  // Only keys holding a `/` can span segments, and most maps have none: look at those, not at every join.
  let longest = 1;
  for (const key of Object.keys(obj)) {
    if (!key.includes('/')) continue;
    const width = key.split('/').length;
    if (width > longest && i + width <= parts.length && parts.slice(i, i + width).join('/') === key) longest = width;
  }
  return longest;
}
