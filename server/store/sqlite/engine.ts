// The SQLite store's write engine: group commit. The writes that arrive while the previous batch is
// made durable (or, when the engine is idle, in one turn of the event loop) share one
// transaction; the batch is then handed to the durability step (wal.ts), which answers each
// caller only once its write is on disk and any ciphertext it deleted is wiped from the log. One
// batch at a time: the next transaction starts when the last batch is answered. The engine also
// keeps the count of ciphertext bytes held, changed only by writes that commit.
import type Database from 'better-sqlite3';
import { StoreUnavailable } from '../store';
import type { Durability } from './wal';

/** SQLite errors that mean the disk or the file cannot be written now, not a bug. */
const OUTAGE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|NOMEM|PROTOCOL)/;

/** A write that failed: a StoreUnavailable when the store could not write (its transaction rolled back). */
function refusal(error: unknown): unknown {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  return OUTAGE.test(code)
    ? new StoreUnavailable('The note server cannot write to its database right now, so nothing was changed. Try again in a moment.', 'no', { cause: error })
    : error;
}

/** The batch committed, but could not be synced to the disk: it may or may not be kept. */
const unsynced = (error: Error) => new StoreUnavailable(
  'The note server could not confirm the change on its disk and cannot tell whether it was kept. Try again in a moment.', 'unknown', { cause: error });

/** What a write may tell the engine while it runs. */
export interface WriteScope {
  /** Ciphertext bytes held, counting the writes before this one in the same batch. */
  readonly storedBytes: number;
  /** Counts bytes this write stored (positive) or freed (negative); kept only if it commits. */
  count(bytes: number): void;
  /** Says this write deleted ciphertext, whose old copies the write-ahead log may still hold. */
  burned(): void;
}

export interface WriteEngine {
  /** Runs `run` inside the next batch's transaction; resolves once its batch is durable. */
  write<T>(run: (scope: WriteScope) => T): Promise<T>;
  /** Ciphertext bytes held by committed writes. */
  readonly storedBytes: number;
  /** Writes what is queued, waits until it is durable, and refuses writes from then on. */
  close(): Promise<void>;
}

interface Pending {
  run: (scope: WriteScope) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

interface BatchOutcome {
  results: Result[];
  /** Net change of stored ciphertext bytes by the writes that committed. */
  bytes: number;
  /** Whether a committed write deleted ciphertext. */
  burned: boolean;
}

/** One write's scope; its counts are added to the batch only when the write succeeds. */
class Scope implements WriteScope {
  bytes = 0;
  didBurn = false;
  constructor(private readonly before: number) {}
  get storedBytes() { return this.before + this.bytes; }
  count(bytes: number) { this.bytes += bytes; }
  burned() { this.didBurn = true; }
}

/**
 * Runs a batch in one transaction. When a write throws (a bug, a full disk) the transaction rolls
 * back, and each write is redone in its own transaction so that only the failing one is refused.
 */
function runBatch(db: Database.Database, batch: Pending[], storedBytes: number): BatchOutcome {
  const outcome: BatchOutcome = { results: [], bytes: 0, burned: false };
  const runOne = (item: Pending) => {
    const scope = new Scope(storedBytes + outcome.bytes);
    const value = item.run(scope);
    outcome.bytes += scope.bytes;
    outcome.burned ||= scope.didBurn;
    return value;
  };
  try {
    // The fast path: the whole batch in one transaction, one commit.
    outcome.results = db.transaction(() => batch.map((item): Result => ({ ok: true, value: runOne(item) })))();
    return outcome;
  } catch {
    Object.assign(outcome, { bytes: 0, burned: false });
  }
  outcome.results = batch.map((item): Result => {
    const { bytes, burned } = outcome;
    try {
      return { ok: true, value: db.transaction(() => runOne(item))() };
    } catch (error) {
      Object.assign(outcome, { bytes, burned });
      return { ok: false, error };
    }
  });
  return outcome;
}

/**
 * Opens the write engine on `db`. `storedBytes` is the count of ciphertext bytes already held;
 * without `durability` (an in-memory database) writes are answered as soon as they commit.
 */
export function openWriteEngine(db: Database.Database, { storedBytes, durability }: { storedBytes: number; durability?: Durability }): WriteEngine {
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  let committedBytes = storedBytes;
  // The batch being made durable; the next one waits for it.
  let inFlight: Promise<void> | undefined;

  const flush = () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    const batch = queue;
    queue = [];
    const { results, bytes, burned } = runBatch(db, batch, committedBytes);
    committedBytes += bytes;
    const answer = (error?: Error) => batch.forEach((item, i) => {
      const result = results[i];
      if (error) item.reject(unsynced(error));
      else if (result?.ok) item.resolve(result.value);
      else item.reject(refusal(result?.error));
    });
    if (!durability) return answer();
    let finished = () => {};
    inFlight = new Promise<void>((resolve) => { finished = resolve; });
    durability.afterCommit(burned, (error) => {
      inFlight = undefined;
      answer(error);
      finished();
      // Whatever queued meanwhile has waited a whole round already: it goes now.
      flush();
    });
  };

  return {
    write: <T>(run: (scope: WriteScope) => T) => {
      if (closed) return Promise.reject(new Error('store is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled && !inFlight) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    get storedBytes() { return committedBytes; },
    close: async () => {
      if (closed) return;
      closed = true;
      while (inFlight || queue.length > 0) {
        flush();
        await inFlight;
      }
      durability?.close();
    },
  };
}
