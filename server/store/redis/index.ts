// Redis store, for several server instances sharing one deployment. Every write is one Lua script,
// which Redis runs atomically: of any number of concurrent reads on any number of instances, only
// the allowed number succeed. Durability is Redis's: with `appendonly yes` and
// `appendfsync always`, Redis fsyncs its append-only file before it answers (grouping the writes
// of one event loop turn into one fsync), so a burn is on disk before the reader gets the note.
// See docs/DEPLOY.md for what an operator must configure.
//
// Keys, under a prefix (default `burnlink:`):
//   n:<id>   hash: hashes, times, counts and state of a note; kept as a tombstone after the last
//            read until the note's expiry, so status can say "read at ...".
//   b:<id>   string: the envelope; deleted (not flagged) on the last read, revoke or destruction.
//   exp      sorted set: id by expiry, so the sweep can burn the envelopes of expired notes.
//   tomb     sorted set: id by the end of its tombstone time (expiry + NOTE_TOMBSTONE_MS), so the
//            sweep can delete the records of notes nobody may ask about any more.
//   sizes    hash: id -> envelope bytes, for every note whose envelope is still stored.
//   bytes    integer: sum of `sizes`, checked against the byte cap on create.
//   rl:...   rate limit counters (server/limits.ts, on this store's connection).
//   q:, qn:, qa:, qexp, qtomb   request-a-secret (requests.ts); o:<request id> also keeps a
//            lost fetch's answer there.
// b:<id> carries a Redis TTL at the note's expiry and n:<id> one at the end of its tombstone time
// (PEXPIREAT), so Redis frees them even when no instance sweeps; the scripts also enforce expiry
// with the caller's clock.
//
// The scripts are the .lua files in this folder (scripts.ts loads them).
//
// Hash comparisons in the scripts are plain string equality, not constant time (Lua has no such
// primitive). What is compared are SHA-256 hashes of the tokens, never the tokens: timing can at
// most reveal a prefix of a hash, which does not help anyone find a token that hashes to it.
// Reads that need no atomicity (peek, status) fetch the hashes and compare them in constant time.
import { Redis } from 'ioredis';
import { MAX_PASSPHRASE_ATTEMPTS, passphraseLockout } from '../../../utils/core/protocol';
import {
  NOTE_TOMBSTONE_MS,
  StoreUnavailable,
  effectiveState,
  lockAt,
  sameHash,
  type ConsumeOutcome,
  type CreateOutcome,
  type NoteStore,
  type PeekOutcome,
  type StoreLimits,
} from '../store';
import { watchConnection, type Connection, type Operation } from './connection';
import { LostAnswers, OUTCOME_MS, requestId } from './lost-answers';
import { redisRequests } from './requests';
import { GONE_STATES, NOTE_STATES, STATUS_FIELDS, integer, list, noteState, text, timeOrNull, toStatus } from './replies';
import { SCRIPTS, runScript } from './scripts';

export interface RedisStoreOptions extends StoreLimits {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Key prefix; lets several deployments (or tests) share one Redis. */
  prefix?: string;
  /** Milliseconds to wait for the first connection. */
  connectTimeout?: number;
}

export interface RedisStore extends NoteStore {
  /** The connection and key prefix, for the rate limit counters that every instance shares. */
  readonly client: Redis;
  readonly prefix: string;
}

const SWEEP_BATCH = 500;

