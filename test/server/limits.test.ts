// Abuse limits: per-client rate limits, the byte cap, the create token, and timeouts against
// slow clients. Limits are tested in process (rate limit windows in real time), timeouts on a real server.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { clientKey } from '../../server/limits';
import { openSqliteStore } from '../../server/store/sqlite';
import { ErrorBody } from '../../utils/core/protocol';
import { request } from '../helpers/http';
import { waitFor } from '../helpers/wait';
import { sealNote } from '../helpers/notes';
import { startServer, type RunningServer } from '../helpers/server';

function configFrom(env: Record<string, string>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}

const T0 = Date.UTC(2030, 0, 1);

/** The app in process, on an in-memory SQLite store. */
function inProcess(env: Record<string, string>) {
  const config = configFrom(env);
  const store = openSqliteStore({ file: ':memory:', maxBytes: config.maxStoreBytes });
  const app = createApp({ store, config, now: () => T0 });
  const call = async (path: string, init: { json?: unknown; headers?: Record<string, string>; method?: string } = {}) => {
    const response = await app.request(path, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) as unknown : text };
  };
  return {
    call,
    create: async (headers: Record<string, string> = {}) => {
      const sealed = await sealNote('a secret');
      const response = await call('/api/notes', { json: sealed.body, headers });
      const body = response.body;
      const field = (name: string) => (typeof body === 'object' && body !== null && name in body ? String(body[name as keyof typeof body]) : '');
      return { ...response, id: field('id'), manageToken: field('manageToken'), sealed };
    },
    close: () => store.close(),
  };
}

type App = ReturnType<typeof inProcess>;
const apps: App[] = [];
afterAll(async () => { await Promise.all(apps.map((a) => a.close())); });
function app(env: Record<string, string>): App {
  const made = inProcess(env);
  apps.push(made);
  return made;
}

const isErrorBody = (body: unknown) => ErrorBody.safeParse(body).success;

