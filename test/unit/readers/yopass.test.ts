import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYopassLink, yopass } from '../../../utils/reveal/readers/yopass';
import { onServer, recordingFetch, yopassFixtures, yopassLinkCases } from '../../helpers/interop-fixtures';
import { startYopass, type ToolServer, type YopassSecret } from '../../helpers/interop-servers';

// Records without a link (the repo's own vectors) get one here, in the link shape of their kind.
const withLinks = yopassFixtures.filter((r) => !r.expected_error).map((r, i) => {
  const file = r.filename !== undefined;
  const id = r.id ?? `Vector${String(i).padStart(16, '0')}`;
  const link = r.link ?? `https://yopass.example/#/${file ? 'f' : 's'}/${id}/${r.key}`;
  return { record: r, id, file, link };
});

let server: ToolServer;
beforeAll(async () => {
  const secrets: YopassSecret[] = withLinks.map(({ record, id, file }) => ({
    id, file, oneTime: true,
    ...(record.message_base64 ? { binary: Buffer.from(record.message_base64, 'base64') } : { armored: record.message ?? '' }),
  }));
  server = await startYopass(secrets);
});
afterAll(() => server.close());

function open(link: string) {
  const recognised = yopass.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

describe('Yopass reader', () => {
  it.each(withLinks.map((w) => [w.record.name, w] as const))('%s decrypts to the recorded secret', async (_, { record, id, file, link: fixtureLink }) => {
    const { session, link, calls } = open(onServer(fixtureLink, server.origin));
    const kind = file ? 'file' : 'secret';
    expect(link.passwordNeeded).toBe(record.custom_password === true);
    const check = await session.precheck();
    expect(check).toMatchObject({ ok: true, value: { checked: true, passwordNeeded: record.custom_password === true, views: 1 } });
    expect(server.consuming().filter((r) => r.url.includes(id))).toEqual([]);
    let result = await session.reveal();
    if (record.custom_password) {
      // The link says a password is needed: nothing is fetched until it is typed.
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed' } });
      expect(calls).toHaveLength(1);
      result = await session.reveal('not it');
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      expect(session.holdsCiphertext()).toBe(true);
      result = await session.reveal(record.key);
    }
    if (!result.ok) throw new Error(result.error.message);
    if (file) {
      expect(result.value.files).toHaveLength(1);
      expect(result.value.files[0]?.name).toBe(record.filename);
      const expected = record.plaintext_base64 ? Buffer.from(record.plaintext_base64, 'base64') : Buffer.from(record.plaintext);
      expect(Buffer.from(result.value.files[0]?.bytes ?? []).equals(expected)).toBe(true);
      expect(result.value.text).toBeUndefined();
    } else {
      expect(result.value.text).toBe(record.decrypted_utf8 ?? record.plaintext);
      expect(result.value.files).toEqual([]);
    }
    expect(calls).toEqual([
      { method: 'GET', url: `${server.origin}/${kind}/${id}/status` },
      { method: 'GET', url: `${server.origin}/${kind}/${id}` },
    ]);
    // Read once: the next person gets "gone".
    expect(await open(onServer(fixtureLink, server.origin)).session.reveal(record.key)).toMatchObject({ ok: false, error: { code: 'gone' } });
  });

  it.each(yopassFixtures.filter((r) => r.expected_error).map((r) => [r.name, r] as const))('%s fails with a sentence', async (_, record) => {
    const s = await startYopass([{ id: 'ErrorCase0000000000000', file: false, oneTime: true, armored: record.message ?? '' }]);
    try {
      const key = record.key || 'AAAAAAAAAAAAAAAAAAAAAA';
      const { session } = open(`${s.origin}/#/s/ErrorCase0000000000000/${key}`);
      const result = await session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged', message: expect.stringMatching(/\w+ \w+/) } });
    } finally {
      await s.close();
    }
  });

  it('a tampered message fails and says so', async () => {
    const record = withLinks.find((w) => w.record.name === 'new-text-seipdv2-gcm');
    if (!record) throw new Error('fixture missing');
    const armored = record.record.message ?? '';
    const lines = armored.split('\n');
    const at = lines.findIndex((l) => l.length > 40) + 1;
    lines[at] = `${lines[at]?.slice(0, 5)}${lines[at]?.[5] === 'A' ? 'B' : 'A'}${lines[at]?.slice(6)}`;
    const s = await startYopass([{ id: record.id, file: false, oneTime: true, armored: lines.join('\n') }]);
    try {
      const result = await open(onServer(record.link, s.origin)).session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged' } });
      if (!result.ok) expect(result.error.message).toMatch(/damaged/);
    } finally {
      await s.close();
    }
  });

  it.each(yopassLinkCases.TestParseURL.cases.map((c) => [c.name, c] as const))('ParseURL case "%s"', (_, c) => {
    const parsed = parseYopassLink(c.url);
    if (c.fail) return expect(parsed).toBeUndefined();
    expect(parsed).toMatchObject({ id: c.id, file: c.fileOpt });
    expect(parsed?.key).toBe(c.keyOpt ? undefined : c.key);
  });

  it.each(yopassLinkCases.TestSecretURL.cases.map((c) => [c.name, c] as const))('SecretURL case "%s" is recognised', (_, c) => {
    const parsed = parseYopassLink(c.want);
    expect(parsed).toMatchObject({ id: c.id, file: c.fOpt, api: c.url.includes('yopass.se') ? 'https://api.yopass.se' : c.url.replace(/\/$/, '') });
    expect(parsed?.key).toBe(c.kOpt ? undefined : c.key);
  });
});
