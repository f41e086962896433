import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptgeon, parseCryptgeonLink } from '../../../utils/reveal/readers/cryptgeon';
import { cryptgeonFixtures, onServer, recordingFetch } from '../../helpers/interop-fixtures';
import { startCryptgeon, type ToolServer } from '../../helpers/interop-servers';

let server: ToolServer;
beforeAll(async () => {
  server = await startCryptgeon(cryptgeonFixtures.map((r) => ({ id: r.id, previewResponse: r.preview_response, deleteResponse: r.delete_response, views: 1 })));
});
afterAll(() => server.close());

function open(link: string) {
  const recognised = cryptgeon.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

describe('cryptgeon reader', () => {
  it.each(cryptgeonFixtures.map((r) => [r.name, r] as const))('%s decrypts to the recorded note', async (_, record) => {
    const { session, link, calls } = open(onServer(record.link, server.origin));
    expect(link.access.cors).toBe('permission');
    expect(link.passwordNeeded).toBe(record.password !== undefined);
    const check = await session.precheck();
    expect(check).toMatchObject({ ok: true, value: { checked: true, passwordNeeded: record.password !== undefined } });
    expect(server.consuming().filter((r) => r.url.includes(record.id))).toEqual([]);
    let result = await session.reveal();
    if (record.password !== undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed' } });
      result = await session.reveal('wrong password');
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      result = await session.reveal(record.password);
    }
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toBe(record.plaintext);
    expect(result.value.files.map((f) => ({ name: f.name, type: f.type, b64: Buffer.from(f.bytes).toString('base64') })))
      .toEqual((record.files ?? []).map((f) => ({ name: f.name, type: f.type, b64: f.content_base64 })));
    const url = `${server.origin}/api/notes/${record.id}`;
    expect(calls).toEqual([{ method: 'GET', url }, { method: 'DELETE', url }]);
    expect(await open(onServer(record.link, server.origin)).session.precheck()).toMatchObject({ ok: false, error: { code: 'gone' } });
  });

  it('a tampered note fails with a sentence', async () => {
    const record = cryptgeonFixtures.find((r) => r.name === 'text-random-key');
    if (!record) throw new Error('fixture missing');
    const ct = (JSON.parse(record.delete_response) as { contents: string }).contents;
    const last = ct.split('--')[2] ?? '';
    const flipped = ct.replace(last, `${last[0] === 'A' ? 'B' : 'A'}${last.slice(1)}`);
    const s = await startCryptgeon([{ id: record.id, previewResponse: record.preview_response, deleteResponse: record.delete_response.replace(ct, flipped), views: 1 }]);
    try {
      const result = await open(onServer(record.link, s.origin)).session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged', message: expect.stringMatching(/damaged/) } });
    } finally {
      await s.close();
    }
  });

  it.each([
    ['a blog post', 'https://blog.example/note/my-first-post'],
    ['a short id without a key', 'https://blog.example/note/4a4b4c4d'],
    ['an uppercase hex key', `https://c.example/note/${'4a'.repeat(32)}#${'AB'.repeat(32)}`],
    ['a key one character short', `https://c.example/note/${'4a'.repeat(32)}#${'ab'.repeat(31)}a`],
    ['an id with a character outside the pairs', `https://c.example/note/${'4a'.repeat(31)}9a#${'ab'.repeat(32)}`],
  ])('refuses %s', (_, href) => {
    expect(parseCryptgeonLink(href)).toBeUndefined();
  });
});
