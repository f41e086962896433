// The hot path (create, peek and consume answered straight from node:http) answers exactly as the
// Hono routes do: the same request, sent to a real server process and to the Hono app in
// process, gets the same status, body and headers, for every kind of refusal and for success.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, securityHeaderList } from '../../server/app';
import { hotPath } from '../../server/hot-path';
import { noteAnswers } from '../../server/routes/note-answers';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import { CreateNoteResponse } from '../../utils/core/protocol';
import { sealNote } from '../helpers/notes';
import { startServer, type RunningServer } from '../helpers/server';

const ENV = { RATE_LIMIT_CREATE: '3/1m', RATE_LIMIT_CONSUME: '5/1m', TRUST_PROXY: '1' };
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOKEN = 'A'.repeat(43);
/** Headers that describe the connection, not the answer. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

let server: RunningServer;
const store = openSqliteStore({ file: ':memory:' });
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  server = await startServer({ env: ENV });
  const config = loadConfig(ENV);
  if (!config.ok) throw new Error(config.error);
  app = createApp({ store, config: config.value });
});
afterAll(async () => {
  await server?.stop();
  await store.close();
});

interface Sent {
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

async function both({ path, body, headers = {} }: Sent) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  const answers = await Promise.all([fetch(`${server.url}${path}`, init), app.request(path, init)]);
  return Promise.all(answers.map(async (r) => ({
    status: r.status,
    body: await r.text(),
    headers: Object.fromEntries([...r.headers].filter(([name]) => !CONNECTION_HEADERS.has(name))),
  })));
}

let client = 0;
/** A client address of its own, so that only the rate limit cases meet the limits. */
const fresh = () => ({ 'x-forwarded-for': `198.51.100.${++client}` });
const sealed = await sealNote('same on both paths');
const consumeBody = JSON.stringify({ keyProof: sealed.keyProof, readToken: sealed.readToken });

describe('hot path on its own', () => {
  it('answers create, peek and consume itself, and leaves every other request to the app', async () => {
    const config = loadConfig({});
    if (!config.ok) throw new Error(config.error);
    const hot = hotPath({
      answers: noteAnswers({ store, config: config.value, now: Date.now }), config: config.value, limits: {}, observers: {},
      securityHeaders: securityHeaderList(config.value),
    });
    const bare = http.createServer((req, res) => { if (!hot(req, res)) res.writeHead(599).end('left to the app'); });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const address = bare.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const created = await post('/api/notes', sealed.body);
      expect(created.status).toBe(201);
      const { id } = CreateNoteResponse.parse(await created.json());
      expect((await post(`/api/notes/${id}/peek`, { keyProof: sealed.keyProof })).status).toBe(200);
      expect((await post(`/api/notes/${id}/consume`, { keyProof: sealed.keyProof, readToken: sealed.readToken })).status).toBe(200);
      for (const [method, path] of [['GET', `/api/notes/${id}/consume`], ['POST', '/api/notes/status'], ['POST', `/api/notes/${id}/consume/`], ['POST', '/api/notes/a.b/peek']]) {
        expect((await fetch(`${base}${path}`, { method })).status, `${method} ${path}`).toBe(599);
      }
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
  });
});

describe('hot path and Hono routes answer alike', () => {
  it.each<[string, () => Sent]>([
    ['peek of an unknown note', () => ({ path: `/api/notes/${ID}/peek`, body: JSON.stringify({ keyProof: TOKEN }), headers: fresh() })],
    ['consume of an unknown note', () => ({ path: `/api/notes/${ID}/consume`, body: consumeBody, headers: fresh() })],
    ['an id too short', () => ({ path: '/api/notes/short/consume', body: consumeBody, headers: fresh() })],
    ['a body that is not JSON', () => ({ path: `/api/notes/${ID}/consume`, body: '{"keyProof":', headers: fresh() })],
    ['a body that is not said to be JSON', () => ({ path: `/api/notes/${ID}/peek`, body: '{}', headers: { ...fresh(), 'content-type': 'text/plain' } })],
    ['JSON with a charset', () => ({ path: `/api/notes/${ID}/peek`, body: JSON.stringify({ keyProof: TOKEN }), headers: { ...fresh(), 'content-type': 'application/json; charset=utf-8' } })],
    ['a field missing', () => ({ path: `/api/notes/${ID}/consume`, body: JSON.stringify({ keyProof: TOKEN }), headers: fresh() })],
    ['an unknown field', () => ({ path: `/api/notes/${ID}/peek`, body: JSON.stringify({ keyProof: TOKEN, extra: 1 }), headers: fresh() })],
    ['a declared length over the limit', () => ({ path: `/api/notes/${ID}/consume`, body: 'x'.repeat(70_000), headers: fresh() })],
    ['a create from a foreign page', () => ({ path: '/api/notes', body: JSON.stringify(sealed.body), headers: { ...fresh(), origin: 'https://evil.example' } })],
    ['a create from an extension with a bad body', () => ({ path: '/api/notes', body: '{}', headers: { ...fresh(), origin: 'chrome-extension://abcdef' } })],
    ['a create with an expiry not offered', () => ({ path: '/api/notes', body: JSON.stringify({ ...sealed.body, expiresIn: 61 }), headers: fresh() })],
    ['a create with too many reads', () => ({ path: '/api/notes', body: JSON.stringify({ ...sealed.body, maxReads: 11 }), headers: fresh() })],
    ['a create of an unpadded ciphertext', () => ({
      path: '/api/notes', body: JSON.stringify({ ...sealed.body, envelope: { ...sealed.envelope, ct: sealed.envelope.ct.slice(0, 300) } }), headers: fresh(),
    })],
  ])('%s', async (_what, sent) => {
    const [hot, hono] = await both(sent());
    expect(hot).toEqual(hono);
  });

  it('a successful create: the same status, headers and fields', async () => {
    const [hot, hono] = await both({ path: '/api/notes', body: JSON.stringify(sealed.body), headers: fresh() });
    expect(hot?.status).toBe(201);
    expect({ ...hot, body: Object.keys(JSON.parse(hot?.body ?? '{}')) }).toEqual({ ...hono, body: Object.keys(JSON.parse(hono?.body ?? '{}')) });
  });

  it('the rate limits: the same 429, sentence and Retry-After once a client passes them', async () => {
    const client = fresh();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await both({ path: `/api/notes/${ID}/peek`, body: JSON.stringify({ keyProof: TOKEN }), headers: client }));
    expect(answers.map(([hot, hono]) => [hot?.status, hono?.status])).toEqual([[404, 404], [404, 404], [404, 404], [404, 404], [404, 404], [429, 429]]);
    const [hot, hono] = answers[5] ?? [];
    expect(hot).toEqual(hono);
  });
});
