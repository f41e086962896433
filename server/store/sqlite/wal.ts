// Durability of the SQLite store, and the wiping of burned ciphertext from the write-ahead log.
//
// The connection runs with `synchronous = OFF` and `wal_autocheckpoint = 0`: SQLite itself never
// syncs or checkpoints, so nothing on the event loop waits for the disk. After each batch commits
// (engine.ts), this module does the disk work in SQLite's own order, each sync on libuv's thread
// pool, and answers the batch only at the end:
//
//   1. fdatasync of the WAL file: the batch is durable.
//   2. Only when the batch deleted ciphertext (a burn), or the log has grown past WAL_LIMIT_BYTES:
//      a. a PASSIVE checkpoint copies the log's pages into the database file (page writes only);
//      b. fsync of the database file: the copied pages are durable;
//      c. a TRUNCATE checkpoint empties the log file (nothing is left to copy, so it only
//         truncates).
//
// So when a burn is answered, the pages that held its ciphertext are zeroed in the database file
// (secure_delete) and the log that still held old copies is empty: no file holds the ciphertext.
// The engine starts no new transaction while this runs, so no page lands in the log between 2a
// and 2c. A crash anywhere in between leaves a log that SQLite replays, and the next start
// truncates it (see openDatabase).
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** The log is emptied once it holds this much, burn or not. */
export const WAL_LIMIT_BYTES = 4 * 1024 * 1024;

export interface Durability {
  /**
   * Called right after a batch committed; `done` runs once the batch is durable (and, when
   * `burned`, wiped from the log), with an error when it could not be made durable. The engine
   * commits nothing else until then.
   */
  afterCommit(burned: boolean, done: (error?: Error) => void): void;
  /** Checkpoints and truncates the log one last time and releases the files. */
  close(): void;
}

type Sync = (fd: number, callback: (error: Error | null) => void) => void;

export interface WalOptions {
  /** The sync calls; tests pass ones that count or fail. */
  fdatasync?: Sync;
  fsync?: Sync;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Runs a checkpoint; true when it copied every page of the log (its row: busy, log, checkpointed). */
function runCheckpoint(db: Database.Database, mode: 'PASSIVE' | 'TRUNCATE'): boolean {
  const rows: unknown = db.pragma(`wal_checkpoint(${mode})`);
  const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
  if (typeof row !== 'object' || row === null) return false;
  const { busy, log, checkpointed } = { busy: 1, log: -1, checkpointed: -2, ...row };
  return busy === 0 && log === checkpointed;
}

/**
 * Empties the log when nothing is left to copy. Run with `synchronous = NORMAL`, so that should
 * another connection (an operator's tool) have added pages since the PASSIVE checkpoint, SQLite
 * syncs them properly before it truncates.
 */
function truncateLog(db: Database.Database): void {
  db.pragma('synchronous = NORMAL');
  try {
    runCheckpoint(db, 'TRUNCATE');
  } finally {
    db.pragma('synchronous = OFF');
  }
}

/** The durability of a database file in WAL mode (see the top of this file). */
export function walDurability(db: Database.Database, file: string, { fdatasync = fs.fdatasync, fsync = fs.fsync }: WalOptions = {}): Durability {
  let walFd: number | undefined;
  let dbFd: number | undefined;
  // fsync applies to the file, whichever descriptor names it; SQLite keeps both files.
  const walFile = () => (walFd ??= fs.openSync(`${file}-wal`, 'r'));
  const dbFile = () => (dbFd ??= fs.openSync(file, 'r'));

  // The batch is durable before this runs: a failure here leaves old pages in the log until a
  // later wipe (or the next start), and is logged, but does not fail the batch.
  const wipe = (done: () => void) => {
    const failed = (what: string, error: unknown) => {
      console.error(`${what} failed; burned ciphertext may stay in the log until a later write:`, asError(error).message);
      done();
    };
    let copied: boolean;
    try {
      copied = runCheckpoint(db, 'PASSIVE');
      if (!copied) return failed('WAL checkpoint', 'another connection is reading an older snapshot');
      dbFile();
    } catch (error) {
      return failed('WAL checkpoint', error);
    }
    fsync(dbFile(), (error) => {
      if (error) return failed('fsync of the database file', error);
      try {
        truncateLog(db);
      } catch (truncation) {
        return failed('WAL truncation', truncation);
      }
      done();
    });
  };

  return {
    afterCommit(burned, done) {
      let fd: number;
      try {
        fd = walFile();
      } catch (error) {
        return done(asError(error));
      }
      fdatasync(fd, (error) => {
        if (error) return done(error);
        if (burned || fs.fstatSync(fd).size > WAL_LIMIT_BYTES) wipe(() => done());
        else done();
      });
    },
    close() {
      truncateLog(db);
      for (const fd of [walFd, dbFd]) if (fd !== undefined) fs.closeSync(fd);
      walFd = dbFd = undefined;
    },
  };
}
