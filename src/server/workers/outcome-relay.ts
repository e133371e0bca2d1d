// A worker of `serve --workers` does not write reports or create generated resources: it sends the primary what
// those need of each review. Reviews that finish in the same event-loop turn share one IPC message.
import type { AdmissionOutcome } from '../admission/index.js';
import { isReported } from '../report-store.js';
import type { RelayedOutcome } from './messages.js';

/** What the primary needs of a review: its results when reports are written, what it generated; or nothing. */
export function relayedOutcome(
  webhook: 'validate' | 'mutate',
  outcome: AdmissionOutcome,
  reporting: boolean,
): RelayedOutcome | undefined {
  const reported = reporting && isReported(webhook, outcome);
  if (!reported && outcome.generated.length === 0) return undefined;
  const { allowed, dryRun, resourceUid, generated } = outcome;
  return { webhook, outcome: { allowed, dryRun, resourceUid, generated, results: reported ? outcome.results : [] } };
}

/** Outcomes waiting to be sent, flushed once per event-loop turn. */
export class OutcomeRelay {
  #queue: RelayedOutcome[] = [];
  #sending: Promise<void> = Promise.resolve();
  #scheduled = false;

  constructor(private readonly send: (outcomes: readonly RelayedOutcome[]) => Promise<void>) {}

  /** Queue one outcome. */
  add(outcome: RelayedOutcome): void {
    this.#queue.push(outcome);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Send what is queued; resolves once everything queued so far is handed to the channel. */
  flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length > 0) this.#sending = this.#sending.then(() => this.send(batch));
    return this.#sending;
  }
}
