// The one store contract, against a real redis-server; then what only Redis does (TTLs, restarts).
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter, take } from '../../server/limits';
import { openRedisStore, redactRedisUrl, type RedisStore } from '../../server/store/redis';
import { NOTE_TOMBSTONE_MS, type NewNote } from '../../server/store/store';
import { freePort, redisServerBinary, startRedis, type RunningRedis } from '../helpers/redis';
import { waitFor } from '../helpers/wait';
import { describeRequestStore } from './request-store-contract';
import { T0, describeStore, makeNote } from './store-contract';

let redis: RunningRedis;
let inspect: Redis;
beforeAll(async () => {
  redis = await startRedis();
  inspect = new Redis(redis.url);
});
afterAll(async () => {
  inspect?.disconnect();
  await redis?.stop();
});

let stores = 0;
const nextPrefix = () => `test${++stores}:`;
let currentPrefix = '';

/** Every value stored under the prefix (strings, and each field of hashes), as raw bytes. */
async function valuesUnder(prefix: string): Promise<Buffer[]> {
  const values: Buffer[] = [];
  for (const key of await inspect.keys(`${prefix}*`)) {
    const type = await inspect.type(key);
    const value = type === 'string' ? await inspect.getBuffer(key) : null;
    if (value) values.push(value);
    if (type === 'hash') values.push(...Object.values(await inspect.hgetallBuffer(key)));
  }
  return values;
}

async function hasCiphertext(note: NewNote): Promise<boolean> {
  const ct = Buffer.from(note.envelope);
  return (await valuesUnder(currentPrefix)).some((value) => value.includes(ct));
}

describeStore('redis', async (limits) => {
  currentPrefix = nextPrefix();
  return openRedisStore({ url: redis.url, prefix: currentPrefix, ...limits });
}, { hasCiphertext });

describeRequestStore('redis', async (limits) => {
  currentPrefix = nextPrefix();
  return openRedisStore({ url: redis.url, prefix: currentPrefix, ...limits });
}, {
  holds: async (ciphertext) => (await valuesUnder(currentPrefix)).some((value) => value.includes(Buffer.from(ciphertext))),
});

