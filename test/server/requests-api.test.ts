// Request-a-secret on running servers: one process on its SQLite file, and two processes on one
// real Redis (every step alternates between them). The requester and the answerer use the real
// client flows; attackers use raw requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../utils/core/base64url';
import { createRequestApi, type RequestApi } from '../../utils/core/request/api';
import { openAnswer, requestSecrets, sealAnswer, sealRequestNote } from '../../utils/core/request/crypto';
import { answerRequest, askForSecret, openRequest, receiveAnswer, type AskedRequest } from '../../utils/core/request/flow';
import { parseRequestLink, type RequestLink } from '../../utils/core/request/link';
import { REQUEST_CLOSED_MESSAGES, REQUEST_NOT_FOUND_MESSAGE } from '../../utils/core/request/wording';
import { request } from '../helpers/http';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { filesContain } from '../helpers/sqlite-file';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DAY = 86_400;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

interface Deployment {
  /** The instances; with one, every step goes to it. */
  urls: string[];
  /** The SQLite file, to look for ciphertext left on disk (none with Redis). */
  dbFile?: string;
  stop: () => Promise<void>;
}

async function sqliteDeployment(): Promise<Deployment> {
  const server = await startServer();
  return { urls: [server.url], dbFile: server.dbFile, stop: () => server.stop() };
}

async function redisDeployment(): Promise<Deployment> {
  const redis: RunningRedis = await startRedis();
  const servers: RunningServer[] = await Promise.all([0, 1].map(() => startServer({ env: { REDIS_URL: redis.url } })));
  return {
    urls: servers.map((s) => s.url),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await redis.stop();
    },
  };
}

