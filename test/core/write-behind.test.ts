// The write-behind writer keeps what it owes until a batch commits: a batch the database
// refuses is kept whole and retried; an entry that cannot be written is dropped alone, logged.
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { openDb, type Db } from '../../src/db/index.js';
import { WriteBehind } from '../../src/core/write-behind.js';

/** A sink of text entries written to a table of their own; an entry starting "bad" is refused by the sink. */
function textSink(db: Db, writes: WriteBehind, name: string) {
  db.$client.exec(`CREATE TABLE IF NOT EXISTS kept (sink TEXT NOT NULL, v TEXT NOT NULL)`);
  const insert = db.$client.prepare<[string, string]>('INSERT INTO kept (sink, v) VALUES (?, ?)');
  const owed: string[] = [];
  const state = { diskFull: false, writeCalls: 0 };
  writes.register(name, {
    pending: () => owed,
    write: (units) => {
      state.writeCalls += 1;
      for (const v of units) {
        if (state.diskFull) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        if (v.startsWith('bad')) throw new Error(`${v} cannot be written`);
        insert.run(name, v);
      }
    },
    written: (units) => {
      for (const v of units) owed.splice(owed.indexOf(v), 1);
    },
    drop: (v) => {
      owed.splice(owed.indexOf(v), 1);
      return `entry ${v}`;
    },
  });
  return {
    state,
    add(...values: string[]) {
      owed.push(...values);
      for (const _ of values) writes.changed();
    },
  };
}

const kept = (db: Db) => db.$client.prepare('SELECT sink, v FROM kept ORDER BY rowid').all();

let db: Db;
let writes: WriteBehind;
let errors: MockInstance<typeof console.error>;
beforeEach(() => {
  db = openDb(':memory:');
  writes = new WriteBehind(db, { delayMs: 5 });
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  errors.mockRestore();
  db.$client.close();
});

describe('WriteBehind', () => {
  test('a batch the database refuses keeps every entry, reports the failure and is written by its retry', async () => {
    const a = textSink(db, writes, 'a');
    const b = textSink(db, writes, 'b');
    a.add('a1', 'a2');
    b.add('b1');
    b.state.diskFull = true;
    writes.flush();
    expect(kept(db)).toEqual([]);
    expect(writes.health()).toEqual({
      ok: false,
      pending: { a: 2, b: 1 },
      dropped: { a: 0, b: 0 },
      failingSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastError: { message: 'database or disk is full', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain('write-behind batch failed; 3 entries kept for a retry: database or disk is full');
    b.state.diskFull = false;
    await vi.waitFor(() => expect(kept(db)).toHaveLength(3), { timeout: 2000, interval: 5 });
    expect(kept(db)).toEqual([
      { sink: 'a', v: 'a1' },
      { sink: 'a', v: 'a2' },
      { sink: 'b', v: 'b1' },
    ]);
    expect(writes.health()).toMatchObject({ ok: true, pending: { a: 0, b: 0 }, failingSince: null });
  });

  test('an entry that cannot be written is dropped alone and logged once; its neighbours are written', () => {
    const a = textSink(db, writes, 'a');
    const b = textSink(db, writes, 'b');
    a.add('a1', 'bad-2', 'a3');
    b.add('b1');
    writes.flush();
    writes.flush();
    expect(kept(db)).toEqual([
      { sink: 'a', v: 'a1' },
      { sink: 'a', v: 'a3' },
      { sink: 'b', v: 'b1' },
    ]);
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual(['write-behind dropped a (entry bad-2), which cannot be written: bad-2 cannot be written']);
    expect(writes.health()).toEqual({
      ok: true,
      pending: { a: 0, b: 0 },
      dropped: { a: 1, b: 0 },
      failingSince: null,
      lastError: { message: 'bad-2 cannot be written', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
  });

  test('a flush inside another transaction waits for it: a rollback there cannot take the batch with it', () => {
    const a = textSink(db, writes, 'a');
    const failing = db.$client.transaction(() => {
      a.add('a1');
      writes.flush();
      throw new Error('the caller rolls back');
    });
    expect(() => failing()).toThrow('the caller rolls back');
    writes.flush();
    expect(kept(db)).toEqual([{ sink: 'a', v: 'a1' }]);
  });

  test('many changes while the database refuses do not try a batch per change', () => {
    const a = textSink(db, writes, 'a');
    a.state.diskFull = true;
    a.add(...Array.from({ length: 3000 }, (_, i) => `a${i}`));
    // The 1,000th change tried one batch; after it failed, only the retry timer tries again.
    expect(a.state.writeCalls).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(writes.health().pending).toEqual({ a: 3000 });
  });
});