describe('Redis store specifics', () => {
  async function open(): Promise<{ store: RedisStore; prefix: string }> {
    const prefix = nextPrefix();
    return { store: await openRedisStore({ url: redis.url, prefix }), prefix };
  }

  it('finds stored ciphertext with the raw scan, so the scans after each burn mean something', async () => {
    const { store, prefix } = await open();
    const n = makeNote();
    await store.create(n.note);
    currentPrefix = prefix;
    expect(await hasCiphertext(n.note)).toBe(true);
    await store.consume(n.note.id, n.keyHash, n.readHash, T0 + 1);
    expect(await hasCiphertext(n.note)).toBe(false);
    await store.close();
  });

  it('gives the envelope a Redis TTL at the note expiry, and the record one at the end of its tombstone time', async () => {
    const { store, prefix } = await open();
    const expiresAt = Date.now() + 3600_000;
    const n = makeNote({ createdAt: Date.now(), expiresAt });
    await store.create(n.note);
    expect(await inspect.pexpiretime(`${prefix}b:${n.note.id}`)).toBe(expiresAt);
    expect(await inspect.pexpiretime(`${prefix}n:${n.note.id}`)).toBe(expiresAt + NOTE_TOMBSTONE_MS);
    // The tombstone keeps its time after the read.
    await store.consume(n.note.id, n.keyHash, n.readHash, Date.now());
    expect(await inspect.pexpiretime(`${prefix}n:${n.note.id}`)).toBe(expiresAt + NOTE_TOMBSTONE_MS);
    expect(await inspect.exists(`${prefix}b:${n.note.id}`)).toBe(0);
    await store.close();
  });

  it('lets Redis drop an envelope at its expiry on its own: the note then reads as expired, and the sweep gives its bytes back', async () => {
    const { store, prefix } = await open();
    const n = makeNote({ createdAt: Date.now(), expiresAt: Date.now() + 150 });
    await store.create(n.note);
    expect(await store.storedBytes()).toBeGreaterThan(0);
    // Wait for Redis itself to drop the envelope (no sweep has run).
    await waitFor('Redis to expire the envelope', async () => await inspect.exists(`${prefix}b:${n.note.id}`) === 0);
    expect(await store.consume(n.note.id, n.keyHash, n.readHash, Date.now())).toEqual({ kind: 'gone', state: 'expired', at: n.note.expiresAt });
    expect(await store.sweep(Date.now())).toBe(0);
    expect(await store.storedBytes()).toBe(0);
    expect(await inspect.zcard(`${prefix}exp`)).toBe(0);
    expect(await inspect.zcard(`${prefix}tomb`)).toBe(1);
    await store.close();
  });

  it('keeps every key under its prefix, so deployments can share one Redis', async () => {
    const { store, prefix } = await open();
    const before = new Set(await inspect.keys('*'));
    const n = makeNote();
    await store.create(n.note);
    await take(createLimiter('create', { max: 5, windowSeconds: 60 }, { kind: 'redis', client: store.client, prefix }), '192.0.2.1');
    const added = (await inspect.keys('*')).filter((key) => !before.has(key)).sort();
    expect(added).toEqual([
      `${prefix}b:${n.note.id}`, `${prefix}bytes`, `${prefix}exp`, `${prefix}n:${n.note.id}`, `${prefix}rl:create:192.0.2.1`, `${prefix}sizes`, `${prefix}tomb`,
    ]);
    await store.close();
  });

  it('counts rate limit windows that every instance shares, with a TTL', async () => {
    const { store, prefix } = await open();
    const other = await openRedisStore({ url: redis.url, prefix });
    const limit = { max: 2, windowSeconds: 60 };
    const one = createLimiter('consume', limit, { kind: 'redis', client: store.client, prefix });
    const two = createLimiter('consume', limit, { kind: 'redis', client: other.client, prefix });
    expect(await take(one, '198.51.100.7')).toEqual({ allowed: true });
    expect(await take(two, '198.51.100.7')).toEqual({ allowed: true });
    // The third request is over the limit whichever instance it reaches.
    const third = await take(one, '198.51.100.7');
    expect(third).toEqual({ allowed: false, retryInMs: expect.any(Number) });
    expect(third.allowed ? 0 : third.retryInMs).toBeGreaterThan(50_000);
    expect(third.allowed ? 0 : third.retryInMs).toBeLessThanOrEqual(60_000);
    expect(await inspect.get(`${prefix}rl:consume:198.51.100.7`)).toBe('3');
    expect(await inspect.pttl(`${prefix}rl:consume:198.51.100.7`)).toBeGreaterThan(50_000);
    // An instance that refused a client refuses it again from memory, without asking Redis.
    expect((await take(one, '198.51.100.7')).allowed).toBe(false);
    expect(await inspect.get(`${prefix}rl:consume:198.51.100.7`)).toBe('3');
    expect((await take(two, '198.51.100.7')).allowed).toBe(false);
    expect(await inspect.get(`${prefix}rl:consume:198.51.100.7`)).toBe('4');
    // Another client has its own window.
    expect(await take(two, '198.51.100.8')).toEqual({ allowed: true });
    await Promise.all([store.close(), other.close()]);
  });

  it('keeps counting in memory while Redis does not answer, instead of failing the request', async () => {
    const away = new Redis({ port: await freePort(), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    away.on('error', () => {});
    try {
      const limiter = createLimiter('create', { max: 2, windowSeconds: 60 }, { kind: 'redis', client: away, prefix: 'away:' });
      expect(await take(limiter, '192.0.2.9')).toEqual({ allowed: true });
      expect(await take(limiter, '192.0.2.9')).toEqual({ allowed: true });
      expect(await take(limiter, '192.0.2.9')).toMatchObject({ allowed: false });
    } finally {
      away.disconnect();
    }
  });

  it('leaves a burned ciphertext in the append-only file until Redis rewrites it (docs/DEPLOY.md), and not after', async () => {
    const { store } = await open();
    const n = makeNote();
    await store.create(n.note);
    await store.consume(n.note.id, n.keyHash, n.readHash, T0 + 1);
    const aofContains = (text: string) => {
      const dir = path.join(redis.dir, 'appendonlydir');
      // A file may vanish between listing and reading while Redis rewrites.
      const read = (file: string) => { try { return fs.readFileSync(path.join(dir, file)); } catch { return Buffer.alloc(0); } };
      return fs.readdirSync(dir).some((file) => read(file).includes(Buffer.from(text)));
    };
    expect(aofContains(n.note.envelope)).toBe(true);
    await inspect.bgrewriteaof();
    // The rewrite runs in a child process; Redis then deletes the old files in the background.
    await waitFor('the burned ciphertext to leave the AOF after BGREWRITEAOF', () => !aofContains(n.note.envelope));
    await store.close();
  });

  it('fails (never skips) with a one-line install hint where redis-server is missing', () => {
    expect(() => redisServerBinary(['/nonexistent/redis-server', undefined, '']))
      .toThrow(/^redis-server is not installed: run `sudo apt-get install -y redis-server`/);
  });

  it('refuses to open with a sentence naming the address (without its password) when Redis is not there', async () => {
    const closed = await startRedis();
    await closed.stop();
    const url = `redis://user:hunter2-secret@127.0.0.1:${closed.port}`;
    const error = await openRedisStore({ url, connectTimeout: 1000 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain(`Cannot reach Redis at redis://127.0.0.1:${closed.port}`);
    expect(String(error)).not.toContain('hunter2');
    expect(redactRedisUrl(url)).toBe(`redis://127.0.0.1:${closed.port}`);
  });
});
