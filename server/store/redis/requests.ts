// The Redis store's requests (server/store/requests.ts). Every write is one Lua script (the
// request-*.lua files beside this one), so of any number of concurrent answers on any number of
// instances one is stored, and an answer is handed out once. Reads that need no atomicity (peek,
// status) fetch the hashes and compare them here, in constant time.
//
// Through network faults (connection.ts): create, answer and revoke are safe to run again (create
// and answer recognise their own earlier run, revoke changes nothing twice), so they are retried
// after a reconnect; fetch runs with a request id and keeps its reply for a run again after a lost
// reply (lost-answers.ts), as a note's consume does.
//
// Keys, under the store's prefix:
//   q:<id>    hash: answer and fetch hashes (ah, fh), created/expires/answered/read/revoked times
//             (ca, ea, aa, ra, va) and state (st); TTL at the expiry plus the tombstone time.
//   qn:<id>   string: the requester's sealed note; deleted on answer, revoke, expiry.
//   qa:<id>   string: the answer; deleted on fetch, revoke, expiry.
//   qexp      sorted set: id by expiry, so the sweep deletes expired ciphertext and gives its bytes back.
//   qtomb     sorted set: id by the end of its tombstone time (expiry + REQUEST_TOMBSTONE_MS), so the
//             sweep deletes the tombstone then; the key's TTL does it too when no instance sweeps.
// The notes' `sizes` hash (fields qn:<id>, qa:<id>) and `bytes` counter hold the requests' bytes
// too: one byte cap covers notes and requests.
import { ClosedRequestState, RequestState, type RequestStatus } from '../../../utils/core/request/protocol';
import {
  REQUEST_TOMBSTONE_MS,
  effectiveRequestState,
  stateSince,
  type AnswerOutcome,
  type FetchOutcome,
  type RequestPeekOutcome,
  type RequestStore,
} from '../requests';
import { sameHash, type CreateOutcome } from '../store';
import { StoreUnavailable } from '../store';
import type { Connection, Operation } from './connection';
import { LostAnswers, OUTCOME_MS, requestId } from './lost-answers';
import { integer, list, noteState, text, timeOrNull } from './replies';
import { runScript, script } from './scripts';

const SCRIPTS = {
  create: script('request-create'),
  answer: script('request-answer', { burns: true }),
  fetch: script('request-fetch', { burns: true }),
  revoke: script('request-revoke', { burns: true }),
  sweep: script('request-sweep', { burns: true }),
};

const SWEEP_BATCH = 500;
const STATES = RequestState.options;
const CLOSED_STATES = ClosedRequestState.options;
/** The hash fields a status is made of, in the order `toStatus` reads them. */
const STATUS_FIELDS = ['ca', 'ea', 'st', 'aa', 'ra', 'va'] as const;

type Keys = ReturnType<typeof keysFor>;

function keysFor(prefix: string) {
  return {
    request: (id: string) => `${prefix}q:${id}`,
    note: (id: string) => `${prefix}qn:${id}`,
    answer: (id: string) => `${prefix}qa:${id}`,
    sizes: `${prefix}sizes`,
    bytes: `${prefix}bytes`,
    outcome: (request: string) => `${prefix}o:${request}`,
    expiries: `${prefix}qexp`,
    tombstones: `${prefix}qtomb`,
    /** The keys of the scripts that may delete a request's ciphertext. */
    bodies: (id: string) => [`${prefix}q:${id}`, `${prefix}qn:${id}`, `${prefix}qa:${id}`, `${prefix}sizes`, `${prefix}bytes`],
  };
}

function toStatus(id: string, fields: unknown[], now: number): RequestStatus {
  const [ca, ea, st, aa, ra, va] = fields;
  const expiresAt = integer(ea);
  return {
    id,
    state: effectiveRequestState(noteState(st, STATES), expiresAt, now),
    createdAt: integer(ca),
    expiresAt,
    answeredAt: timeOrNull(aa),
    readAt: timeOrNull(ra),
    revokedAt: timeOrNull(va),
  };
}

function answerOutcome(reply: unknown[]): AnswerOutcome {
  switch (text(reply[0])) {
    case 'ok': return { kind: 'ok', answeredAt: integer(reply[1]), expiresAt: integer(reply[2]) };
    case 'gone': return { kind: 'gone', state: noteState(reply[1], CLOSED_STATES), at: timeOrNull(reply[2]) };
    case 'full': return { kind: 'full' };
    default: return { kind: 'not_found' };
  }
}

function fetchOutcome(reply: unknown[]): FetchOutcome {
  switch (text(reply[0])) {
    case 'ok': return { kind: 'ok', answer: text(reply[1]), answeredAt: integer(reply[2]) };
    case 'gone': return { kind: 'gone', state: noteState(reply[1], CLOSED_STATES), at: timeOrNull(reply[2]) };
    case 'not_answered': return { kind: 'not_answered' };
    default: return { kind: 'not_found' };
  }
}

