// Opens the SQLite database, applies the committed migrations and hands out the drizzle handle.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';
import { packagePath } from '../package-root.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = packagePath('drizzle');

/**
 * The database file cannot be used. `message` says why in words, naming the path as given;
 * `inUse` tells another Mahak holding it from a path that is no good.
 */
export class DbUnusable extends Error {
  constructor(
    message: string,
    readonly inUse = false,
  ) {
    super(message);
    this.name = 'DbUnusable';
  }
}

const says: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system', ENOSPC: 'no space left on the device' };
const why = (error: unknown) => {
  const code = (error as { code?: string }).code ?? '';
  return says[code] ?? (code || (error as Error).message);
};

/**
 * Makes the file's missing folders, one level at a time from the nearest one that exists:
 * that names the part of the path that is a file, and avoids mkdirSync({ recursive }), which
 * loops without end under /proc.
 */
function makeFolders(path: string): void {
  const missing: string[] = [];
  let folder = dirname(path);
  while (!existsSync(folder)) {
    missing.unshift(folder);
    folder = dirname(folder);
  }
  if (!statSync(folder).isDirectory()) throw new DbUnusable(`the database ${path} cannot be created: ${folder} is a file, not a folder`);
  for (const made of missing) {
    try {
      mkdirSync(made);
    } catch (error) {
      throw new DbUnusable(`the database folder ${made} cannot be created (${why(error)})`);
    }
  }
}

/** A failure of SQLite (or of drizzle, which wraps it) in words, or undefined if it is no such failure. */
function sqliteProblem(error: unknown, path: string, existed: boolean): DbUnusable | undefined {
  let code: string | undefined;
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e && !code; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) code = e.code;
  }
  if (code === undefined) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DbUnusable(`the database ${path} is already in use by another Mahak`, true);
  if (code === 'SQLITE_NOTADB') return new DbUnusable(`the database ${path} is not a SQLite database`);
  if (code.startsWith('SQLITE_CANTOPEN') && !existed) return new DbUnusable(`the database ${path} cannot be created: its folder ${dirname(path)} is not writable`);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return new DbUnusable(`the database ${path} cannot be written (is it, and its folder, writable?)`);
  return new DbUnusable(`the database ${path} cannot be used (${code}: ${(error as Error).message})`);
}

/** `path` is a file path or ':memory:'. The folder of a file path is created if missing. */
export function openDb(path: string): Db {
  const file = path !== ':memory:';
  const existed = file && existsSync(path);
  if (existed && statSync(path).isDirectory()) throw new DbUnusable(`the database ${path} is a folder, not a file`);
  if (file && !existed) makeFolders(path);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path);
    if (file) {
      // One Mahak per file: each keeps wallets and counters in memory and writes them behind,
      // so two on one file would drift apart. SQLite's exclusive locking mode holds the file's
      // lock for as long as the connection is open, and the OS drops it when the process ends,
      // even by kill -9, so no stale lock file is ever left to clean. A second opener gets
      // SQLITE_BUSY once the short wait is over. (Other programs cannot read the file meanwhile.)
      // It also spares each commit the WAL's shared-memory locks: 5,000 small batch commits
      // took 450-630 ms instead of 710-940 ms on our two cores.
      sqlite.pragma('busy_timeout = 300');
      sqlite.pragma('locking_mode = EXCLUSIVE');
    }
    sqlite.pragma('journal_mode = WAL');
    // The lock is taken now, at start-up, not at the first request.
    if (file) sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    // The sandbox's data is disposable: without fsync, WAL checkpoints no longer stall requests
    // (p99 22 ms → 8 ms under load). A crash of the process loses nothing; a power cut may.
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    return db;
  } catch (error) {
    sqlite?.close();
    throw (file && sqliteProblem(error, path, existed)) || error;
  }
}

export { schema };
