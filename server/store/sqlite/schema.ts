// The SQLite store's tables and the statements the store runs, prepared once.
import type Database from 'better-sqlite3';
import { MAX_PASSPHRASE_ATTEMPTS } from '../../../utils/core/protocol';
import type { NoteState } from '../../../utils/core/protocol';

export interface NoteRow {
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
  state: NoteState;
  read_at: number | null;
  revoked_at: number | null;
}

export const SCHEMA = `
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

/** Every statement the store runs. */
export function prepareStatements(db: Database.Database) {
  return {
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
}

export type Statements = ReturnType<typeof prepareStatements>;
