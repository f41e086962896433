// Request-a-secret cryptography, WebCrypto only (extension pages, the answer page and Node share it).
// The requester holds an X25519 key pair; the request link carries the public key. From the
// public key come, by HKDF, the answer token (shown to the server to answer) and the key of the
// requester's note. An answer is encrypted to the public key: an ephemeral X25519 key agreement,
// HKDF-SHA256 to an AES-256-GCM key, the payload padded to the same buckets as notes.
// docs/PROTOCOL.md §7 is the specification; test/vectors/request-v1.json pins it.
import { fromBase64url, toBase64url } from '../base64url';
import {
  GCM_TAG_BYTES,
  MAX_PLAINTEXT_BYTES,
  hkdf,
  pad,
  unpad,
  type CryptoError,
} from '../crypto';
import { formatBytes } from '../format';
import { err, ok, type Result } from '../result';
import { REQUEST_NOTE_MAX_BYTES } from './limits';
import type { AnswerEnvelope, SealedRequestNote } from './protocol';
import { decodeUtf8 } from '../utf8';

/** The key agreement: X25519 (RFC 7748), in WebCrypto in Chromium, Firefox, Safari and Node 20. */
export const KEY_AGREEMENT = { name: 'X25519' } as const;
export const PUBLIC_KEY_BYTES = 32;

const encoder = new TextEncoder();
const systemRandom = (bytes: number) => crypto.getRandomValues(new Uint8Array(bytes));

/** The associated data of a requester's note: format, part and algorithm. */
export const REQUEST_NOTE_AD = 'burnlink;v=1;part=request-note;alg=A256GCM';

/** The associated data of an answer: format, part, algorithms, and the request it answers. */
export function answerAssociatedData(requestId: string): string {
  return `burnlink;v=1;part=answer;alg=A256GCM;kex=X25519;request=${requestId}`;
}

/**
 * A fresh key pair for one request. The private key is not extractable: WebCrypto will use it to
 * decrypt the answer and never hand out its bytes (it can still be kept in IndexedDB).
 */
export async function generateRequestKeys(): Promise<CryptoKeyPair> {
  const pair = await crypto.subtle.generateKey(KEY_AGREEMENT, false, ['deriveBits']);
  // X25519 always gives a pair; the check narrows WebCrypto's CryptoKey | CryptoKeyPair.
  if (!('privateKey' in pair)) throw new Error('X25519 key generation returned a single key');
  return pair;
}

/** The raw 32 bytes of a public key, as the request link carries them. */
export async function exportPublicKey(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', publicKey));
}

/** Whether this browser can do X25519 in WebCrypto (all current ones; older ones cannot answer). */
export async function supportsRequests(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey(KEY_AGREEMENT, false, ['deriveBits']);
    return true;
  } catch {
    return false;
  }
}

export interface RequestSecrets {
  /** Shown to the server to peek and to answer: proves the request link without revealing it. */
  answerToken: string;
  /** Encrypts and decrypts the requester's note. */
  noteKey: CryptoKey;
}

/** The answer token and the note key, derived by HKDF from the requester's public key. */
export async function requestSecrets(publicKey: Uint8Array): Promise<RequestSecrets> {
  const ikm = await crypto.subtle.importKey('raw', publicKey as BufferSource, 'HKDF', false, ['deriveBits']);
  const [token, noteBits] = await Promise.all([
    hkdf(ikm, 'burnlink/v1/request/answer-token', 256),
    hkdf(ikm, 'burnlink/v1/request/note-key', 256),
  ]);
  const noteKey = await crypto.subtle.importKey('raw', noteBits as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { answerToken: toBase64url(token), noteKey };
}

const DAMAGED_NOTE = { code: 'malformed' as const, message: 'The request\'s note is damaged and cannot be shown.' };

/** Encrypts the requester's note (may be empty) for whoever holds the link. */
export async function sealRequestNote(
  note: string,
  noteKey: CryptoKey,
  random: (bytes: number) => Uint8Array = systemRandom,
): Promise<Result<SealedRequestNote, CryptoError>> {
  const data = encoder.encode(note);
  if (data.length > REQUEST_NOTE_MAX_BYTES) {
    return err({ code: 'too_large', message: `The note is ${formatBytes(data.length - REQUEST_NOTE_MAX_BYTES)} too long: the most is ${REQUEST_NOTE_MAX_BYTES} bytes. Shorten it.` });
  }
  const iv = random(12);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(REQUEST_NOTE_AD) },
    noteKey, pad(data) as BufferSource);
  return ok({ v: 1, alg: 'A256GCM', iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) });
}

/** The requester's note, decrypted with the key from the link. */
export async function openRequestNote(sealed: SealedRequestNote, noteKey: CryptoKey): Promise<Result<string, CryptoError>> {
  const iv = fromBase64url(sealed.iv);
  const ct = fromBase64url(sealed.ct);
  if (!iv || iv.length !== 12 || !ct || ct.length < GCM_TAG_BYTES + 4) return err(DAMAGED_NOTE);
  let padded: Uint8Array;
  try {
    padded = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(REQUEST_NOTE_AD) }, noteKey, ct as BufferSource));
  } catch {
    return err({ code: 'decrypt_failed', message: 'The request\'s note could not be decrypted: the link is damaged, or the note was altered.' });
  }
  const data = unpad(padded);
  if (!data) return err(DAMAGED_NOTE);
  const text = decodeUtf8(data);
  return text === undefined ? err(DAMAGED_NOTE) : ok(text);
}