describe('rate limits', () => {
  it('refuses the fourth create in a minute with 429, Retry-After and a sentence, before storing anything', async () => {
    const a = app({ RATE_LIMIT_CREATE: '3/1m' });
    for (let i = 0; i < 3; i++) expect((await a.create()).status).toBe(201);
    const refused = await a.create();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      error: 'rate_limited',
      message: `Too many notes created from your address in a short time (the limit is 3 per 60 seconds). Try again in ${retryAfter} seconds.`,
    });
    expect(refused.id).toBe('');
  });

  it('allows a client again once its window is over', async () => {
    const a = app({ RATE_LIMIT_CREATE: '1/1s' });
    expect((await a.create()).status).toBe(201);
    // Within the second a create is refused (on a machine slow enough to pass the window, try again).
    const refused = await waitFor('a refused create', async () => {
      const answer = await a.create();
      return answer.status === 429 ? answer : undefined;
    });
    expect(refused.headers.get('retry-after')).toBe('1');
    const allowed = await waitFor('the window to end', async () => {
      const answer = await a.create();
      return answer.status === 201 ? answer : undefined;
    });
    expect(allowed.id).toMatch(/^[\w-]{22}$/);
  });

  it('counts peeks and consumes (right or wrong) against the consume limit, and leaves status and health alone', async () => {
    const a = app({ RATE_LIMIT_CONSUME: '4/10m', RATE_LIMIT_CREATE: 'off', RATE_LIMIT_MANAGE: 'off' });
    const note = await a.create();
    const { keyProof, readToken } = note.sealed;
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).status).toBe(200);
    expect((await a.call(`/api/notes/${note.id}/consume`, { json: { keyProof, readToken: keyProof } })).status).toBe(404);
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).status).toBe(200);
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).status).toBe(200);
    const refused = await a.call(`/api/notes/${note.id}/consume`, { json: { keyProof, readToken } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/^Too many attempts to open notes .*per 600 seconds\)\. Try again in \d+ seconds\.$/) });
    expect((await a.call('/api/health')).status).toBe(200);
    expect((await a.call(`/api/notes/${note.id}`, { headers: { authorization: `Bearer ${'A'.repeat(43)}` } })).status).toBe(404);
    // The refused consume burned nothing.
    const manage = { authorization: `Bearer ${note.manageToken}` };
    expect((await a.call(`/api/notes/${note.id}`, { headers: manage })).body).toMatchObject({ state: 'pending', reads: 0 });
  });

  it('counts status (single and batch) and revoke of notes and requests against the manage limit, and nothing else', async () => {
    const a = app({ RATE_LIMIT_MANAGE: '4/1m', RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off' });
    const note = await a.create();
    const manage = { authorization: `Bearer ${note.manageToken}` };
    expect((await a.call(`/api/notes/${note.id}`, { headers: manage })).status).toBe(200);
    expect((await a.call('/api/notes/status', { json: { notes: [{ id: note.id, manageToken: note.manageToken }] } })).status).toBe(200);
    // A wrong token counts too: that is what the limit slows down.
    expect((await a.call(`/api/notes/${note.id}`, { headers: { authorization: `Bearer ${'B'.repeat(42)}A` } })).status).toBe(404);
    expect((await a.call(`/api/requests/${'C'.repeat(21)}A`, { method: 'DELETE', headers: { authorization: `Bearer ${'C'.repeat(42)}A` } })).status).toBe(404);
    const revoke = await a.call(`/api/notes/${note.id}`, { method: 'DELETE', headers: manage });
    expect(revoke.status).toBe(429);
    expect(revoke.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/^Too many status or revoke requests from your address .*\(the limit is 4 per 60 seconds\)/) });
    expect((await a.call('/api/notes/status', { json: { notes: [{ id: note.id, manageToken: note.manageToken }] } })).status).toBe(429);
    // Refused before it reached the store: the note is still there, and opening it is not limited.
    const { keyProof, readToken } = note.sealed;
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).body).toMatchObject({ state: 'pending' });
    expect((await a.call(`/api/notes/${note.id}/consume`, { json: { keyProof, readToken } })).status).toBe(200);
    expect((await a.create()).status).toBe(201);
  });

  it('applies each limit to its own routes only', async () => {
    const a = app({ RATE_LIMIT_CREATE: '1/1m', RATE_LIMIT_CONSUME: '1/1m', RATE_LIMIT_MANAGE: '1/1m' });
    const note = await a.create();
    expect(note.status).toBe(201);
    // The create window is spent; opening, managing and health are other routes.
    const { keyProof, readToken } = note.sealed;
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).status).toBe(200);
    expect((await a.call(`/api/notes/${note.id}`, { headers: { authorization: `Bearer ${note.manageToken}` } })).status).toBe(200);
    expect((await a.call('/api/health')).status).toBe(200);
    // Now each window is spent, and each refuses on its own routes.
    expect((await a.call(`/api/notes/${note.id}/consume`, { json: { keyProof, readToken } })).status).toBe(429);
    expect((await a.call('/api/notes/status', { json: { notes: [{ id: note.id, manageToken: note.manageToken }] } })).status).toBe(429);
    expect((await a.create()).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless the operator trusts a proxy', async () => {
    const a = app({ RATE_LIMIT_CREATE: '2/1m' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await a.create({ 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('with TRUST_PROXY, counts the address the proxy saw, not what the client wrote before it', async () => {
    const a = app({ RATE_LIMIT_CREATE: '2/1m', TRUST_PROXY: '1' });
    // Different clients behind the proxy: separate windows.
    for (let i = 0; i < 3; i++) expect((await a.create({ 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(201);
    // One client forging entries in front of the proxy's: one window.
    const forged = [];
    for (let i = 0; i < 3; i++) forged.push((await a.create({ 'x-forwarded-for': `10.0.0.${i}, 198.51.100.9` })).status);
    expect(forged).toEqual([201, 201, 429]);
  });

  it('slows down guessing of the create token too', async () => {
    const a = app({ RATE_LIMIT_CREATE: '3/1m', CREATE_TOKEN: 'operator-create-token-1234' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await a.create({ authorization: `Bearer guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as client %s (IPv6 by its /64)', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('cap on stored bytes', () => {
  it('answers 507 storage_full with a sentence once the cap is reached, and takes notes again after a read', async () => {
    // Room for two and a half notes of this size.
    const bytes = Buffer.byteLength(JSON.stringify((await sealNote('a secret')).envelope));
    const a = app({ MAX_STORE_BYTES: String(Math.floor(2.5 * bytes)), RATE_LIMIT_CREATE: 'off' });
    const first = await a.create();
    expect(first.status).toBe(201);
    expect((await a.create()).status).toBe(201);
    const full = await a.create();
    expect(full.status).toBe(507);
    expect(full.body).toEqual({
      error: 'storage_full',
      message: 'This note server has no room for more notes right now. Try again later, or tell the people who run it.',
    });
    const { keyProof, readToken } = first.sealed;
    expect((await a.call(`/api/notes/${first.id}/consume`, { json: { keyProof, readToken } })).status).toBe(200);
    expect((await a.create()).status).toBe(201);
  });
});

describe('create token', () => {
  const token = 'operator-create-token-1234';
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer operator-create-token-12345' }],
    ['a token prefix', { authorization: 'Bearer operator-create-token-123' }],
    ['the token without the Bearer scheme', { authorization: token }],
    ['the token as Basic', { authorization: `Basic ${token}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('refuses a create with %s: 401 with a sentence, nothing stored', async (_name, headers) => {
    const a = app({ CREATE_TOKEN: token });
    const response = await a.create(headers);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(/create token/) });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="burnlink"');
  });

  it('checks the token before it validates the body', async () => {
    const a = app({ CREATE_TOKEN: token });
    expect((await a.call('/api/notes', { json: { not: 'a note' } })).status).toBe(401);
    expect((await a.call('/api/notes', { json: { not: 'a note' }, headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
  });

  it('takes notes with the token, and anyone with the link reads them without it', async () => {
    const a = app({ CREATE_TOKEN: token });
    expect((await a.call('/api/health')).body).toMatchObject({ createTokenRequired: true });
    const note = await a.create({ authorization: `Bearer ${token}` });
    expect(note.status).toBe(201);
    const { keyProof, readToken } = note.sealed;
    expect((await a.call(`/api/notes/${note.id}/peek`, { json: { keyProof } })).status).toBe(200);
    expect((await a.call(`/api/notes/${note.id}/consume`, { json: { keyProof, readToken } })).status).toBe(200);
  });

  it('is not required when unset', async () => {
    const a = app({});
    expect((await a.call('/api/health')).body).toMatchObject({ createTokenRequired: false });
    expect((await a.create()).status).toBe(201);
  });
});

describe('slow clients on a real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { HEADERS_TIMEOUT: '1s', REQUEST_TIMEOUT: '2s' } });
  });
  afterAll(async () => { await server?.stop(); });

  /** Opens a raw connection, writes `parts` in order, and resolves with what the server said and when it hung up. */
  function slowClient(parts: string[]): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(server.port, '127.0.0.1', () => {
        for (const part of parts) socket.write(part);
      });
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => { answer += chunk; });
      socket.on('error', reject);
      socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
      // Far beyond the configured timeouts: the test fails instead of hanging.
      socket.setTimeout(10_000, () => {
        socket.destroy();
        reject(new Error('the server kept a slow client for 10 s'));
      });
    });
  }

  it('answers 408 and hangs up on a client that never finishes its headers', async () => {
    const { answer, closedAfterMs } = await slowClient(['POST /api/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ']);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(4000);
  });

  it('hangs up on a client that sends its body too slowly', async () => {
    const { closedAfterMs } = await slowClient([
      'POST /api/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n',
      '{"envelope":',
    ]);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1900);
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('still serves everyone else, and did not fail internally', async () => {
    const response = await request(server.url, '/api/health');
    expect(response.status).toBe(200);
    expect(server.output()).not.toMatch(/internal error/);
  });

  it('answers every error with a JSON ErrorBody', async () => {
    for (const [path, init] of [['/nothing-here', {}], ['/api/notes', { text: '{' }]] as const) {
      const response = await request(server.url, path, init);
      expect(isErrorBody(response.body), JSON.stringify(response.body)).toBe(true);
    }
  });
});
