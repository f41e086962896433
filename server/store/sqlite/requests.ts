// The SQLite store's requests (server/store/requests.ts): their tables, statements and methods,
// on the same database and write engine as the notes, so a request's writes are group-committed
// and durable before their reply like a note's.
import type Database from 'better-sqlite3';
import type { RequestState, RequestStatus } from '../../../utils/core/request/protocol';
import {
  REQUEST_TOMBSTONE_MS,
  answerExpiry,
  effectiveRequestState,
  stateSince,
  type FetchOutcome,
  type RequestStore,
} from '../requests';
import { envelopeBytes, sameHash } from '../store';
import type { WriteEngine, WriteScope } from './engine';
import { padFor } from './layout';

interface RequestRow {
  id: string;
  answer_hash: Buffer;
  fetch_hash: Buffer;
  created_at: number;
  expires_at: number;
  state: RequestState;
  answered_at: number | null;
  read_at: number | null;
  revoked_at: number | null;
  /** Rowids in the notes' `bodies` table of the sealed note and of the answer; null when none. */
  note_body: number | null;
  answer_body: number | null;
}

// The ciphertexts (the requester's note, the answer) are rows of the notes' `bodies` table, laid
// out like a note's (layout.ts: every byte on overflow pages, so no stale copy outlives a burn),
// and counted with them against the byte cap. A request links to them by rowid.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  answer_hash BLOB NOT NULL,
  fetch_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting',
  answered_at INTEGER,
  read_at INTEGER,
  revoked_at INTEGER,
  note_body INTEGER,
  answer_body INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS requests_expires_at ON requests (expires_at);
`;

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO requests (id, answer_hash, fetch_hash, created_at, expires_at, note_body)
      VALUES (@id, @answerHash, @fetchHash, @createdAt, @expiresAt, @noteBody)`),
    insertBody: db.prepare<[number, Buffer]>('INSERT INTO bodies (pad, envelope) VALUES (zeroblob(?), ?)'),
    request: db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE id = ?'),
    body: db.prepare<[number], { envelope: Buffer }>('SELECT envelope FROM bodies WHERE rowid = ?'),
    deleteBody: db.prepare<[number], { size: number }>('DELETE FROM bodies WHERE rowid = ? RETURNING length(envelope) AS size'),
    detachBodies: db.prepare<[string]>('UPDATE requests SET note_body = NULL, answer_body = NULL WHERE id = ?'),
    answered: db.prepare(`UPDATE requests SET state = 'answered', answered_at = @now, expires_at = @expiresAt, answer_body = @answerBody
      WHERE id = @id`),
    read: db.prepare<[number, string]>('UPDATE requests SET state = \'read\', read_at = ? WHERE id = ?'),
    revoke: db.prepare<[number, string]>('UPDATE requests SET state = \'revoked\', revoked_at = ? WHERE id = ?'),
    sweepBodies: db.prepare<[number, number], { size: number }>(`DELETE FROM bodies WHERE rowid IN
      (SELECT note_body FROM requests WHERE expires_at <= ? AND note_body IS NOT NULL
       UNION SELECT answer_body FROM requests WHERE expires_at <= ? AND answer_body IS NOT NULL)
      RETURNING length(envelope) AS size`),
    detachSwept: db.prepare<[number]>(`UPDATE requests SET note_body = NULL, answer_body = NULL
      WHERE expires_at <= ? AND (note_body IS NOT NULL OR answer_body IS NOT NULL)`),
    sweepTombstones: db.prepare<[number]>('DELETE FROM requests WHERE expires_at <= ?'),
  };
}
type Statements = ReturnType<typeof prepare>;

export interface SqliteRequestTables {
  statements: Statements;
  /** Usable bytes of a page: what the pad before a ciphertext is sized for (layout.ts). */
  usable: number;
}

/**
 * Creates the request table when missing and prepares its statements. A file from before the
 * shared bodies (a `request_bodies` table) has its ciphertexts moved over, and is vacuumed.
 */
export function requestTables(db: Database.Database, usable: number): SqliteRequestTables {
  db.exec(SCHEMA);
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'request_bodies'").get() !== undefined) {
    moveRequestBodies(db, usable);
    db.exec('VACUUM');
  }
  return { statements: prepare(db), usable };
}

/** Moves the ciphertexts of the first request layout into `bodies`, linked from their request. */
function moveRequestBodies(db: Database.Database, usable: number): void {
  db.transaction(() => {
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('requests')").all().map((c) => c.name);
    if (!columns.includes('note_body')) db.exec('ALTER TABLE requests ADD COLUMN note_body INTEGER; ALTER TABLE requests ADD COLUMN answer_body INTEGER;');
    const rows = db.prepare<[], { id: string; part: string; envelope: string }>('SELECT id, part, envelope FROM request_bodies').all();
    const insert = db.prepare<[number, Buffer]>('INSERT INTO bodies (pad, envelope) VALUES (zeroblob(?), ?)');
    for (const { id, part, envelope } of rows) {
      const bytes = Buffer.from(envelope);
      const rowid = insert.run(padFor(bytes.length, usable), bytes).lastInsertRowid;
      db.prepare(`UPDATE requests SET ${part === 'note' ? 'note_body' : 'answer_body'} = ? WHERE id = ?`).run(rowid, id);
    }
    db.exec('DROP TABLE request_bodies;');
  })();
}

function toStatus(row: RequestRow, now: number): RequestStatus {
  return {
    id: row.id,
    state: effectiveRequestState(row.state, row.expires_at, now),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    readAt: row.read_at,
    revokedAt: row.revoked_at,
  };
}

