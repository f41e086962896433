// The SQLite store's tables and the statements the store runs, prepared once.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { NoteState } from '../../../utils/core/protocol';
import { padFor } from './layout';

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
  /** Rowid of the note's ciphertext in `bodies`; null once burned. */
  body: number | null;
}

/** The layout SCHEMA makes; older files are brought to it by MIGRATIONS (PRAGMA user_version). */
export const SCHEMA_VERSION = 2;

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
  revoked_at INTEGER,
  body INTEGER
) WITHOUT ROWID;
CREATE INDEX notes_expires_at ON notes (expires_at);
-- Ciphertexts live apart from the tombstones so that a burn deletes a row, not a column; the
-- note's \`body\` is the rowid of its row here, NULL once burned. See layout.ts for \`pad\`.
CREATE TABLE bodies (
  pad BLOB NOT NULL,
  envelope BLOB NOT NULL
);
`;

/**
 * Usable bytes of a page: the page size less the bytes reserved at the end of each page (byte 20
 * of the file header; 0 unless an extension asked for some).
 */
export function usablePageSize(db: Database.Database, file: string): number {
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size < 100) return pageSize;
  const header = Buffer.alloc(1);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 1, 20);
  } finally {
    fs.closeSync(fd);
  }
  return pageSize - (header[0] ?? 0);
}

/** Layout 1 → 2: each body moves to the rowid table with its pad (layout.ts), linked from its note. */
function moveBodies(db: Database.Database, usable: number): void {
  db.exec('ALTER TABLE notes ADD COLUMN body INTEGER; CREATE TABLE bodies_v2 (pad BLOB NOT NULL, envelope BLOB NOT NULL);');
  const page = db.prepare<[string], { id: string; envelope: string }>('SELECT id, envelope FROM bodies WHERE id > ? ORDER BY id LIMIT 500');
  const insert = db.prepare('INSERT INTO bodies_v2 (pad, envelope) VALUES (zeroblob(?), ?)');
  const link = db.prepare('UPDATE notes SET body = ? WHERE id = ?');
  for (let rows = page.all(''); rows.length > 0; rows = page.all(rows[rows.length - 1]?.id ?? '')) {
    for (const { id, envelope } of rows) {
      const bytes = Buffer.from(envelope);
      link.run(insert.run(padFor(bytes.length, usable), bytes).lastInsertRowid, id);
    }
  }
  db.exec('DROP TABLE bodies; ALTER TABLE bodies_v2 RENAME TO bodies;');
}

/** Steps from each older layout to the next: MIGRATIONS[v] takes a file from version v to v + 1. */
const MIGRATIONS: Array<(db: Database.Database, usable: number) => void> = [
  // 0 → 1: escalating passphrase lockouts.
  (db) => db.exec('ALTER TABLE notes ADD COLUMN locked_until INTEGER;'),
  // 1 → 2: ciphertext only on overflow pages.
  moveBodies,
];

/**
 * Makes the tables of a new file, or brings an older file's up to date, in one transaction.
 * Returns the layout the file had (SCHEMA_VERSION for a new one).
 */
export function createOrMigrate(db: Database.Database, usable: number): number {
  return db.transaction(() => {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'notes'").get() !== undefined;
    const found = exists ? Number(db.pragma('user_version', { simple: true })) : SCHEMA_VERSION;
    if (!exists) db.exec(SCHEMA);
    if (found > SCHEMA_VERSION) {
      throw new Error(`The database was made by a newer Burnlink (layout ${found}, this one knows up to ${SCHEMA_VERSION}). Update Burnlink.`);
    }
    for (let version = found; version < SCHEMA_VERSION; version++) MIGRATIONS[version]?.(db, usable);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return found;
  })();
}

/** Every statement the store runs. */
export function prepareStatements(db: Database.Database) {
  return {
    insertNote: db.prepare(`INSERT INTO notes (id, key_hash, read_hash, manage_hash, passphrase, created_at, expires_at, max_reads, body)
      VALUES (@id, @keyHash, @readHash, @manageHash, @passphrase, @createdAt, @expiresAt, @maxReads, @body)`),
    insertBody: db.prepare<[number, Buffer]>('INSERT INTO bodies (pad, envelope) VALUES (zeroblob(?), ?)'),
    note: db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?'),
    body: db.prepare<[number], { envelope: Buffer }>('SELECT envelope FROM bodies WHERE rowid = ?'),
    takeBody: db.prepare<[number], { envelope: Buffer }>('DELETE FROM bodies WHERE rowid = ? RETURNING envelope'),
    deleteBody: db.prepare<[number], { size: number }>('DELETE FROM bodies WHERE rowid = ? RETURNING length(envelope) AS size'),
    detachBody: db.prepare<[string]>('UPDATE notes SET body = NULL WHERE id = ?'),
    storedBytes: db.prepare<[], { size: number }>('SELECT coalesce(sum(length(envelope)), 0) AS size FROM bodies'),
    countRead: db.prepare(`UPDATE notes SET reads = reads + 1, read_at = @now,
      state = CASE WHEN reads + 1 >= max_reads THEN 'read' ELSE state END,
      body = CASE WHEN reads + 1 >= max_reads THEN NULL ELSE body END WHERE id = @id`),
    failAttempt: db.prepare('UPDATE notes SET failed_attempts = failed_attempts + 1, locked_until = @lockedUntil WHERE id = @id'),
    destroy: db.prepare(`UPDATE notes SET failed_attempts = failed_attempts + 1, state = 'destroyed', revoked_at = @now, body = NULL WHERE id = @id`),
    revoke: db.prepare(`UPDATE notes SET state = 'revoked', revoked_at = ?, body = NULL WHERE id = ?`),
    sweepBodies: db.prepare<[number], { size: number }>(`DELETE FROM bodies WHERE rowid IN
      (SELECT body FROM notes WHERE expires_at <= ? AND body IS NOT NULL) RETURNING length(envelope) AS size`),
    detachSwept: db.prepare<[number]>('UPDATE notes SET body = NULL WHERE expires_at <= ? AND body IS NOT NULL'),
    sweepNotes: db.prepare<[number]>('DELETE FROM notes WHERE expires_at <= ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
