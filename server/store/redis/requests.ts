// The Redis store's requests (server/store/requests.ts). Every write is one Lua script (the
// request-*.lua files beside this one), so of any number of concurrent answers on any number of
// instances one is stored, and an answer is handed out once. Reads that need no atomicity (peek,
// status) fetch the hashes and compare them here, in constant time.
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
import type { Redis } from 'ioredis';
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

function keysFor(prefix: string) {
  return {
    request: (id: string) => `${prefix}q:${id}`,
    note: (id: string) => `${prefix}qn:${id}`,
    answer: (id: string) => `${prefix}qa:${id}`,
    sizes: `${prefix}sizes`,
    bytes: `${prefix}bytes`,
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
async function peek(redis: Redis, k: ReturnType<typeof keysFor>, id: string, answerHash: Buffer, now: number): Promise<RequestPeekOutcome> {
  const replies = (await redis.multi().hmgetBuffer(k.request(id), 'ah', ...STATUS_FIELDS).get(k.note(id)).exec()) ?? [];
  const [[hmError, hm] = [], [noteError, note] = []] = replies;
  if (hmError) throw hmError;
  if (noteError) throw noteError;
  const [ah, ...fields] = list(hm);
  if (!sameHash(Buffer.isBuffer(ah) ? ah : undefined, answerHash)) return { kind: 'not_found' };
  const status = toStatus(id, fields, now);
  const at = stateSince(status.state, status);
  return { kind: 'ok', state: status.state, expiresAt: status.expiresAt, at, note: status.state === 'waiting' && typeof note === 'string' ? note : null };
}

async function status(redis: Redis, k: ReturnType<typeof keysFor>, requests: Array<{ id: string; fetchHash: Buffer }>, now: number) {
  if (requests.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const { id } of requests) pipeline.hmgetBuffer(k.request(id), 'fh', ...STATUS_FIELDS);
  const replies = (await pipeline.exec()) ?? [];
  return requests.map(({ id, fetchHash }, i) => {
    const [error, value] = replies[i] ?? [new Error('no reply'), null];
    if (error) throw error;
    const [fh, ...fields] = list(value);
    return sameHash(Buffer.isBuffer(fh) ? fh : undefined, fetchHash) ? toStatus(id, fields, now) : null;
  });
}

/** The requests of a Redis store: the same connection, prefix and byte cap as its notes. */
export function redisRequests(redis: Redis, prefix: string, maxBytes: number): RequestStore {
  const k = keysFor(prefix);
  const run = (which: (typeof SCRIPTS)[keyof typeof SCRIPTS], keys: string[], args: Array<string | Buffer | number>) =>
    runScript(redis, which, keys, args);

  return {
    create: async (request): Promise<CreateOutcome> => {
      const stored = await run(SCRIPTS.create, [k.request(request.id), k.note(request.id), k.sizes, k.bytes, k.expiries], [
        request.answerHash, request.fetchHash, request.createdAt, request.expiresAt, request.note, request.id, maxBytes, REQUEST_TOMBSTONE_MS,
      ]);
      return integer(stored) === 1 ? { kind: 'ok' } : { kind: 'full' };
    },

    peek: (id, answerHash, now) => peek(redis, k, id, answerHash, now),

    answer: async (id, answerHash, answer, now) =>
      answerOutcome(list(await run(SCRIPTS.answer, [...k.bodies(id), k.expiries], [answerHash, answer, now, id, maxBytes, REQUEST_TOMBSTONE_MS]))),

    fetch: async (id, fetchHash, now) => fetchOutcome(list(await run(SCRIPTS.fetch, k.bodies(id), [fetchHash, now, id]))),

    status: (requests, now) => status(redis, k, requests, now),

    revoke: async (id, fetchHash, now) => {
      const reply = await run(SCRIPTS.revoke, k.bodies(id), [fetchHash, now, id]);
      return reply === null ? null : toStatus(id, list(reply), now);
    },

    sweep: async (now) => {
      let deleted = 0;
      // Batches keep each script short: Redis serves nothing else while one runs.
      for (;;) {
        const reply = await run(SCRIPTS.sweep, [k.expiries, k.tombstones, k.sizes, k.bytes], [now, prefix, SWEEP_BATCH, REQUEST_TOMBSTONE_MS]);
        const [expired = 0, tombstones = 0] = list(reply).map(integer);
        deleted += tombstones;
        if (expired < SWEEP_BATCH && tombstones < SWEEP_BATCH) return deleted;
      }
    },
  };
}
