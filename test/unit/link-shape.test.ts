import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';
import { findLinks, formatLink, parseLink } from '../../utils/core/link';
import { isLinkShape, linkShapesIn, mayHoldLink, MIN_LINK_LENGTH } from '../../utils/reveal/link-shape';

// The detector's matcher is a copy of the parser's rule without its imports: these tests are what
// keeps the two from drifting apart.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const KEY = toBase64url(Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 7) & 0xff));
const ID = 'Ab-_EfGhIjKlMnOpQrStUw';
const LINK = `https://burn.example.com/n/${ID}#1.${KEY}`;

// Ids as servers make them: 16 random bytes, so always the canonical spelling.
const idArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map(toBase64url);
const host = fc.oneof(
  fc.constantFrom('localhost', '127.0.0.1', 'burn.example.com', 'xn--bcher-kva.example'),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z]{2,5}$/)).map(([a, b]) => `${a}.${b}`),
);
const server = fc.tuple(fc.constantFrom('https', 'http'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), fc.array(fc.constantFrom('n', 'burn', 'a-b'), { maxLength: 2 }))
  .map(([scheme, h, port, path]) => `${scheme}://${h}${port === undefined ? '' : `:${port}`}${path.map((p) => `/${p}`).join('')}`);
const linkArb = fc.record({
  server, id: idArb, key: fc.uint8Array({ minLength: 32, maxLength: 32 }), passphrase: fc.boolean(), version: fc.constantFrom(1 as const, 2 as const),
});
/** Text around links: chat words, punctuation, and things that look half like links. */
const noise = fc.array(fc.constantFrom('see', ' ', '\n', '(', ')', '<', '>', '"', '.', ',', 'https://', '/n/', '#1.', '#1p.', '#2.', '#3.', 'x', KEY.slice(0, 10), ID, '-', '_'), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('linkShapesIn', () => {
  it('finds exactly what findLinks finds, in any text', () => {
    fc.assert(fc.property(fc.array(fc.tuple(noise, fc.option(linkArb, { nil: undefined })), { maxLength: 5 }), (pieces) => {
      const text = pieces.map(([n, l]) => `${n}${l ? formatLink(l) : ''}`).join('');
      const expected = findLinks(text).map(({ index, length }) => text.slice(index, index + length));
      expect(linkShapesIn(text)).toEqual(expected);
    }), { numRuns: 2000 });
  });

  it('agrees with findLinks on every last id character, canonical or not', () => {
    for (const last of ALPHABET) {
      const text = `x ${LINK.replace(ID, `${ID.slice(0, -1)}${last}`)} y`;
      expect({ last, found: linkShapesIn(text).length }).toEqual({ last, found: findLinks(text).length });
      expect(linkShapesIn(text).length).toBe(fromBase64url(ID.slice(0, -1) + last) ? 1 : 0);
    }
  });

  it('agrees with findLinks on every last key character, canonical or not', () => {
    for (const last of ALPHABET) {
      const text = `x ${LINK.slice(0, -1)}${last} y`;
      expect({ last, found: linkShapesIn(text).length }).toEqual({ last, found: findLinks(text).length });
      expect(linkShapesIn(text).length).toBe(fromBase64url(KEY.slice(0, -1) + last) ? 1 : 0);
    }
  });

  it.each([
    ['no link', 'Lunch at 12? The runbook is at https://wiki.example.com/n/ops#1.intro', []],
    ['one link in a sentence', `Staging key: ${LINK}. Thanks!`, [LINK]],
    ['two links', `${LINK} and <${LINK.replace('#1.', '#1p.')}>`, [LINK, LINK.replace('#1.', '#1p.')]],
    ['a key cut short', `${LINK.slice(0, -1)} `, []],
    ['a key too long', `${LINK}A`, []],
  ])('%s', (_what, text, expected) => {
    expect(linkShapesIn(text)).toEqual(expected);
  });

  it('is not fooled by a previous match (the pattern is global)', () => {
    expect(linkShapesIn(LINK)).toEqual([LINK]);
    expect(linkShapesIn(LINK)).toEqual([LINK]);
  });
});

describe('isLinkShape', () => {
  it('accepts every link formatLink makes, as the browser resolves it', () => {
    fc.assert(fc.property(linkArb, (link) => {
      const href = new URL(formatLink(link)).href;
      expect(isLinkShape(href)).toBe(true);
      expect(parseLink(href).ok).toBe(true);
    }), { numRuns: 1000 });
  });

  it.each([
    ['a trailing slash after the id', `https://burn.example.com/n/${ID}/#1.${KEY}`, true],
    ['a query string added by a mail client', `https://burn.example.com/n/${ID}?utm_source=mail#1.${KEY}`, true],
    ['a server under a base path', `https://example.com/burn/n/${ID}#1.${KEY}`, true],
    ['a passphrase link', `https://burn.example.com/n/${ID}#1p.${KEY}`, true],
    ['no key', `https://burn.example.com/n/${ID}`, false],
    ['a key cut short', `https://burn.example.com/n/${ID}#1.${KEY.slice(0, -1)}`, false],
    ['a 44-character key', `https://burn.example.com/n/${ID}#1.${KEY}A`, false],
    ['a link to files (version 2)', `https://burn.example.com/n/${ID}#2p.${KEY}`, true],
    ['version 3', `https://burn.example.com/n/${ID}#3.${KEY}`, false],
    ['a path after the id', `https://burn.example.com/n/${ID}/more#1.${KEY}`, false],
    ['another scheme', `ftp://burn.example.com/n/${ID}#1.${KEY}`, false],
    ['a page of the site', 'https://burn.example.com/n/', false],
  ])('%s → %s, as parseLink says', (_what, href, expected) => {
    expect(isLinkShape(href)).toBe(expected);
    expect(parseLink(href).ok).toBe(expected);
  });
});

describe('MIN_LINK_LENGTH', () => {
  // The detector never reads a text node shorter than this: it must not skip a real link.
  it('is the length of the shortest link there can be', () => {
    const shortest = `http://a/n/${ID}#1.${KEY}`;
    expect(shortest).toHaveLength(MIN_LINK_LENGTH);
    expect(linkShapesIn(shortest)).toEqual([shortest]);
    expect(linkShapesIn(shortest.slice(1))).toEqual([]);
  });

  it('is no longer than any link formatLink makes', () => {
    fc.assert(fc.property(linkArb, (link) => {
      expect(formatLink(link).length).toBeGreaterThanOrEqual(MIN_LINK_LENGTH);
    }));
  });
});

describe('mayHoldLink', () => {
  it('is true for every text that holds a link', () => {
    fc.assert(fc.property(noise, linkArb, noise, (a, l, b) => {
      expect(mayHoldLink(`${a}${formatLink(l)}${b}`)).toBe(true);
    }));
  });

  it('is false for ordinary chat', () => {
    expect(mayHoldLink('deploy at 5, see https://tracker.example.com/browse/OPS-12')).toBe(false);
  });
});
