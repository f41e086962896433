// Note encryption. WebCrypto only (extension pages, web pages and Node share this file):
// HKDF-SHA256 from a random 256-bit link key, optionally mixed with a PBKDF2-stretched
// passphrase, to an AES-256-GCM key and two tokens; plaintext padded to size buckets.
import { toBase64url, fromBase64url } from './base64url';
import { formatBytes } from './format';
import type { Envelope } from './protocol';
import { err, ok, type Result } from './result';
import { decodeUtf8 } from './utf8';

export const LINK_KEY_BYTES = 32;
export const PBKDF2_ITERATIONS = 600_000 as const;
/** Bytes of the length prefix inside the padded plaintext. */
const LENGTH_PREFIX = 4;
/** The largest padded plaintext the format allows (32 MiB); each server sets its own lower limit. */
const MAX_PADDED_BYTES = 32 * 1024 * 1024;
export const MAX_PLAINTEXT_BYTES = MAX_PADDED_BYTES - LENGTH_PREFIX;
export const GCM_TAG_BYTES = 16;

const encoder = new TextEncoder();
const HKDF_SALT = encoder.encode('burnlink/v1');

export type CryptoError =
  | { code: 'empty'; message: string }
  | { code: 'too_large'; message: string }
  | { code: 'malformed'; message: string }
  | { code: 'unsupported'; message: string }
  | { code: 'passphrase_required'; message: string }
  | { code: 'decrypt_failed'; message: string };

/** Size in bytes of a plaintext of `byteLength` after padding (what the server gets to see). */
export function paddedSize(byteLength: number): number {
  const n = byteLength + LENGTH_PREFIX;
  if (n <= 256) return 256;
  if (n <= 64 * 1024) return 2 ** Math.ceil(Math.log2(n));
  return Math.ceil(n / (64 * 1024)) * 64 * 1024;
}

/** Size in bytes of the ciphertext (`ct`, decoded) for a plaintext of `byteLength` bytes. */
export function ciphertextSize(byteLength: number): number {
  return paddedSize(byteLength) + GCM_TAG_BYTES;
}

/** `uint32_be(length) ‖ data ‖ zeros`, to the size bucket of `data` (docs/PROTOCOL.md §3). */
export function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(paddedSize(data.length));
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(data, LENGTH_PREFIX);
  return out;
}

/** The data inside a padded plaintext; undefined when its length prefix is impossible. */
export function unpad(padded: Uint8Array): Uint8Array | undefined {
  if (padded.length < LENGTH_PREFIX) return undefined;
  const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0);
  if (length > padded.length - LENGTH_PREFIX) return undefined;
  return padded.subarray(LENGTH_PREFIX, LENGTH_PREFIX + length);
}

/** The bytes that bind a ciphertext to its format version and parameters (AES-GCM associated data). */
export function associatedData(envelope: Pick<Envelope, 'v' | 'alg' | 'kdf' | 'iter'>): Uint8Array {
  return encoder.encode(`burnlink;v=${envelope.v};alg=${envelope.alg};kdf=${envelope.kdf};iter=${envelope.iter ?? 0}`);
}

export interface NoteKeys {
  encryptionKey: CryptoKey;
  /** Proves knowledge of the link key to the server (never the key itself). */
  keyProof: string;
  /** Needed to consume: derived from the link key and, when set, the stretched passphrase. */
  readToken: string;
}

/** HKDF-SHA256 with the format's salt (`burnlink/v1`); `info` as text or bytes. */
export async function hkdf(ikm: CryptoKey, info: string | Uint8Array, bits: number): Promise<Uint8Array> {
  const out = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: (typeof info === 'string' ? encoder.encode(info) : info) as BufferSource }, ikm, bits);
  return new Uint8Array(out);
}

/** Stretches a passphrase (Unicode NFC, UTF-8) with PBKDF2-HMAC-SHA256, salted with the link key. */
async function stretchPassphrase(passphrase: string, linkKey: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    'raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: linkKey as BufferSource, iterations }, material, 256);
  return new Uint8Array(bits);
}

/**
 * Derives the encryption key and the two server tokens from a link key and optional passphrase.
 * Both are needed when a passphrase is set: the input keying material is key ‖ stretched passphrase.
 */
