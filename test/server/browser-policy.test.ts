// What browsers are told: which pages may create notes and requests (CORS), which may read
// (any), and HSTS behind https. Tried as a hostile page would: its preflight, and the "simple"
// requests a browser sends without one. The browser's own refusal is in test/e2e/cross-origin.spec.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import type { NoteStore } from '../../server/store/store';
import { CreateNoteResponse } from '../../utils/core/protocol';
import { sealNote } from '../helpers/notes';

const stores: NoteStore[] = [];
afterAll(async () => { await Promise.all(stores.map((s) => s.close())); });

function app(env: Record<string, string> = {}) {
  const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', ...env });
  if (!loaded.ok) throw new Error(loaded.error);
  const store = openSqliteStore({ file: ':memory:' });
  stores.push(store);
  const created = createApp({ store, config: loaded.value });
  return { store, request: (path: string, init?: RequestInit) => created.request(path, init) };
}

const EVIL = 'https://evil.example';
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://4b0d7a0e-6c7e-4a53-9e59-0f1c1d0bb4b5';

const preflight = (origin: string, method: string, headers = 'content-type') => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
});

async function createBody(): Promise<string> {
  return JSON.stringify((await sealNote('made by a page')).body);
}

describe('who may create notes and requests from a browser page', () => {
  it.each([
    ['the Chrome extension', CHROME, {}],
    ['the Firefox extension', FIREFOX, {}],
    ['the server\'s own pages (PUBLIC_URL)', 'https://notes.example.com', { PUBLIC_URL: 'https://notes.example.com' }],
    ['the server\'s own pages under the name it was reached by', 'http://burnlink.internal:8787', {}],
    ['an origin the operator lists', 'https://intranet.example.com', { CREATE_ORIGINS: 'https://wiki.example.com, https://intranet.example.com/' }],
    ['any origin, when the operator says *', EVIL, { CREATE_ORIGINS: '*' }],
  ])('allows %s: its preflight names it, and its create is stored', async (_name, origin, env) => {
    const a = app(env);
    const headers = { host: 'burnlink.internal:8787' };
    for (const path of ['/api/notes', '/api/requests']) {
      const answer = await a.request(path, { ...preflight(origin, 'POST'), headers: { ...preflight(origin, 'POST').headers, ...headers } });
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
      expect(answer.headers.get('access-control-allow-headers')).toContain('content-type');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const created = await a.request('/api/notes', { method: 'POST', headers: { ...headers, origin, 'content-type': 'application/json' }, body: await createBody() });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(origin);
    expect(created.headers.get('vary')).toContain('Origin');
  });

  it.each([
    ['another web site', EVIL, {}],
    ['a site that looks like the server', 'https://notes.example.com.evil.example', { PUBLIC_URL: 'https://notes.example.com' }],
    ['the server\'s host on another port', 'http://127.0.0.1:9999', {}],
    ['a page without an origin (sandboxed frame, file)', 'null', {}],
    ['a site next to the ones listed', 'https://evil.example.com', { CREATE_ORIGINS: 'https://intranet.example.com' }],
  ])('refuses %s: no allow-origin in its preflight, and 403 with nothing stored for a request sent without one', async (_name, origin, env) => {
    const a = app(env);
    for (const path of ['/api/notes', '/api/requests']) {
      const answer = await a.request(path, preflight(origin, 'POST'));
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    const before = await a.store.storedBytes();
    // What a page can send with no preflight: a "simple" request (text/plain, mode no-cors, a form).
    for (const contentType of ['text/plain', 'application/json']) {
      const refused = await a.request('/api/notes', { method: 'POST', headers: { origin, 'content-type': contentType }, body: await createBody() });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'forbidden', message: expect.stringMatching(/only from its own pages and the Burnlink extension.*CREATE_ORIGINS/) });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    const request = await a.request('/api/requests', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
    expect(request.status).toBe(403);
    expect(await a.store.storedBytes()).toBe(before);
  });

  it('lets clients that are not browsers (no Origin header) create', async () => {
    const a = app();
    const created = await a.request('/api/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: await createBody() });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a CREATE_ORIGINS entry that is not an origin, naming it', () => {
    expect(loadConfig({ CREATE_ORIGINS: 'https://intranet.example.com/wiki' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid configuration: CREATE_ORIGINS: "https:\/\/intranet\.example\.com\/wiki" is not an origin/),
    });
    expect(loadConfig({ CREATE_ORIGINS: 'intranet.example.com' }).ok).toBe(false);
  });
});

describe('reading stays open to every origin', () => {
  it('answers any origin\'s preflight and requests to peek, consume, answer, status and revoke with allow-origin *', async () => {
    const a = app();
    const sealed = await sealNote('read from anywhere');
    const created = await a.request('/api/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sealed.body) });
    const { id, manageToken } = CreateNoteResponse.parse(await created.json());
    for (const [path, method, header] of [
      [`/api/notes/${id}/peek`, 'POST', 'content-type'],
      [`/api/notes/${id}/consume`, 'POST', 'content-type'],
      [`/api/notes/${id}`, 'DELETE', 'authorization'],
      [`/api/notes/${id}`, 'GET', 'authorization'],
      ['/api/notes/status', 'POST', 'content-type'],
      [`/api/requests/${id}/answer`, 'POST', 'content-type'],
    ] as const) {
      const answer = await a.request(path, preflight(EVIL, method, header));
      expect(answer.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(answer.headers.get('access-control-allow-methods'), path).toContain(method);
    }
    const peek = await a.request(`/api/notes/${id}/peek`, { method: 'POST', headers: { origin: EVIL, 'content-type': 'application/json' }, body: JSON.stringify({ keyProof: sealed.keyProof }) });
    expect(peek.status).toBe(200);
    expect(peek.headers.get('access-control-allow-origin')).toBe('*');
    const status = await a.request(`/api/notes/${id}`, { headers: { origin: EVIL, authorization: `Bearer ${manageToken}` } });
    expect(status.status).toBe(200);
    const consume = await a.request(`/api/notes/${id}/consume`, {
      method: 'POST', headers: { origin: EVIL, 'content-type': 'application/json' }, body: JSON.stringify({ keyProof: sealed.keyProof, readToken: sealed.readToken }),
    });
    expect(consume.status).toBe(200);
    expect(consume.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('HSTS', () => {
  it.each([
    ['/'], ['/n/AAAAAAAAAAAAAAAAAAAAAA'], ['/api/health'], ['/nothing-here'],
  ])('tells browsers to use https only for %s when PUBLIC_URL is https', async (path) => {
    const answer = await app({ PUBLIC_URL: 'https://notes.example.com' }).request(path);
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('sends no HSTS when the server is reached over plain http (a local or test server)', async () => {
    for (const env of [{}, { PUBLIC_URL: 'http://notes.internal:8787' }] as Array<Record<string, string>>) {
      expect((await app(env).request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    }
  });
});
