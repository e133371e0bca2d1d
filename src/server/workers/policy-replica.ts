// A worker's copy of the primary's policies. The primary alone reads the files and watches the cluster, and decides
// when the set changes; it sends the sources (file texts, cluster objects), and each worker compiles the very same
// input, so no worker can see a file half-written or a set another worker does not have.
import { compileSnapshot, type PolicySnapshot, type PolicyView, type ReloadError } from '../policy-store.js';
import type { PoliciesMessage } from './messages.js';

/** The policies a worker serves, as the primary last sent them. */
export class PolicyReplica implements PolicyView {
  #current: PolicySnapshot | undefined;
  #reloadError: ReloadError | undefined;

  get current(): PolicySnapshot | undefined {
    return this.#current;
  }

  get reloadError(): ReloadError | undefined {
    return this.#reloadError;
  }

  /** Take the primary's state; returns why its sources did not compile here (the previous set is kept), if so. */
  apply(message: PoliciesMessage, now: Date): string | undefined {
    const failed = message.reloadError;
    this.#reloadError = failed && { message: failed.message, at: new Date(failed.at) };
    if (!message.sources) return undefined;
    try {
      this.#current = compileSnapshot(message.sources, now);
      return undefined;
    } catch (e) {
      // The primary compiled the same sources; a difference here is a bug, so say it where /readyz shows it.
      const text = `policies sent by the primary did not load in this worker: ${(e as Error).message}`;
      this.#reloadError = { message: text, at: now };
      return text;
    }
  }
}

/** The message that gives a worker the primary's policies: its set's sources and its latest reload error. */
export function policiesMessage(view: PolicyView, withSources = true): PoliciesMessage {
  const failed = view.reloadError;
  return {
    type: 'tollgate:policies',
    ...(withSources && view.current ? { sources: view.current.sources } : {}),
    ...(failed ? { reloadError: { message: failed.message, at: failed.at.toISOString() } } : {}),
  };
}
