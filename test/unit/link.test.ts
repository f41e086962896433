import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';
import { findLinks, formatLink, mayContainLink, parseLink, type LinkErrorCode, type NoteLink } from '../../utils/core/link';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Starts with 0xfb 0xff 0xbf so the key text contains both - and _.
const KEY_BYTES = Uint8Array.from({ length: 32 }, (_, i) => [0xfb, 0xff, 0xbf][i] ?? (i * 37) & 0xff);
const KEY = toBase64url(KEY_BYTES);
const ID = 'Ab-_EfGhIjKlMnOpQrStUw';
const URL_ = `https://burn.example.com/n/${ID}#1.${KEY}`;

/** The last key character replaced by its successor: same length, stray low bits. */
const NON_CANONICAL_KEY = KEY.slice(0, -1) + ALPHABET[ALPHABET.indexOf(KEY.slice(-1)) + 1];

const note = (server: string, passphrase = false, version: 1 | 2 = 1): NoteLink => ({ server, id: ID, key: KEY_BYTES, passphrase, version });

describe('parseLink', () => {
  it('has test constants of the right shape', () => {
    expect(KEY).toHaveLength(43);
    expect(KEY).toMatch(/^-_-_/);
    expect(ID).toHaveLength(22);
    expect(fromBase64url(NON_CANONICAL_KEY)).toBeUndefined();
  });

  it.each<[string, string, NoteLink]>([
    ['a plain link', URL_, note('https://burn.example.com')],
    ['a link in angle brackets', `<${URL_}>`, note('https://burn.example.com')],
    ['a link in parentheses', `(${URL_})`, note('https://burn.example.com')],
    ['a link at the end of a sentence', `${URL_}.`, note('https://burn.example.com')],
    ['a link followed by )', `${URL_})`, note('https://burn.example.com')],
    ['a link followed by ,', `${URL_},`, note('https://burn.example.com')],
    ['a link followed by ).', `${URL_}).`, note('https://burn.example.com')],
    ['a link followed by ! or ?', `${URL_}!?`, note('https://burn.example.com')],
    ['a link in double quotes', `"${URL_}"`, note('https://burn.example.com')],
    ['a link in single quotes', `'${URL_}'`, note('https://burn.example.com')],
    ['a link in backticks', `\`${URL_}\``, note('https://burn.example.com')],
    ['a link in markdown bold', `**${URL_}**`, note('https://burn.example.com')],
    ['a link with spaces and a newline around it', `  \n${URL_}\n  `, note('https://burn.example.com')],
    ['a local server on a port', `http://127.0.0.1:8787/n/${ID}#1.${KEY}`, note('http://127.0.0.1:8787')],
    ['a server under a base path', `https://example.com/burn/n/${ID}#1.${KEY}`, note('https://example.com/burn')],
    ['a base path that itself ends in /n', `https://example.com/n/n/${ID}#1.${KEY}`, note('https://example.com/n')],
    ['a passphrase link', `https://burn.example.com/n/${ID}#1p.${KEY}`, note('https://burn.example.com', true)],
    ['a trailing slash after the id', `https://burn.example.com/n/${ID}/#1.${KEY}`, note('https://burn.example.com')],
    ['a query string added by a mail client', `https://burn.example.com/n/${ID}?utm_source=mail#1.${KEY}`, note('https://burn.example.com')],
    ['a link to text and files (version 2)', `https://burn.example.com/n/${ID}#2.${KEY}`, note('https://burn.example.com', false, 2)],
    ['a version 2 link with a passphrase', `https://burn.example.com/n/${ID}#2p.${KEY}`, note('https://burn.example.com', true, 2)],
    ['an upper-case scheme and host', `HTTPS://Burn.Example.COM/n/${ID}#1.${KEY}`, note('https://burn.example.com')],
    ['the default port spelled out', `https://burn.example.com:443/n/${ID}#1.${KEY}`, note('https://burn.example.com')],
  ])('reads %s', (_what, input, expected) => {
    expect(parseLink(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, string, LinkErrorCode]>([
    ['nothing', '', 'empty'],
    ['only spaces', '   \n ', 'empty'],
    ['only brackets', '<>', 'empty'],
    ['plain words', 'hello world', 'not_a_link'],
    ['a link without a scheme', `burn.example.com/n/${ID}#1.${KEY}`, 'not_a_link'],
    ['an ftp: link', `ftp://burn.example.com/n/${ID}#1.${KEY}`, 'not_a_link'],
    ['a javascript: link', 'javascript:alert(1)', 'not_a_link'],
    ['a file: link', `file:///n/${ID}#1.${KEY}`, 'not_a_link'],
    ['a markdown link (findLinks reads those)', `[the key](${URL_})`, 'not_a_link'],
    ['a web page', 'https://burn.example.com/', 'not_a_note'],
    ['another path', `https://burn.example.com/x/${ID}#1.${KEY}`, 'not_a_note'],
    ['an id of 21 characters', `https://burn.example.com/n/${ID.slice(1)}#1.${KEY}`, 'not_a_note'],
    ['an id of 23 characters', `https://burn.example.com/n/${ID}A#1.${KEY}`, 'not_a_note'],
    ['an id with a character outside base64url', `https://burn.example.com/n/${ID.slice(1)}!#1.${KEY}`, 'not_a_note'],
    ['a path after the id', `https://burn.example.com/n/${ID}/more#1.${KEY}`, 'not_a_note'],
    ['no fragment', `https://burn.example.com/n/${ID}`, 'missing_key'],
    ['an empty fragment', `https://burn.example.com/n/${ID}#`, 'missing_key'],
    ['a fragment without a version', `https://burn.example.com/n/${ID}#${KEY}`, 'bad_key'],
    ['a version without a key', `https://burn.example.com/n/${ID}#1.`, 'bad_key'],
    ['a key cut short by one character', `https://burn.example.com/n/${ID}#1.${KEY.slice(0, -1)}`, 'bad_key'],
    ['a key cut in half', `https://burn.example.com/n/${ID}#1.${KEY.slice(0, 20)}`, 'bad_key'],
    ['a 44-character key', `https://burn.example.com/n/${ID}#1.${KEY}A`, 'bad_key'],
    ['a key with padding', `https://burn.example.com/n/${ID}#1.${KEY}=`, 'bad_key'],
    ['a key in the standard base64 alphabet', `https://burn.example.com/n/${ID}#1.${KEY.replace(/-/g, '+').replace(/_/g, '/')}`, 'bad_key'],
    ['a key with a changed last character', `https://burn.example.com/n/${ID}#1.${NON_CANONICAL_KEY}`, 'bad_key'],
    ['an unknown flag', `https://burn.example.com/n/${ID}#1x.${KEY}`, 'bad_key'],
    // A version is written without leading zeros: `01` is not version 1 in another spelling.
    ['a version with a leading zero', `https://burn.example.com/n/${ID}#01.${KEY}`, 'bad_key'],
    ['a version with a leading zero and a passphrase', `https://burn.example.com/n/${ID}#02p.${KEY}`, 'bad_key'],
    ['an id spelt non-canonically (stray bits in its last character)', `https://burn.example.com/n/${ID.slice(0, -1)}x#1.${KEY}`, 'not_a_note'],
    ['a Slack-formatted link (findLinks reads those)', `<${URL_}|the key>`, 'bad_key'],
    ['version 3', `https://burn.example.com/n/${ID}#3.${KEY}`, 'unsupported_version'],
    ['version 3 with a passphrase', `https://burn.example.com/n/${ID}#3p.${KEY}`, 'unsupported_version'],
    ['version 0', `https://burn.example.com/n/${ID}#0.${KEY}`, 'unsupported_version'],
    ['version 10', `https://burn.example.com/n/${ID}#10.${KEY}`, 'unsupported_version'],
  ])('refuses %s', (_what, input, code) => {
    const result = parseLink(input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    // Every refusal is a sentence that tells the person what went wrong.
    if (!result.ok) expect(result.error.message).toMatch(/^[A-Z].{15,}\.$/);
  });

  it('tells a lost key apart from a damaged one, and says what to do', () => {
    const missing = parseLink(`https://burn.example.com/n/${ID}`);
    const damaged = parseLink(`https://burn.example.com/n/${ID}#1.${KEY.slice(0, 30)}`);
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/lost its key.*Ask the sender/) } });
    expect(damaged).toMatchObject({ ok: false, error: { message: expect.stringMatching(/incomplete or damaged.*Ask the sender/) } });
  });
});

