// Base64url without padding (RFC 4648 §5). Works in extension pages, web pages and Node 20.
// Uses the engine's own encoder where there is one (Uint8Array.prototype.toBase64 in current
// browsers, Buffer in Node); the portable fallback is for older engines.

const CHUNK = 0x8000;

interface NativeBase64 {
  toBase64?: (options: { alphabet: 'base64url'; omitPadding: boolean }) => string;
}
interface NodeBuffer {
  from(bytes: Uint8Array): { toString(encoding: 'base64url'): string };
  from(text: string, encoding: 'base64url'): Uint8Array;
}
interface NativeFromBase64 {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array;
}
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function toBase64url(bytes: Uint8Array): string {
  const native = bytes as Uint8Array & NativeBase64;
  if (typeof native.toBase64 === 'function') return native.toBase64({ alphabet: 'base64url', omitPadding: true });
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64url');
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    // Reflect.apply, not a spread: spreading a typed array goes through its iterator, ~5x slower.
    binary += Reflect.apply(String.fromCharCode, null, bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The last characters a canonical spelling may end with, by length modulo 4: after 2 characters
 * of a group the last one carries 4 unused low bits, after 3 it carries 2, and those must be zero.
 */
const CANONICAL_LAST: Record<number, string> = { 2: 'AQgw', 3: 'AEIMQUYcgkosw048' };

/**
 * Whether text of the base64url alphabet is the one canonical spelling of its bytes: its length
 * is possible (not 1 more than a multiple of 4) and the unused low bits of its last character are
 * zero. It does not look at the other characters (a regular expression does that).
 */
export function hasCanonicalEnd(text: string): boolean {
  const rest = text.length % 4;
  if (rest === 1) return false;
  const allowed = CANONICAL_LAST[rest];
  return allowed === undefined || allowed.includes(text.charAt(text.length - 1));
}

/**
 * A regular expression source matching exactly `bytes` bytes in canonical base64url, e.g. for 32
 * bytes `[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]`: one spelling per value, checkable anywhere.
 */
export function base64urlPattern(bytes: number): string {
  const length = Math.ceil((bytes * 4) / 3);
  const last = CANONICAL_LAST[length % 4];
  return last === undefined ? `[A-Za-z0-9_-]{${length}}` : `[A-Za-z0-9_-]{${length - 1}}[${last}]`;
}

/** Decodes base64url; returns undefined for anything that is not canonical base64url. */
export function fromBase64url(text: string): Uint8Array | undefined {
  // Reject non-canonical forms (stray low bits in the last character) so one key has one spelling.
  if (!BASE64URL.test(text) || !hasCanonicalEnd(text)) return undefined;
  const native = (Uint8Array as unknown as NativeFromBase64).fromBase64;
  if (typeof native === 'function') {
    try {
      return native(text, { alphabet: 'base64url' });
    } catch {
      return undefined;
    }
  }
  if (NodeBuffer) {
    const buffer = NodeBuffer.from(text, 'base64url');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
