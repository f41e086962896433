// Addresses and methods as the protocol document lists them: a known address asked with another
// method answers 405 with Allow (not 404, which would say the address does not exist), and the
// note page forgives a trailing slash.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import { ErrorBody } from '../../utils/core/protocol';

const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const loaded = loadConfig({});
if (!loaded.ok) throw new Error(loaded.error);
const app = createApp({ store, config: loaded.value });

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('a known address asked with a method it does not take', () => {
  it.each([
    ['PUT', '/api/notes', 'POST, OPTIONS'],
    ['GET', '/api/notes', 'POST, OPTIONS'],
    ['GET', `/api/notes/${ID}/consume`, 'POST, OPTIONS'],
    ['HEAD', `/api/notes/${ID}/consume`, 'POST, OPTIONS'],
    ['GET', `/api/notes/${ID}/peek`, 'POST, OPTIONS'],
    ['PATCH', `/api/notes/${ID}`, 'GET, DELETE, HEAD, OPTIONS'],
    ['POST', `/api/notes/${ID}`, 'GET, DELETE, HEAD, OPTIONS'],
    ['GET', '/api/notes/status', 'POST, OPTIONS'],
    ['DELETE', '/api/notes/status', 'POST, OPTIONS'],
    ['POST', '/api/health', 'GET, HEAD, OPTIONS'],
    ['GET', '/api/requests', 'POST, OPTIONS'],
    ['GET', `/api/requests/${ID}/answer`, 'POST, OPTIONS'],
    ['GET', '/api/requests/status', 'POST, OPTIONS'],
    ['PUT', `/api/requests/${ID}`, 'GET, DELETE, HEAD, OPTIONS'],
    ['DELETE', '/metrics', 'GET, HEAD'],
    ['POST', `/n/${ID}`, 'GET, HEAD'],
    ['DELETE', '/', 'GET, HEAD'],
  ])('%s %s: 405, Allow %s, and a sentence', async (method, path, allow) => {
    const response = await app.request(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    if (method === 'HEAD') return;
    const body = ErrorBody.parse(await response.json());
    expect(body).toEqual({ error: 'method_not_allowed', message: `This address does not take ${method} requests: use ${allow.split(', ').filter((m) => !['HEAD', 'OPTIONS'].includes(m)).join(' or ')}.` });
  });

  it('still says 404 for an address that does not exist', async () => {
    for (const path of ['/api/nothing', '/api/notes/a/b/c', '/x']) {
      const response = await app.request(path, { method: 'PUT' });
      expect(response.status).toBe(404);
      expect(response.headers.get('allow')).toBeNull();
    }
  });
});

describe('pages', () => {
  it.each([[`/n/${ID}`], [`/n/${ID}/`], [`/r/${ID}`], [`/r/${ID}/`], ['/']])('serves the page at %s, and HEAD of it', async (path) => {
    const get = await app.request(path);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await get.text()).toMatch(/^<!doctype html>/i);
    expect((await app.request(path, { method: 'HEAD' })).status).toBe(get.status);
  });
});