// Ids as servers make them: 16 random bytes, so always the canonical spelling.
const idArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map(toBase64url);
const label = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
// The last label is letters only: a numeric one would make the URL parser read an IPv4 address.
const tld = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 6 });
const host = fc.oneof(
  fc.tuple(fc.array(label, { maxLength: 3 }), tld).map(([labels, last]) => [...labels, last].join('.')),
  fc.constantFrom('localhost', '127.0.0.1'),
);
const segment = fc.oneof(fc.constant('n'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 8 }));
const server = fc.tuple(
  fc.constantFrom('https', 'http'),
  host,
  fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }),
  fc.array(segment, { maxLength: 3 }),
).map(([scheme, h, port, path]) => `${scheme}://${h}${port === undefined ? '' : `:${port}`}${path.map((s) => `/${s}`).join('')}`);
const linkArb = fc.record({
  server,
  id: idArb,
  key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  passphrase: fc.boolean(),
  version: fc.constantFrom(1 as const, 2 as const),
});

describe('formatLink', () => {
  it('builds the documented shape', () => {
    expect(formatLink(note('https://burn.example.com'))).toBe(URL_);
    expect(formatLink(note('https://burn.example.com', true))).toBe(`https://burn.example.com/n/${ID}#1p.${KEY}`);
    expect(formatLink(note('https://burn.example.com', true, 2))).toBe(`https://burn.example.com/n/${ID}#2p.${KEY}`);
  });

  it('writes version 1 when the link does not say', () => {
    expect(formatLink({ server: 'https://burn.example.com', id: ID, key: KEY_BYTES, passphrase: false })).toBe(URL_);
  });

  it('accepts a server with trailing slashes', () => {
    expect(formatLink(note('https://example.com/burn//'))).toBe(`https://example.com/burn/n/${ID}#1.${KEY}`);
  });

  it('round trips through parseLink and findLinks for any server, id, key and flag', () => {
    fc.assert(fc.property(linkArb, (link) => {
      const text = formatLink(link);
      expect(parseLink(text)).toEqual({ ok: true, value: link });
      expect(findLinks(text)).toEqual([{ link, index: 0, length: text.length }]);
      expect(mayContainLink(text)).toBe(true);
    }), { numRuns: 1000 });
  });
});

