// Kyverno: spec §4.3–§4.5 — validate patterns: anchors, scalar comparison, references, compile and validate.
export {
  anchorKey,
  findUnknownAnchors,
  isAnchorKey,
  parseAnchor,
  type Anchor,
  type AnchorKind,
  type AnchorProblem,
} from './anchor.js';
export { compilePattern } from './compile.js';
export type { CompiledPattern } from './nodes.js';
export { resolvePatternReferences } from './references.js';
export { matchScalar } from './scalar.js';
export { jsonPointerToSegments, validatePattern, type PatternResult } from './validate.js';
