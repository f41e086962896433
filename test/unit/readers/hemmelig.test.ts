import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hemmelig, htmlToText, parseHemmeligLink } from '../../../utils/reveal/readers/hemmelig';
import { pbkdf2, toHex, utf8 } from '../../../utils/reveal/readers/shared';
import { hemmelig600kVectors, hemmeligVectors, recordingFetch } from '../../helpers/interop-fixtures';
import { startHemmelig, type HemmeligSecret, type ToolServer } from '../../helpers/interop-servers';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const fileBytes = hex(hemmeligVectors.files[0]?.plaintextHex ?? '');
const verifier = hemmeligVectors.verifiers?.[0];

interface Case { name: string; id: string; key?: string; password?: string; expected: string; files?: Uint8Array[]; fileName?: string }
const cases: Case[] = [];
const secrets: HemmeligSecret[] = [];
let n = 0;
for (const [label, vectors] of [['1.3M', hemmeligVectors], ['600k', hemmelig600kVectors]] as const) {
  for (const v of vectors.text) {
    const id = uuid(++n);
    const isPassword = !/^[A-Za-z0-9_-]{32}$/.test(v.key);
    const expected = v.plaintext === '<p>line one</p><p>line two</p>' ? 'line one\nline two' : v.plaintext ?? '';
    cases.push({ name: `${label} ${JSON.stringify(v.plaintext)}${isPassword ? ' (password)' : ''}`, id, expected, ...(isPassword ? { password: v.key } : { key: v.key }) });
    secrets.push({
      id, secret: hex(v.ciphertextHex), salt: v.salt, views: 1,
      // The derived scheme came with the 1.3 M code (its verifier vector); older secrets are legacy.
      ...(isPassword ? label === '1.3M' ? { passwordScheme: 'derived', passwordCheck: verifier?.verifier } : { passwordScheme: 'legacy', passwordCheck: v.key } : {}),
    });
  }
  const file = vectors.files[0];
  const text = vectors.text[0];
  if (file && text) {
    const id = uuid(++n);
    cases.push({ name: `${label} text with a 256-byte file`, id, key: file.key, expected: text.plaintext ?? '', files: [fileBytes], fileName: 'bytes.bin' });
    secrets.push({ id, secret: hex(text.ciphertextHex), salt: text.salt, views: 2, files: [{ id: `f${n}`, filename: `f${n}-bytes.bin`, token: `t${n}`, bytes: hex(file.ciphertextHex) }] });
  }
}

let server: ToolServer;
beforeAll(async () => {
  server = await startHemmelig(secrets);
});
afterAll(() => server.close());

function open(link: string) {
  const recognised = hemmelig.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

describe('Hemmelig v7 reader', () => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const href = `${server.origin}/secret/${c.id}${c.key ? `#decryptionKey=${c.key}` : ''}`;
    const { session, link, calls } = open(href);
    expect(link.passwordNeeded).toBe(c.password !== undefined);
    expect(await session.precheck()).toMatchObject({ ok: true, value: { checked: true, passwordNeeded: c.password !== undefined } });
    expect(server.consuming().filter((r) => r.url.includes(c.id))).toEqual([]);
    let result = await session.reveal();
    if (c.password !== undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed' } });
      result = await session.reveal('wrong password');
      // Hemmelig checks the password before it counts a view.
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      result = await session.reveal(c.password);
    }
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toBe(c.expected);
    expect(result.value.files.map((f) => [f.name, Buffer.from(f.bytes).toString('hex')]))
      .toEqual((c.files ?? []).map((b) => [c.fileName, Buffer.from(b).toString('hex')]));
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(c.password !== undefined ? 2 : 1);
  });

  it('the password verifier matches the upstream vector', async () => {
    if (!verifier) throw new Error('verifier vector missing');
    const key = await pbkdf2(utf8(verifier.password), utf8(verifier.salt), 1_300_000, 'SHA-256', 256);
    expect(toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', key)))).toBe(verifier.verifier);
  });

  it('a tampered secret fails with a sentence', async () => {
    const v = hemmeligVectors.text[0];
    if (!v) throw new Error('vector missing');
    const bytes = hex(v.ciphertextHex);
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    const s = await startHemmelig([{ id: uuid(999), secret: bytes, salt: v.salt, views: 1 }]);
    try {
      const result = await open(`${s.origin}/secret/${uuid(999)}#decryptionKey=${v.key}`).session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged', message: expect.stringMatching(/damaged/) } });
    } finally {
      await s.close();
    }
  });

  it('HTML becomes text, never markup', () => {
    expect(htmlToText('<p>a &amp; b</p><p>x<br>y &lt;script&gt;</p><ul><li>one</li></ul>')).toBe('a & b\nx\ny <script>\n• one');
  });

  it.each([
    ['the CLI short link', `https://h.example/s/${uuid(1)}#${'a'.repeat(32)}`, true],
    ['a path prefix', `https://h.example/hemmelig/secret/${uuid(1)}#decryptionKey=${'a'.repeat(32)}`, true],
    ['a password secret', `https://h.example/secret/${uuid(1)}`, true],
    ['a short key', `https://h.example/secret/${uuid(1)}#decryptionKey=${'a'.repeat(31)}`, false],
    ['a request link', `https://h.example/request/${uuid(1)}#token=${'a'.repeat(32)}`, false],
    ['a short link without its key', `https://h.example/s/${uuid(1)}`, false],
    ['a non-uuid id', `https://h.example/secret/not-a-uuid#decryptionKey=${'a'.repeat(32)}`, false],
  ])('%s', (_, href, recognised) => {
    expect(typeof parseHemmeligLink(href) === 'object').toBe(recognised);
  });

  it('refuses Hemmelig 6 links with a sentence and the site', () => {
    const href = `https://h.example/secret/${uuid(1)}#encryption_key=abcdefgh`;
    expect(hemmelig.recognise(href)).toMatchObject({ ok: false, error: { code: 'unsupported', site: href, message: expect.stringMatching(/Hemmelig 6/) } });
  });
});
