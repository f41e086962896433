// SQLite store (better-sqlite3, WAL). Writes are group-committed: every write that arrives in one
// turn of the event loop shares one transaction and one fsync, and each caller is answered only
// after that commit, so a burn is durable before its reply without one fsync per request.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NoteStatus } from '../../utils/protocol';
import {
  MAX_PASSPHRASE_ATTEMPTS,
  effectiveState,
  sameHash,
  type ConsumeOutcome,
  type NoteStore,
  type PeekOutcome,
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

interface Pending {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface SqliteStoreOptions {
  /** File path, or ':memory:'. */
  file: string;
}

export function openSqliteStore({ file }: SqliteStoreOptions): NoteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: each commit is fsynced, so an answered write survives a crash of the process or machine.
  db.pragma('synchronous = FULL');
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
    deleteBody: db.prepare('DELETE FROM bodies WHERE id = ?'),
    countRead: db.prepare(`UPDATE notes SET reads = reads + 1, read_at = @now,
      state = CASE WHEN reads + 1 >= max_reads THEN 'read' ELSE state END WHERE id = @id`),
    failAttempt: db.prepare(`UPDATE notes SET failed_attempts = failed_attempts + 1,
      state = CASE WHEN failed_attempts + 1 >= ${MAX_PASSPHRASE_ATTEMPTS} THEN 'destroyed' ELSE state END,
      revoked_at = CASE WHEN failed_attempts + 1 >= ${MAX_PASSPHRASE_ATTEMPTS} THEN @now ELSE revoked_at END WHERE id = @id`),
    revoke: db.prepare(`UPDATE notes SET state = 'revoked', revoked_at = ? WHERE id = ?`),
    sweepBodies: db.prepare('DELETE FROM bodies WHERE id IN (SELECT id FROM notes WHERE expires_at <= ?)'),
    sweepNotes: db.prepare('DELETE FROM notes WHERE expires_at <= ?'),
  };

  // --- group commit ---------------------------------------------------------------------------
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;
  // Set when a write deleted a ciphertext: its old copy is still in the WAL file until a checkpoint.
  let burned = false;

  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          // A savepoint per write: a failing one rolls back alone, the others still commit.
          try {
            results.push({ ok: true, value: db.transaction(item.run)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed: nothing in the batch is durable.
      for (const item of batch) item.reject(error);
      return;
    }
    if (burned) {
      // Deleted, not flagged: the pages written before the delete still hold the ciphertext in the
      // WAL file. Copying the zeroed pages into the database and truncating the WAL removes it
      // before anyone is answered. Costs one checkpoint per batch, not per request.
      burned = false;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        console.error('WAL checkpoint failed:', error instanceof Error ? error.message : String(error));
      }
    }
    batch.forEach((item, i) => {
      const result = results[i];
      if (result?.ok) item.resolve(result.value);
      else item.reject(result?.error);
    });
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
    return q.deleteBody.run(id);
  };

  return {
    kind: 'sqlite',

    create: (note) => write(() => {
      q.insertNote.run({ ...note, passphrase: note.passphrase ? 1 : 0 });
      q.insertBody.run(note.id, note.envelope);
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
      if (q.sweepBodies.run(now).changes > 0) burned = true;
      return q.sweepNotes.run(now).changes;
    }),

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
      closed = true;
      if (queue.length > 0) flush();
      db.close();
    },
  };
}
