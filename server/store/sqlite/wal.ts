// Durability of the SQLite store's write-ahead log. SQLite runs with `synchronous = NORMAL`, so a
// commit is not synced by SQLite: this module syncs the WAL file itself, off the event loop
// (fdatasync on libuv's thread pool), one sync at a time, each covering every batch committed
// before it began. A caller is answered only after a sync that began after its commit.
//
// Deleted, not flagged: pages written before a burn still hold the ciphertext in the WAL file
// until a checkpoint copies the zeroed pages into the database and truncates the log. That runs
// shortly after a burn (not once per batch, which would stall every reply behind it), so burned
// ciphertext stays in the WAL file for at most `checkpointDelayMs`, or until restart after a crash.
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** Longest time a burned ciphertext may remain in the WAL file. */
export const CHECKPOINT_DELAY_MS = 200;

export interface Durability {
  /**
   * Called right after a batch committed; `done` runs once the batch is durable, with an error
   * when it could not be made so. `burned`: the batch deleted ciphertext.
   */
  afterCommit(burned: boolean, done: (error?: Error) => void): void;
  /** Waits for the sync in flight, checkpoints and truncates the log, releases the file. */
  close(): Promise<void>;
}

export interface WalOptions {
  /** 0 checkpoints before answering a batch that burned. */
  checkpointDelayMs?: number;
  /** The sync call; tests pass one that counts or fails. */
  fdatasync?: (fd: number, callback: (error: Error | null) => void) => void;
}

/** Truncating checkpoint: the log's pages go into the database file and the log is emptied. */
function checkpoint(db: Database.Database): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    console.error('WAL checkpoint failed:', error instanceof Error ? error.message : String(error));
  }
}

/** Group fdatasync of one file: one sync at a time, covering every waiter that came before it. */
function groupSync(file: string, fdatasync: NonNullable<WalOptions['fdatasync']>) {
  let fd: number | undefined;
  let syncing = false;
  let waiting: Array<(error?: Error) => void> = [];
  const start = () => {
    syncing = true;
    const group = waiting;
    waiting = [];
    const done = (error: Error | null) => {
      syncing = false;
      for (const waiter of group) waiter(error ?? undefined);
      if (waiting.length > 0) start();
    };
    try {
      // fsync applies to the file, whichever descriptor names it; SQLite keeps the WAL file.
      fd ??= fs.openSync(file, 'r');
    } catch (error) {
      return done(error instanceof Error ? error : new Error(String(error)));
    }
    fdatasync(fd, done);
  };
  return {
    after(waiter: (error?: Error) => void) {
      waiting.push(waiter);
      if (!syncing) start();
    },
    get busy() { return syncing; },
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}

/** The durability of a database file in WAL mode (see the top of this file). */
export function walDurability(db: Database.Database, file: string, { checkpointDelayMs = CHECKPOINT_DELAY_MS, fdatasync = fs.fdatasync }: WalOptions = {}): Durability {
  const sync = groupSync(`${file}-wal`, fdatasync);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const scheduleCheckpoint = () => {
    if (checkpointDelayMs === 0) return checkpoint(db);
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!closed) checkpoint(db);
    }, checkpointDelayMs);
  };
  return {
    afterCommit(burned, done) {
      if (burned) scheduleCheckpoint();
      sync.after(done);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      while (sync.busy) await new Promise((resolve) => setImmediate(resolve));
      checkpoint(db);
      sync.close();
    },
  };
}
