// Evaluates a compiled program; every problem becomes an error value (cel-go style message).
import type { CelProgram } from './compile.js';
import { goErrorText, type ErrorNode } from './go-error-text.js';

export type CelEvalResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates `program` against `activation` (CEL values, see toCelValue); never throws. */
export function evaluateCel(program: CelProgram, activation: Readonly<Record<string, unknown>>): CelEvalResult {
  try {
    const value: unknown = program.run(activation);
    if (value instanceof Promise) {
      void value.catch(() => undefined);
      return { ok: false, error: 'asynchronous CEL functions are not supported' };
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

/**
 * The one-line message of a thrown evaluation error (without the library's source excerpt), worded as cel-go
 * words it: Kyverno reports cel-go's text, so results must carry the same (see go-error-text.ts).
 */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const node = err instanceof Error ? (err as { node?: ErrorNode }).node : undefined;
  return goErrorText(message.split('\n')[0].trim(), node);
}
