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
//   exp      sorted set: id by expiry, so the sweep can find expired notes and tombstones.
//   sizes    hash: id -> envelope bytes, for every note whose envelope is still stored.
//   bytes    integer: sum of `sizes`, checked against the byte cap on create.
//   rl:...   rate limit counters (server/limits.ts, on this store's connection).
//   q:, qn:, qa:, qexp   request-a-secret (requests.ts).
// Both n:<id> and b:<id> carry a Redis TTL at the note's expiry (PEXPIREAT), so Redis frees them
// even when no instance sweeps; the scripts also enforce expiry with the caller's clock.
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
  effectiveState,
  lockAt,
  sameHash,
  type ConsumeOutcome,
  type CreateOutcome,
  type NoteStore,
  type PeekOutcome,
  type StoreLimits,
} from '../store';
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
    commandTimeout: 10_000,
    connectTimeout,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    // Requests of one event loop turn share one write to the socket.
    enableAutoPipelining: true,
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
async function peek(redis: Redis, k: Keys, id: string, keyHash: Buffer, now: number): Promise<PeekOutcome> {
  const [kh, pp, ea, mr, r, st, fa, lu] = await redis.hmgetBuffer(k.note(id), 'kh', 'pp', 'ea', 'mr', 'r', 'st', 'fa', 'lu');
  if (!kh || !sameHash(kh, keyHash)) return { kind: 'not_found' };
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
  };
}

async function status(redis: Redis, k: Keys, notes: Array<{ id: string; manageHash: Buffer }>, now: number) {
  if (notes.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const { id } of notes) pipeline.hmgetBuffer(k.note(id), 'mh', ...STATUS_FIELDS);
  const replies = (await pipeline.exec()) ?? [];
  return notes.map(({ id, manageHash }, i) => {
    const [error, value] = replies[i] ?? [new Error('no reply'), null];
    if (error) throw error;
    const [mh, ...fields] = list(value);
    return Buffer.isBuffer(mh) && sameHash(mh, manageHash) ? toStatus(id, fields, now) : null;
  });
}

async function sweep(redis: Redis, k: Keys, now: number): Promise<number> {
  let deleted = 0;
  // Batches keep each script short: Redis serves nothing else while one runs.
  for (;;) {
    const reply = await runScript(redis, SCRIPTS.sweep, [k.exp, k.sizes, k.bytes], [now, k.prefix, SWEEP_BATCH]);
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

/** Connects to Redis and resolves once it answers; rejects with a sentence when it does not. */
export async function openRedisStore({ url, prefix = 'burnlink:', maxBytes = 0, connectTimeout = 10_000 }: RedisStoreOptions): Promise<RedisStore> {
  const redis = await connect(url, connectTimeout);
  const k = keysFor(prefix);
  const run = (which: (typeof SCRIPTS)[keyof typeof SCRIPTS], keys: string[], args: Array<string | Buffer | number>) =>
    runScript(redis, which, keys, args);

  return {
    kind: 'redis',

    requests: redisRequests(redis, prefix, maxBytes),

    create: async (note): Promise<CreateOutcome> => {
      const stored = await run(SCRIPTS.create, [...k.burn(note.id), k.exp], [
        note.keyHash, note.readHash, note.manageHash, note.passphrase ? 1 : 0,
        note.createdAt, note.expiresAt, note.maxReads, note.envelope, note.id, maxBytes,
      ]);
      return integer(stored) === 1 ? { kind: 'ok' } : { kind: 'full' };
    },

    consume: async (id, keyHash, readHash, now) =>
      consumeOutcome(list(await run(SCRIPTS.consume, k.burn(id), [keyHash, readHash, now, id, MAX_PASSPHRASE_ATTEMPTS, ...LOCK_SCHEDULE]))),

    peek: (id, keyHash, now) => peek(redis, k, id, keyHash, now),

    status: (notes, now) => status(redis, k, notes, now),

    revoke: async (id, manageHash, now) => {
      const reply = await run(SCRIPTS.revoke, k.burn(id), [manageHash, now, id]);
      return reply === null ? null : toStatus(id, list(reply), now);
    },

    sweep: (now) => sweep(redis, k, now),

    storedBytes: async () => integer((await redis.get(k.bytes)) ?? 0),

    ping: () => ping(redis),

    close: async () => {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },

    client: redis,
    prefix,
  };
}
