import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base58Key, passwordBytes, privatebin } from '../../../utils/reveal/readers/privatebin';
import { privatebinFixtures, onServer, recordingFetch } from '../../helpers/interop-fixtures';
import { startPrivateBin, type ToolServer } from '../../helpers/interop-servers';

let server: ToolServer;
beforeAll(async () => {
  server = await startPrivateBin(privatebinFixtures.map((r) => ({ id: r.id, response: r.response, burn: r.burn })));
});
afterAll(() => server.close());

function open(link: string) {
  const recognised = privatebin.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

describe('PrivateBin reader', () => {
  it.each(privatebinFixtures.map((r) => [r.name, r] as const))('%s decrypts to the recorded paste', async (_, record) => {
    const { session, link, calls } = open(onServer(record.link, server.origin));
    expect(link.passwordNeeded).toBeUndefined();
    expect(link.access.cors).toBe('open');
    let result = await session.reveal();
    if (record.password !== undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed' } });
      expect(session.holdsCiphertext()).toBe(true);
      result = await session.reveal(`${record.password}x`);
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      result = await session.reveal(record.password);
    }
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.text).toBe(record.decrypted_paste);
    expect(result.value.format).toBe({ plaintext: 'text', markdown: 'markdown', syntaxhighlighting: 'code' }[record.formatter]);
    expect(result.value.files.map((f) => ({ name: f.name, type: f.type, b64: Buffer.from(f.bytes).toString('base64') })))
      .toEqual((record.attachments ?? []).map((a) => ({ name: a.name, type: a.data_uri_mime, b64: a.content_base64 })));
    expect(result.value.comments ?? []).toEqual(record.comment ? [{ nickname: record.comment.nickname, text: record.comment.comment }] : []);
    // One fetch, even across password retries; and a simple request (no preflight).
    expect(calls).toEqual([{ method: 'GET', url: `${server.origin}/?pasteid=${record.id}` }]);
    expect(result.value.notes.some((n) => /deleted this paste/.test(n))).toBe(record.burn);
  });

  it('a burned paste is gone on the second read', async () => {
    const record = privatebinFixtures.find((r) => r.name.startsWith('a-'));
    if (!record) throw new Error('fixture a missing');
    const { session } = open(onServer(record.link, server.origin));
    expect(await session.reveal()).toMatchObject({ ok: false, error: { code: 'gone' } });
  });

  it('the PrivateBin password rule: one byte per code point, low byte of its first UTF-16 unit', () => {
    expect([...passwordBytes('pässwörd')]).toEqual([0x70, 0xe4, 0x73, 0x73, 0x77, 0xf6, 0x72, 0x64]);
    expect([...passwordBytes('🔑x')]).toEqual([0x3d, 0x78]);
  });

  it('decodes base58 keys with leading zero bytes', () => {
    expect([...(base58Key('1111111111111111111111111111111112') ?? [])].slice(-2)).toEqual([0, 1]);
    expect(base58Key('0OIl')).toBeUndefined();
  });

  it('a tampered paste fails with a sentence, after one fetch', async () => {
    const record = privatebinFixtures.find((r) => r.name.startsWith('b-'));
    if (!record) throw new Error('fixture b missing');
    const parsed = JSON.parse(record.response) as { ct: string };
    const flipped = `${parsed.ct.slice(0, 10)}${parsed.ct[10] === 'A' ? 'B' : 'A'}${parsed.ct.slice(11)}`;
    const tampered = await startPrivateBin([{ id: record.id, burn: false, response: record.response.replace(parsed.ct.replace(/\//g, '\\/'), flipped.replace(/\//g, '\\/')) }]);
    try {
      const { session } = open(onServer(record.link, tampered.origin));
      const result = await session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed', message: expect.stringMatching(/damaged/) } });
      expect(tampered.consuming()).toHaveLength(1);
    } finally {
      await tampered.close();
    }
  });
});