describe.each([
  ['SQLite', sqliteDeployment],
  ['Redis, two instances', redisDeployment],
])('request a secret on %s', (_name, deploy) => {
  let deployment: Deployment;
  let turn = 0;
  /** The next instance, in turn. */
  const url = () => deployment.urls[turn++ % deployment.urls.length] ?? '';
  const api = (): RequestApi => createRequestApi({ server: url() });

  beforeAll(async () => { deployment = await deploy(); });
  afterAll(async () => { await deployment?.stop(); });

  /** The requester asks; returns what the extension keeps and the link as the answerer gets it. */
  async function ask(note = 'staging DB password for Alex'): Promise<{ asked: AskedRequest; link: RequestLink }> {
    const asked = unwrap(await askForSecret(api(), { note, expiresIn: DAY }));
    return { asked, link: unwrap(parseRequestLink(asked.link)) };
  }
  const receive = (asked: AskedRequest) => receiveAnswer(api(), {
    id: asked.request.id, fetchToken: asked.request.fetchToken, privateKey: asked.keys.privateKey, publicKey: asked.publicKey,
  });
  /** A sealed answer body, posted raw. */
  async function answerBody(link: RequestLink, text: string) {
    const { answerToken } = await requestSecrets(link.publicKey);
    const answer = unwrap(await sealAnswer(encoder.encode(text), { publicKey: link.publicKey, requestId: link.id }));
    return { answerToken, answer };
  }

  it('goes through its life: asked, opened with the note, answered, revealed once by the requester', async () => {
    const { asked, link } = await ask();
    const opened = unwrap(await openRequest(api(), link));
    expect(opened).toMatchObject({ note: 'staging DB password for Alex', peek: { state: 'waiting', at: null } });

    const secret = 'PGPASSWORD=Tr0ub4dor&3 (staging)';
    const answered = unwrap(await answerRequest(api(), link, encoder.encode(secret)));
    const [status] = unwrap(await api().statusBatch([{ id: asked.request.id, fetchToken: asked.request.fetchToken }])).statuses;
    expect(status).toMatchObject({ state: 'answered', answeredAt: answered.answeredAt, readAt: null });
    expect(unwrap(await openRequest(api(), link))).toMatchObject({ note: null, peek: { state: 'answered', at: answered.answeredAt } });

    const received = unwrap(await receive(asked));
    expect(decoder.decode(received.payload)).toBe(secret);
    expect(await receive(asked)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read', status: 410 } });
    expect(unwrap(await api().status(asked.request.id, asked.request.fetchToken))).toMatchObject({ state: 'read' });
    if (deployment.dbFile) expect(filesContain(deployment.dbFile, secret)).toBe(false);
  });

  it('refuses a second answer with 410 and a sentence, and the requester gets the first', async () => {
    const { asked, link } = await ask();
    unwrap(await answerRequest(api(), link, encoder.encode('the first answer')));
    const second = await answerRequest(api(), link, encoder.encode('a second answer'));
    expect(second).toMatchObject({ ok: false, error: { code: 'gone', status: 410, state: 'answered', message: REQUEST_CLOSED_MESSAGES.answered } });
    expect(decoder.decode(unwrap(await receive(asked)).payload)).toBe('the first answer');
  });

  it('accepts exactly one of 200 concurrent answers, and the requester decrypts exactly that one', async () => {
    const { asked, link } = await ask();
    const bodies = await Promise.all(Array.from({ length: 200 }, (_, i) => answerBody(link, `answer number ${i}`)));
    const responses = await Promise.all(bodies.map((json) => request(url(), `/api/requests/${link.id}/answer`, { json })));
    const accepted = responses.flatMap((r, i) => (r.status === 201 ? [i] : []));
    expect(accepted).toHaveLength(1);
    expect(responses.filter((r) => r.status === 410)).toHaveLength(199);
    for (const r of responses.filter((x) => x.status === 410)) expect(r.body).toMatchObject({ error: 'gone', state: 'answered' });
    expect(decoder.decode(unwrap(await receive(asked)).payload)).toBe(`answer number ${accepted[0]}`);
  });

  it('lets nobody but the requester fetch, learn the state of, or withdraw the answer', async () => {
    const { asked, link } = await ask();
    const other = await ask();
    const body = await answerBody(link, 'only for the requester');
    expect((await request(url(), `/api/requests/${link.id}/answer`, { json: body })).status).toBe(201);
    const fetchWith = (headers: Record<string, string>) => request(url(), `/api/requests/${link.id}/fetch`, { method: 'POST', headers });
    // Whoever holds the link (the answerer, a stranger it leaked to) has the answer token, not the fetch token.
    const attempts = [
      await fetchWith({}),
      await fetchWith({ authorization: `Bearer ${body.answerToken}` }),
      await fetchWith({ authorization: `Bearer ${other.asked.request.fetchToken}` }),
      await fetchWith({ authorization: `Bearer ${toBase64url(crypto.getRandomValues(new Uint8Array(32)))}` }),
      await request(url(), `/api/requests/${link.id}`, { headers: { authorization: `Bearer ${body.answerToken}` } }),
      await request(url(), `/api/requests/${link.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${other.asked.request.fetchToken}` } }),
      await request(url(), '/api/requests/status', { json: { requests: [{ id: link.id, fetchToken: body.answerToken }] } }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([400, 404, 404, 404, 404, 404, 200]);
    expect(attempts[1]?.body).toEqual({ error: 'not_found', message: REQUEST_NOT_FOUND_MESSAGE });
    expect(attempts[6]?.body).toEqual({ statuses: [null] });
    for (const attempt of attempts) expect(JSON.stringify(attempt.body)).not.toContain('"ct"');
    // Nothing was burned or revoked by any of that: the requester still gets the answer, once.
    expect(decoder.decode(unwrap(await receive(asked)).payload)).toBe('only for the requester');
  });

  it('gives the answer ciphertext only to the fetch token, and it opens only with the requester\'s private key', async () => {
    const { asked, link } = await ask();
    const mallory = await ask();
    unwrap(await answerRequest(api(), link, encoder.encode('for the requester\'s browser only')));
    const fetched = unwrap(await api().fetchAnswer(link.id, asked.request.fetchToken));
    const wrongKey = await openAnswer(fetched.answer, { privateKey: mallory.asked.keys.privateKey, publicKey: asked.publicKey, requestId: link.id });
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'decrypt_failed' } });
    const rightKey = unwrap(await openAnswer(fetched.answer, { privateKey: asked.keys.privateKey, publicKey: asked.publicKey, requestId: link.id }));
    expect(decoder.decode(rightKey)).toBe('for the requester\'s browser only');
  });

  it('says not answered yet (409) to a fetch before the answer, and burns nothing', async () => {
    const { asked, link } = await ask();
    expect(await api().fetchAnswer(link.id, asked.request.fetchToken)).toMatchObject({ ok: false, error: { code: 'not_answered', status: 409 } });
    expect(unwrap(await openRequest(api(), link)).peek.state).toBe('waiting');
  });

  it('withdraws a waiting request: the link then says so, and takes no answer', async () => {
    const { asked, link } = await ask();
    expect(unwrap(await api().revoke(link.id, asked.request.fetchToken))).toMatchObject({ state: 'revoked' });
    expect(unwrap(await openRequest(api(), link))).toMatchObject({ note: null, peek: { state: 'revoked' } });
    expect(await answerRequest(api(), link, encoder.encode('too late'))).toMatchObject({
      ok: false, error: { code: 'gone', state: 'revoked', message: REQUEST_CLOSED_MESSAGES.revoked },
    });
  });

  it('answers an id-only or wrong-link peek and answer like an unknown id', async () => {
    const { link } = await ask();
    const otherLink = (await ask()).link;
    const { answerToken } = await requestSecrets(otherLink.publicKey);
    const peek = await request(url(), `/api/requests/${link.id}/peek`, { json: { answerToken } });
    const unknown = await request(url(), `/api/requests/${toBase64url(crypto.getRandomValues(new Uint8Array(16)))}/peek`, { json: { answerToken } });
    expect([peek.status, unknown.status]).toEqual([404, 404]);
    expect(peek.body).toEqual(unknown.body);
    const answer = await answerBody(link, 'x');
    expect((await request(url(), `/api/requests/${link.id}/answer`, { json: { ...answer, answerToken } })).status).toBe(404);
    expect(unwrap(await openRequest(api(), link)).peek.state).toBe('waiting');
  });

  it.each([
    ['an unpadded note', (b: Record<string, unknown>) => ({ ...b, note: { v: 1, alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ct: toBase64url(new Uint8Array(100)) } }), /note is not padded/],
    ['an expiry the server does not offer', (b: Record<string, unknown>) => ({ ...b, expiresIn: 12_345 }), /expiry must be one of: 5 minutes, 1 hour, 24 hours, 7 days/],
    ['an unknown field', (b: Record<string, unknown>) => ({ ...b, publicKey: 'x' }), /request is invalid/],
  ])('refuses a request with %s (400, a sentence, nothing stored)', async (_what, change, message) => {
    const { answerToken, noteKey } = await requestSecrets(crypto.getRandomValues(new Uint8Array(32)));
    const note = unwrap(await sealRequestNote('n', noteKey));
    const response = await request(url(), '/api/requests', { json: change({ note, expiresIn: DAY, answerToken }) });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
  });

  it('refuses an unpadded answer with 400 and an oversized one with 413, and the request still waits', async () => {
    const { link } = await ask();
    const body = await answerBody(link, 'x');
    const unpadded = await request(url(), `/api/requests/${link.id}/answer`, { json: { ...body, answer: { ...body.answer, ct: toBase64url(new Uint8Array(300)) } } });
    expect(unpadded).toMatchObject({ status: 400, body: { error: 'bad_request', message: expect.stringMatching(/not padded to a size bucket/) } });
    const huge = await request(url(), `/api/requests/${link.id}/answer`, { json: { ...body, answer: { ...body.answer, ct: toBase64url(new Uint8Array(2 * 1024 * 1024 + 16)) } } });
    expect(huge).toMatchObject({ status: 413, body: { error: 'too_large' } });
    expect(unwrap(await openRequest(api(), link)).peek.state).toBe('waiting');
  });

  it('sends the API headers on request endpoints: no caching, any origin', async () => {
    const { link } = await ask();
    const { answerToken } = await requestSecrets(link.publicKey);
    const response = await request(url(), `/api/requests/${link.id}/peek`, { json: { answerToken } });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('request endpoints share the notes\' limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_CREATE: '2/10m', RATE_LIMIT_CONSUME: '3/10m', CREATE_TOKEN: 'operator-token-0123456789' } });
  });
  afterAll(async () => { await server?.stop(); });

  it('needs the create token to ask, not to answer; counts asks with notes and opens with reads', async () => {
    const api = createRequestApi({ server: server.url });
    const withoutToken = await askForSecret(api, { note: '', expiresIn: 3600 });
    expect(withoutToken).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401, message: expect.stringMatching(/only accepts requests from people with its create token/) } });
    const asked = unwrap(await askForSecret(api, { note: '', expiresIn: 3600, createToken: 'operator-token-0123456789' }));
    // The third create in the window (the two above) is refused, whether it is a note or a request.
    const third = await askForSecret(api, { note: '', expiresIn: 3600, createToken: 'operator-token-0123456789' });
    expect(third).toMatchObject({ ok: false, error: { code: 'rate_limited', status: 429 } });

    const link = unwrap(parseRequestLink(asked.link));
    expect(unwrap(await openRequest(api, link)).peek.state).toBe('waiting');
    expect(unwrap(await answerRequest(api, link, encoder.encode('answered without any token')))).toMatchObject({ answeredAt: expect.any(Number) });
    expect(unwrap(await receiveAnswer(api, { id: link.id, fetchToken: asked.request.fetchToken, privateKey: asked.keys.privateKey, publicKey: asked.publicKey })).payload)
      .toEqual(encoder.encode('answered without any token'));
    const fourth = await openRequest(api, link);
    expect(fourth).toMatchObject({ ok: false, error: { code: 'rate_limited', status: 429, message: expect.stringMatching(/^Too many attempts to open or answer requests/) } });
  });
});