export async function deriveNoteKeys(linkKey: Uint8Array, passphrase?: string): Promise<NoteKeys> {
  const linkOnly = await crypto.subtle.importKey('raw', linkKey as BufferSource, 'HKDF', false, ['deriveBits']);
  let material = linkOnly;
  if (passphrase) {
    const stretched = await stretchPassphrase(passphrase, linkKey, PBKDF2_ITERATIONS);
    const ikm = new Uint8Array(linkKey.length + stretched.length);
    ikm.set(linkKey);
    ikm.set(stretched, linkKey.length);
    material = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  }
  const [encBits, keyProof, readToken] = await Promise.all([
    hkdf(material, 'burnlink/v1/encryption-key', 256),
    hkdf(linkOnly, 'burnlink/v1/key-proof', 256),
    hkdf(material, 'burnlink/v1/read-token', 256),
  ]);
  const encryptionKey = await crypto.subtle.importKey('raw', encBits as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { encryptionKey, keyProof: toBase64url(keyProof), readToken: toBase64url(readToken) };
}

export interface SealedNote {
  envelope: Envelope;
  linkKey: Uint8Array;
  keyProof: string;
  readToken: string;
}

export interface EncryptOptions {
  passphrase?: string;
  /** Source of randomness; tests inject fixed bytes to reproduce the vectors. */
  random?: (bytes: number) => Uint8Array;
}

const systemRandom = (bytes: number) => crypto.getRandomValues(new Uint8Array(bytes));

/** Encrypts a text secret under a fresh link key (and the passphrase, when given). */
export async function encryptNote(plaintext: string, options: EncryptOptions = {}): Promise<Result<SealedNote, CryptoError>> {
  if (plaintext.length === 0) return err({ code: 'empty', message: 'There is nothing to share: the secret is empty.' });
  return encryptBytes(encoder.encode(plaintext), options);
}

/**
 * Encrypts plaintext bytes (a note's payload, utils/core/payload.ts) under a fresh link key and
 * the passphrase, when given.
 */
export async function encryptBytes(data: Uint8Array, options: EncryptOptions = {}): Promise<Result<SealedNote, CryptoError>> {
  if (data.length === 0) return err({ code: 'empty', message: 'There is nothing to share: the secret is empty.' });
  if (data.length > MAX_PLAINTEXT_BYTES) {
    // Say by how much: "32.0 MB, the most is 32.0 MB" would leave people guessing at the limit.
    const excess = formatBytes(data.length - MAX_PLAINTEXT_BYTES);
    return err({ code: 'too_large', message: `The secret is ${excess} too large: the most is ${formatBytes(MAX_PLAINTEXT_BYTES)}.` });
  }
  if (options.passphrase !== undefined && options.passphrase.length === 0) {
    return err({ code: 'empty', message: 'The passphrase is empty: type one, or turn the passphrase off.' });
  }
  const random = options.random ?? systemRandom;
  const linkKey = random(LINK_KEY_BYTES);
  const iv = random(12);
  const header = options.passphrase === undefined
    ? { v: 1 as const, alg: 'A256GCM' as const, kdf: 'hkdf-sha256' as const }
    : { v: 1 as const, alg: 'A256GCM' as const, kdf: 'pbkdf2-sha256' as const, iter: PBKDF2_ITERATIONS };
  const keys = await deriveNoteKeys(linkKey, options.passphrase);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: associatedData(header) as BufferSource },
    keys.encryptionKey, pad(data) as BufferSource);
  return ok({
    envelope: { ...header, iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) },
    linkKey,
    keyProof: keys.keyProof,
    readToken: keys.readToken,
  });
}

/**
 * Decrypts a text note (payload format 1) with the link key (and passphrase when the envelope
 * needs one). `derived`: keys already derived from the same key and passphrase, to skip a second PBKDF2.
 */
export async function decryptNote(
  envelope: Envelope,
  linkKey: Uint8Array,
  passphrase?: string,
  derived?: NoteKeys,
): Promise<Result<string, CryptoError>> {
  const data = await decryptBytes(envelope, linkKey, passphrase, derived);
  if (!data.ok) return data;
  const text = decodeUtf8(data.value);
  return text === undefined ? err({ code: 'malformed', message: 'The note is damaged: it is not valid text.' }) : ok(text);
}

/** Decrypts an envelope to its plaintext bytes, padding removed (a payload: utils/core/payload-read.ts). */
export async function decryptBytes(
  envelope: Envelope,
  linkKey: Uint8Array,
  passphrase?: string,
  derived?: NoteKeys,
): Promise<Result<Uint8Array, CryptoError>> {
  if (envelope.v !== 1 || envelope.alg !== 'A256GCM') {
    return err({ code: 'unsupported', message: 'This note uses a format this version of Burnlink does not know. Update Burnlink and try again.' });
  }
  const iv = fromBase64url(envelope.iv);
  const ct = fromBase64url(envelope.ct);
  if (!iv || iv.length !== 12 || !ct || ct.length < GCM_TAG_BYTES + LENGTH_PREFIX || linkKey.length !== LINK_KEY_BYTES) {
    return err({ code: 'malformed', message: 'The note is damaged and cannot be decrypted.' });
  }
  const needsPassphrase = envelope.kdf === 'pbkdf2-sha256';
  if (needsPassphrase && (passphrase === undefined || passphrase.length === 0)) {
    return err({ code: 'passphrase_required', message: 'This note is protected by a passphrase. Ask the sender for it.' });
  }
  const keys = derived ?? await deriveNoteKeys(linkKey, needsPassphrase ? passphrase : undefined);
  let padded: Uint8Array;
  try {
    padded = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: associatedData(envelope) as BufferSource },
      keys.encryptionKey, ct as BufferSource));
  } catch {
    return err({ code: 'decrypt_failed', message: 'The note could not be decrypted: the link key or passphrase is wrong, or the note was altered.' });
  }
  const data = unpad(padded);
  return data ? ok(data) : err({ code: 'malformed', message: 'The note is damaged and cannot be decrypted.' });
}
