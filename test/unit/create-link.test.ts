// Creating a link in the background, and the sentences for what went wrong.
import { encode } from 'uqr';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { qrPath } from '../../components/QrCode';
import { createAndCopy, shareErrorMessage, type LinkDeps } from '../../utils/share/create-link';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/storage';
import { fakeNoteServer, type FakeNoteServer } from './fake-note-server';

/** Making a link with these settings against `server`; what was copied is kept. */
function linkDeps(server: FakeNoteServer, settings: Partial<Settings> = {}) {
  const copies: string[] = [];
  const deps: LinkDeps = {
    settings: async () => ({ ...DEFAULT_SETTINGS, server: server.url, ...settings }),
    copy: async (text) => { copies.push(text); return true; },
    fetch: server.fetch,
  };
  return { deps, copies };
}

describe('createAndCopy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('creates a link on the server in the settings, with the options asked for, and copies it', async () => {
    const server = fakeNoteServer();
    const { deps, copies } = linkDeps(server);
    const created = await createAndCopy({ secret: 's3cret', expiresIn: 3600, maxReads: 2 }, deps);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.link).toMatch(/^https:\/\/notes\.example\.com\/n\/A{22}#1\.[A-Za-z0-9_-]{43}$/);
    expect(copies).toEqual([created.value.link]);
    expect(server.posted[0]?.body).toMatchObject({ expiresIn: 3600, maxReads: 2, envelope: { kdf: 'hkdf-sha256' } });
    expect(server.posted[0]?.authorization).toBeNull();
  });

  it('treats an empty passphrase and token as none', async () => {
    const server = fakeNoteServer();
    await createAndCopy({ secret: 's', expiresIn: 300, maxReads: 1, passphrase: '' }, linkDeps(server, { createToken: '' }).deps);
    expect(server.posted[0]?.body.envelope.kdf).toBe('hkdf-sha256');
    expect(server.posted[0]?.authorization).toBeNull();
  });

  it('refuses an empty secret without asking the server, and copies nothing', async () => {
    const server = fakeNoteServer();
    const { deps, copies } = linkDeps(server);
    const created = await createAndCopy({ secret: '', expiresIn: 300, maxReads: 1 }, deps);
    expect(created).toEqual({ ok: false, error: { code: 'empty', message: expect.stringContaining('empty') } });
    expect(server.posted).toEqual([]);
    expect(copies).toEqual([]);
  });
});

describe('shareErrorMessage', () => {
  it.each([
    ['unreachable', 'x', 'Could not reach the note server at notes.example.com. Check that it is running'],
    ['bad_response', 'x', 'notes.example.com did not answer like a Burnlink note server. Check the server address'],
    ['unauthorized', 'x', 'only accepts notes with its create token. Set the token in Burnlink\'s options'],
    ['rate_limited', 'x', 'Wait a minute, then try again.'],
    ['too_large', 'The note is too large. This server accepts notes (text and files) up to 512 KB.', 'up to 512 KB. Shorten the text or split it over several links.'],
    ['storage_full', 'The note server is full. Try again later.', 'The note server is full. Try again later.'],
  ] as const)('%s: says what to do', (code, message, expected) => {
    expect(shareErrorMessage({ code, message }, 'https://notes.example.com')).toContain(expected);
  });
});

describe('QR code', () => {
  it('draws one unit square per dark module', () => {
    expect(qrPath([[true, false], [false, true]])).toBe('M0 0h1v1h-1zM1 1h1v1h-1z');
  });

  it('draws every dark module of the link\'s code', () => {
    const { data } = encode('https://notes.example.com/n/AAAAAAAAAAAAAAAAAAAAAA#1.key', { ecc: 'M', border: 2 });
    const dark = data.flat().filter(Boolean).length;
    expect(qrPath(data).match(/M/g)).toHaveLength(dark);
  });
});
