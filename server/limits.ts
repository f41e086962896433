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
import { failure, reply, type Answer } from './errors';

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
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  let address = peer ?? 'unknown';
  if (trustedProxies > 0) {
    const forwarded = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (let hop = 1; hop <= trustedProxies; hop++) {
      const next = forwarded[forwarded.length - hop];
      if (next === undefined || net.isIP(next) === 0) break;
      address = next;
    }
  }
  return clientKey(address);
}

/** clientAddressOf for a Hono request. */
export function clientAddress(c: Context, trustedProxies: number): string {
  return clientAddressOf(socketAddress(c.env), c.req.header('x-forwarded-for'), trustedProxies);
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

export interface Limit {
  limiter: RateLimiterAbstract;
  limit: RateLimit;
  trustedProxies: number;
}

/** The limiters of one server, each built once: routes that share a limit share its counters. */
export type Limits = Partial<Record<LimitName, Limit>>;

export function buildLimits(config: Pick<Config, 'rateLimitCreate' | 'rateLimitConsume' | 'rateLimitManage' | 'trustProxy'>, counters: RateCounters): Limits {
  const limits: Limits = {};
  const names: Array<[LimitName, RateLimit | undefined]> = [
    ['create', config.rateLimitCreate], ['consume', config.rateLimitConsume], ['manage', config.rateLimitManage]];
  for (const [name, limit] of names) {
    if (limit) limits[name] = { limiter: createLimiter(name, limit, counters), limit, trustedProxies: config.trustProxy };
  }
  return limits;
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/**
 * Counts one request of the client at `address`; the 429 (with Retry-After) once it passes the
 * limit within its window, else undefined. `what` the client was doing: "Too many notes created".
 */
export async function overLimit({ limiter, limit }: Limit, what: string, address: string): Promise<Answer | undefined> {
  const outcome = await take(limiter, address);
  if (outcome.allowed) return undefined;
  const retryAfter = Math.max(1, Math.ceil(outcome.retryInMs / 1000));
  return {
    ...failure(429, 'rate_limited',
      `${what} from your address in a short time (the limit is ${limit.max} per ${seconds(limit.windowSeconds)}). Try again in ${seconds(retryAfter)}.`),
    headers: { 'retry-after': String(retryAfter) },
  };
}

/** Answers 429 with Retry-After once a client passes the limit within its window. */
export function rateLimit(limit: Limit, what: string): MiddlewareHandler {
  return async (c, next) => {
    const refused = await overLimit(limit, what, clientAddress(c, limit.trustedProxies));
    return refused ? reply(c, refused) : next();
  };
}

/** What each limit's refusal says, by route: the hot path says the same. */
export const LIMIT_WHAT = {
  notesCreate: 'Too many notes created',
  notesRead: 'Too many attempts to open notes',
} as const;

/**
 * Puts each configured limit in front of its routes. Requests for a secret count against the same
 * windows as notes: making one is a create; opening, answering and fetching are reads; their
 * status and revoke are manage requests. Paths are listed one by one (see cors.ts for why).
 */
export function limitRoutes(app: Hono, limits: Limits): void {
  if (limits.create) {
    app.post('/api/notes', rateLimit(limits.create, LIMIT_WHAT.notesCreate));
    app.post('/api/requests', rateLimit(limits.create, 'Too many requests made'));
  }
  if (limits.consume) {
    const notes = rateLimit(limits.consume, LIMIT_WHAT.notesRead);
    for (const action of ['peek', 'consume']) app.post(`/api/notes/:id/${action}`, notes);
    const requests = rateLimit(limits.consume, 'Too many attempts to open or answer requests');
    for (const action of ['peek', 'answer', 'fetch']) app.post(`/api/requests/:id/${action}`, requests);
  }
  if (limits.manage) {
    const limit = rateLimit(limits.manage, 'Too many status or revoke requests');
    for (const kind of ['notes', 'requests']) {
      app.post(`/api/${kind}/status`, limit);
      app.on(['GET', 'DELETE'], `/api/${kind}/:id`, limit);
    }
  }
}
