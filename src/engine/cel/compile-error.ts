// Compile errors as values: what went wrong, where (1-based, inside the expression) and which kind.

export type CelCompileErrorKind = 'syntax' | 'unknown-function' | 'type';

export interface CelCompileError {
  readonly kind: CelCompileErrorKind;
  /** One-line message without the library's source excerpt. */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** What the classifier needs to know about the expression and its environment. */
export interface CompileErrorContext {
  /** The expression as written by the user. */
  readonly source: string;
  /** Maps an offset in the parsed (possibly rewritten) text back into `source`. */
  readonly offsetOf: (offset: number) => number;
  /** True when the environment declares a function of that name (any arity) on that receiver type (null: global). */
  readonly isKnownFunction: (name: string, receiverType: string | null) => boolean;
}

interface LibraryError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly range?: { readonly start: number; readonly end: number };
}

/** Converts a cel-js ParseError/TypeError (or a shim's Error) into a CelCompileError. */
export function toCompileError(err: unknown, ctx: CompileErrorContext): CelCompileError {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as LibraryError;
  const message = (e.message ?? String(err)).split('\n')[0].trim();
  const kind = errorKind(e, message, ctx);
  if (e.range === undefined) return { kind, message };
  return { kind, message, ...lineColumn(ctx.source, ctx.offsetOf(e.range.start)) };
}

function errorKind(e: LibraryError, message: string, ctx: CompileErrorContext): CelCompileErrorKind {
  if (e.name === 'ParseError') return 'syntax';
  if (e.code === 'no_matching_overload') {
    const call = /for '(?:(.*)\.)?([A-Za-z_]\w*)\(/.exec(message);
    if (call !== null && !ctx.isKnownFunction(call[2], call[1] ?? null)) return 'unknown-function';
  }
  if (e.code === 'unknown_variable' && e.range !== undefined && isNamespaceCall(e.range.end, ctx)) {
    return 'unknown-function';
  }
  return 'type';
}

/** An unknown identifier used as a function namespace (`math.greatest(…)`) is an unknown function. */
function isNamespaceCall(end: number, ctx: CompileErrorContext): boolean {
  return /^\s*\.\s*[A-Za-z_]\w*\s*\(/.test(ctx.source.slice(ctx.offsetOf(end)));
}

/** 1-based line and column (in UTF-16 units) of `offset` in `source`. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const lines = source.slice(0, Math.max(0, offset)).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
