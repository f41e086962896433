import { createDecipheriv, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';
import { decryptBytes, encryptBytes, paddedSize } from '../../utils/core/crypto';
import { formatLink, parseLink } from '../../utils/core/link';
import {
  MAX_FILES,
  checkContent,
  encodePayload,
  payloadFormat,
  payloadSize,
  type ContentInfo,
  type NoteContent,
} from '../../utils/core/payload';
import { decodePayload, safeFileName } from '../../utils/core/payload-read';
import { Envelope } from '../../utils/core/protocol';

const utf8 = (text: string) => new TextEncoder().encode(text);
const info = (content: NoteContent): ContentInfo => ({
  text: content.text,
  files: content.files.map(({ name, type, bytes }) => ({ name, type, size: bytes.length })),
});

const fileArb = fc.record({
  name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  type: fc.constantFrom('', 'text/plain', 'application/x-pkcs12', 'application/json', 'application/octet-stream'),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
});
const contentArb = fc.record({
  text: fc.string({ unit: 'grapheme', maxLength: 200 }),
  files: fc.array(fileArb, { maxLength: 5 }),
}).filter((c) => c.text.length > 0 || c.files.length > 0);

describe('encodePayload and decodePayload', () => {
  it('round trip any text and files, byte for byte, in order', () => {
    fc.assert(fc.property(contentArb, (content) => {
      const data = encodePayload(content);
      expect(data).toHaveLength(payloadSize(info(content)));
      const decoded = decodePayload(data);
      if (!decoded.ok) throw new Error(decoded.error.message);
      expect(decoded.value.text).toBe(content.text);
      expect(decoded.value.files.map((f) => ({ ...f, bytes: [...f.bytes] })))
        .toEqual(content.files.map((f) => ({ ...f, bytes: [...f.bytes] })));
    }), { numRuns: 300 });
  });

  it.each([['\uFEFF'], ['\uFEFFkey=1']])('keeps a leading byte order mark in %j, as text and with files', (text) => {
    expect(decodePayload(encodePayload({ text, files: [] }))).toEqual({ ok: true, value: { text, files: [] } });
    const withFile = decodePayload(encodePayload({ text, files: [{ name: 'a.txt', type: 'text/plain', bytes: utf8('x') }] }));
    expect(withFile.ok && withFile.value.text).toBe(text);
  });

  it('writes text alone as format 1, the UTF-8 text itself, as every note before files', () => {
    const text = 'DB_PASSWORD=pässwörd 🔑';
    expect(payloadFormat({ files: [] })).toBe(1);
    expect([...encodePayload({ text, files: [] })]).toEqual([...utf8(text)]);
    expect(payloadSize({ text, files: [] })).toBe(utf8(text).length);
  });

  it('writes text with files as format 2: the mark, the format, the header length, the header, the bytes', () => {
    const data = encodePayload({ text: 'hi', files: [{ name: 'a.bin', type: '', bytes: Uint8Array.of(0, 255, 7) }] });
    const header = '{"text":"hi","files":[{"name":"a.bin","type":"","size":3}]}';
    expect([...data.subarray(0, 6)]).toEqual([0xff, 2, 0, 0, 0, header.length]);
    expect(new TextDecoder().decode(data.subarray(6, 6 + header.length))).toBe(header);
    expect([...data.subarray(6 + header.length)]).toEqual([0, 255, 7]);
  });

  it('keeps a text that starts like a format 2 payload as text (UTF-8 never starts with 0xFF)', () => {
    expect(decodePayload(utf8('\u00ff\u0002 not a header'))).toEqual({ ok: true, value: { text: 'ÿ\u0002 not a header', files: [] } });
  });

  const valid = encodePayload({ text: 'x', files: [{ name: 'f', type: '', bytes: Uint8Array.of(1, 2, 3) }] });
  const withHeader = (header: string, body: number[] = []) => {
    const head = utf8(header);
    return Uint8Array.from([0xff, 2, 0, 0, 0, head.length, ...head, ...body]);
  };
  it.each([
    ['text that is not UTF-8', Uint8Array.of(0x61, 0xc3), 'not valid text'],
    ['only the mark', Uint8Array.of(0xff), 'cannot be read'],
    ['a header length past the end', Uint8Array.from([0xff, 2, 0, 0, 1, 0, 0x7b]), 'cannot be read'],
    ['a header that is not JSON', withHeader('{"text":'), 'cannot be read'],
    ['a header without files', withHeader('{"text":"x"}'), 'cannot be read'],
    ['a negative size', withHeader('{"text":"","files":[{"name":"f","type":"","size":-1}]}'), 'cannot be read'],
    ['an empty file name', withHeader('{"text":"","files":[{"name":"","type":"","size":1}]}', [1]), 'cannot be read'],
    ['sizes longer than the bytes', valid.subarray(0, valid.length - 1), 'cannot be read'],
    ['bytes beyond the sizes', Uint8Array.from([...valid, 9]), 'cannot be read'],
  ])('refuses a damaged payload: %s', (_what, data, message) => {
    expect(decodePayload(data)).toMatchObject({ ok: false, error: { code: 'malformed', message: expect.stringContaining(message) } });
  });

  it('asks for an update on a payload format it does not know', () => {
    const future = Uint8Array.from(valid);
    future[1] = 3;
    expect(decodePayload(future)).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/Update Burnlink/) } });
  });

  it('ignores header fields it does not know (added later without a new format)', () => {
    const data = withHeader('{"text":"t","files":[{"name":"f","type":"","size":2,"mode":"0600"}],"from":"me"}', [5, 6]);
    expect(decodePayload(data)).toMatchObject({ ok: true, value: { text: 't', files: [{ name: 'f', type: '', bytes: Uint8Array.of(5, 6) }] } });
  });
});

