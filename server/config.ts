// Server configuration from environment variables, with defaults for a local single machine.
import path from 'node:path';
import { z } from 'zod';
import { MAX_PLAINTEXT_BYTES } from '../utils/crypto';
import { MAX_READS_LIMIT } from '../utils/protocol';

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

const Env = z.object({
  PORT: integer(0, 65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_NOTE_BYTES: integer(1, MAX_PLAINTEXT_BYTES).default(512 * 1024),
  EXPIRY_CHOICES: z.string().default('5m,1h,24h,7d')
    .transform((list) => list.split(',').filter((s) => s.trim() !== ''))
    .pipe(z.array(duration).min(1)),
  DEFAULT_EXPIRY: duration.default(24 * 3600),
  MAX_READS: integer(1, MAX_READS_LIMIT).default(MAX_READS_LIMIT),
  SWEEP_INTERVAL: duration.default(60),
  CREATE_TOKEN: z.string().min(16, 'CREATE_TOKEN must be at least 16 characters').optional(),
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
  const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
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
    },
  };
}