/** The request and its note in one transaction, so a note is never shown beside a stale state. */
async function peek({ redis, retrying }: Connection, k: Keys, id: string, answerHash: Buffer, now: number): Promise<RequestPeekOutcome> {
  const replies = await retrying('other', async () => (await redis.multi().hmgetBuffer(k.request(id), 'ah', ...STATUS_FIELDS).get(k.note(id)).exec()) ?? []);
  const [[hmError, hm] = [], [noteError, note] = []] = replies;
  if (hmError) throw hmError;
  if (noteError) throw noteError;
  const [ah, ...fields] = list(hm);
  if (!sameHash(Buffer.isBuffer(ah) ? ah : undefined, answerHash) || !Buffer.isBuffer(ah)) return { kind: 'not_found' };
  const status = toStatus(id, fields, now);
  const at = stateSince(status.state, status);
  return { kind: 'ok', state: status.state, expiresAt: status.expiresAt, at, note: status.state === 'waiting' && typeof note === 'string' ? note : null };
}

async function status({ redis, retrying }: Connection, k: Keys, requests: Array<{ id: string; fetchHash: Buffer }>, now: number) {
  if (requests.length === 0) return [];
  const replies = await retrying('other', async () => {
    const pipeline = redis.pipeline();
    for (const { id } of requests) pipeline.hmgetBuffer(k.request(id), 'fh', ...STATUS_FIELDS);
    return (await pipeline.exec()) ?? [];
  });
  return requests.map(({ id, fetchHash }, i) => {
    const [error, value] = replies[i] ?? [new Error('no reply'), null];
    if (error) throw error;
    const [fh, ...fields] = list(value);
    return sameHash(Buffer.isBuffer(fh) ? fh : undefined, fetchHash) && Buffer.isBuffer(fh) ? toStatus(id, fields, now) : null;
  });
}

/**
 * Fetch with a request id: run again after a lost reply, the script gives the same reply
 * (request-fetch.lua). A kept reply holds the answer: it is deleted before the reply goes on.
 */
async function fetchAnswer(conn: Connection, k: Keys, lost: LostAnswers, id: string, fetchHash: Buffer, now: number): Promise<FetchOutcome> {
  const request = lost.take(id, fetchHash) ?? requestId();
  let reply: unknown[];
  try {
    reply = list(await conn.retrying('consume', () => runScript(conn.redis, SCRIPTS.fetch, [...k.bodies(id), k.outcome(request)], [fetchHash, now, id, OUTCOME_MS])));
  } catch (error) {
    if (error instanceof StoreUnavailable && error.happened === 'unknown') lost.remember(id, fetchHash, request);
    throw error;
  }
  const outcome = fetchOutcome(reply);
  // Should this fail, the kept copy expires after OUTCOME_MS; the requester still gets the answer.
  if (outcome.kind === 'ok') await conn.retrying('other', () => conn.redis.del(k.outcome(request))).catch(() => {});
  return outcome;
}

/** The requests of a Redis store: the same connection, prefix and byte cap as its notes. */
export function redisRequests(conn: Connection, prefix: string, maxBytes: number): RequestStore {
  const k = keysFor(prefix);
  const lost = new LostAnswers();
  const run = (operation: Operation, which: (typeof SCRIPTS)[keyof typeof SCRIPTS], keys: string[], args: Array<string | Buffer | number>) =>
    conn.retrying(operation, () => runScript(conn.redis, which, keys, args));

  return {
    create: async (request): Promise<CreateOutcome> => {
      const stored = await run('create', SCRIPTS.create, [k.request(request.id), k.note(request.id), k.sizes, k.bytes, k.expiries], [
        request.answerHash, request.fetchHash, request.createdAt, request.expiresAt, request.note, request.id, maxBytes, REQUEST_TOMBSTONE_MS,
      ]);
      return integer(stored) === 1 ? { kind: 'ok' } : { kind: 'full' };
    },

    peek: (id, answerHash, now) => peek(conn, k, id, answerHash, now),

    answer: async (id, answerHash, answer, now) =>
      answerOutcome(list(await run('other', SCRIPTS.answer, [...k.bodies(id), k.expiries], [answerHash, answer, now, id, maxBytes, REQUEST_TOMBSTONE_MS]))),

    fetch: (id, fetchHash, now) => fetchAnswer(conn, k, lost, id, fetchHash, now),

    status: (requests, now) => status(conn, k, requests, now),

    revoke: async (id, fetchHash, now) => {
      const reply = await run('other', SCRIPTS.revoke, k.bodies(id), [fetchHash, now, id]);
      return reply === null ? null : toStatus(id, list(reply), now);
    },

    sweep: async (now) => {
      let deleted = 0;
      // Batches keep each script short: Redis serves nothing else while one runs.
      for (;;) {
        const reply = await run('other', SCRIPTS.sweep, [k.expiries, k.tombstones, k.sizes, k.bytes], [now, prefix, SWEEP_BATCH, REQUEST_TOMBSTONE_MS]);
        const [expired = 0, tombstones = 0] = list(reply).map(integer);
        deleted += tombstones;
        if (expired < SWEEP_BATCH && tombstones < SWEEP_BATCH) return deleted;
      }
    },
  };
}
