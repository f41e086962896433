// The checks a recogniser runs on a candidate after its pattern matched: the formats' own
// checksums, structure that a random string does not have, and how random a value looks.
// Only a type import: this ships in the content script.
import type { Span } from './rules';

let crcTable: Uint32Array | undefined;

/** CRC-32 (zlib's, the one GitHub, npm and GitLab tokens use) of the char codes of an ASCII string. */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** GitHub's and npm's base62 alphabet: digits, then upper case, then lower case. */
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base `alphabet.length`, left-padded with the alphabet's zero to `width`. */
export function encodeNumber(value: number, alphabet: string, width: number): string {
  let out = '';
  let n = value;
  do {
    out = alphabet[n % alphabet.length]! + out;
    n = Math.floor(n / alphabet.length);
  } while (n > 0);
  return out.padStart(width, alphabet[0]);
}

/**
 * GitHub's new-style tokens (and npm's, which copy them): prefix, 30 random base62 characters,
 * then the CRC-32 of those 30 characters in base62, 6 characters.
 */
export function hasBase62Crc(token: string, prefixLength: number): boolean {
  const random = token.slice(prefixLength, -6);
  return encodeNumber(crc32(random), BASE62, 6) === token.slice(-6);
}

/**
 * GitLab's routable tokens end in `.<payload length, 2 base36 digits><CRC-32 of everything
 * before it, 7 base36 digits>`; newer ones have `.<version>` before the length.
 */
export function isGitlabRoutable(token: string): boolean {
  const crc = token.slice(-7);
  if (crc !== encodeNumber(crc32(token.slice(0, -7)), '0123456789abcdefghijklmnopqrstuvwxyz', 7)) return false;
  const length = parseInt(token.slice(-9, -7), 36);
  const payload = token.slice(0, -9).replace(/\.[0-9a-z]{2}\.$/, '.').slice(0, -1);
  // The length field counts the base64 payload right before the separator.
  return payload.length >= length && /^[A-Za-z0-9_-]+$/.test(payload.slice(-length));
}

/** Bytes of standard or URL-safe base64 (padding optional), or undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, ''));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Text of base64url-encoded UTF-8, or undefined. */
function decodeBase64Text(text: string): string | undefined {
  const bytes = decodeBase64(text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A JWT's header is a JSON object naming its algorithm, and its payload is a JSON object. */
export function isJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const parse = (part: string | undefined): unknown => {
    const json = part === undefined ? undefined : decodeBase64Text(part);
    if (json === undefined) return undefined;
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  };
  const head = parse(header);
  const body = parse(payload);
  return typeof head === 'object' && head !== null && typeof (head as { alg?: unknown }).alg === 'string'
    && typeof body === 'object' && body !== null;
}

/**
 * A PyPI token is `pypi-` and a base64url macaroon in the libmacaroons v2 binary format: version
 * byte 2, a location, an identifier, caveats, and a 32-byte signature that ends the buffer.
 */
export function isMacaroonV2(bytes: Uint8Array): boolean {
  let i = 1;
  const field = (): { type: number; length: number } | undefined => {
    if (i >= bytes.length) return undefined;
    const type = bytes[i++]!;
    if (type === 0) return { type, length: 0 };
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= bytes.length || shift > 21) return undefined;
      const b = bytes[i++]!;
      length |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    i += length;
    return i <= bytes.length ? { type, length } : undefined;
  };
  /** One section: fields of rising type up to an end-of-section byte; whether it had an identifier. */
  const section = (): boolean | undefined => {
    let last = 0;
    let identifier = false;
    for (;;) {
      const f = field();
      if (!f) return undefined;
      if (f.type === 0) return identifier;
      if (f.type <= last || f.type > 4) return undefined;
      if (f.type === 2) identifier = true;
      last = f.type;
    }
  };
  if (bytes[0] !== 2 || section() !== true) return false;
  for (;;) {
    const caveat = section();
    if (caveat === undefined) return false;
    if (caveat === false) break; // an empty section closes the caveats
  }
  const signature = field();
  return signature?.type === 6 && signature.length === 32 && i === bytes.length;
}

const asciiCounts = new Uint16Array(128);

/** Shannon entropy of a string, in bits per character. */
export function entropy(text: string): number {
  let other: Map<number, number> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) asciiCounts[c]!++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let bits = 0;
  const add = (n: number) => {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && asciiCounts[c]) {
      add(asciiCounts[c]!);
      asciiCounts[c] = 0;
    }
  }
  other?.forEach(add);
  return bits;
}

/** Words that documentation puts where a real secret would go. */
const PLACEHOLDER_WORDS = ['example', 'sample', 'dummy', 'placeholder', 'redacted', 'changeme', 'change_me', 'your', 'insert', 'replace', 'fake', 'todo'];
const PLACEHOLDER_WORD = new RegExp(PLACEHOLDER_WORDS.join('|'), 'i');
// In a long random token a short word turns up by chance: there only words of five letters or
// more count, written in one case as people write them ("EXAMPLE", "Example", "example").
const PLACEHOLDER_WORD_CASED = new RegExp(PLACEHOLDER_WORDS.filter((w) => w.length >= 5)
  .flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]).join('|'));

/**
 * Whether the random part of a token looks like what a generator made: not a documentation
 * placeholder, not one character repeated, not a counting sequence, not low in entropy.
 */
export function looksRandom(part: string, minBits = 3): boolean {
  if (PLACEHOLDER_WORD_CASED.test(part) || /xxxx|XXXX/.test(part) || /(.)\1{5}/.test(part)) return false;
  if (/0123456|123456789|abcdefgh|ABCDEFGH/.test(part)) return false;
  return entropy(part) >= Math.min(minBits, Math.log2(part.length) - 0.5);
}

/** Whole values that stand for a secret rather than being one: references, templates, masks. */
const STAND_IN = /^(?:<[^>]*>|\[[^\]]*\]|\{\{.*\}\}|\$\{[^}]*\}|\$\(.*\)|\$[A-Z_][A-Z0-9_]*|\$[a-z_][a-z0-9_]*|%\(\w+\)s|%s|[xX]{3,}|\*{2,}.*|.*\*{3,}|.*\.\.\..*)$/;

/** A value that names itself: "password-for-30001", "mysecret", "authpassword", "db_pass_1". */
const NAMES_ITSELF = /password|passwd|secret|token|credential|^[a-z_.-]*(?:pass|pwd)[^a-z]*$/;

/** Whether a password-like value is a stand-in rather than a value someone would use. */
export function isPlaceholderValue(value: string, user?: string): boolean {
  const v = value.toLowerCase();
  if (user !== undefined && v === user.toLowerCase()) return true;
  return /^(.)\1*$/.test(v) || STAND_IN.test(value) || NAMES_ITSELF.test(v) || PLACEHOLDER_WORD.test(v);
}

/**
 * The flat JSON object around `index` (one without nested objects, as key files are): from the
 * nearest `{` before it to the first `}` after it. Undefined when there is none within a key
 * file's size. Native string search both ways keeps a text full of unclosed objects cheap.
 */
export function flatObjectAround(text: string, index: number): Span | undefined {
  const start = text.lastIndexOf('{', index);
  const close = text.indexOf('}', index);
  if (start < 0 || close < 0 || index - start > 4096 || close - start > 16_384) return undefined;
  return { start, end: close + 1 };
}