describe('checkContent: what the sender is told before anything is encrypted', () => {
  const file = (name: string, size: number) => ({ name, type: '', size });
  it.each<[string, ContentInfo, number, RegExp]>([
    ['nothing at all', { text: '', files: [] }, 1000, /^Type or paste the secret, or attach a file\.$/],
    ['an empty file', { text: 'x', files: [file('empty.txt', 0)] }, 1000, /^"empty\.txt" is empty \(0 bytes\): there is nothing in it to share\. Remove it/],
    ['too many files', { text: '', files: Array.from({ length: MAX_FILES + 1 }, (_, i) => file(`f${i}`, 1)) }, 1e9, /^101 files are attached; a link can carry at most 100\. Put them in one zip file\.$/],
    ['a file name too long', { text: '', files: [file('n'.repeat(256), 1)] }, 1e9, /^A file name is longer than 255 characters/],
    ['one file larger than the limit', { text: '', files: [file('backup.tar', 3 * 1024 * 1024)] }, 1024 * 1024, /^"backup\.tar" is 2\.0 MB too large: this note server accepts up to 1\.0 MB per link\./],
    ['files that add up to more', { text: 'x', files: [file('a', 600 * 1024), file('b', 600 * 1024)] }, 1024 * 1024, /^The text and files come to 1\.2 MB, 176 KB more than this note server accepts per link \(1\.0 MB\)\. Remove a file/],
    ['text too long', { text: 'x'.repeat(2000), files: [] }, 1000, /^The secret is 1000 bytes too large: this note server accepts up to 1000 bytes\. Shorten it/],
  ])('refuses %s with a sentence saying what to do', (_what, content, max, message) => {
    const result = checkContent(content, max);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('accepts content of exactly the limit, and refuses one byte more', () => {
    const content = { text: 'note', files: [file('id_ed25519', 400)] };
    const size = payloadSize(content);
    expect(checkContent(content, size)).toEqual({ ok: true, value: size });
    expect(checkContent({ ...content, files: [file('id_ed25519', 401)] }, size)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });
});

describe('safeFileName', () => {
  it.each([
    ['id_ed25519', 'id_ed25519'],
    ['schlüssel 🔑.pem', 'schlüssel 🔑.pem'],
    ['../../.ssh/authorized_keys', '.._.._.ssh_authorized_keys'],
    ['C:\\Windows\\evil.dll', 'C__Windows_evil.dll'],
    ['.env', '.env'],
    ['notes.txt. ', 'notes.txt'],
    ['...', 'file'],
    ['', 'file'],
    ['report\u202Efdp.exe', 'report_fdp.exe'],
    ['a\u0000b\nc', 'a_b_c'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('%j is saved as %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});

describe('notes with files, encrypted', () => {
  it('round trip a binary file through the cipher, byte for byte', async () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 8)) & 0xff);
    const data = encodePayload({ text: '', files: [{ name: 'client.p12', type: 'application/x-pkcs12', bytes }] });
    const sealed = await encryptBytes(data);
    if (!sealed.ok) throw new Error(sealed.error.message);
    const opened = await decryptBytes(sealed.value.envelope, sealed.value.linkKey);
    if (!opened.ok) throw new Error(opened.error.message);
    const decoded = decodePayload(opened.value);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(Buffer.from(decoded.value.files[0]?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    // Padded like text: the server sees the bucket, not the length.
    expect(fromBase64url(sealed.value.envelope.ct)).toHaveLength(paddedSize(data.length) + 16);
  });
});

const Base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
const vectors = z.object({
  cases: z.array(z.object({
    name: z.string(),
    input: z.object({
      linkKey: Base64url,
      iv: Base64url,
      text: z.string(),
      files: z.array(z.object({ name: z.string(), type: z.string(), bytes: Base64url })),
      passphrase: z.string().optional(),
      server: z.string(),
      id: Base64url,
    }),
    expected: z.object({
      payload: Base64url,
      envelope: Envelope,
      keyProof: Base64url,
      readToken: Base64url,
      fragment: z.string(),
      link: z.string(),
    }),
  })).min(3),
}).parse(JSON.parse(readFileSync(new URL('../vectors/files-v2.json', import.meta.url), 'utf8')));

const b64 = (text: string) => Buffer.from(text, 'base64url');

/**
 * Payload format 2 read as docs/PROTOCOL.md §3.1 describes it, with node:crypto and Buffer,
 * independently of utils/core: the document and the code cannot drift apart.
 */
function openPerSpec(input: (typeof vectors.cases)[number]['input'], envelope: Envelope) {
  const key = b64(input.linkKey);
  const ikm = input.passphrase === undefined
    ? key
    : Buffer.concat([key, pbkdf2Sync(Buffer.from(input.passphrase.normalize('NFC'), 'utf8'), key, 600_000, 32, 'sha256')]);
  const hkdf = (material: Buffer, info: string) => Buffer.from(hkdfSync('sha256', material, 'burnlink/v1', info, 32));
  const ct = b64(envelope.ct);
  const decipher = createDecipheriv('aes-256-gcm', hkdf(ikm, 'burnlink/v1/encryption-key'), b64(envelope.iv));
  decipher.setAAD(Buffer.from(`burnlink;v=1;alg=A256GCM;kdf=${envelope.kdf};iter=${envelope.iter ?? 0}`, 'utf8'));
  decipher.setAuthTag(ct.subarray(-16));
  const padded = Buffer.concat([decipher.update(ct.subarray(0, -16)), decipher.final()]);
  const payload = padded.subarray(4, 4 + padded.readUInt32BE(0));
  // 0xFF, format 2, uint32 header length, the JSON header, then each file's bytes in order.
  const headerLength = payload.readUInt32BE(2);
  const header = JSON.parse(payload.subarray(6, 6 + headerLength).toString('utf8')) as { text: string; files: Array<{ name: string; type: string; size: number }> };
  let at = 6 + headerLength;
  const files = header.files.map(({ name, type, size }) => {
    const bytes = payload.subarray(at, at + size).toString('base64url');
    at += size;
    return { name, type, bytes };
  });
  return { mark: [payload[0], payload[1]], text: header.text, files, end: at, payload, paddedLength: padded.length };
}

describe.each(vectors.cases)('test vector: $name', ({ input, expected }) => {
  const files = input.files.map((f) => ({ name: f.name, type: f.type, bytes: b64(f.bytes) }));

  it('is reproduced exactly from its inputs', async () => {
    const queue = [b64(input.linkKey), b64(input.iv)];
    const payload = encodePayload({ text: input.text, files: files.map((f) => ({ ...f, bytes: new Uint8Array(f.bytes) })) });
    expect(toBase64url(payload)).toBe(expected.payload);
    const sealed = await encryptBytes(payload, { passphrase: input.passphrase, random: () => new Uint8Array(queue.shift() ?? []) });
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(sealed.value.envelope).toEqual(expected.envelope);
    expect(sealed.value.keyProof).toBe(expected.keyProof);
    expect(sealed.value.readToken).toBe(expected.readToken);
    const link = formatLink({ server: input.server, id: input.id, key: sealed.value.linkKey, passphrase: input.passphrase !== undefined, version: 2 });
    expect(link).toBe(expected.link);
  });

  it('decrypts from its link to the same text and files', async () => {
    const link = parseLink(expected.link);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value.version).toBe(2);
    const opened = await decryptBytes(expected.envelope, link.value.key, input.passphrase);
    if (!opened.ok) throw new Error(opened.error.message);
    const content = decodePayload(opened.value);
    if (!content.ok) throw new Error(content.error.message);
    expect(content.value.text).toBe(input.text);
    expect(content.value.files.map((f) => ({ name: f.name, type: f.type, bytes: toBase64url(f.bytes) }))).toEqual(input.files);
  });

  it('matches the format as documented, computed with node:crypto', () => {
    const opened = openPerSpec(input, expected.envelope);
    expect(opened.mark).toEqual([0xff, 2]);
    expect(opened.text).toBe(input.text);
    expect(opened.files).toEqual(input.files);
    expect(opened.end).toBe(opened.payload.length);
    expect(opened.payload.toString('base64url')).toBe(expected.payload);
    expect(opened.paddedLength).toBe(paddedSize(opened.payload.length));
  });
});
