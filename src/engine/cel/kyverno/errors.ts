/** A Kyverno CEL library call that failed; thrown from function handlers so cel-js aborts the evaluation. */
export class KyvernoCelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KyvernoCelError';
  }
}

/** The message of an unknown thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
