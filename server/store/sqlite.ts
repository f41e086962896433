// SQLite store (better-sqlite3, WAL). Writes are group-committed: every write that arrives in one
// turn of the event loop shares one transaction, and each caller is answered only after an
// fdatasync of the WAL that began after its commit, so a burn is durable before its reply.
// The fdatasync runs on libuv's thread pool, one at a time, covering every batch committed while
// the previous one ran: the event loop never waits for the disk, and the disk sees one flush per
// group of batches instead of one per request.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NoteStatus } from '../../utils/core/protocol';
import {
  MAX_PASSPHRASE_ATTEMPTS,
  effectiveState,
  envelopeBytes,
  sameHash,
  type ConsumeOutcome,
  type CreateOutcome,
  type NoteStore,
  type PeekOutcome,
  type StoreLimits,
} from './store';

interface NoteRow {
  id: string;
  key_hash: Buffer;
  read_hash: Buffer;
  manage_hash: Buffer;
  passphrase: number;
  created_at: number;
  expires_at: number;
  max_reads: number;
  reads: number;
  failed_attempts: number;
  state: 'pending' | 'read' | 'revoked' | 'destroyed';
  read_at: number | null;
  revoked_at: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notes (
  id TEXT PRIMARY KEY,
  key_hash BLOB NOT NULL,
  read_hash BLOB NOT NULL,
  manage_hash BLOB NOT NULL,
  passphrase INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  max_reads INTEGER NOT NULL,
  reads INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  read_at INTEGER,
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS notes_expires_at ON notes (expires_at);
-- Ciphertexts live apart from the tombstones so that a burn deletes a row, not a column.
CREATE TABLE IF NOT EXISTS bodies (
  id TEXT PRIMARY KEY,
  envelope TEXT NOT NULL
) WITHOUT ROWID;
`;

function toStatus(row: NoteRow, now: number): NoteStatus {
  return {
    id: row.id,
    state: effectiveState(row.state, row.expires_at, now),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    reads: row.reads,
    maxReads: row.max_reads,
    readAt: row.read_at,
    revokedAt: row.revoked_at,
  };
}

/** Longest time a burned ciphertext may remain in the WAL file. */
export const CHECKPOINT_DELAY_MS = 200;

interface Pending {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface SqliteStoreOptions extends StoreLimits {
  /** File path, or ':memory:'. */
  file: string;
  /** Longest time a burned ciphertext may stay in the WAL file; 0 checkpoints before answering. */
  checkpointDelayMs?: number;
}

export function openSqliteStore({ file, maxBytes = 0, checkpointDelayMs = CHECKPOINT_DELAY_MS }: SqliteStoreOptions): NoteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL: SQLite does not fsync at commit; the store does it itself off the event loop before it
  // answers (see `sync`). Checkpoints are still synced by SQLite.
  const durable = file !== ':memory:';
  db.pragma(durable ? 'synchronous = NORMAL' : 'synchronous = OFF');
  // Overwrite deleted ciphertext with zeros instead of leaving it in free pages of the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // A crash may have left burned ciphertexts in the WAL file (see flush).
  db.pragma('wal_checkpoint(TRUNCATE)');

  const q = {
    insertNote: db.prepare(`INSERT INTO notes (id, key_hash, read_hash, manage_hash, passphrase, created_at, expires_at, max_reads)
      VALUES (@id, @keyHash, @readHash, @manageHash, @passphrase, @createdAt, @expiresAt, @maxReads)`),
    insertBody: db.prepare('INSERT INTO bodies (id, envelope) VALUES (?, ?)'),
    note: db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?'),
    body: db.prepare<[string], { envelope: string }>('SELECT envelope FROM bodies WHERE id = ?'),
    deleteBody: db.prepare<[string], { size: number }>('DELETE FROM bodies WHERE id = ? RETURNING octet_length(envelope) AS size'),
    storedBytes: db.prepare<[], { size: number }>('SELECT coalesce(sum(octet_length(envelope)), 0) AS size FROM bodies'),
    countRead: db.prepare(`UPDATE notes SET reads = reads + 1, read_at = @now,
      state = CASE WHEN reads + 1 >= max_reads THEN 'read' ELSE state END WHERE id = @id`),
    failAttempt: db.prepare(`UPDATE notes SET failed_attempts = failed_attempts + 1,
      state = CASE WHEN failed_attempts + 1 >= ${MAX_PASSPHRASE_ATTEMPTS} THEN 'destroyed' ELSE state END,
      revoked_at = CASE WHEN failed_attempts + 1 >= ${MAX_PASSPHRASE_ATTEMPTS} THEN @now ELSE revoked_at END WHERE id = @id`),
    revoke: db.prepare(`UPDATE notes SET state = 'revoked', revoked_at = ? WHERE id = ?`),
    sweepBodies: db.prepare<[number], { size: number }>(`DELETE FROM bodies WHERE id IN (SELECT id FROM notes WHERE expires_at <= ?)
      RETURNING octet_length(envelope) AS size`),
    sweepNotes: db.prepare('DELETE FROM notes WHERE expires_at <= ?'),
  };

  // --- group commit ---------------------------------------------------------------------------
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  // Set when a write deleted a ciphertext: its old copy is still in the WAL file until a checkpoint.
  let burned = false;
  // Ciphertext bytes in committed rows, and the change made by the batch being written (counted
  // per write, kept only for writes whose savepoint holds, applied once the batch commits).
  let storedBytes = q.storedBytes.get()?.size ?? 0;
  let batchBytes = 0;
  let writeBytes = 0;

  // Deleted, not flagged: pages written before a delete still hold the ciphertext in the WAL file
  // until a checkpoint copies the zeroed pages into the database and truncates the WAL. That runs
  // shortly after a burn (not once per batch, which would stall every reply behind it), so burned
  // ciphertext stays in the WAL file for at most `checkpointDelayMs`, or until restart after a crash.
  let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  const checkpoint = () => {
    checkpointTimer = undefined;
    if (closed) return;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      console.error('WAL checkpoint failed:', error instanceof Error ? error.message : String(error));
    }
  };

  /** Runs one write; the byte count it changed is kept in `writeBytes`. */
  const runOne = (item: Pending) => {
    writeBytes = 0;
    const value = item.run();
    batchBytes += writeBytes;
    return value;
  };

  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
    batchBytes = 0;
    try {
      // The fast path: the whole batch in one transaction, one commit, one fsync.
      results = db.transaction(() => batch.map((item) => ({ ok: true as const, value: runOne(item) })))();
    } catch {
      // A write failed (a bug or a full disk) and rolled the batch back: redo each write in its own
      // transaction so that only the failing one is refused.
      batchBytes = 0;
      results = batch.map((item) => {
        const before = batchBytes;
        try {
          return { ok: true as const, value: db.transaction(() => runOne(item))() };
        } catch (error) {
          batchBytes = before;
          return { ok: false as const, error };
        }
      });
    }
    storedBytes += batchBytes;
    if (burned) {
      burned = false;
      if (checkpointDelayMs === 0) checkpoint();
      else checkpointTimer ??= setTimeout(checkpoint, checkpointDelayMs);
    }
    const answer = () => batch.forEach((item, i) => {
      const result = results[i];
      if (result?.ok) item.resolve(result.value);
      else item.reject(result?.error);
    });
    if (!durable) return answer();
    unsynced.push({ answer, fail: (error) => batch.forEach((item) => item.reject(error)) });
    if (!syncing) sync();
  };

  // --- durability: one fdatasync of the WAL at a time, for every batch committed before it ---
  const walFile = `${file}-wal`;
  let walFd: number | undefined;
  let syncing = false;
  let unsynced: Array<{ answer: () => void; fail: (error: Error) => void }> = [];
  const sync = () => {
    syncing = true;
    const group = unsynced;
    unsynced = [];
    const done = (error: Error | null) => {
      syncing = false;
      for (const waiter of group) {
        if (error) waiter.fail(error);
        else waiter.answer();
      }
      if (unsynced.length > 0) sync();
    };
    try {
      // fsync applies to the file, whichever descriptor names it; SQLite keeps the WAL file.
      walFd ??= fs.openSync(walFile, 'r');
    } catch (error) {
      return done(error as Error);
    }
    fs.fdatasync(walFd, done);
  };

  function write<T>(run: () => T): Promise<T> {
    if (closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  }

  const deleteBodyOf = (id: string) => {
    burned = true;
    writeBytes -= q.deleteBody.get(id)?.size ?? 0;
  };

  return {
    kind: 'sqlite',

    create: (note) => write((): CreateOutcome => {
      const size = envelopeBytes(note.envelope);
      if (maxBytes > 0 && storedBytes + batchBytes + size > maxBytes) return { kind: 'full' };
      q.insertNote.run({ ...note, passphrase: note.passphrase ? 1 : 0 });
      q.insertBody.run(note.id, note.envelope);
      writeBytes += size;
      return { kind: 'ok' };
    }),

    consume: (id, keyHash, readHash, now) => write((): ConsumeOutcome => {
      const row = q.note.get(id);
      if (!row || !sameHash(row.key_hash, keyHash)) return { kind: 'not_found' };
      const state = effectiveState(row.state, row.expires_at, now);
      if (state === 'expired') {
        deleteBodyOf(id);
        return { kind: 'gone', state, at: row.expires_at };
      }
      if (state !== 'pending') {
        return { kind: 'gone', state, at: state === 'read' ? row.read_at : row.revoked_at };
      }
      if (!sameHash(row.read_hash, readHash)) {
        if (!row.passphrase) return { kind: 'not_found' };
        q.failAttempt.run({ id, now });
        const attemptsLeft = Math.max(0, MAX_PASSPHRASE_ATTEMPTS - row.failed_attempts - 1);
        if (attemptsLeft === 0) deleteBodyOf(id);
        return { kind: 'wrong_passphrase', attemptsLeft };
      }
      const body = q.body.get(id);
      if (!body) return { kind: 'gone', state: 'read', at: row.read_at };
      q.countRead.run({ id, now });
      const readsLeft = row.max_reads - row.reads - 1;
      if (readsLeft <= 0) deleteBodyOf(id);
      return { kind: 'ok', envelope: body.envelope, readsLeft: Math.max(0, readsLeft) };
    }),

    peek: async (id, keyHash, now): Promise<PeekOutcome> => {
      const row = q.note.get(id);
      if (!row || !sameHash(row.key_hash, keyHash)) return { kind: 'not_found' };
      const state = effectiveState(row.state, row.expires_at, now);
      return {
        kind: 'ok',
        state,
        expiresAt: row.expires_at,
        readsLeft: state === 'pending' ? row.max_reads - row.reads : 0,
        passphrase: row.passphrase === 1,
      };
    },

    status: async (notes, now) => notes.map(({ id, manageHash }) => {
      const row = q.note.get(id);
      return row && sameHash(row.manage_hash, manageHash) ? toStatus(row, now) : null;
    }),

    revoke: (id, manageHash, now) => write(() => {
      const row = q.note.get(id);
      if (!row || !sameHash(row.manage_hash, manageHash)) return null;
      if (effectiveState(row.state, row.expires_at, now) === 'pending') {
        q.revoke.run(now, id);
        deleteBodyOf(id);
        return toStatus({ ...row, state: 'revoked', revoked_at: now }, now);
      }
      return toStatus(row, now);
    }),

    sweep: (now) => write(() => {
      const swept = q.sweepBodies.all(now);
      if (swept.length > 0) burned = true;
      for (const { size } of swept) writeBytes -= size;
      return q.sweepNotes.run(now).changes;
    }),

    storedBytes: async () => storedBytes,

    ping: async () => {
      try {
        db.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },

    close: async () => {
      if (closed) return;
      if (queue.length > 0) flush();
      closed = true;
      clearTimeout(checkpointTimer);
      while (syncing) await new Promise((resolve) => setImmediate(resolve));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      if (walFd !== undefined) fs.closeSync(walFd);
    },
  };
}
