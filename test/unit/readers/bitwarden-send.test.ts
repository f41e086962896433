import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitwardenSend, decryptEncString, parseSendLink, passwordHash, sendKeys } from '../../../utils/reveal/readers/bitwarden-send';
import { fromBase64url } from '../../../utils/core/base64url';
import { bitwardenFixtures, bitwardenVectors, recordingFetch } from '../../helpers/interop-fixtures';
import { startBitwarden, type BitwardenSend, type ToolServer } from '../../helpers/interop-servers';

const responseOf = (r: (typeof bitwardenFixtures)[number]) => r.v1_access_response_like
  ?? JSON.stringify({ id: r.access_id, type: 0, name: r.encrypted.name, file: null, text: { text: r.encrypted.text, hidden: r.plaintext.hidden }, expirationDate: null, creatorIdentifier: null, object: 'send-access' });
const sends = (): BitwardenSend[] => [
  ...bitwardenFixtures.map((r) => ({ accessId: r.access_id, response: responseOf(r), maxAccessCount: 1, ...(r.password_hash_b64 ? { passwordHash: r.password_hash_b64 } : {}) })),
  { accessId: 'EmailOtpSendAAAAAAAAAA', response: '{}', emailOtp: true },
  { accessId: 'FileSendAAAAAAAAAAAAAA', response: JSON.stringify({ id: 'FileSendAAAAAAAAAAAAAA', type: 1, name: null, text: null, file: { id: 'f', fileName: '2.x|y|z', size: 3 } }) },
];

const servers: Record<'v1' | 'v2', ToolServer | undefined> = { v1: undefined, v2: undefined };
beforeAll(async () => {
  servers.v2 = await startBitwarden(sends());
  servers.v1 = await startBitwarden(sends(), { v2: false });
});
afterAll(async () => { await servers.v1?.close(); await servers.v2?.close(); });

function open(link: string) {
  const recognised = bitwardenSend.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

const selfHosted = (origin: string, r: { access_id: string; key: string }) => `${origin}/#/send/${r.access_id}/${r.key}`;

describe.each(['v2', 'v1'] as const)('Bitwarden Send reader, access %s', (version) => {
  it.each(bitwardenFixtures.map((r) => [r.name, r] as const))('%s decrypts to the expected text', async (_, record) => {
    const server = servers[version];
    if (!server) throw new Error('no server');
    const { session, link, calls } = open(selfHosted(server.origin, record));
    expect(link.access).toMatchObject({ cors: 'permission', origins: [server.origin] });
    const check = await session.precheck();
    expect(check).toMatchObject({ ok: true, value: version === 'v2' ? { checked: true, passwordNeeded: record.password !== null } : { checked: false } });
    expect(server.consuming().filter((r) => r.url.includes(record.access_id) || r.headers.authorization?.includes(record.access_id))).toEqual([]);
    let result = await session.reveal();
    if (record.password !== null) {
      expect(result).toMatchObject({ ok: false, error: { code: 'password_needed' } });
      result = await session.reveal('wrong');
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
      result = await session.reveal(record.password);
    }
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ text: record.plaintext.text, title: record.plaintext.name, files: [] });
    expect(result.value.hidden === true).toBe(record.plaintext.hidden);
    // One counted access (the Sends allow one), then gone.
    expect(calls.filter((c) => /\/sends\/access/.test(c.url))).toHaveLength(record.password !== null ? 3 - (version === 'v2' ? 2 : 0) : 1);
    expect(await open(selfHosted(server.origin, record)).session.reveal(record.password ?? undefined)).toMatchObject({ ok: false, error: { code: 'gone' } });
  });

  it('sends emailed-code Sends to the site', async () => {
    const server = servers[version];
    if (!server) throw new Error('no server');
    const href = `${server.origin}/#/send/EmailOtpSendAAAAAAAAAA/${'A'.repeat(21)}w`;
    const { session } = open(href);
    const result = version === 'v2' ? await session.precheck() : await session.reveal('x');
    expect(result).toMatchObject({ ok: false, error: { code: 'denied', site: href } });
  });

  it('refuses file Sends with the site, before anything is counted', async () => {
    const server = servers[version];
    if (!server) throw new Error('no server');
    const href = `${server.origin}/#/send/FileSendAAAAAAAAAAAAAA/${'A'.repeat(21)}w`;
    expect(await open(href).session.reveal()).toMatchObject({ ok: false, error: { code: 'unsupported', site: href } });
  });
});

