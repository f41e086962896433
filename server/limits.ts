// Per-client rate limits (rate-limiter-flexible): a fixed window per client address and limit,
// starting with the client's first request. The counters live in this process's memory with
// SQLite (one process), and in Redis when several instances share it, so that a client cannot
// multiply its allowance by the number of instances.
import { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from './config';
import { fail } from './errors';

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** The limits a server applies: `create` notes, `consume` (peeks and reads), `manage` (status, revoke). */
export type LimitName = 'create' | 'consume' | 'manage';

/** Where the counters live: this process (the default), or a Redis that every instance shares. */
export type RateCounters = { kind: 'memory' } | { kind: 'redis'; client: Redis; prefix: string };

/**
 * A limiter for `limit`. On Redis, the counter is `<prefix>rl:<name>:<client>` with a TTL of the
 * window. A client already over its limit is refused from memory until its window ends (no
 * Redis round trip per refused request), and while Redis does not answer the instance counts
 * in its own memory instead: the store is failing then anyway, and the limit still holds per
 * instance.
 */
export function createLimiter(name: LimitName, limit: RateLimit, counters: RateCounters): RateLimiterAbstract {
  const options = { points: limit.max, duration: limit.windowSeconds, keyPrefix: name };
  if (counters.kind === 'memory') return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `${counters.prefix}rl:${name}`,
    storeClient: counters.client,
    rejectIfRedisNotReady: true,
    inMemoryBlockOnConsumed: limit.max + 1,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/** One request counted: whether it is within the limit and, if not, how long until the window ends. */
export async function take(limiter: RateLimiterAbstract, key: string): Promise<{ allowed: true } | { allowed: false; retryInMs: number }> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (refusal) {
    // The library rejects with its result object when the limit is passed, and with an Error
    // when its store failed (which the insurance limiter normally absorbs).
    if (refusal instanceof RateLimiterRes) return { allowed: false, retryInMs: refusal.msBeforeNext };
    throw refusal;
  }
}

function socketAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  return env.incoming instanceof IncomingMessage ? env.incoming.socket.remoteAddress : undefined;
}

/**
 * The address a limit counts against. Without trusted proxies it is the TCP peer, and
 * X-Forwarded-For is ignored (anyone can write one). With `trustedProxies` = n, it is the n-th
 * address from the right of X-Forwarded-For plus the peer: each trusted proxy appends the
 * address it saw, so entries further left are whatever the client claimed.
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  let address = socketAddress(c.env) ?? 'unknown';
  if (trustedProxies > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (let hop = 1; hop <= trustedProxies; hop++) {
      const next = forwarded[forwarded.length - hop];
      if (next === undefined || net.isIP(next) === 0) break;
      address = next;
    }
  }
  return clientKey(address);
}

/** IPv4 as is; IPv6 by its /64, which one host or household usually holds whole. */
export function clientKey(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped?.[1]) return mapped[1];
  if (net.isIPv6(address)) {
    const [head = '', tail = ''] = address.toLowerCase().split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === '' ? [] : tail.split(':');
    const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return address;
}

export interface RateLimitOptions {
  limiter: RateLimiterAbstract;
  limit: RateLimit;
  trustedProxies: number;
  /** What the client was doing, for the sentence: "Too many notes created". */
  what: string;
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/** Answers 429 with Retry-After once a client passes the limit within its window. */
export function rateLimit({ limiter, limit, trustedProxies, what }: RateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    const outcome = await take(limiter, clientAddress(c, trustedProxies));
    if (outcome.allowed) return next();
    const retryAfter = Math.max(1, Math.ceil(outcome.retryInMs / 1000));
    c.header('retry-after', String(retryAfter));
    return fail(c, 429, 'rate_limited',
      `${what} from your address in a short time (the limit is ${limit.max} per ${seconds(limit.windowSeconds)}). Try again in ${seconds(retryAfter)}.`);
  };
}

/**
 * Puts each configured limit in front of its routes. Requests for a secret count against the same
 * windows as notes: making one is a create; opening, answering and fetching are reads; their
 * status and revoke are manage requests. Paths are listed one by one (see cors.ts for why).
 */
export function limitRoutes(app: Hono, config: Pick<Config, 'rateLimitCreate' | 'rateLimitConsume' | 'rateLimitManage' | 'trustProxy'>, counters: RateCounters): void {
  const { rateLimitCreate, rateLimitConsume, rateLimitManage, trustProxy: trustedProxies } = config;
  if (rateLimitCreate) {
    const limit = { limiter: createLimiter('create', rateLimitCreate, counters), limit: rateLimitCreate, trustedProxies };
    app.post('/api/notes', rateLimit({ ...limit, what: 'Too many notes created' }));
    app.post('/api/requests', rateLimit({ ...limit, what: 'Too many requests made' }));
  }
  if (rateLimitConsume) {
    const limit = { limiter: createLimiter('consume', rateLimitConsume, counters), limit: rateLimitConsume, trustedProxies };
    const notes = rateLimit({ ...limit, what: 'Too many attempts to open notes' });
    for (const action of ['peek', 'consume']) app.post(`/api/notes/:id/${action}`, notes);
    const requests = rateLimit({ ...limit, what: 'Too many attempts to open or answer requests' });
    for (const action of ['peek', 'answer', 'fetch']) app.post(`/api/requests/:id/${action}`, requests);
  }
  if (rateLimitManage) {
    const limiter = createLimiter('manage', rateLimitManage, counters);
    const limit = rateLimit({ limiter, limit: rateLimitManage, trustedProxies, what: 'Too many status or revoke requests' });
    for (const kind of ['notes', 'requests']) {
      app.post(`/api/${kind}/status`, limit);
      app.on(['GET', 'DELETE'], `/api/${kind}/:id`, limit);
    }
  }
}
