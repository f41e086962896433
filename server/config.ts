// Server configuration from environment variables, with defaults for a local single machine.
import path from 'node:path';
import { z } from 'zod';
import { MAX_PLAINTEXT_BYTES } from '../utils/core/crypto';
import { MAX_READS_LIMIT } from '../utils/core/protocol';
import type { RateLimit } from './limits';
import { LOG_LEVELS, type LogLevel } from './logger';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses `90s`, `5m`, `24h`, `7d` (or plain seconds) into seconds. */
export function parseDuration(text: string): number | undefined {
  const m = text.trim().match(/^(\d+)\s*([smhd]?)$/);
  if (!m) return undefined;
  const seconds = Number(m[1]) * (UNITS[m[2] || 's'] ?? 1);
  return seconds > 0 ? seconds : undefined;
}

const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration like 90s, 5m, 24h or 7d` });
    return z.NEVER;
  }
  return seconds;
});

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `60/1m`: at most 60 requests per minute per client; `off`: no limit. */
// `off` is null, not undefined: zod would put the default in place of an undefined output.
const rateLimit = z.string().transform((text, ctx): RateLimit | null => {
  if (/^(off|0)$/i.test(text.trim())) return null;
  const m = text.trim().match(/^(\d+)\s*\/\s*(.+)$/);
  const max = m ? Number(m[1]) : 0;
  const windowSeconds = m?.[2] === undefined ? undefined : parseDuration(m[2]);
  if (max < 1 || windowSeconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a limit like 60/1m (requests per window) or off` });
    return z.NEVER;
  }
  return { max, windowSeconds };
});

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** `1g`, `512m`, `65536` (bytes; binary units); `off` or 0: no cap. */
const byteSize = z.string().transform((text, ctx) => {
  if (/^(off|0)$/i.test(text.trim())) return 0;
  const m = text.trim().toLowerCase().match(/^(\d+)\s*([kmg]?)i?b?$/);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a size like 1g, 512m or 65536 (bytes)` });
    return z.NEVER;
  }
  return Number(m[1]) * (SIZE_UNITS[m[2] ?? ''] ?? 1);
});

/** How many proxies in front of the server append to X-Forwarded-For; `true` means one. */
const proxies = z.string().transform((text, ctx) => {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 'yes') return 1;
  if (t === 'false' || t === 'no') return 0;
  if (/^\d+$/.test(t) && Number(t) <= 10) return Number(t);
  ctx.addIssue({ code: 'custom', message: `"${text}" is not a number of trusted proxies (0-10) or true/false` });
  return z.NEVER;
});

/** `*`, or a comma-separated list of web origins such as `https://intranet.example.com`. */
const origins = z.string().transform((text, ctx): string[] | '*' => {
  if (text.trim() === '*') return '*';
  const list = text.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter((s) => s !== '');
  for (const origin of list) {
    let parsed: URL | undefined;
    try { parsed = new URL(origin); } catch { parsed = undefined; }
    if (!parsed || parsed.origin === 'null' || parsed.origin !== origin.toLowerCase()) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://intranet.example.com (scheme, host and port only), or *` });
      return z.NEVER;
    }
  }
  return list.map((origin) => origin.toLowerCase());
});

const Env = z.object({
  PORT: integer(0, 65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  // Text and files of one note, before padding. 1 MiB holds any usual credential file (a kubeconfig,
  // a .p12, a service-account key) with room to spare; up to 32 MiB for those who need large files.
  MAX_NOTE_BYTES: byteSize.pipe(z.number().int()
    .min(1, 'MAX_NOTE_BYTES must be at least 1 byte')
    .max(MAX_PLAINTEXT_BYTES, `MAX_NOTE_BYTES must be at most ${MAX_PLAINTEXT_BYTES} bytes (32 MiB − 4)`)).default(1024 * 1024),
  EXPIRY_CHOICES: z.string().default('5m,1h,24h,7d')
    .transform((list) => list.split(',').filter((s) => s.trim() !== ''))
    .pipe(z.array(duration).min(1)),
  DEFAULT_EXPIRY: duration.default(24 * 3600),
  MAX_READS: integer(1, MAX_READS_LIMIT).default(MAX_READS_LIMIT),
  SWEEP_INTERVAL: duration.default(60),
  CREATE_TOKEN: z.string().min(16, 'CREATE_TOKEN must be at least 16 characters').optional(),
  WEB_CREATE: z.stringbool({ error: 'WEB_CREATE must be on or off' }).default(true),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  TRUST_PROXY: proxies.default(0),
  RATE_LIMIT_CREATE: rateLimit.default({ max: 60, windowSeconds: 60 }),
  RATE_LIMIT_CONSUME: rateLimit.default({ max: 300, windowSeconds: 60 }),
  RATE_LIMIT_MANAGE: rateLimit.default({ max: 120, windowSeconds: 60 }),
  MAX_STORE_BYTES: byteSize.default(1024 ** 3),
  HEADERS_TIMEOUT: duration.default(10),
  REQUEST_TIMEOUT: duration.default(30),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  CREATE_ORIGINS: origins.default([]),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  maxNoteBytes: number;
  /** Seconds, shortest first. */
  expiryChoices: number[];
  defaultExpiry: number;
  maxReads: number;
  sweepIntervalSeconds: number;
  createToken: string | undefined;
  /** The page at `/` offers a form to create notes in the browser. */
  webCreate: boolean;
  /** Set: notes live in this Redis (several instances); unset: in SQLite under dataDir. */
  redisUrl: string | undefined;
  /** Proxies in front whose X-Forwarded-For is believed (0: the TCP peer is the client). */
  trustProxy: number;
  /** Per-client limits; undefined when off. Peeks count toward the consume limit. */
  rateLimitCreate: RateLimit | undefined;
  rateLimitConsume: RateLimit | undefined;
  /** Status (single and batch) and revoke requests, which hold manage tokens. */
  rateLimitManage: RateLimit | undefined;
  /** Cap on stored ciphertext bytes; 0: none. */
  maxStoreBytes: number;
  /** Seconds a client may take to send its request headers, and its whole request. */
  headersTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  logLevel: LogLevel;
  /** Unset: /metrics answers only on a server that listens on loopback (see routes/metrics.ts). */
  metricsToken: string | undefined;
  /** Web origins whose pages may create, besides this server's own and extensions (cors.ts); `*`: any. */
  createOrigins: string[] | '*';
}

/** Whether an address to listen on is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

export type ConfigResult = { ok: true; value: Config } | { ok: false; error: string };

/** Reads the configuration; an invalid variable gives one sentence naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Invalid configuration: ${issue?.path.join('.') || 'environment'}: ${issue?.message}` };
  }
  const e = parsed.data;
  const expiryChoices = [...new Set(e.EXPIRY_CHOICES)].sort((a, b) => a - b);
  if (!expiryChoices.includes(e.DEFAULT_EXPIRY)) {
    return { ok: false, error: `Invalid configuration: DEFAULT_EXPIRY (${e.DEFAULT_EXPIRY}s) must be one of EXPIRY_CHOICES.` };
  }
  if (e.HEADERS_TIMEOUT > e.REQUEST_TIMEOUT) {
    return { ok: false, error: `Invalid configuration: HEADERS_TIMEOUT (${e.HEADERS_TIMEOUT}s) must not be longer than REQUEST_TIMEOUT (${e.REQUEST_TIMEOUT}s).` };
  }
  const listen = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  // An IPv6 address goes in brackets in a URL: http://[::1]:8787.
  const host = listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen;
  return {
    ok: true,
    value: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: (e.PUBLIC_URL ?? `http://${host}:${e.PORT}`).replace(/\/+$/, ''),
      dataDir: path.resolve(e.DATA_DIR),
      maxNoteBytes: e.MAX_NOTE_BYTES,
      expiryChoices,
      defaultExpiry: e.DEFAULT_EXPIRY,
      maxReads: e.MAX_READS,
      sweepIntervalSeconds: e.SWEEP_INTERVAL,
      createToken: e.CREATE_TOKEN,
      webCreate: e.WEB_CREATE,
      redisUrl: e.REDIS_URL,
      trustProxy: e.TRUST_PROXY,
      rateLimitCreate: e.RATE_LIMIT_CREATE ?? undefined,
      rateLimitConsume: e.RATE_LIMIT_CONSUME ?? undefined,
      rateLimitManage: e.RATE_LIMIT_MANAGE ?? undefined,
      maxStoreBytes: e.MAX_STORE_BYTES,
      headersTimeoutSeconds: e.HEADERS_TIMEOUT,
      requestTimeoutSeconds: e.REQUEST_TIMEOUT,
      logLevel: e.LOG_LEVEL,
      metricsToken: e.METRICS_TOKEN,
      createOrigins: e.CREATE_ORIGINS,
    },
  };
}
