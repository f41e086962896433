import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ascii = (text: string) => new TextEncoder().encode(text);

describe('toBase64url', () => {
  // RFC 4648 §10, in the URL-safe alphabet and without padding.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j', (input, expected) => {
    expect(toBase64url(ascii(input))).toBe(expected);
  });

  it('uses - and _ instead of + and /', () => {
    expect(toBase64url(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('round trips any bytes, with only URL-safe characters and no padding', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = toBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text).toHaveLength(Math.ceil((bytes.length * 4) / 3));
      expect(fromBase64url(text)).toEqual(bytes);
    }), { numRuns: 500 });
  });

  it('round trips inputs larger than its internal chunk', () => {
    // 1 MiB plus a remainder: several chunks, and a length that is not a multiple of 3.
    const bytes = Uint8Array.from({ length: 1024 * 1024 + 2 }, (_, i) => (i * 7919) & 0xff);
    const text = toBase64url(bytes);
    expect(text).toHaveLength(Math.ceil((bytes.length * 4) / 3));
    // Buffer.equals: a deep toEqual over a million elements takes seconds.
    expect(Buffer.from(fromBase64url(text) ?? []).equals(bytes)).toBe(true);
  });
});

describe('fromBase64url', () => {
  it.each([
    ['standard alphabet +', '+_8'],
    ['standard alphabet /', '-/8'],
    ['padding', 'Zg=='],
    ['padding after a full group', 'Zm9v='],
    ['a space', 'Zm9 v'],
    ['a newline', 'Zm9v\nYmFy'],
    ['a non-ASCII letter', 'Zm9é'],
    ['a length of 4n+1', 'Zm9vY'],
    ['stray bits in the last of two characters', 'Zh'],
    ['stray bits in the last of three characters', 'Zm9'],
  ])('refuses %s (%j)', (_what, text) => {
    expect(fromBase64url(text)).toBeUndefined();
  });

  it('decodes the empty string to no bytes', () => {
    expect(fromBase64url('')).toEqual(new Uint8Array(0));
  });

  it('gives every byte string exactly one spelling: whatever it accepts re-encodes to the same text', () => {
    const text = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 60 });
    fc.assert(fc.property(text, (candidate) => {
      const bytes = fromBase64url(candidate);
      if (bytes !== undefined) expect(toBase64url(bytes)).toBe(candidate);
      // Only a length of 4n+1 is impossible; every other length has canonical spellings.
      if (candidate.length % 4 === 1) expect(bytes).toBeUndefined();
    }), { numRuns: 2000 });
  });

  it('refuses every other last character of a 32-byte key, so a link key cannot be altered unnoticed', () => {
    const key = toBase64url(Uint8Array.from({ length: 32 }, (_, i) => i * 8));
    const accepted = [...ALPHABET].filter((c) => fromBase64url(key.slice(0, -1) + c) !== undefined);
    // 43 characters carry 258 bits: the last two must be zero, so 16 of 64 last characters are valid,
    // and each of them spells a different key.
    expect(accepted).toHaveLength(16);
    expect(new Set(accepted.map((c) => toBase64url(fromBase64url(key.slice(0, -1) + c) ?? new Uint8Array()))).size).toBe(16);
  });
});
