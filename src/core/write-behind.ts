// Writes that may trail the answer by one turn of the event loop: queued, then applied in a
// single transaction. A commit on a WAL database costs ~90 µs on its own; one commit per turn
// instead of one per request keeps the request path fast. Readers that go to the database
// call flush() first, so they never see it behind.
import type { Db } from '../db/index.js';

export class WriteBehind {
  #ops: (() => void)[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  readonly #apply: (ops: (() => void)[]) => void;

  constructor(db: Db) {
    this.#apply = db.$client.transaction((ops: (() => void)[]) => {
      for (const op of ops) op();
    });
  }

  enqueue(op: () => void): void {
    this.#ops.push(op);
    this.#scheduled ??= setImmediate(() => this.flush());
  }

  /** Applies everything queued, now. */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#ops.length === 0) return;
    const ops = this.#ops;
    this.#ops = [];
    try {
      this.#apply(ops);
    } catch (error) {
      // The memory state already moved on; losing the trail is logged, never thrown at a caller.
      console.error('write-behind batch failed', error);
    }
  }
}
