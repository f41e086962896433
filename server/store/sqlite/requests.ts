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
}

type Part = 'note' | 'answer';

// Ciphertexts live apart from the tombstones, as for notes: deleting one deletes a row.
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
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS requests_expires_at ON requests (expires_at);
CREATE TABLE IF NOT EXISTS request_bodies (
  id TEXT NOT NULL,
  part TEXT NOT NULL,
  envelope TEXT NOT NULL,
  PRIMARY KEY (id, part)
) WITHOUT ROWID;
`;

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO requests (id, answer_hash, fetch_hash, created_at, expires_at)
      VALUES (@id, @answerHash, @fetchHash, @createdAt, @expiresAt)`),
    insertBody: db.prepare<[string, Part, string]>('INSERT INTO request_bodies (id, part, envelope) VALUES (?, ?, ?)'),
    request: db.prepare<[string], RequestRow>('SELECT * FROM requests WHERE id = ?'),
    body: db.prepare<[string, Part], { envelope: string }>('SELECT envelope FROM request_bodies WHERE id = ? AND part = ?'),
    deleteBodies: db.prepare<[string], { size: number }>('DELETE FROM request_bodies WHERE id = ? RETURNING octet_length(envelope) AS size'),
    answered: db.prepare('UPDATE requests SET state = \'answered\', answered_at = @now, expires_at = @expiresAt WHERE id = @id'),
    read: db.prepare('UPDATE requests SET state = \'read\', read_at = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE requests SET state = \'revoked\', revoked_at = ? WHERE id = ?'),
    storedBytes: db.prepare<[], { size: number }>('SELECT coalesce(sum(octet_length(envelope)), 0) AS size FROM request_bodies'),
    sweepBodies: db.prepare<[number], { size: number }>(`DELETE FROM request_bodies WHERE id IN (SELECT id FROM requests WHERE expires_at <= ?)
      RETURNING octet_length(envelope) AS size`),
    sweepTombstones: db.prepare<[number]>('DELETE FROM requests WHERE expires_at <= ?'),
  };
}
type Statements = ReturnType<typeof prepare>;

export interface SqliteRequestTables {
  statements: Statements;
  /** Ciphertext bytes the requests hold now (notes and answers): part of the store's byte count. */
  storedBytes: number;
}

/** Creates the request tables when missing and prepares their statements. */
export function requestTables(db: Database.Database): SqliteRequestTables {
  db.exec(SCHEMA);
  const statements = prepare(db);
  return { statements, storedBytes: statements.storedBytes.get()?.size ?? 0 };
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

/** Deletes every ciphertext of a request, giving its bytes back to the count. */
function deleteBodies(q: Statements, scope: WriteScope, id: string): void {
  const freed = q.deleteBodies.all(id);
  if (freed.length === 0) return;
  scope.burned();
  for (const { size } of freed) scope.count(-size);
}

/** The answer transaction: one answer per request; a resent identical answer is answered the same. */
function answerRequest(q: Statements, scope: WriteScope, maxBytes: number, id: string, answerHash: Buffer, answer: string, now: number) {
  const row = q.request.get(id);
  if (!sameHash(row?.answer_hash, answerHash) || !row) return { kind: 'not_found' as const };
  const state = effectiveRequestState(row.state, row.expires_at, now);
  if (state === 'expired') {
    deleteBodies(q, scope, id);
    return { kind: 'gone' as const, state, at: row.expires_at };
  }
  if (state !== 'waiting') {
    if (state === 'answered' && row.answered_at !== null && q.body.get(id, 'answer')?.envelope === answer) {
      return { kind: 'ok' as const, answeredAt: row.answered_at, expiresAt: row.expires_at };
    }
    return { kind: 'gone' as const, state, at: since(state, row) };
  }
  const size = envelopeBytes(answer);
  const noteSize = envelopeBytes(q.body.get(id, 'note')?.envelope ?? '');
  if (maxBytes > 0 && scope.storedBytes - noteSize + size > maxBytes) return { kind: 'full' as const };
  deleteBodies(q, scope, id);
  q.insertBody.run(id, 'answer', answer);
  scope.count(size);
  const expiresAt = answerExpiry(row.created_at, row.expires_at, now);
  q.answered.run({ id, now, expiresAt });
  return { kind: 'ok' as const, answeredAt: now, expiresAt };
}

/** The fetch transaction: hands out the answer once and deletes it. */
function fetchAnswer(q: Statements, scope: WriteScope, id: string, fetchHash: Buffer, now: number): FetchOutcome {
  const row = q.request.get(id);
  if (!sameHash(row?.fetch_hash, fetchHash) || !row) return { kind: 'not_found' };
  const state = effectiveRequestState(row.state, row.expires_at, now);
  if (state === 'waiting') return { kind: 'not_answered' };
  if (state === 'expired') deleteBodies(q, scope, id);
  const body = state === 'answered' ? q.body.get(id, 'answer') : undefined;
  if (!body || row.answered_at === null) return { kind: 'gone', state: state === 'answered' ? 'read' : state, at: since(state, row) };
  deleteBodies(q, scope, id);
  q.read.run(now, id);
  return { kind: 'ok', answer: body.envelope, answeredAt: row.answered_at };
}

/** The requests of a SQLite store, writing through its engine. */
export function sqliteRequests({ statements: q }: SqliteRequestTables, engine: WriteEngine, maxBytes: number): RequestStore {
  return {
    create: (request) => engine.write((scope) => {
      const size = envelopeBytes(request.note);
      if (maxBytes > 0 && scope.storedBytes + size > maxBytes) return { kind: 'full' as const };
      q.insert.run(request);
      q.insertBody.run(request.id, 'note', request.note);
      scope.count(size);
      return { kind: 'ok' as const };
    }),

    peek: async (id, answerHash, now) => {
      const row = q.request.get(id);
      if (!sameHash(row?.answer_hash, answerHash) || !row) return { kind: 'not_found' };
      const state = effectiveRequestState(row.state, row.expires_at, now);
      const note = state === 'waiting' ? q.body.get(id, 'note')?.envelope ?? null : null;
      return { kind: 'ok', state, expiresAt: row.expires_at, at: since(state, row), note };
    },

    answer: (id, answerHash, answer, now) => engine.write((scope) => answerRequest(q, scope, maxBytes, id, answerHash, answer, now)),

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
      q.revoke.run(now, id);
      deleteBodies(q, scope, id);
      return toStatus({ ...row, state: 'revoked', revoked_at: now }, now);
    }),

    sweep: (now) => engine.write((scope) => {
      const swept = q.sweepBodies.all(now);
      if (swept.length > 0) scope.burned();
      for (const { size } of swept) scope.count(-size);
      return q.sweepTombstones.run(now - REQUEST_TOMBSTONE_MS).changes;
    }),
  };
}
