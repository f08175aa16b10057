// Writes that may trail the answer by a few milliseconds: components keep what they owe the
// database and hand it over here; every 10 ms (or after 1,000 changes) it is all written in
// one transaction. A commit on a WAL database costs ~80 µs on its own, more than the rest of
// an inquiry; one commit per batch keeps the request path fast. Readers that go to the
// database call flush() first, so they never see it behind. The timer does not keep the
// process alive: closing the instance flushes.
import type { Db } from '../db/index.js';

export class WriteBehind {
  readonly #sinks: (() => void)[] = [];
  readonly #inTransaction: () => void;
  #timer: NodeJS.Timeout | undefined;
  #changes = 0;

  constructor(
    db: Db,
    private readonly delayMs = 10,
    private readonly maxChanges = 1000,
  ) {
    this.#inTransaction = db.$client.transaction(() => {
      for (const sink of this.#sinks) sink();
    });
  }

  /** `sink` writes whatever its owner has pending; it runs inside the batch transaction. */
  register(sink: () => void): void {
    this.#sinks.push(sink);
  }

  /** A change is pending: write it soon. */
  changed(): void {
    if (++this.#changes >= this.maxChanges) return this.flush();
    if (!this.#timer) {
      this.#timer = setTimeout(() => this.flush(), this.delayMs);
      this.#timer.unref();
    }
  }

  /** Writes everything pending, now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#changes === 0) return;
    this.#changes = 0;
    try {
      this.#inTransaction();
    } catch (error) {
      // Memory already moved on; a lost trail is logged, never thrown at a caller.
      console.error('write-behind batch failed', error);
    }
  }
}
