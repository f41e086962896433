// SQLite store (better-sqlite3, WAL): the store's methods, on top of its write engine (engine.ts:
// group commit and byte accounting) and the log's durability (wal.ts: fdatasync off the event
// loop, checkpoints). A burn is durable before its reply.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NoteStatus } from '../../../utils/core/protocol';
import {
  MAX_PASSPHRASE_ATTEMPTS,
  NOTE_TOMBSTONE_MS,
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
import { padFor } from './layout';
import { createOrMigrate, prepareStatements, usablePageSize, type NoteRow, type Statements } from './schema';
import { walDurability, type WalOptions } from './wal';

export interface SqliteStoreOptions extends StoreLimits, WalOptions {
  /** File path, or ':memory:'. */
  file: string;
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

/** Opens the file, brings its tables up to date, and empties a log left by a crash. */
function openDatabase(file: string): { db: Database.Database; usable: number } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Overwrite deleted ciphertext with zeros instead of leaving it in free pages of the file.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    const usable = usablePageSize(db, file);
    // Files from before layout 2 may hold stale copies of burned ciphertext in unused page space.
    if (createOrMigrate(db, usable) < 2) db.exec('VACUUM');
    // A crash may have left burned ciphertext in the log; NORMAL syncs this checkpoint.
    db.pragma('wal_checkpoint(TRUNCATE)');
    // From here on SQLite neither syncs nor checkpoints by itself: wal.ts does both, in order,
    // off the event loop.
    db.pragma('synchronous = OFF');
    db.pragma('wal_autocheckpoint = 0');
    return { db, usable };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Deletes a note's ciphertext (and its link to it), giving its bytes back to the count. */
function deleteBody(q: Statements, scope: WriteScope, row: NoteRow): void {
  q.detachBody.run(row.id);
  if (row.body === null) return;
  scope.burned();
  scope.count(-(q.deleteBody.get(row.body)?.size ?? 0));
}

/** The consume transaction: checks both hashes and the state, counts the read or the wrong attempt. */
function consumeNote(q: Statements, scope: WriteScope, id: string, keyHash: Buffer, readHash: Buffer, now: number): ConsumeOutcome {
  const row = q.note.get(id);
  if (!sameHash(row?.key_hash, keyHash) || !row) return { kind: 'not_found' };
  const state = effectiveState(row.state, row.expires_at, now);
  if (state === 'expired') {
    deleteBody(q, scope, row);
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
      deleteBody(q, scope, row);
      q.destroy.run({ id, now });
    }
    return { kind: 'wrong_passphrase', ...lockout };
  }
  const readsLeft = row.max_reads - row.reads - 1;
  // The last read takes the ciphertext out in one statement (countRead unlinks it); others read it.
  const body = row.body === null ? undefined : readsLeft <= 0 ? q.takeBody.get(row.body) : q.body.get(row.body);
  if (!body) return { kind: 'gone', state: 'read', at: row.read_at };
  if (readsLeft <= 0) {
    scope.burned();
    scope.count(-body.envelope.length);
  }
  q.countRead.run({ id, now });
  return { kind: 'ok', envelope: body.envelope.toString(), readsLeft: Math.max(0, readsLeft) };
}

/** What a holder of the key may see, without changing anything. */
function peekNote(q: Statements, id: string, keyHash: Buffer, now: number): PeekOutcome {
  const row = q.note.get(id);
  if (!sameHash(row?.key_hash, keyHash) || !row) return { kind: 'not_found' };
  const state = effectiveState(row.state, row.expires_at, now);
  return {
    kind: 'ok',
    state,
    expiresAt: row.expires_at,
    readsLeft: state === 'pending' ? row.max_reads - row.reads : 0,
    passphrase: row.passphrase === 1,
    lockedUntil: state === 'pending' ? lockAt(row.locked_until, now) : null,
    attemptsLeft: Math.max(0, MAX_PASSPHRASE_ATTEMPTS - row.failed_attempts),
    // The same times a consume answers with, for the person who holds the key.
    at: state === 'pending' ? null : state === 'expired' ? row.expires_at : state === 'read' ? row.read_at : row.revoked_at,
  };
}

export function openSqliteStore({ file, maxBytes = 0, ...walOptions }: SqliteStoreOptions): NoteStore {
  const { db, usable } = openDatabase(file);
  const q = prepareStatements(db);
  const requests = requestTables(db, usable);
  const engine = openWriteEngine(db, {
    // Every ciphertext, of notes and of requests, is a row of `bodies`.
    storedBytes: q.storedBytes.get()?.size ?? 0,
    durability: file === ':memory:' ? undefined : walDurability(db, file, walOptions),
  });

  return {
    kind: 'sqlite',

    requests: sqliteRequests(requests, engine, maxBytes),

    create: (note) => engine.write((scope) => {
      const size = envelopeBytes(note.envelope);
      if (maxBytes > 0 && scope.storedBytes + size > maxBytes) return { kind: 'full' as const };
      const body = q.insertBody.run(padFor(size, usable), Buffer.from(note.envelope)).lastInsertRowid;
      q.insertNote.run({ ...note, passphrase: note.passphrase ? 1 : 0, body });
      scope.count(size);
      return { kind: 'ok' as const };
    }),

    consume: (id, keyHash, readHash, now) => engine.write((scope) => consumeNote(q, scope, id, keyHash, readHash, now)),

    peek: async (id, keyHash, now) => peekNote(q, id, keyHash, now),

    status: async (notes, now) => notes.map(({ id, manageHash }) => {
      const row = q.note.get(id);
      return sameHash(row?.manage_hash, manageHash) && row ? toStatus(row, now) : null;
    }),

    revoke: (id, manageHash, now) => engine.write((scope) => {
      const row = q.note.get(id);
      if (!sameHash(row?.manage_hash, manageHash) || !row) return null;
      if (effectiveState(row.state, row.expires_at, now) !== 'pending') return toStatus(row, now);
      deleteBody(q, scope, row);
      q.revoke.run(now, id);
      return toStatus({ ...row, state: 'revoked', revoked_at: now }, now);
    }),

    sweep: (now) => engine.write((scope) => {
      const swept = q.sweepBodies.all(now);
      if (swept.length > 0) scope.burned();
      for (const { size } of swept) scope.count(-size);
      q.detachSwept.run(now);
      return q.sweepNotes.run(now - NOTE_TOMBSTONE_MS).changes;
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
