// An unknown id and a known id with a wrong token must be indistinguishable: same answer, and the
// same work on the way (one constant-time hash comparison each). Tried as an attacker who probes
// ids would: every route that answers "not found", on both stores. How long each takes is a
// benchmark matter (bench/not-found.ts); here the answers, and the comparison being made.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openRedisStore } from '../../server/store/redis';
import { openSqliteStore } from '../../server/store/sqlite';
import { sameHash, type NoteStore } from '../../server/store/store';
import { toBase64url } from '../../utils/core/base64url';
import { createRequestApi } from '../../utils/core/request/api';
import { sealAnswer } from '../../utils/core/request/crypto';
import { askForSecret } from '../../utils/core/request/flow';
import { sealNote } from '../helpers/notes';
import { startRedis, type RunningRedis } from '../helpers/redis';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('sameHash', () => {
  /** A comparison that counts its calls and what it was given. */
  function counting() {
    const calls: Array<[number, number]> = [];
    const equal = (a: Buffer, b: Buffer) => {
      calls.push([a.length, b.length]);
      return a.equals(b);
    };
    return { calls, equal };
  }

  it.each([
    ['the right hash', sha256('token'), true],
    ['a wrong hash', sha256('other'), false],
    ['no stored hash (unknown id, SQLite)', undefined, false],
    ['no stored hash (unknown id, Redis)', null, false],
    ['a stored value of another length', Buffer.alloc(16), false],
  ])('makes exactly one 32-byte comparison against %s', (_name, stored, expected) => {
    const { calls, equal } = counting();
    expect(sameHash(stored, sha256('token'), equal)).toBe(expected);
    expect(calls).toEqual([[32, 32]]);
  });

  it('never matches without a stored hash, even the hash of the dummy itself', () => {
    expect(sameHash(undefined, Buffer.alloc(32))).toBe(false);
    expect(sameHash(null, Buffer.alloc(32))).toBe(false);
  });
});

let redis: RunningRedis;
beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis?.stop(); });

const stores: Array<[string, () => Promise<NoteStore>]> = [
  ['SQLite', async () => openSqliteStore({ file: ':memory:' })],
  ['Redis', async () => openRedisStore({ url: redis.url, prefix: `notfound${Date.now()}:` })],
];

const randomToken = (bytes: number) => toBase64url(crypto.getRandomValues(new Uint8Array(bytes)));

describe.each(stores)('on %s, an unknown id and a wrong token get the same answer', (_name, open) => {
  let store: NoteStore;
  let call: (path: string, init?: RequestInit) => Promise<Response>;
  beforeAll(async () => {
    store = await open();
    const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off', RATE_LIMIT_MANAGE: 'off' });
    if (!loaded.ok) throw new Error(loaded.error);
    const app = createApp({ store, config: loaded.value });
    call = async (path, init) => app.request(path, init);
  });
  afterAll(async () => { await store?.close(); });

  /** Status, body and every header but the date: what an attacker sees of one answer. */
  async function seen(response: Response) {
    const headers = [...response.headers].filter(([name]) => name !== 'date');
    return { status: response.status, headers, body: await response.text() };
  }

  const json = (body: unknown, extra: Record<string, string> = {}) =>
    ({ method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });

  it('for notes: peek, consume, status, batch status and revoke', async () => {
    const sealed = await sealNote('probed');
    const created = await call('/api/notes', json(sealed.body));
    const { id } = await created.json() as { id: string };
    const unknown = randomToken(16);
    const wrong = { keyProof: randomToken(32), readToken: randomToken(32), manage: randomToken(32) };
    const probes: Array<[string, (target: string) => Promise<Response>]> = [
      ['peek', (target) => call(`/api/notes/${target}/peek`, json({ keyProof: wrong.keyProof }))],
      ['consume', (target) => call(`/api/notes/${target}/consume`, json({ keyProof: wrong.keyProof, readToken: wrong.readToken }))],
      ['consume with the right read token', (target) => call(`/api/notes/${target}/consume`, json({ keyProof: wrong.keyProof, readToken: sealed.readToken }))],
      ['status', (target) => call(`/api/notes/${target}`, { headers: { authorization: `Bearer ${wrong.manage}` } })],
      ['revoke', (target) => call(`/api/notes/${target}`, { method: 'DELETE', headers: { authorization: `Bearer ${wrong.manage}` } })],
      ['batch status', (target) => call('/api/notes/status', json({ notes: [{ id: target, manageToken: wrong.manage }] }))],
    ];
    for (const [what, probe] of probes) {
      const [forUnknown, forWrong] = [await seen(await probe(unknown)), await seen(await probe(id))];
      expect(forWrong, what).toEqual(forUnknown);
      expect(forUnknown.status, what).toBe(what === 'batch status' ? 200 : 404);
    }
    // Nothing was burned or counted by the probes: the note still opens with its link.
    const read = await call(`/api/notes/${id}/consume`, json({ keyProof: sealed.keyProof, readToken: sealed.readToken }));
    expect(read.status).toBe(200);
  });

  it('for requests: peek, answer, fetch, status and revoke', async () => {
    const api = createRequestApi({ server: 'http://burnlink.test', fetch: (input, init) => call(new URL(String(input)).pathname, init) });
    const asked = await askForSecret(api, { note: 'probed', expiresIn: 3600 });
    if (!asked.ok) throw new Error(asked.error.message);
    const { id } = asked.value.request;
    const unknown = randomToken(16);
    const sealedFor = async (target: string) => {
      const answer = await sealAnswer(new TextEncoder().encode('junk'), { publicKey: asked.value.publicKey, requestId: target });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    };
    const wrong = randomToken(32);
    const probes: Array<[string, (target: string) => Promise<Response>]> = [
      ['peek', (target) => call(`/api/requests/${target}/peek`, json({ answerToken: wrong }))],
      ['answer', async (target) => call(`/api/requests/${target}/answer`, json({ answerToken: wrong, answer: await sealedFor(target) }))],
      ['fetch', (target) => call(`/api/requests/${target}/fetch`, { method: 'POST', headers: { authorization: `Bearer ${wrong}` } })],
      ['status', (target) => call(`/api/requests/${target}`, { headers: { authorization: `Bearer ${wrong}` } })],
      ['revoke', (target) => call(`/api/requests/${target}`, { method: 'DELETE', headers: { authorization: `Bearer ${wrong}` } })],
    ];
    for (const [what, probe] of probes) {
      const [forUnknown, forWrong] = [await seen(await probe(unknown)), await seen(await probe(id))];
      expect(forWrong, what).toEqual(forUnknown);
      expect(forUnknown.status, what).toBe(404);
    }
  });
});