/** The lock in ms after the 1st, 2nd, ... wrong passphrase (0: none): what consume.lua applies. */
const LOCK_SCHEDULE = Array.from({ length: MAX_PASSPHRASE_ATTEMPTS }, (_, i) => passphraseLockout(i + 1, 0).lockedUntil ?? 0);

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`: for logs and messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'redis (unparseable URL)';
  }
}

/** Connects and resolves once Redis answers; rejects with a sentence naming the address. */
async function connect(url: string, connectTimeout: number): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast while Redis is away instead of queueing requests until it is back: the client
    // gets an error now, /api/health says 503, and nothing piles up in memory.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A command in flight when the connection drops may have run: never send it again blindly
    // (connection.ts decides, knowing which commands are safe to repeat).
    autoResendUnfulfilledCommands: false,
    commandTimeout: 10_000,
    connectTimeout,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    // No auto-pipelining: once a connection drops with an auto-pipeline in flight, ioredis holds
    // every later command behind it until the command timeout (10 s), since nothing is resent.
    enableAutoPipelining: false,
  });
  // Without a listener, a lost connection would be an unhandled error event; ioredis reconnects.
  redis.on('error', () => {});
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${redactRedisUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The keys of one deployment, under its prefix (see the top of this file). */
function keysFor(prefix: string) {
  return {
    prefix,
    note: (id: string) => `${prefix}n:${id}`,
    body: (id: string) => `${prefix}b:${id}`,
    exp: `${prefix}exp`,
    tomb: `${prefix}tomb`,
    outcome: (request: string) => `${prefix}o:${request}`,
    sizes: `${prefix}sizes`,
    bytes: `${prefix}bytes`,
    /** The keys of the scripts that may burn a note. */
    burn: (id: string) => [`${prefix}n:${id}`, `${prefix}b:${id}`, `${prefix}sizes`, `${prefix}bytes`],
  };
}
type Keys = ReturnType<typeof keysFor>;

function consumeOutcome(reply: unknown[]): ConsumeOutcome {
  switch (text(reply[0])) {
    case 'ok':
      return { kind: 'ok', envelope: text(reply[1]), readsLeft: integer(reply[2]) };
    case 'gone':
      return { kind: 'gone', state: noteState(reply[1], GONE_STATES), at: timeOrNull(reply[2]) };
    case 'wrong_passphrase':
      return { kind: 'wrong_passphrase', attemptsLeft: integer(reply[1]), lockedUntil: timeOrNull(reply[2]) };
    case 'locked':
      return { kind: 'locked', lockedUntil: integer(reply[1]) };
    default:
      return { kind: 'not_found' };
  }
}

/** Peek needs no atomicity: the hashes are fetched and compared here, in constant time. */
async function peek({ redis, retrying }: Connection, k: Keys, id: string, keyHash: Buffer, now: number): Promise<PeekOutcome> {
  const [kh, pp, ea, mr, r, st, fa, lu, ra, va] = await retrying('other', () => redis.hmgetBuffer(k.note(id), 'kh', 'pp', 'ea', 'mr', 'r', 'st', 'fa', 'lu', 'ra', 'va'));
  if (!sameHash(kh, keyHash) || !kh) return { kind: 'not_found' };
  const expiresAt = integer(ea);
  const state = effectiveState(noteState(st, NOTE_STATES), expiresAt, now);
  return {
    kind: 'ok',
    state,
    expiresAt,
    readsLeft: state === 'pending' ? integer(mr) - integer(r) : 0,
    passphrase: text(pp) === '1',
    lockedUntil: state === 'pending' ? lockAt(timeOrNull(lu), now) : null,
    attemptsLeft: Math.max(0, MAX_PASSPHRASE_ATTEMPTS - integer(fa)),
    // The same times a consume answers with, for the person who holds the key.
    at: state === 'pending' ? null : state === 'expired' ? expiresAt : timeOrNull(state === 'read' ? ra : va),
  };
}

async function status({ redis, retrying }: Connection, k: Keys, notes: Array<{ id: string; manageHash: Buffer }>, now: number) {
  if (notes.length === 0) return [];
  const replies = await retrying('other', async () => {
    const pipeline = redis.pipeline();
    for (const { id } of notes) pipeline.hmgetBuffer(k.note(id), 'mh', ...STATUS_FIELDS);
    return (await pipeline.exec()) ?? [];
  });
  return notes.map(({ id, manageHash }, i) => {
    const [error, value] = replies[i] ?? [new Error('no reply'), null];
    if (error) throw error;
    const [mh, ...fields] = list(value);
    return sameHash(Buffer.isBuffer(mh) ? mh : undefined, manageHash) ? toStatus(id, fields, now) : null;
  });
}

async function sweep({ redis, retrying }: Connection, k: Keys, now: number): Promise<number> {
  let deleted = 0;
  // Batches keep each script short: Redis serves nothing else while one runs.
  for (;;) {
    const reply = await retrying('other', () => runScript(redis, SCRIPTS.sweep, [k.exp, k.tomb, k.sizes, k.bytes], [now, k.prefix, SWEEP_BATCH]));
    const [notes, seen] = list(reply).map(integer);
    deleted += notes ?? 0;
    if ((seen ?? 0) < SWEEP_BATCH) return deleted;
  }
}

/** Whether Redis answers a PING within two seconds. */
async function ping(redis: Redis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 2000); });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG', () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Consume with a request id: run again after a lost answer, the script gives the same answer
 * (consume.lua). A kept read holds the envelope: it is deleted before the answer goes on.
 */
async function consume(conn: Connection, k: Keys, lost: LostAnswers, id: string, keyHash: Buffer, readHash: Buffer, now: number): Promise<ConsumeOutcome> {
  const request = lost.take(id, readHash) ?? requestId();
  const args = [keyHash, readHash, now, id, OUTCOME_MS, MAX_PASSPHRASE_ATTEMPTS, ...LOCK_SCHEDULE];
  let reply: unknown[];
  try {
    reply = list(await conn.retrying('consume', () => runScript(conn.redis, SCRIPTS.consume, [...k.burn(id), k.outcome(request)], args)));
  } catch (error) {
    if (error instanceof StoreUnavailable && error.happened === 'unknown') lost.remember(id, readHash, request);
    throw error;
  }
  const outcome = consumeOutcome(reply);
  if (outcome.kind === 'ok') {
    // Should this fail, the kept copy expires after OUTCOME_MS; the reader still gets the note.
    await conn.retrying('other', () => conn.redis.del(k.outcome(request))).catch(() => {});
  }
  return outcome;
}

/** Connects to Redis and resolves once it answers; rejects with a sentence when it does not. */
export async function openRedisStore({ url, prefix = 'burnlink:', maxBytes = 0, connectTimeout = 10_000 }: RedisStoreOptions): Promise<RedisStore> {
  const redis = await connect(url, connectTimeout);
  const conn = watchConnection(redis);
  const k = keysFor(prefix);
  const lost = new LostAnswers();
  // Safe to run twice: create by its note id (create.lua), revoke by nature.
  const run = (operation: Operation, which: (typeof SCRIPTS)[keyof typeof SCRIPTS], keys: string[], args: Array<string | Buffer | number>) =>
    conn.retrying(operation, () => runScript(redis, which, keys, args));

  return {
    kind: 'redis',

    requests: redisRequests(conn, prefix, maxBytes),

    create: async (note): Promise<CreateOutcome> => {
      const stored = await run('create', SCRIPTS.create, [...k.burn(note.id), k.exp, k.tomb], [
        note.keyHash, note.readHash, note.manageHash, note.passphrase ? 1 : 0,
        note.createdAt, note.expiresAt, note.maxReads, note.envelope, note.id, maxBytes, NOTE_TOMBSTONE_MS,
      ]);
      return integer(stored) === 1 ? { kind: 'ok' } : { kind: 'full' };
    },

    consume: (id, keyHash, readHash, now) => consume(conn, k, lost, id, keyHash, readHash, now),

    peek: (id, keyHash, now) => peek(conn, k, id, keyHash, now),

    status: (notes, now) => status(conn, k, notes, now),

    revoke: async (id, manageHash, now) => {
      const reply = await run('other', SCRIPTS.revoke, k.burn(id), [manageHash, now, id]);
      return reply === null ? null : toStatus(id, list(reply), now);
    },

    sweep: (now) => sweep(conn, k, now),

    storedBytes: async () => integer((await conn.retrying('other', () => redis.get(k.bytes))) ?? 0),

    ping: () => ping(redis),

    close: async () => {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },

    client: redis,
    prefix,
  };
}
