// SQLite store (better-sqlite3, WAL): the store's methods, on top of its write engine (engine.ts:
// group commit and byte accounting) and the log's durability (wal.ts: fdatasync off the event
// loop, checkpoints). A burn is durable before its reply.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NoteStatus } from '../../../utils/core/protocol';
import {
  MAX_PASSPHRASE_ATTEMPTS,
  effectiveState,
  lockAt,
  passphraseLockout,
  envelopeBytes,
  sameHash,
  type ConsumeOutcome,
  type NoteStore,
  type PeekOutcome,
  type StoreLimits,
} from '../store';
import { openWriteEngine, type WriteScope } from './engine';
import { requestTables, sqliteRequests } from './requests';
import { createOrMigrate, prepareStatements, type NoteRow, type Statements } from './schema';
import { walDurability } from './wal';

export { CHECKPOINT_DELAY_MS } from './wal';

export interface SqliteStoreOptions extends StoreLimits {
  /** File path, or ':memory:'. */
  file: string;
  /** Longest time a burned ciphertext may stay in the WAL file; 0 checkpoints before answering. */
  checkpointDelayMs?: number;
}

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

function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL: SQLite does not fsync at commit; the store does it itself off the event loop before it
  // answers (wal.ts). Checkpoints are still synced by SQLite.
  db.pragma(file === ':memory:' ? 'synchronous = OFF' : 'synchronous = NORMAL');
  // Overwrite deleted ciphertext with zeros instead of leaving it in free pages of the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  try {
    createOrMigrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  // A crash may have left burned ciphertexts in the WAL file (see wal.ts).
  db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}

/** Deletes a note's ciphertext, giving its bytes back to the count. */
function deleteBody(q: Statements, scope: WriteScope, id: string): void {
  scope.burned();
  scope.count(-(q.deleteBody.get(id)?.size ?? 0));
}

/** The consume transaction: checks both hashes and the state, counts the read or the wrong attempt. */
function consumeNote(q: Statements, scope: WriteScope, id: string, keyHash: Buffer, readHash: Buffer, now: number): ConsumeOutcome {
  const row = q.note.get(id);
  if (!row || !sameHash(row.key_hash, keyHash)) return { kind: 'not_found' };
  const state = effectiveState(row.state, row.expires_at, now);
  if (state === 'expired') {
    deleteBody(q, scope, id);
    return { kind: 'gone', state, at: row.expires_at };
  }
  if (state !== 'pending') {
    return { kind: 'gone', state, at: state === 'read' ? row.read_at : row.revoked_at };
  }
  const lockedUntil = lockAt(row.locked_until, now);
  if (lockedUntil !== null) return { kind: 'locked', lockedUntil };
  if (!sameHash(row.read_hash, readHash)) {
    if (!row.passphrase) return { kind: 'not_found' };
    const lockout = passphraseLockout(row.failed_attempts + 1, now);
    if (lockout.attemptsLeft > 0) {
      q.failAttempt.run({ id, lockedUntil: lockout.lockedUntil });
    } else {
      q.destroy.run({ id, now });
      deleteBody(q, scope, id);
    }
    return { kind: 'wrong_passphrase', ...lockout };
  }
  const body = q.body.get(id);
  if (!body) return { kind: 'gone', state: 'read', at: row.read_at };
  q.countRead.run({ id, now });
  const readsLeft = row.max_reads - row.reads - 1;
  if (readsLeft <= 0) deleteBody(q, scope, id);
  return { kind: 'ok', envelope: body.envelope, readsLeft: Math.max(0, readsLeft) };
}

export function openSqliteStore({ file, maxBytes = 0, checkpointDelayMs }: SqliteStoreOptions): NoteStore {
  const db = openDatabase(file);
  const q = prepareStatements(db);
  const requests = requestTables(db);
  const engine = openWriteEngine(db, {
    storedBytes: (q.storedBytes.get()?.size ?? 0) + requests.storedBytes,
    durability: file === ':memory:' ? undefined : walDurability(db, file, { checkpointDelayMs }),
  });

  return {
    kind: 'sqlite',

    requests: sqliteRequests(requests, engine, maxBytes),

    create: (note) => engine.write((scope) => {
      const size = envelopeBytes(note.envelope);
      if (maxBytes > 0 && scope.storedBytes + size > maxBytes) return { kind: 'full' as const };
      q.insertNote.run({ ...note, passphrase: note.passphrase ? 1 : 0 });
      q.insertBody.run(note.id, note.envelope);
      scope.count(size);
      return { kind: 'ok' as const };
    }),

    consume: (id, keyHash, readHash, now) => engine.write((scope) => consumeNote(q, scope, id, keyHash, readHash, now)),

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
        lockedUntil: state === 'pending' ? lockAt(row.locked_until, now) : null,
        attemptsLeft: Math.max(0, MAX_PASSPHRASE_ATTEMPTS - row.failed_attempts),
      };
    },

    status: async (notes, now) => notes.map(({ id, manageHash }) => {
      const row = q.note.get(id);
      return row && sameHash(row.manage_hash, manageHash) ? toStatus(row, now) : null;
    }),

    revoke: (id, manageHash, now) => engine.write((scope) => {
      const row = q.note.get(id);
      if (!row || !sameHash(row.manage_hash, manageHash)) return null;
      if (effectiveState(row.state, row.expires_at, now) !== 'pending') return toStatus(row, now);
      q.revoke.run(now, id);
      deleteBody(q, scope, id);
      return toStatus({ ...row, state: 'revoked', revoked_at: now }, now);
    }),

    sweep: (now) => engine.write((scope) => {
      const swept = q.sweepBodies.all(now);
      if (swept.length > 0) scope.burned();
      for (const { size } of swept) scope.count(-size);
      return q.sweepNotes.run(now).changes;
    }),

    storedBytes: async () => engine.storedBytes,

    ping: async () => {
      try {
        db.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },

    close: async () => {
      if (!db.open) return;
      await engine.close();
      db.close();
    },
  };
}