describe('findLinks', () => {
  const a = formatLink(note('https://burn.example.com'));
  const b = formatLink({ server: 'http://127.0.0.1:8787', id: 'ZZZZZZZZZZZZZZZZZZZZZQ', key: new Uint8Array(32), passphrase: true, version: 2 });
  const c = formatLink({ server: 'https://example.com/burn', id: `${'a'.repeat(21)}g`, key: new Uint8Array(32).fill(0x41), passphrase: false });

  it('finds every link in a chat message, in order, with its exact position', () => {
    const text = [
      `Here is the staging key: ${a}.`,
      `And the local one (${b}), passphrase by phone.`,
      `Markdown: [prod key](${c}) and Slack: <${a}|open me>`,
      `Quoted: "${b}", angle: <${c}>`,
    ].join('\n');
    const found = findLinks(text);
    expect(found.map(({ link }) => formatLink(link))).toEqual([a, b, c, a, b, c]);
    for (const { index, length, link } of found) expect(text.slice(index, index + length)).toBe(formatLink(link));
    expect(found.map(({ link }) => link.passphrase)).toEqual([false, true, false, false, true, false]);
    expect(found.map(({ link }) => link.version)).toEqual([1, 2, 1, 1, 2, 1]);
  });

  it('finds a link anywhere in arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), linkArb, fc.string({ unit: 'grapheme' }), (before, link, after) => {
      const formatted = formatLink(link);
      const text = `${before} ${formatted} ${after}`;
      expect(mayContainLink(text)).toBe(true);
      expect(findLinks(text)).toContainEqual({ link, index: before.length + 1, length: formatted.length });
    }), { numRuns: 500 });
  });

  it.each([
    ['a 44-character key', `https://burn.example.com/n/${ID}#1.${KEY}A`],
    ['a key followed by -', `https://burn.example.com/n/${ID}#1.${KEY}-`],
    ['a 42-character key', `https://burn.example.com/n/${ID}#1.${KEY.slice(0, -1)}`],
    ['a key with a changed last character', `https://burn.example.com/n/${ID}#1.${NON_CANONICAL_KEY}`],
    ['an id of 21 characters', `https://burn.example.com/n/${ID.slice(1)}#1.${KEY}`],
    ['an id of 23 characters', `https://burn.example.com/n/A${ID}#1.${KEY}`],
    ['version 3', `https://burn.example.com/n/${ID}#3.${KEY}`],
    ['no key', `https://burn.example.com/n/${ID}`],
    ['an ftp: link', `ftp://burn.example.com/n/${ID}#1.${KEY}`],
    ['another path', `https://burn.example.com/x/${ID}#1.${KEY}`],
    ['no host', `https:///n/${ID}#1.${KEY}`],
    ['a link split by a space', `https://burn.example.com/n/${ID} #1.${KEY}`],
  ])('ignores a look-alike: %s', (_what, text) => {
    expect(findLinks(`see ${text} now`)).toEqual([]);
  });

  it('finds nothing in text without links', () => {
    expect(findLinks('Call me about the staging key, it is in 1Password under /n/ops #1.')).toEqual([]);
  });
});

describe('mayContainLink', () => {
  it.each([
    ['ordinary text', 'Lunch at 12?', false],
    ['another link', 'https://example.com/docs#intro', false],
    ['a note link', URL_, true],
    ['a note link to files', URL_.replace('#1.', '#2.'), true],
  ])('%s → %s', (_what, text, expected) => {
    expect(mayContainLink(text)).toBe(expected);
  });
});
