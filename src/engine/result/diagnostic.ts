import type { JsonPath, SourcePos } from './location.js';

/** A problem with an input (policy, manifest, test file) found before evaluation. Collected, never thrown. */
export interface Diagnostic {
  /** Stable code, e.g. 'policy/missing-rules', 'jmespath/syntax', 'pattern/unknown-anchor'. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Where in the document the problem is. */
  readonly path: JsonPath;
  /** File and line, when the document came from a file. */
  readonly source?: SourcePos;
}

/** True for error-severity diagnostics. */
export function isError(d: Diagnostic): boolean {
  return d.severity === 'error';
}

/** One line per diagnostic: `file:line: message (at spec.rules[0])`. */
export function renderDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${d.source.file}:${d.source.line}: ` : '';
  return `${where}${d.message}`;
}
