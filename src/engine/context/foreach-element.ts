import type { JsonValue } from '../json.js';
import type { JsonContext } from './json-context.js';

/** Kyverno: spec §6.5 — `element`/`elementIndex` plus the depth-numbered `element<N>`/`elementIndex<N>`. */
export function setForeachElement(ctx: JsonContext, element: JsonValue, index: number, depth: number): void {
  ctx.set('element', element);
  ctx.set('elementIndex', index);
  ctx.set(`element${depth}`, element);
  ctx.set(`elementIndex${depth}`, index);
}
