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
//   rl:...   rate limit counters (see rateCounter).
// Both n:<id> and b:<id> carry a Redis TTL at the note's expiry (PEXPIREAT), so Redis frees them
// even when no instance sweeps; the scripts also enforce expiry with the caller's clock.
//
// Hash comparisons in the scripts are plain string equality, not constant time (Lua has no such
// primitive). What is compared are SHA-256 hashes of the tokens, never the tokens: timing can at
// most reveal a prefix of a hash, which does not help anyone find a token that hashes to it.
// Reads that need no atomicity (peek, status) fetch the hashes and compare them in constant time.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { NoteStatus } from '../../utils/core/protocol';
import type { RateCounter } from '../limits';
import {
  MAX_PASSPHRASE_ATTEMPTS,
  effectiveState,
  sameHash,
  type ConsumeOutcome,
  type CreateOutcome,
  type NoteStore,
  type PeekOutcome,
  type StoreLimits,
} from './store';

export interface RedisStoreOptions extends StoreLimits {
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Key prefix; lets several deployments (or tests) share one Redis. */
  prefix?: string;
  /** Milliseconds to wait for the first connection. */
  connectTimeout?: number;
}

export interface RedisStore extends NoteStore {
  /** Rate limit counters shared by every instance on this Redis. */
  readonly rateCounter: RateCounter;
}

// Burns a note's envelope: deletes it and gives its bytes back to the cap.
// KEYS: body, sizes, bytes. ARGV: id.
const BURN = `
local function burn(body, sizes, bytes, id)
  redis.call('DEL', body)
  local size = redis.call('HGET', sizes, id)
  if size then
    redis.call('HDEL', sizes, id)
    redis.call('DECRBY', bytes, size)
  end
end
`;

// KEYS: note, body, sizes, bytes, exp.
// ARGV: keyHash, readHash, manageHash, passphrase (0/1), createdAt, expiresAt, maxReads, envelope, id, maxBytes.
// Returns 1 when stored, 0 when the byte cap would be passed.
const CREATE = `
local size = string.len(ARGV[8])
local cap = tonumber(ARGV[10])
if cap > 0 and tonumber(redis.call('GET', KEYS[4]) or '0') + size > cap then return 0 end
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('note id already exists') end
redis.call('HSET', KEYS[1], 'kh', ARGV[1], 'rh', ARGV[2], 'mh', ARGV[3], 'pp', ARGV[4],
  'ca', ARGV[5], 'ea', ARGV[6], 'mr', ARGV[7], 'r', 0, 'fa', 0, 'st', 'pending', 'ra', '', 'va', '')
redis.call('PEXPIREAT', KEYS[1], ARGV[6])
redis.call('SET', KEYS[2], ARGV[8], 'PXAT', ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[6], ARGV[9])
redis.call('HSET', KEYS[3], ARGV[9], size)
redis.call('INCRBY', KEYS[4], size)
return 1
`;

// KEYS: note, body, sizes, bytes. ARGV: keyHash, readHash, now, id.
// Returns {'ok', envelope, readsLeft} | {'not_found'} | {'gone', state, at or ''} | {'wrong_passphrase', attemptsLeft}.
const CONSUME = `${BURN}
local n = redis.call('HMGET', KEYS[1], 'kh', 'rh', 'pp', 'ea', 'mr', 'r', 'fa', 'st', 'ra', 'va')
if not n[1] or n[1] ~= ARGV[1] then return {'not_found'} end
local now = tonumber(ARGV[3])
local expiresAt = tonumber(n[4])
local state = n[8]
if state == 'pending' and expiresAt <= now then
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
  return {'gone', 'expired', n[4]}
end
if state ~= 'pending' then
  if state == 'read' then return {'gone', state, n[9]} end
  return {'gone', state, n[10]}
end
if n[2] ~= ARGV[2] then
  if n[3] ~= '1' then return {'not_found'} end
  local failed = redis.call('HINCRBY', KEYS[1], 'fa', 1)
  local left = ${MAX_PASSPHRASE_ATTEMPTS} - failed
  if left <= 0 then
    redis.call('HSET', KEYS[1], 'st', 'destroyed', 'va', ARGV[3])
    burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
    left = 0
  end
  return {'wrong_passphrase', left}
end
local envelope = redis.call('GET', KEYS[2])
if not envelope then return {'gone', 'read', n[9]} end
local reads = redis.call('HINCRBY', KEYS[1], 'r', 1)
redis.call('HSET', KEYS[1], 'ra', ARGV[3])
local left = tonumber(n[5]) - reads
if left <= 0 then
  redis.call('HSET', KEYS[1], 'st', 'read')
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
  left = 0
end
return {'ok', envelope, left}
`;

