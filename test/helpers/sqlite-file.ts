// Looks inside a note server's SQLite file from outside the server, as an attacker with the disk would.
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** The database file, its write-ahead log and the log's index: every file SQLite writes. */
export function sqliteFiles(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((file) => fs.existsSync(file));
}

/** Whether `text` occurs anywhere in the raw bytes of the database, its log or the log's index. */
export function filesContain(dbFile: string, text: string): boolean {
  const needle = Buffer.from(text);
  return sqliteFiles(dbFile).some((file) => fs.readFileSync(file).includes(needle));
}

/** Runs `read` on a read-only connection to the file (the server may keep its own open). */
export function withReadOnlyDb<T>(dbFile: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The envelope the store holds for a note, as text; undefined once burned (or never stored). */
export function storedEnvelope(dbFile: string, id: string): string | undefined {
  const row = withReadOnlyDb(dbFile, (db) => db.prepare<[string], { envelope: Buffer }>(
    'SELECT b.envelope FROM notes n JOIN bodies b ON b.rowid = n.body WHERE n.id = ?').get(id));
  return row?.envelope.toString();
}

/** Whether the store still holds the note's ciphertext, or its text is anywhere in the files. */
export function hasStoredCiphertext(dbFile: string, id: string, ciphertext: string): boolean {
  return storedEnvelope(dbFile, id) !== undefined || filesContain(dbFile, ciphertext);
}

/**
 * Sets how many wrong passphrases a note has had, and lifts its lock: what a guesser who waited
 * out every lock (about 12 hours) would have reached. Through a second connection, as the
 * server's own keeps running.
 */
export function setWrongAttempts(dbFile: string, id: string, wrongAttempts: number): void {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db.prepare('UPDATE notes SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(wrongAttempts, id).changes;
    if (changed !== 1) throw new Error(`no note ${id} in ${dbFile}`);
  } finally {
    db.close();
  }
}
