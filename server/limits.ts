// Per-client rate limits: a fixed window per client address and limit. The counters live in memory
// with SQLite (one process), and in Redis when several instances share it, so that a client cannot
// multiply its allowance by the number of instances.
import { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { fail } from './errors';

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

export interface RateCounter {
  /** Counts one request under `key`; says how many the current window holds and when it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

/** Counters in this process's memory, for a single instance. */
export function memoryRateCounter(now: () => number = Date.now): RateCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextPrune = 0;
  return {
    hit: async (key, windowMs) => {
      const t = now();
      // Forget finished windows now and then, so that many one-off clients do not pile up.
      if (t >= nextPrune) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        nextPrune = t + 60_000;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= t) {
        window = { count: 0, resetAt: t + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return { count: window.count, resetInMs: window.resetAt - t };
    },
  };
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
  /** Names the limit in counters and metrics: `create`, `consume`. */
  name: string;
  limit: RateLimit;
  counter: RateCounter;
  trustedProxies: number;
  /** What the client was doing, for the sentence: "Too many notes created". */
  what: string;
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/** Answers 429 with Retry-After once a client passes the limit within its window. */
export function rateLimit({ name, limit, counter, trustedProxies, what }: RateLimitOptions): MiddlewareHandler {
  const windowMs = limit.windowSeconds * 1000;
  return async (c, next) => {
    const { count, resetInMs } = await counter.hit(`${name}:${clientAddress(c, trustedProxies)}`, windowMs);
    if (count <= limit.max) return next();
    const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
    c.header('retry-after', String(retryAfter));
    return fail(c, 429, 'rate_limited',
      `${what} from your address in a short time (the limit is ${limit.max} per ${seconds(limit.windowSeconds)}). Try again in ${seconds(retryAfter)}.`);
  };
}
