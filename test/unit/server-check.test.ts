// Is this address a Burnlink note server? Normalising what people type, and the health check.
import { describe, expect, it } from 'vitest';
import { checkServer, normalizeServerUrl } from '../../utils/settings/server-check';
import { fakeNoteServer } from './fake-note-server';

describe('normalizeServerUrl', () => {
  it.each([
    ['https://notes.example.com/', 'https://notes.example.com'],
    ['  https://notes.example.com  ', 'https://notes.example.com'],
    ['https://example.com/burnlink//', 'https://example.com/burnlink'],
    ['notes.example.com', 'https://notes.example.com'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['HTTPS://Notes.Example.com', 'https://notes.example.com'],
  ])('takes %j as %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'Type the address of your note server'],
    ['my burnlink server', 'is not a web address'],
    ['https://', 'is not a web address'],
    ['ftp://notes.example.com', 'must start with https://'],
    ['http://notes.example.com', 'Use https:// for a note server on another computer'],
    ['http://192.168.1.20:8787', 'Use https:// for a note server on another computer'],
    ['https://user:pw@notes.example.com', 'Remove the user name and password'],
    ['https://notes.example.com/?x=1', 'Remove the part after ? or #'],
    ['https://notes.example.com/n/AAAAAAAAAAAAAAAAAAAAAA#1.key', 'Remove the part after ? or #'],
  ])('refuses %j', (input, message) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

/** A fetch for a server that is not Burnlink: CORS hides its answer, a no-cors request sees it. */
function ordinaryWebsite(): typeof fetch {
  return async (_input, init) => {
    if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  };
}

describe('checkServer', () => {
  it('accepts a Burnlink server and returns its health', async () => {
    const server = fakeNoteServer();
    const checked = await checkServer(`${server.url}/`, server.fetch);
    expect(checked).toEqual({ ok: true, value: { server: server.url, health: expect.objectContaining({ service: 'burnlink', maxReads: 10 }) } });
  });

  it.each([
    ['an ordinary web site (no CORS)', ordinaryWebsite(), 'answered, but it is not a Burnlink note server'],
    ['a server answering HTML with CORS', (async () => new Response('<html></html>', { status: 200 })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['another JSON API', (async () => Response.json({ status: 'ok' })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['a 404', (async () => new Response('nope', { status: 404 })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['a Burnlink server whose storage is down', (async () => Response.json({ ok: false }, { status: 503 })) as typeof fetch, 'is not ready (HTTP 503)'],
    ['nothing at all', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, 'Could not reach https://notes.example.com. Check the address and your connection.'],
  ])('refuses %s with a sentence', async (_case, fetchImpl, message) => {
    const checked = await checkServer('https://notes.example.com', fetchImpl);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain(message);
  });

  it('reminds to start the local server', async () => {
    const checked = await checkServer('http://127.0.0.1:8787', (async () => { throw new TypeError('refused'); }) as typeof fetch);
    expect(checked).toEqual({ ok: false, error: 'Could not reach http://127.0.0.1:8787. Check the address and that the note server on this computer is running.' });
    // A person reading it may not be the one who installed the server: no developer commands.
    expect(checked.ok ? '' : checked.error).not.toMatch(/npm|node /);
  });

  it('does not ask the network about an address it refuses', async () => {
    let asked = false;
    const checked = await checkServer('http://notes.example.com', (async () => { asked = true; return new Response(); }) as typeof fetch);
    expect(checked.ok).toBe(false);
    expect(asked).toBe(false);
  });
});
