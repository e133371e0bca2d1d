// Replies awaited over the IPC channel, by request id: the primary gathering every worker's metrics, a worker waiting
// for the primary's sum. A peer that never answers (it died) must not hang a scrape: the timeout settles with what came.

interface Pending<T> {
  readonly replies: T[];
  readonly expected: number;
  readonly settle: () => void;
}

/** Requests waiting for their replies. */
export class PendingReplies<T> {
  #next = 0;
  readonly #pending = new Map<number, Pending<T>>();

  constructor(private readonly timeoutMs: number) {}

  /** Open a request for `expected` replies: its id, and the replies that came by the time all came or time ran out. */
  open(expected: number): { readonly id: number; readonly replies: Promise<T[]> } {
    const id = this.#next++;
    const replies = new Promise<T[]>((resolve) => {
      const entry: Pending<T> = {
        replies: [],
        expected,
        settle: () => {
          clearTimeout(timer);
          this.#pending.delete(id);
          resolve(entry.replies);
        },
      };
      const timer = setTimeout(entry.settle, this.timeoutMs);
      this.#pending.set(id, entry);
      if (expected <= 0) entry.settle();
    });
    return { id, replies };
  }

  /** A reply to request `id`; one to a request that is settled already (late, unknown) is dropped. */
  receive(id: number, reply: T): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    entry.replies.push(reply);
    if (entry.replies.length >= entry.expected) entry.settle();
  }
}