/**
 * The AES-256-GCM key of an answer: HKDF-SHA256 of the X25519 shared secret, with the ephemeral
 * and the requester's public keys in `info`, so that the key belongs to this pair of keys only.
 * WebCrypto refuses a shared secret of all zeros (a low-order public key), which fails here.
 */
async function answerKey(privateKey: CryptoKey, peer: Uint8Array, ephemeralPublic: Uint8Array, requesterPublic: Uint8Array): Promise<CryptoKey> {
  const peerKey = await crypto.subtle.importKey('raw', peer as BufferSource, KEY_AGREEMENT, false, []);
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: peerKey }, privateKey, 256));
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  shared.fill(0);
  const label = encoder.encode('burnlink/v1/answer-key');
  const info = new Uint8Array(label.length + 2 * PUBLIC_KEY_BYTES);
  info.set(label);
  info.set(ephemeralPublic, label.length);
  info.set(requesterPublic, label.length + PUBLIC_KEY_BYTES);
  const bits = await hkdf(ikm, info, 256);
  return crypto.subtle.importKey('raw', bits as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export interface SealAnswerOptions {
  /** The requester's public key, from the link. */
  publicKey: Uint8Array;
  requestId: string;
  /** Tests pass a fixed ephemeral key pair and IV to reproduce the vectors. */
  ephemeral?: CryptoKeyPair;
  random?: (bytes: number) => Uint8Array;
}

const BAD_LINK_KEY = {
  code: 'malformed' as const,
  message: 'The key in this request link is not usable. Ask the requester to copy the whole link again.',
};

/** Encrypts an answer's payload (text, or text and files: utils/core/payload) to the requester. */
export async function sealAnswer(data: Uint8Array, options: SealAnswerOptions): Promise<Result<AnswerEnvelope, CryptoError>> {
  if (data.length === 0) return err({ code: 'empty', message: 'There is nothing to send: the answer is empty.' });
  if (data.length > MAX_PLAINTEXT_BYTES) {
    return err({ code: 'too_large', message: `The answer is ${formatBytes(data.length - MAX_PLAINTEXT_BYTES)} too large: the most is ${formatBytes(MAX_PLAINTEXT_BYTES)}.` });
  }
  if (options.publicKey.length !== PUBLIC_KEY_BYTES) return err(BAD_LINK_KEY);
  const ephemeral = options.ephemeral ?? await crypto.subtle.generateKey(KEY_AGREEMENT, true, ['deriveBits']);
  if (!('privateKey' in ephemeral)) throw new Error('X25519 key generation returned a single key');
  const epk = await exportPublicKey(ephemeral.publicKey);
  let key: CryptoKey;
  try {
    key = await answerKey(ephemeral.privateKey, options.publicKey, epk, options.publicKey);
  } catch {
    return err(BAD_LINK_KEY);
  }
  const iv = (options.random ?? systemRandom)(12);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(answerAssociatedData(options.requestId)) },
    key, pad(data) as BufferSource);
  return ok({ v: 1, alg: 'A256GCM', kex: 'X25519', epk: toBase64url(epk), iv: toBase64url(iv), ct: toBase64url(new Uint8Array(ct)) });
}

export interface OpenAnswerOptions {
  /** The requester's private key (non-extractable is fine: it is only used, never read). */
  privateKey: CryptoKey;
  /** The requester's public key, raw. */
  publicKey: Uint8Array;
  requestId: string;
}

const DAMAGED_ANSWER = { code: 'malformed' as const, message: 'The answer is damaged and cannot be decrypted.' };

/** Decrypts an answer to its payload bytes, padding removed. */
export async function openAnswer(envelope: AnswerEnvelope, options: OpenAnswerOptions): Promise<Result<Uint8Array, CryptoError>> {
  if (envelope.v !== 1 || envelope.alg !== 'A256GCM' || envelope.kex !== 'X25519') {
    return err({ code: 'unsupported', message: 'This answer uses a format this version of Burnlink does not know. Update Burnlink and try again.' });
  }
  const epk = fromBase64url(envelope.epk);
  const iv = fromBase64url(envelope.iv);
  const ct = fromBase64url(envelope.ct);
  if (!epk || epk.length !== PUBLIC_KEY_BYTES || !iv || iv.length !== 12 || !ct || ct.length < GCM_TAG_BYTES + 4) return err(DAMAGED_ANSWER);
  const failed = { code: 'decrypt_failed' as const, message: 'The answer could not be decrypted: it was not made for this request\'s key, or it was altered.' };
  let padded: Uint8Array;
  try {
    const key = await answerKey(options.privateKey, epk, epk, options.publicKey);
    padded = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(answerAssociatedData(options.requestId)) },
      key, ct as BufferSource));
  } catch {
    return err(failed);
  }
  const data = unpad(padded);
  return data ? ok(data) : err(DAMAGED_ANSWER);
}
