// Exit codes and the one-line error every command prints instead of a stack trace.

/** 0 ok; 1 policy violations or failing tests; 2 usage or load errors. */
export const EXIT = { ok: 0, violations: 1, usage: 2 } as const;

/** An error whose message is already what the user should read. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** The first line of an error's message (its code, or the value itself, when it has none). */
export function errorLine(e: unknown): string {
  const err = e as { message?: string; code?: string } | null | undefined;
  return (err?.message || err?.code || String(e)).split('\n')[0];
}

/** Print a one-line error and return the exit code for it. */
export function reportError(e: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (e instanceof UserError) {
    write(`error: ${e.message}\n`);
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  write(`error: ${msg.split('\n')[0]}\n`);
  if (process.env.TOLLGATE_DEBUG && e instanceof Error && e.stack) write(`${e.stack}\n`);
  return EXIT.usage;
}