describe('Bitwarden Send crypto', () => {
  it.each(bitwardenVectors.shareable_key.cases.map((c) => [c.secret_ascii, c] as const))('derive_shareable_key vector %s', async (_, c) => {
    const keys = await sendKeys(new TextEncoder().encode(c.secret_ascii), c.name, c.info ?? '');
    expect(Buffer.from([...keys.enc, ...keys.mac]).toString('base64')).toBe(c.expected_key_b64);
  });

  it('the access password hash matches the SDK vector', async () => {
    const v = bitwardenVectors.send_rs_tests.test_create_password;
    expect(await passwordHash(v.password, new Uint8Array(fromBase64url(v.key) ?? []))).toBe(v.expected_password_b64);
  });

  it('a tampered EncString fails its MAC', async () => {
    const v = bitwardenVectors.send_rs_tests.test_decrypt;
    const keys = await sendKeys(new Uint8Array(fromBase64url(v.expected_view.key) ?? []));
    expect(await decryptEncString(v.send.text.text, keys)).toMatchObject({ ok: true });
    const [iv, ct, mac] = v.send.text.text.slice(2).split('|');
    const flipped = `2.${iv}|${ct?.[0] === 'A' ? 'B' : 'A'}${ct?.slice(1)}|${mac}`;
    expect(await decryptEncString(flipped, keys)).toEqual({ ok: false, error: 'mac' });
  });

  it('a tampered Send is refused with a sentence', async () => {
    const record = bitwardenFixtures[0];
    if (!record) throw new Error('fixture missing');
    const [iv, ct, mac] = record.encrypted.text.slice(2).split('|');
    const tampered = { ...record, encrypted: { ...record.encrypted, text: `2.${iv}|${ct?.[0] === 'A' ? 'B' : 'A'}${ct?.slice(1)}|${mac}` } };
    const s = await startBitwarden([{ accessId: record.access_id, response: responseOf(tampered) }]);
    try {
      const result = await open(selfHosted(s.origin, record)).session.reveal();
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged', message: expect.stringMatching(/damaged/) } });
    } finally {
      await s.close();
    }
  });
});

describe('Bitwarden Send links', () => {
  it.each([
    ['the cloud link', 'https://send.bitwarden.com/#ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw', 'https://api.bitwarden.com', 'https://identity.bitwarden.com'],
    ['the EU vault', 'https://vault.bitwarden.eu/#/send/ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw', 'https://api.bitwarden.eu', 'https://identity.bitwarden.eu'],
    ['a self-hosted vault with #send/', 'https://bw.example.org/#send/ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw', 'https://bw.example.org/api', 'https://bw.example.org/identity'],
    ['a vault under a path', 'https://example.org/vault/#/send/ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw', 'https://example.org/vault/api', 'https://example.org/vault/identity'],
  ])('%s', (_, href, api, identity) => {
    expect(parseSendLink(href)).toMatchObject({ accessId: 'ct2APRQtJk-BLLDwAYqhRA', api, identity });
  });

  it.each([
    ['a key of 21 characters', 'https://send.bitwarden.com/#ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHB'],
    ['a key with stray low bits', 'https://send.bitwarden.com/#ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBx'],
    ['the short form on another host', 'https://send.example.org/#ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw'],
    ['a vault route that is not a Send', 'https://vault.bitwarden.com/#/vault/ct2APRQtJk-BLLDwAYqhRA/Pgui0FK85cNhBGWHAlBHBw'],
  ])('refuses %s', (_, href) => {
    expect(parseSendLink(href)).toBeUndefined();
  });
});