const since = (state: RequestState, row: RequestRow) =>
  stateSince(state, { expiresAt: row.expires_at, answeredAt: row.answered_at, readAt: row.read_at, revokedAt: row.revoked_at });

/** Deletes every ciphertext of a request (and its links to them), giving their bytes back to the count. */
function deleteBodies(q: Statements, scope: WriteScope, row: RequestRow): void {
  q.detachBodies.run(row.id);
  for (const body of [row.note_body, row.answer_body]) {
    if (body === null) continue;
    scope.burned();
    scope.count(-(q.deleteBody.get(body)?.size ?? 0));
  }
}

const envelopeOf = (q: Statements, body: number | null) => (body === null ? undefined : q.body.get(body)?.envelope.toString());

/** The answer transaction: one answer per request; a resent identical answer is answered the same. */
function answerRequest(tables: SqliteRequestTables, scope: WriteScope, maxBytes: number, id: string, answerHash: Buffer, answer: string, now: number) {
  const q = tables.statements;
  const row = q.request.get(id);
  if (!sameHash(row?.answer_hash, answerHash) || !row) return { kind: 'not_found' as const };
  const state = effectiveRequestState(row.state, row.expires_at, now);
  if (state === 'expired') {
    deleteBodies(q, scope, row);
    return { kind: 'gone' as const, state, at: row.expires_at };
  }
  if (state !== 'waiting') {
    if (state === 'answered' && row.answered_at !== null && envelopeOf(q, row.answer_body) === answer) {
      return { kind: 'ok' as const, answeredAt: row.answered_at, expiresAt: row.expires_at };
    }
    return { kind: 'gone' as const, state, at: since(state, row) };
  }
  const size = envelopeBytes(answer);
  const noteSize = envelopeBytes(envelopeOf(q, row.note_body) ?? '');
  if (maxBytes > 0 && scope.storedBytes - noteSize + size > maxBytes) return { kind: 'full' as const };
  deleteBodies(q, scope, row);
  const answerBody = q.insertBody.run(padFor(size, tables.usable), Buffer.from(answer)).lastInsertRowid;
  scope.count(size);
  const expiresAt = answerExpiry(row.created_at, row.expires_at, now);
  q.answered.run({ id, now, expiresAt, answerBody });
  return { kind: 'ok' as const, answeredAt: now, expiresAt };
}

/** The fetch transaction: hands out the answer once and deletes it. */
function fetchAnswer(q: Statements, scope: WriteScope, id: string, fetchHash: Buffer, now: number): FetchOutcome {
  const row = q.request.get(id);
  if (!sameHash(row?.fetch_hash, fetchHash) || !row) return { kind: 'not_found' };
  const state = effectiveRequestState(row.state, row.expires_at, now);
  if (state === 'waiting') return { kind: 'not_answered' };
  if (state === 'expired') deleteBodies(q, scope, row);
  const answer = state === 'answered' ? envelopeOf(q, row.answer_body) : undefined;
  if (answer === undefined || row.answered_at === null) return { kind: 'gone', state: state === 'answered' ? 'read' : state, at: since(state, row) };
  deleteBodies(q, scope, row);
  q.read.run(now, id);
  return { kind: 'ok', answer, answeredAt: row.answered_at };
}

/** The requests of a SQLite store, writing through its engine. */
export function sqliteRequests(tables: SqliteRequestTables, engine: WriteEngine, maxBytes: number): RequestStore {
  const q = tables.statements;
  return {
    create: (request) => engine.write((scope) => {
      const size = envelopeBytes(request.note);
      if (maxBytes > 0 && scope.storedBytes + size > maxBytes) return { kind: 'full' as const };
      const noteBody = q.insertBody.run(padFor(size, tables.usable), Buffer.from(request.note)).lastInsertRowid;
      q.insert.run({ id: request.id, answerHash: request.answerHash, fetchHash: request.fetchHash, createdAt: request.createdAt, expiresAt: request.expiresAt, noteBody });
      scope.count(size);
      return { kind: 'ok' as const };
    }),

    peek: async (id, answerHash, now) => {
      const row = q.request.get(id);
      if (!sameHash(row?.answer_hash, answerHash) || !row) return { kind: 'not_found' };
      const state = effectiveRequestState(row.state, row.expires_at, now);
      const note = state === 'waiting' ? envelopeOf(q, row.note_body) ?? null : null;
      return { kind: 'ok', state, expiresAt: row.expires_at, at: since(state, row), note };
    },

    answer: (id, answerHash, answer, now) => engine.write((scope) => answerRequest(tables, scope, maxBytes, id, answerHash, answer, now)),

    fetch: (id, fetchHash, now) => engine.write((scope) => fetchAnswer(q, scope, id, fetchHash, now)),

    status: async (requests, now) => requests.map(({ id, fetchHash }) => {
      const row = q.request.get(id);
      return sameHash(row?.fetch_hash, fetchHash) && row ? toStatus(row, now) : null;
    }),

    revoke: (id, fetchHash, now) => engine.write((scope) => {
      const row = q.request.get(id);
      if (!sameHash(row?.fetch_hash, fetchHash) || !row) return null;
      const state = effectiveRequestState(row.state, row.expires_at, now);
      if (state !== 'waiting' && state !== 'answered') return toStatus(row, now);
      deleteBodies(q, scope, row);
      q.revoke.run(now, id);
      return toStatus({ ...row, state: 'revoked', revoked_at: now }, now);
    }),

    sweep: (now) => engine.write((scope) => {
      const swept = q.sweepBodies.all(now, now);
      if (swept.length > 0) scope.burned();
      for (const { size } of swept) scope.count(-size);
      q.detachSwept.run(now);
      return q.sweepTombstones.run(now - REQUEST_TOMBSTONE_MS).changes;
    }),
  };
}