const STATUS_FIELDS = ['ca', 'ea', 'r', 'mr', 'st', 'ra', 'va'] as const;

// KEYS: note, body, sizes, bytes. ARGV: manageHash, now, id.
// Returns nil for an unknown id or wrong hash, else the status fields (STATUS_FIELDS) after the revoke.
const REVOKE = `${BURN}
if redis.call('HGET', KEYS[1], 'mh') ~= ARGV[1] then return nil end
local n = redis.call('HMGET', KEYS[1], 'st', 'ea')
if n[1] == 'pending' and tonumber(n[2]) > tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'st', 'revoked', 'va', ARGV[2])
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[3])
end
return redis.call('HMGET', KEYS[1], ${STATUS_FIELDS.map((f) => `'${f}'`).join(', ')})
`;

// KEYS: exp, sizes, bytes. ARGV: now, key prefix, batch size.
// Deletes up to one batch of notes past their expiry; returns {notes deleted, ids looked at}.
const SWEEP = `${BURN}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local deleted = 0
for _, id in ipairs(ids) do
  burn(ARGV[2] .. 'b:' .. id, KEYS[2], KEYS[3], id)
  deleted = deleted + redis.call('DEL', ARGV[2] .. 'n:' .. id)
  redis.call('ZREM', KEYS[1], id)
end
return {deleted, #ids}
`;

// KEYS: counter. ARGV: window in ms. A fixed window that starts with its first hit.
const RATE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const SWEEP_BATCH = 500;

interface Script {
  source: string;
  sha: string;
}

const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const SCRIPTS = {
  create: script(CREATE),
  consume: script(CONSUME),
  revoke: script(REVOKE),
  sweep: script(SWEEP),
  rate: script(RATE),
};

// --- reading script replies: Redis answers strings, integers, arrays and nil -------------------
const text = (value: unknown): string => (typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString() : String(value));
const integer = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(text(value));
  if (!Number.isFinite(n)) throw new Error(`unexpected reply from Redis: ${text(value)}`);
  return n;
};
const timeOrNull = (value: unknown): number | null => (value === null || value === undefined || text(value) === '' ? null : integer(value));
const GONE_STATES = ['read', 'expired', 'revoked', 'destroyed'] as const;
const NOTE_STATES = ['pending', ...GONE_STATES] as const;
function noteState<T extends string>(value: unknown, states: readonly T[]): T {
  const found = states.find((s) => s === text(value));
  if (found === undefined) throw new Error(`unexpected note state from Redis: ${text(value)}`);
  return found;
}
function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('unexpected reply from Redis: not a list');
  return value;
}

function toStatus(id: string, fields: unknown[], now: number): NoteStatus {
  const [ca, ea, r, mr, st, ra, va] = fields;
  const expiresAt = integer(ea);
  return {
    id,
    state: effectiveState(noteState(st, NOTE_STATES), expiresAt, now),
    createdAt: integer(ca),
    expiresAt,
    reads: integer(r),
    maxReads: integer(mr),
    readAt: timeOrNull(ra),
    revokedAt: timeOrNull(va),
  };
}

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

