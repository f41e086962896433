// The SQLite store's tables and the statements the store runs, prepared once.
import type Database from 'better-sqlite3';
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
  /** Wrong passphrases lock the note until then (ms); null when they never did. */
  locked_until: number | null;
  state: NoteState;
  read_at: number | null;
  revoked_at: number | null;
}

/** The layout SCHEMA makes; older files are brought to it by MIGRATIONS (PRAGMA user_version). */
export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE notes (
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
  locked_until INTEGER,
  state TEXT NOT NULL DEFAULT 'pending',
  read_at INTEGER,
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX notes_expires_at ON notes (expires_at);
-- Ciphertexts live apart from the tombstones so that a burn deletes a row, not a column.
CREATE TABLE bodies (
  id TEXT PRIMARY KEY,
  envelope TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Steps from each older layout to the next: MIGRATIONS[v] takes a file from version v to v + 1. */
const MIGRATIONS: string[] = [
  // 0 → 1: escalating passphrase lockouts.
  'ALTER TABLE notes ADD COLUMN locked_until INTEGER;',
];

/** Makes the tables of a new file, or brings an older file's up to date, in one transaction. */
export function createOrMigrate(db: Database.Database): void {
  db.transaction(() => {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'notes'").get() !== undefined;
    let version = exists ? Number(db.pragma('user_version', { simple: true })) : SCHEMA_VERSION;
    if (!exists) db.exec(SCHEMA);
    if (version > SCHEMA_VERSION) {
      throw new Error(`The database was made by a newer Burnlink (layout ${version}, this one knows up to ${SCHEMA_VERSION}). Update Burnlink.`);
    }
    for (; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

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
    failAttempt: db.prepare('UPDATE notes SET failed_attempts = failed_attempts + 1, locked_until = @lockedUntil WHERE id = @id'),
    destroy: db.prepare(`UPDATE notes SET failed_attempts = failed_attempts + 1, state = 'destroyed', revoked_at = @now WHERE id = @id`),
    revoke: db.prepare(`UPDATE notes SET state = 'revoked', revoked_at = ? WHERE id = ?`),
    sweepBodies: db.prepare<[number], { size: number }>(`DELETE FROM bodies WHERE id IN (SELECT id FROM notes WHERE expires_at <= ?)
      RETURNING octet_length(envelope) AS size`),
    sweepNotes: db.prepare('DELETE FROM notes WHERE expires_at <= ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
