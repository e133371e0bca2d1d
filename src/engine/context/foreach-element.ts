import type { JsonValue } from '../json.js';
import type { JsonContext } from './json-context.js';

// The depth-numbered names, made once per depth rather than once per element.
const DEPTH_NAMES: { element: string; index: string }[] = [];

function namesAt(depth: number): { element: string; index: string } {
  return (DEPTH_NAMES[depth] ??= { element: `element${depth}`, index: `elementIndex${depth}` });
}

/** Kyverno: spec §6.5 — `element`/`elementIndex` plus the depth-numbered `element<N>`/`elementIndex<N>`. */
export function setForeachElement(ctx: JsonContext, element: JsonValue, index: number, depth: number): void {
  const names = namesAt(depth);
  ctx.set('element', element);
  ctx.set('elementIndex', index);
  ctx.set(names.element, element);
  ctx.set(names.index, index);
}