/** Connects to Redis and resolves once it answers; rejects with a sentence when it does not. */
export async function openRedisStore({ url, prefix = 'burnlink:', maxBytes = 0, connectTimeout = 10_000 }: RedisStoreOptions): Promise<RedisStore> {
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
  const where = redactRedisUrl(url);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  async function run(which: Script, keys: string[], args: Array<string | Buffer | number>): Promise<unknown> {
    try {
      return await redis.evalsha(which.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // First use, or Redis restarted and forgot its script cache.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(which.source, keys.length, ...keys, ...args);
    }
  }

  const k = {
    note: (id: string) => `${prefix}n:${id}`,
    body: (id: string) => `${prefix}b:${id}`,
    exp: `${prefix}exp`,
    sizes: `${prefix}sizes`,
    bytes: `${prefix}bytes`,
    rate: (key: string) => `${prefix}rl:${key}`,
  };
  const burnKeys = (id: string) => [k.note(id), k.body(id), k.sizes, k.bytes];

  return {
    kind: 'redis',

    create: async (note): Promise<CreateOutcome> => {
      const stored = await run(SCRIPTS.create, [...burnKeys(note.id), k.exp], [
        note.keyHash, note.readHash, note.manageHash, note.passphrase ? 1 : 0,
        note.createdAt, note.expiresAt, note.maxReads, note.envelope, note.id, maxBytes,
      ]);
      return integer(stored) === 1 ? { kind: 'ok' } : { kind: 'full' };
    },

    consume: async (id, keyHash, readHash, now): Promise<ConsumeOutcome> => {
      const reply = list(await run(SCRIPTS.consume, burnKeys(id), [keyHash, readHash, now, id]));
      switch (text(reply[0])) {
        case 'ok':
          return { kind: 'ok', envelope: text(reply[1]), readsLeft: integer(reply[2]) };
        case 'gone':
          return { kind: 'gone', state: noteState(reply[1], GONE_STATES), at: timeOrNull(reply[2]) };
        case 'wrong_passphrase':
          return { kind: 'wrong_passphrase', attemptsLeft: integer(reply[1]) };
        default:
          return { kind: 'not_found' };
      }
    },

    peek: async (id, keyHash, now): Promise<PeekOutcome> => {
      const [kh, pp, ea, mr, r, st] = await redis.hmgetBuffer(k.note(id), 'kh', 'pp', 'ea', 'mr', 'r', 'st');
      if (!kh || !sameHash(kh, keyHash)) return { kind: 'not_found' };
      const expiresAt = integer(ea);
      const state = effectiveState(noteState(st, NOTE_STATES), expiresAt, now);
      return {
        kind: 'ok',
        state,
        expiresAt,
        readsLeft: state === 'pending' ? integer(mr) - integer(r) : 0,
        passphrase: text(pp) === '1',
      };
    },

    status: async (notes, now) => {
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
    },

    revoke: async (id, manageHash, now) => {
      const reply = await run(SCRIPTS.revoke, burnKeys(id), [manageHash, now, id]);
      return reply === null ? null : toStatus(id, list(reply), now);
    },

    sweep: async (now) => {
      let deleted = 0;
      // Batches keep each script short: Redis serves nothing else while one runs.
      for (;;) {
        const [notes, seen] = list(await run(SCRIPTS.sweep, [k.exp, k.sizes, k.bytes], [now, prefix, SWEEP_BATCH])).map(integer);
        deleted += notes ?? 0;
        if ((seen ?? 0) < SWEEP_BATCH) return deleted;
      }
    },

    storedBytes: async () => integer((await redis.get(k.bytes)) ?? 0),

    ping: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 2000); });
      try {
        return await Promise.race([redis.ping().then((reply) => reply === 'PONG', () => false), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    close: async () => {
      if (redis.status === 'end') return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },

    rateCounter: {
      hit: async (key, windowMs) => {
        const [count, ttl] = list(await run(SCRIPTS.rate, [k.rate(key)], [windowMs])).map(integer);
        return { count: count ?? 0, resetInMs: ttl ?? windowMs };
      },
    },
  };
}
