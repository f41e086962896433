import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { SCHEMA_VERSION } from '../../server/store/sqlite/schema';
import { toBase64url } from '../../utils/core/base64url';
import { removeTempFolder, tempFolder } from '../helpers/process';
import { filesContain, hasStoredCiphertext, withReadOnlyDb } from '../helpers/sqlite-file';
import { describeRequestStore, makeAnswer, makeRequest } from './request-store-contract';
import { T0, describeStore, makeNote } from './store-contract';

const dirs: string[] = [];
afterAll(() => {
  dirs.forEach(removeTempFolder);
});

function tempDbFile(): string {
  const dir = tempFolder('burnlink-store-');
  dirs.push(dir);
  return path.join(dir, 'burnlink.sqlite');
}

let currentFile = '';
describeStore('sqlite', async (limits) => {
  currentFile = tempDbFile();
  return openSqliteStore({ file: currentFile, ...limits });
}, {
  hasCiphertext: async (note) => hasStoredCiphertext(currentFile, note.id, note.envelope),
});

describeRequestStore('sqlite', async (limits) => {
  currentFile = tempDbFile();
  return openSqliteStore({ file: currentFile, ...limits });
}, {
  holds: async (ciphertext) => filesContain(currentFile, ciphertext),
});

describe('SQLite requests on disk', () => {
  it('moves the ciphertexts of the first request layout (request_bodies) into bodies, keeps every request, and leaves no copy', async () => {
    const file = tempDbFile();
    const waiting = makeRequest();
    const answered = makeRequest();
    const answer = makeAnswer();
    // A file as the first request layout left it, next to an empty notes store.
    const before = openSqliteStore({ file });
    await before.close();
    const db = new Database(file);
    db.exec(`DROP TABLE requests;
      CREATE TABLE requests (id TEXT PRIMARY KEY, answer_hash BLOB NOT NULL, fetch_hash BLOB NOT NULL, created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'waiting', answered_at INTEGER, read_at INTEGER, revoked_at INTEGER) WITHOUT ROWID;
      CREATE TABLE request_bodies (id TEXT NOT NULL, part TEXT NOT NULL, envelope TEXT NOT NULL, PRIMARY KEY (id, part)) WITHOUT ROWID;`);
    const insert = db.prepare('INSERT INTO requests (id, answer_hash, fetch_hash, created_at, expires_at, state, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run(waiting.request.id, waiting.answerHash, waiting.fetchHash, T0, waiting.request.expiresAt, 'waiting', null);
    insert.run(answered.request.id, answered.answerHash, answered.fetchHash, T0, answered.request.expiresAt, 'answered', T0 + 5);
    db.prepare('INSERT INTO request_bodies VALUES (?, ?, ?)').run(waiting.request.id, 'note', waiting.request.note);
    db.prepare('INSERT INTO request_bodies VALUES (?, ?, ?)').run(answered.request.id, 'answer', answer);
    db.close();

    const store = openSqliteStore({ file });
    expect(withReadOnlyDb(file, (d) => d.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'request_bodies'").get())).toEqual({ n: 0 });
    expect(await store.requests.peek(waiting.request.id, waiting.answerHash, T0 + 10)).toMatchObject({ state: 'waiting', note: waiting.request.note });
    expect(await store.storedBytes()).toBe(Buffer.byteLength(waiting.request.note) + Buffer.byteLength(answer));
    expect(await store.requests.fetch(answered.request.id, answered.fetchHash, T0 + 10)).toEqual({ kind: 'ok', answer, answeredAt: T0 + 5 });
    expect(filesContain(file, answer)).toBe(false);
    await store.close();
  });
});

describe('SQLite store on disk', () => {
  it('writes the ciphertext where a raw scan finds it, so the scans after a burn mean something', async () => {
    const file = tempDbFile();
    const store = openSqliteStore({ file });
    const n = makeNote();
    await store.create(n.note);
    expect(filesContain(file, n.note.envelope)).toBe(true);
    await store.consume(n.note.id, n.keyHash, n.readHash, T0 + 1);
    expect(filesContain(file, n.note.envelope)).toBe(false);
    await store.close();
  });

  it('wipes a large ciphertext spread over overflow pages from the file and the WAL', async () => {
    const file = tempDbFile();
    const store = openSqliteStore({ file });
    const n = makeNote();
    // 700 KB of distinct text: many overflow pages; look for a slice from the middle of it.
    const ct = Buffer.from(Buffer.alloc(700 * 1024).map((_, i) => 65 + ((i * 7919) % 26))).toString('latin1');
    const note = { ...n.note, envelope: JSON.stringify({ ct }) };
    await store.create(note);
    const slice = ct.slice(350_000, 351_000);
    expect(filesContain(file, slice)).toBe(true);
    await store.revoke(note.id, n.manageHash, T0 + 1);
    expect(filesContain(file, slice)).toBe(false);
    await store.close();
  });

  it('keeps every byte of every envelope on overflow pages, never in a b-tree page where cells move', async () => {
    const file = tempDbFile();
    const store = openSqliteStore({ file });
    // Envelope sizes across page boundaries and the padding buckets, each with its own text.
    const sizes = [...Array.from({ length: 120 }, (_, i) => 300 + i * 97), 16_400, 65_600, 87_500, 262_200, 700_000];
    const notes = sizes.map((size) => {
      const n = makeNote();
      const ct = toBase64url(randomBytes(Math.ceil((size * 3) / 4))).slice(0, size);
      return { ...n, note: { ...n.note, envelope: JSON.stringify({ v: 1, alg: 'A256GCM', kdf: 'hkdf-sha256', ct }) }, ct };
    });
    for (const n of notes) await store.create(n.note);
    await store.close();
    const bytes = fs.readFileSync(file);
    const pages = new Database(file, { readonly: true });
    const btreePages = pages.prepare<[], { pageno: number; pgsize: number; pagetype: string }>(
      "SELECT pageno, pgsize, pagetype FROM dbstat WHERE name = 'bodies' AND pagetype != 'overflow'").all();
    const overflow = pages.prepare<[], { n: number }>("SELECT count(*) AS n FROM dbstat WHERE name = 'bodies' AND pagetype = 'overflow'").get();
    pages.close();
    expect(btreePages.length).toBeGreaterThan(0);
    expect(overflow?.n).toBeGreaterThan(notes.length);
    for (const { pageno, pgsize } of btreePages) {
      const page = bytes.subarray((pageno - 1) * pgsize, pageno * pgsize);
      expect(page.includes(Buffer.from('"alg":"A256GCM"')), `page ${pageno}`).toBe(false);
      for (const { ct } of notes) expect(page.includes(Buffer.from(ct.slice(0, 16))) || page.includes(Buffer.from(ct.slice(-16)))).toBe(false);
    }
  });

  it('keeps notes and tombstones across a close and reopen of the same file', async () => {
    const file = tempDbFile();
    const first = openSqliteStore({ file });
    const pending = makeNote();
    const read = makeNote();
    await first.create(pending.note);
    await first.create(read.note);
    await first.consume(read.note.id, read.keyHash, read.readHash, T0 + 1);
    await first.close();

    const second = openSqliteStore({ file });
    expect(await second.consume(read.note.id, read.keyHash, read.readHash, T0 + 2)).toEqual({ kind: 'gone', state: 'read', at: T0 + 1 });
    expect(await second.consume(pending.note.id, pending.keyHash, pending.readHash, T0 + 2))
      .toEqual({ kind: 'ok', envelope: pending.note.envelope, readsLeft: 0 });
    await second.close();
  });

  it('refuses writes after close instead of losing them silently', async () => {
    const store = openSqliteStore({ file: tempDbFile() });
    await store.close();
    await expect(store.create(makeNote().note)).rejects.toThrow(/closed/);
  });
});

describe('SQLite files made by earlier versions', () => {
  /** The layout before the lockouts (user_version 0), as the store made it then. */
  const LAYOUT_0 = `
    CREATE TABLE notes (id TEXT PRIMARY KEY, key_hash BLOB NOT NULL, read_hash BLOB NOT NULL, manage_hash BLOB NOT NULL,
      passphrase INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, max_reads INTEGER NOT NULL,
      reads INTEGER NOT NULL DEFAULT 0, failed_attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',
      read_at INTEGER, revoked_at INTEGER) WITHOUT ROWID;
    CREATE INDEX notes_expires_at ON notes (expires_at);
    CREATE TABLE bodies (id TEXT PRIMARY KEY, envelope TEXT NOT NULL) WITHOUT ROWID;`;

  function oldFile(notes: ReturnType<typeof makeNote>[]): string {
    const file = tempDbFile();
    const db = new Database(file);
    db.exec(LAYOUT_0);
    for (const { note } of notes) {
      db.prepare(`INSERT INTO notes (id, key_hash, read_hash, manage_hash, passphrase, created_at, expires_at, max_reads, failed_attempts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2)`).run(note.id, note.keyHash, note.readHash, note.manageHash, note.passphrase ? 1 : 0,
        note.createdAt, note.expiresAt, note.maxReads);
      db.prepare('INSERT INTO bodies (id, envelope) VALUES (?, ?)').run(note.id, note.envelope);
    }
    db.close();
    return file;
  }

  it('opens a file from before the lockouts: its notes read, and wrong passphrases count on from where they were', async () => {
    const plain = makeNote();
    const guarded = makeNote({ passphrase: true });
    const file = oldFile([plain, guarded]);
    const store = openSqliteStore({ file });
    expect(await store.consume(plain.note.id, plain.keyHash, plain.readHash, T0 + 1)).toEqual({ kind: 'ok', envelope: plain.note.envelope, readsLeft: 0 });
    // Two wrong attempts were made before the upgrade: this one is the third, which locks.
    expect(await store.consume(guarded.note.id, guarded.keyHash, Buffer.alloc(32), T0 + 1))
      .toEqual({ kind: 'wrong_passphrase', attemptsLeft: 17, lockedUntil: T0 + 1 + 60_000 });
    expect(await store.storedBytes()).toBe(Buffer.byteLength(guarded.note.envelope));
    await store.close();
    expect(withReadOnlyDb(file, (db) => db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
  });

  it('refuses a file made by a newer Burnlink, with a sentence, and leaves it as it was', () => {
    const file = oldFile([]);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore({ file })).toThrow(`The database was made by a newer Burnlink (layout ${SCHEMA_VERSION + 1}, this one knows up to ${SCHEMA_VERSION}). Update Burnlink.`);
    expect(withReadOnlyDb(file, (check) => check.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION + 1);
  });
});
