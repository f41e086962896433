// What several readers need: byte codecs, one careful fetch, JSON checked with zod, and the few
// WebCrypto calls the tools share. Everything works in extension pages and in Node 20.
import type { z } from 'zod/mini';
import { err, ok, type Result } from '../../core/result';
import type { ReaderEnv, ReaderError } from './types';

const encoder = new TextEncoder();

/** Bytes backed by a plain ArrayBuffer: what WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

export const utf8 = (text: string): Bytes => encoder.encode(text);
/** Text as the other tool's sender wrote it: a leading U+FEFF is kept, broken bytes become U+FFFD. */
export const fromUtf8 = (bytes: Bytes): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** Standard base64 (with or without padding); undefined when it is not base64. */
export function fromBase64(text: string): Bytes | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function toBase64(bytes: Bytes): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromHex(text: string): Bytes | undefined {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return undefined;
  return Uint8Array.from({ length: text.length / 2 }, (_, i) => parseInt(text.slice(i * 2, i * 2 + 2), 16));
}

export const toHex = (bytes: Bytes): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** `href` as a URL when it is an http(s) address; undefined for anything else. */
export function httpUrl(href: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/**
 * The ciphertext one session fetched: fetched on the first reveal and kept in memory until it
 * decrypts or the person gives up, so a retry with another password never fetches (or burns) again.
 */
export function heldOnce<T>() {
  let held: T | undefined;
  return {
    /** Fetches unless already held, then opens; what opened is let go of. */
    async open<R>(
      fetchOnce: () => Promise<Result<T, ReaderError>>,
      open: (held: T) => Promise<Result<R, ReaderError>>,
    ): Promise<Result<R, ReaderError>> {
      if (held === undefined) {
        const fetched = await fetchOnce();
        if (!fetched.ok) return fetched;
        held = fetched.value;
      }
      const result = await open(held);
      if (result.ok) held = undefined;
      return result;
    },
    holds: () => held !== undefined,
    forget: () => { held = undefined; },
  };
}

/** The origin and path of a URL without a trailing slash: the base a tool's API paths hang off. */
export const baseOf = (url: URL, path = ''): string => `${url.origin}${path}`.replace(/\/+$/, '');

export interface Fetched {
  status: number;
  contentType: string;
  bytes: Bytes;
}

/** Bodies larger than this are refused: no one-time secret is this big, and memory is shared. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * One request to a tool's server. No cookies, no referrer, no cache; a timeout. A refused
 * connection and a response the browser withheld (CORS) look the same here: both are `unreachable`.
 */
export async function send(env: ReaderEnv, toolName: string, url: string, init: RequestInit = {}): Promise<Result<Fetched, ReaderError>> {
  let response: Response;
  try {
    response = await env.fetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: AbortSignal.timeout(env.timeoutMs ?? 20_000),
    });
  } catch {
    return err({
      code: 'unreachable',
      message: `Could not reach the ${toolName} server at ${new URL(url).host}: you may be offline, the server may be down, or it does not let Burnlink read it. Try again, or open the link on its own site.`,
      words: { key: 'readers.unreachable', params: { tool: toolName, host: new URL(url).host } },
    });
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return err(tooLarge(toolName));
  let bytes: Bytes;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return err({
      code: 'unreachable',
      message: `The connection to ${new URL(url).host} broke off before the answer was complete. Try again.`,
      words: { key: 'readers.brokeOff', params: { host: new URL(url).host } },
    });
  }
  if (bytes.length > MAX_BODY_BYTES) return err(tooLarge(toolName));
  return ok({ status: response.status, contentType: response.headers.get('content-type') ?? '', bytes });
}

const tooLarge = (toolName: string): ReaderError => ({
  code: 'bad_response',
  message: `The ${toolName} server sent more than ${MAX_BODY_BYTES / 1024 / 1024} MiB: too large to be a secret. Open the link on its own site.`,
  words: { key: 'readers.tooLarge', params: { tool: toolName, size: MAX_BODY_BYTES / 1024 / 1024 } },
});

/** Parses a body as JSON of the given shape. */
export function parseJson<S extends z.ZodMiniType>(body: Bytes, schema: S): z.infer<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(body));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export const badResponse = (toolName: string, host: string, site?: string): ReaderError => ({
  code: 'bad_response',
  message: `${host} did not answer like a ${toolName} server. Open the link on its own site.`,
  words: { key: 'readers.badResponse', params: { tool: toolName, host } },
  ...(site ? { site } : {}),
});

/** PBKDF2-HMAC `hash` over `password` bytes, `bits` long. */
export async function pbkdf2(password: Bytes, salt: Bytes, iterations: number, hash: string, bits: number): Promise<Bytes> {
  const material = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash }, material, bits));
}

/** AES-GCM decryption; undefined when the tag does not verify (wrong key or damaged data). */
export async function aesGcmDecrypt(
  key: Bytes,
  iv: Bytes,
  data: Bytes,
  options: { additionalData?: Bytes; tagLength?: number } = {},
): Promise<Bytes | undefined> {
  if (![16, 24, 32].includes(key.length) || iv.length === 0) return undefined;
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  try {
    const params: AesGcmParams = { name: 'AES-GCM', iv, tagLength: options.tagLength ?? 128 };
    if (options.additionalData) params.additionalData = options.additionalData;
    return new Uint8Array(await crypto.subtle.decrypt(params, cryptoKey, data));
  } catch {
    return undefined;
  }
}

/** Reads a byte array in any of the JSON forms servers use: `[1,2]`, `{"0":1,"1":2}`, `{"type":"Buffer","data":[..]}`. */
export function bytesFromJson(value: unknown): Bytes | undefined {
  const isByte = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255;
  if (Array.isArray(value)) return value.every(isByte) ? Uint8Array.from(value) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.type === 'Buffer' && Array.isArray(record.data)) return bytesFromJson(record.data);
  const keys = Object.keys(record);
  const out = new Uint8Array(keys.length);
  for (const k of keys) {
    const i = Number(k);
    const b = record[k];
    if (!/^(0|[1-9]\d*)$/.test(k) || i >= keys.length || !isByte(b)) return undefined;
    out[i] = b;
  }
  return out;
}

/** Shortens an id for display: the first and last few characters. */
export const shortId = (id: string): string => (id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id);
