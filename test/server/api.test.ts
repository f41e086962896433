import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { GONE_MESSAGES, NOT_FOUND_MESSAGE } from '../../server/errors';
import { openSqliteStore } from '../../server/store/sqlite';
import { createApi, type Api } from '../../utils/core/api';
import { toBase64url } from '../../utils/core/base64url';
import { decryptNote, deriveNoteKeys, encryptNote } from '../../utils/core/crypto';
import { formatBytes } from '../../utils/core/format';
import { parseLink } from '../../utils/core/link';
import { peekNote, revealNote, shareSecret, type ShareOptions } from '../../utils/core/note';
import { ErrorBody, type Envelope } from '../../utils/core/protocol';
import { postOversized, request, statusOnNewConnection } from '../helpers/http';
import { startServer, type RunningServer } from '../helpers/server';
import { filesContain, storedEnvelope, withReadOnlyDb } from '../helpers/sqlite-file';

const HOUR = 3600;
const randomToken = () => toBase64url(crypto.getRandomValues(new Uint8Array(32)));
const randomId = () => toBase64url(crypto.getRandomValues(new Uint8Array(16)));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same bytes spelt with the lowest unused bit of the last character set: not canonical. */
const nonCanonical = (text: string) => `${text.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(text.slice(-1)) + 1]}`;

async function stopAll(servers: RunningServer[]) {
  await Promise.all(servers.map((s) => s.stop()));
}

function configFrom(env: Record<string, string>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Shares through the client flow, as the extension does; returns the parsed link too. */
async function share(api: Api, secret: string, options: Partial<ShareOptions> = {}) {
  const shared = unwrap(await shareSecret(api, secret, { expiresIn: HOUR, ...options }));
  return { ...shared, parsed: unwrap(parseLink(shared.link)) };
}

interface Sealed {
  id: string;
  manageToken: string;
  keyProof: string;
  readToken: string;
  envelope: Envelope;
  linkKey: Uint8Array;
}

/** Creates a note and keeps what only the client knows (tokens, ciphertext), for raw requests. */
async function seal(api: Api, secret: string): Promise<Sealed> {
  const sealed = unwrap(await encryptNote(secret));
  const created = unwrap(await api.create({ envelope: sealed.envelope, expiresIn: HOUR, keyProof: sealed.keyProof, readToken: sealed.readToken }));
  return { id: created.id, manageToken: created.manageToken, ...sealed };
}

describe('notes API on a running server', () => {
  let server: RunningServer;
  let api: Api;
  let config: Config;
  beforeAll(async () => {
    server = await startServer();
    api = createApi({ server: server.url });
    config = configFrom({});
  });
  afterAll(async () => { if (server) await stopAll([server]); });

  const consumeRaw = (id: string, keyProof: string, readToken: string, headers: Record<string, string> = {}) =>
    request(server.url, `/api/notes/${id}/consume`, { json: { keyProof, readToken }, headers });
  const noteCount = () => withReadOnlyDb(server.dbFile, (db) =>
    db.prepare<[], { n: number }>('SELECT count(*) AS n FROM notes').get()?.n);

  describe('the sender and the recipient', () => {
    it('describes itself and its limits at /api/health', async () => {
      expect(unwrap(await api.health())).toMatchObject({
        service: 'burnlink',
        protocol: 1,
        ok: true,
        store: 'sqlite',
        maxNoteBytes: config.maxNoteBytes,
        expiryChoices: config.expiryChoices,
        defaultExpiry: config.defaultExpiry,
        maxReads: 10,
        createTokenRequired: false,
      });
    });

    it('reveals a shared secret once, then tells the sender when it was read', async () => {
      const secret = 'postgres://app:s3cr3t@db.internal/prod\n  trailing spaces  ';
      const before = Date.now();
      const { note, parsed } = await share(api, secret);
      expect(parsed.server).toBe(server.url);
      expect(note.expiresAt - note.createdAt).toBe(HOUR * 1000);

      expect(unwrap(await peekNote(api, parsed))).toEqual({
        state: 'pending', expiresAt: note.expiresAt, readsLeft: 1, passphrase: false, lockedUntil: null, attemptsLeft: 20, at: null,
      });
      expect(unwrap(await api.status(note.id, note.manageToken))).toMatchObject({ state: 'pending', reads: 0, readAt: null });

      expect(unwrap(await revealNote(api, parsed))).toEqual({ secret, files: [], readsLeft: 0 });

      const second = await revealNote(api, parsed);
      expect(second).toMatchObject({ ok: false, error: { code: 'gone', state: 'read', message: GONE_MESSAGES.read } });
      const status = unwrap(await api.status(note.id, note.manageToken));
      expect(status).toMatchObject({ id: note.id, state: 'read', reads: 1, maxReads: 1, revokedAt: null });
      expect(status.readAt).toBeGreaterThanOrEqual(before);
      expect(status.readAt).toBeLessThanOrEqual(Date.now());
      // The peek tells the holder of the key when it was read, before they try anything.
      expect(unwrap(await peekNote(api, parsed))).toEqual(expect.objectContaining({ state: 'read', readsLeft: 0, at: status.readAt }));
    });

    it('revokes a pending note: the recipient learns it was revoked, the sender sees when', async () => {
      const { note, parsed } = await share(api, 'revoke me');
      const revoked = unwrap(await api.revoke(note.id, note.manageToken));
      expect(revoked).toMatchObject({ state: 'revoked', reads: 0, readAt: null });
      expect(revoked.revokedAt).toEqual(expect.any(Number));
      expect(await revealNote(api, parsed)).toMatchObject({
        ok: false, error: { code: 'gone', status: 410, state: 'revoked', at: revoked.revokedAt, message: GONE_MESSAGES.revoked },
      });
      expect(unwrap(await api.status(note.id, note.manageToken))).toEqual(revoked);
    });

    it('does not turn a read note into a revoked one', async () => {
      const { note, parsed } = await share(api, 'read, then revoked');
      unwrap(await revealNote(api, parsed));
      expect(unwrap(await api.revoke(note.id, note.manageToken))).toMatchObject({ state: 'read', revokedAt: null });
    });

    it('counts down the reads of a note that allows three', async () => {
      const { parsed } = await share(api, 'three times', { maxReads: 3 });
      for (const readsLeft of [2, 1, 0]) {
        expect(unwrap(await revealNote(api, parsed))).toEqual({ secret: 'three times', files: [], readsLeft });
      }
      expect(await revealNote(api, parsed)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
    });

    it('answers the status of many notes at once, null where the token is wrong or the id unknown', async () => {
      const a = await share(api, 'first');
      const b = await share(api, 'second');
      unwrap(await revealNote(api, b.parsed));
      const { statuses } = unwrap(await api.statusBatch([
        { id: a.note.id, manageToken: a.note.manageToken },
        { id: b.note.id, manageToken: a.note.manageToken },
        { id: randomId(), manageToken: randomToken() },
        { id: b.note.id, manageToken: b.note.manageToken },
      ]));
      expect(statuses).toEqual([
        expect.objectContaining({ id: a.note.id, state: 'pending' }),
        null,
        null,
        expect.objectContaining({ id: b.note.id, state: 'read', reads: 1 }),
      ]);
    });
  });

  describe('bad input gets a clear error and changes nothing', () => {
    type Body = Record<string, unknown> & { envelope: Envelope; readToken: string; keyProof: string };
    let good: Body;
    beforeAll(async () => {
      const sealed = unwrap(await encryptNote('valid'));
      good = { envelope: sealed.envelope, expiresIn: HOUR, maxReads: 1, keyProof: sealed.keyProof, readToken: sealed.readToken };
    });
    // Bodies are built lazily: the valid one exists only once beforeAll ran.
    const without = (key: string) => (g: Body) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== key));
    const withField = (key: string, value: unknown) => (g: Body) => ({ ...g, [key]: value });
    const withEnvelope = (change: (e: Envelope) => Record<string, unknown>) => (g: Body) => ({ ...g, envelope: { ...g.envelope, ...change(g.envelope) } });

    it.each<[string, string | ((g: Body) => unknown), string | RegExp]>([
      ['malformed JSON', '{"envelope":', 'The request body is not valid JSON.'],
      ['an empty body', '', 'The request body is not valid JSON.'],
      ['a JSON array', '[]', /^The request is invalid: .*expected object/],
      ['no envelope', without('envelope'), /^The request is invalid: envelope: /],
      ['no expiry', without('expiresIn'), /^The request is invalid: expiresIn: /],
      ['no key proof', without('keyProof'), /^The request is invalid: keyProof: /],
      ['no read token', without('readToken'), /^The request is invalid: readToken: /],
      ['the expiry as text', withField('expiresIn', '3600'), /^The request is invalid: expiresIn: .*number/],
      ['maxReads as text', withField('maxReads', '1'), /^The request is invalid: maxReads: .*number/],
      ['the envelope as text', withField('envelope', 'abc'), /^The request is invalid: envelope: .*object/],
      ['an expiry the server does not offer', withField('expiresIn', 1234), /^The expiry must be one of: 5 minutes, 1 hour, .+, 7 days\.$/],
      ['an expiry of zero', withField('expiresIn', 0), /^The request is invalid: expiresIn: /],
      ['maxReads 0', withField('maxReads', 0), /^The request is invalid: maxReads: /],
      ['maxReads 11', withField('maxReads', 11), /^The request is invalid: maxReads: .*10/],
      ['an unknown extra field', withField('reader', 'alice'), /^The request is invalid: .*"reader"/],
      ['an unknown envelope field', withEnvelope(() => ({ note: 'x' })), /^The request is invalid: envelope: .*"note"/],
      ['a short key proof', withField('keyProof', 'abc'), /^The request is invalid: keyProof: /],
      ['a read token with padding', (g) => ({ ...g, readToken: `${g.readToken.slice(0, 42)}=` }), /^The request is invalid: readToken: /],
      ['a ciphertext that is not base64url', withEnvelope((e) => ({ ct: `${e.ct.slice(0, -4)}+/==` })), /^The request is invalid: envelope\.ct: /],
      // Another spelling of the same bytes (stray low bits in the last character): lenient decoders
      // would take it, and the note could then never be read (its hashes would not match).
      ['a non-canonical key proof', (g) => ({ ...g, keyProof: nonCanonical(g.keyProof) }), /^The request is invalid: keyProof: must be 43 characters of canonical base64url \(32 bytes\)\.$/],
      ['a non-canonical read token', (g) => ({ ...g, readToken: nonCanonical(g.readToken) }), /^The request is invalid: readToken: must be 43 characters of canonical base64url \(32 bytes\)\.$/],
      ['a non-canonical ciphertext', withEnvelope((e) => ({ ct: nonCanonical(e.ct) })), /^The request is invalid: envelope\.ct: must be canonical base64url/],
      ['a ciphertext of an impossible length', withEnvelope((e) => ({ ct: e.ct.length % 4 === 0 ? `${e.ct}A` : e.ct.length % 4 === 3 ? `${e.ct}AA` : `${e.ct}AAA` })), /^The request is invalid: envelope\.ct: must be canonical base64url/],
      ['an unpadded ciphertext', withEnvelope((e) => ({ ct: e.ct.slice(0, 300) })), 'The request is invalid: envelope.ct: the ciphertext is not padded to a size bucket.'],
      ['a nonce of the wrong length', withEnvelope((e) => ({ iv: e.iv.slice(0, 10) })), /^The request is invalid: envelope\.iv: /],
      ['PBKDF2 iterations without a passphrase', withEnvelope(() => ({ iter: 600_000 })), /^The request is invalid: envelope\.iter: /],
      ['an unknown format version', withEnvelope(() => ({ v: 2 })), /^The request is invalid: envelope\.v: /],
    ])('refuses to create a note with %s', async (_name, body, message) => {
      const before = noteCount();
      const response = await request(server.url, '/api/notes', typeof body === 'string' ? { text: body } : { json: body(good) });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
      expect(noteCount()).toBe(before);
    });

    it('accepts the same body when nothing is wrong with it', async () => {
      expect((await request(server.url, '/api/notes', { json: good })).status).toBe(201);
    });

    it.each<[string, string, () => { method?: string; json?: unknown; headers?: Record<string, string> }, RegExp]>([
      ['a consume with a non-canonical id', `/api/notes/${nonCanonical(randomId())}/consume`, () => ({ json: { keyProof: randomToken(), readToken: randomToken() } }), /^The request is invalid: id: must be 22 characters of canonical base64url/],
      ['a peek with a non-canonical key proof', `/api/notes/${randomId()}/peek`, () => ({ json: { keyProof: nonCanonical(randomToken()) } }), /^The request is invalid: keyProof: must be 43 characters of canonical base64url/],
      ['a revoke with a non-canonical manage token', `/api/notes/${randomId()}`, () => ({ method: 'DELETE', headers: { authorization: `Bearer ${nonCanonical(randomToken())}` } }), /manage token .*canonical base64url/],
      ['a status batch with a non-canonical manage token', '/api/notes/status', () => ({ json: { notes: [{ id: randomId(), manageToken: nonCanonical(randomToken()) }] } }), /^The request is invalid: notes\.0\.manageToken: must be 43 characters of canonical/],
      ['a consume with a short id', '/api/notes/abc/consume', () => ({ json: { keyProof: randomToken(), readToken: randomToken() } }), /^The request is invalid: id: /],
      ['a consume without read token', `/api/notes/${randomId()}/consume`, () => ({ json: { keyProof: randomToken() } }), /readToken/],
      ['a peek with a read token', `/api/notes/${randomId()}/peek`, () => ({ json: { keyProof: randomToken(), readToken: randomToken() } }), /"readToken"/],
      ['a status without token', `/api/notes/${randomId()}`, () => ({}), /manage token/],
      ['a status with a Basic token', `/api/notes/${randomId()}`, () => ({ headers: { authorization: `Basic ${randomToken()}` } }), /manage token/],
      ['a revoke with a short token', `/api/notes/${randomId()}`, () => ({ method: 'DELETE', headers: { authorization: 'Bearer abc' } }), /manage token/],
      ['an empty status batch', '/api/notes/status', () => ({ json: { notes: [] } }), /notes/],
      ['a status batch of 101 notes', '/api/notes/status', () => ({
        json: { notes: Array.from({ length: 101 }, () => ({ id: randomId(), manageToken: randomToken() })) },
      }), /notes/],
    ])('refuses %s with 400', async (_name, path, init, message) => {
      const response = await request(server.url, path, init());
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
    });
  });

  describe('proof of the key and of the manage token', () => {
    it('answers an unknown id exactly like a wrong key proof, so ids cannot be probed', async () => {
      const note = await seal(api, 'probe me');
      const unknownPeek = await request(server.url, `/api/notes/${randomId()}/peek`, { json: { keyProof: note.keyProof } });
      const wrongPeek = await request(server.url, `/api/notes/${note.id}/peek`, { json: { keyProof: randomToken() } });
      const unknownConsume = await consumeRaw(randomId(), note.keyProof, note.readToken);
      const wrongConsume = await consumeRaw(note.id, randomToken(), note.readToken);
      const unknownStatus = await request(server.url, `/api/notes/${randomId()}`, { headers: { authorization: `Bearer ${note.manageToken}` } });
      const wrongStatus = await request(server.url, `/api/notes/${note.id}`, { headers: { authorization: `Bearer ${randomToken()}` } });
      const expected = { error: 'not_found', message: NOT_FOUND_MESSAGE };
      for (const response of [unknownPeek, wrongPeek, unknownConsume, wrongConsume, unknownStatus, wrongStatus]) {
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: expected });
      }
      expect(unwrap(await api.consume(note.id, note.keyProof, note.readToken)).readsLeft).toBe(0);
    });

    it('gives a wrong manage token neither status nor revoke, and the note still reads', async () => {
      const note = await seal(api, 'keep me');
      const other = await seal(api, 'another note');
      // Another note's real manage token is as wrong as a random one.
      for (const token of [randomToken(), other.manageToken]) {
        expect(await api.status(note.id, token)).toMatchObject({ ok: false, error: { status: 404, code: 'not_found' } });
        expect(await api.revoke(note.id, token)).toMatchObject({ ok: false, error: { status: 404, code: 'not_found' } });
      }
      expect(unwrap(await api.consume(note.id, note.keyProof, note.readToken)).envelope).toEqual(note.envelope);
    });

    it('refuses a wrong read token with the right key proof on a note without passphrase, and does not burn it', async () => {
      const note = await seal(api, 'not burned by a bad token');
      for (let i = 0; i < 6; i++) {
        const response = await consumeRaw(note.id, note.keyProof, randomToken());
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: { error: 'not_found', message: NOT_FOUND_MESSAGE } });
      }
      expect(unwrap(await api.status(note.id, note.manageToken))).toMatchObject({ state: 'pending', reads: 0 });
      const read = unwrap(await api.consume(note.id, note.keyProof, note.readToken));
      expect(unwrap(await decryptNote(read.envelope, note.linkKey))).toBe('not burned by a bad token');
    });

    it('lets exactly one of 200 concurrent reads of a note succeed; the rest learn it was read', async () => {
      const note = await seal(api, 'race me');
      const responses = await Promise.all(Array.from({ length: 200 }, () => consumeRaw(note.id, note.keyProof, note.readToken)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 410)).toHaveLength(199);
      for (const r of responses.filter((x) => x.status === 410)) expect(r.body).toMatchObject({ error: 'gone', state: 'read' });
      expect(unwrap(await api.status(note.id, note.manageToken))).toMatchObject({ state: 'read', reads: 1 });
    });
  });

  describe('passphrase notes', () => {
    const passphrase = 'correct horse battery staple';

    async function sharedWithPassphrase(secret: string) {
      const shared = await share(api, secret, { passphrase });
      expect(shared.parsed.passphrase).toBe(true);
      // The key proof needs the link key only; a read token without the passphrase is a wrong one.
      const { keyProof } = await deriveNoteKeys(shared.parsed.key);
      return { ...shared, keyProof };
    }

    it('still opens with the right passphrase after a few wrong ones, which count down', async () => {
      const { parsed, note, keyProof } = await sharedWithPassphrase('behind a passphrase');
      expect(unwrap(await peekNote(api, parsed))).toMatchObject({ state: 'pending', passphrase: true, attemptsLeft: 20, lockedUntil: null });
      expect(await revealNote(api, parsed)).toMatchObject({ ok: false, error: { code: 'passphrase_required' } });

      expect(await revealNote(api, parsed, 'Correct horse battery staple')).toMatchObject({
        ok: false,
        error: { code: 'wrong_passphrase', attemptsLeft: 19, lockedUntil: null, message: 'Wrong passphrase. 19 attempts left before the note is destroyed.' },
      });
      const response = await consumeRaw(note.id, keyProof, randomToken());
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: 'wrong_passphrase', attemptsLeft: 18, lockedUntil: null });
      expect(unwrap(await revealNote(api, parsed, passphrase))).toEqual({ secret: 'behind a passphrase', files: [], readsLeft: 0 });
    });

    it('locks the note for a minute at the third wrong passphrase: 429 locked with Retry-After, even for the right one', async () => {
      const { parsed, note, keyProof } = await sharedWithPassphrase('locked away');
      for (const left of [19, 18]) expect((await consumeRaw(note.id, keyProof, randomToken())).body).toMatchObject({ attemptsLeft: left, lockedUntil: null });
      const before = Date.now();
      const third = await consumeRaw(note.id, keyProof, randomToken());
      expect(third.status).toBe(403);
      expect(third.body).toMatchObject({
        error: 'wrong_passphrase',
        attemptsLeft: 17,
        message: 'Wrong passphrase. 17 attempts left before the note is destroyed; the note is locked, so the next attempt can be made in 1 minute.',
      });
      const lockedUntil = ErrorBody.parse(third.body).lockedUntil ?? 0;
      expect(lockedUntil).toBeGreaterThanOrEqual(before + 60_000);
      expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 60_000);

      const refused = await revealNote(api, parsed, passphrase);
      expect(refused).toMatchObject({ ok: false, error: { code: 'locked', status: 429, lockedUntil } });
      const raw = await consumeRaw(note.id, keyProof, randomToken());
      expect(raw.status).toBe(429);
      expect(raw.body).toEqual({
        error: 'locked',
        lockedUntil,
        message: 'Too many wrong passphrases: this note is locked for 1 minute. Nothing was checked or counted; try again then.',
      });
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Nothing was counted while locked, and the sender still sees a waiting note.
      expect(unwrap(await peekNote(api, parsed))).toMatchObject({ state: 'pending', attemptsLeft: 17, lockedUntil });
      expect(unwrap(await api.status(note.id, note.manageToken))).toMatchObject({ state: 'pending', reads: 0 });
    });
  });

  describe('pages and headers', () => {
    it.each([
      ['the home page', () => '/'],
      ['a note page', () => `/n/${randomId()}`],
      ['the health API', () => '/api/health'],
      ['an API error', () => `/api/notes/${randomId()}/nothing`],
    ])('sends the security headers on %s', async (_name, path) => {
      const response = await fetch(`${server.url}${path()}`);
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it.each([
      ['create', '/api/notes', 'POST', 'content-type'],
      ['revoke', `/api/notes/${randomId()}`, 'DELETE', 'authorization'],
    ])('lets extension and recipient pages call %s across origins (CORS preflight)', async (_name, path, method, header) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': method, 'access-control-request-headers': header },
      });
      expect(response.status).toBe(204);
      // Create names the extension (only some origins may create); revoke is open to any.
      expect(response.headers.get('access-control-allow-origin')).toBe(method === 'POST' ? 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' : '*');
      expect(response.headers.get('access-control-allow-methods')).toContain(method);
      expect(response.headers.get('access-control-allow-headers')).toContain(header);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('never consumes a note when its page is fetched or previewed (GET and HEAD)', async () => {
      const note = await seal(api, 'unfurl-proof');
      for (const method of ['GET', 'HEAD']) {
        for (let i = 0; i < 10; i++) {
          const response = await fetch(`${server.url}/n/${note.id}`, { method });
          await response.arrayBuffer();
          expect(response.headers.get('content-type')).toMatch(/text\/html/);
          expect(response.headers.get('cache-control')).toBe('no-store');
        }
      }
      expect(unwrap(await api.status(note.id, note.manageToken))).toMatchObject({ state: 'pending', reads: 0 });
      expect(unwrap(await api.consume(note.id, note.keyProof, note.readToken)).readsLeft).toBe(0);
    });
  });

  describe('what is left on disk and in the logs', () => {
    it('deletes the ciphertext before answering a read: no SQLite file holds it when the answer arrives', async () => {
      const note = await seal(api, 'wipe me after reading');
      expect(filesContain(server.dbFile, note.envelope.ct)).toBe(true);
      unwrap(await api.consume(note.id, note.keyProof, note.readToken));
      expect(filesContain(server.dbFile, note.envelope.ct)).toBe(false);
      expect(storedEnvelope(server.dbFile, note.id)).toBeUndefined();
      withReadOnlyDb(server.dbFile, (db) => {
        expect(db.prepare('SELECT state, body FROM notes WHERE id = ?').get(note.id)).toEqual({ state: 'read', body: null });
      });
    });

    it('deletes the ciphertext from every SQLite file before answering the sender who revokes', async () => {
      const note = await seal(api, 'wipe me after revoking');
      expect(filesContain(server.dbFile, note.envelope.ct)).toBe(true);
      unwrap(await api.revoke(note.id, note.manageToken));
      expect(filesContain(server.dbFile, note.envelope.ct)).toBe(false);
      expect(storedEnvelope(server.dbFile, note.id)).toBeUndefined();
    });

    it('records nothing about the reader and logs no tokens or ciphertexts', async () => {
      const note = await seal(api, 'who read me?');
      const reader = { 'user-agent': 'ReaderAgent/7.7 (reader-fingerprint)', 'x-forwarded-for': '203.0.113.77' };
      expect((await consumeRaw(note.id, note.keyProof, note.readToken, reader)).status).toBe(200);
      for (const trace of ['ReaderAgent', '203.0.113.77']) expect(filesContain(server.dbFile, trace)).toBe(false);
      const log = server.output();
      for (const secret of [note.keyProof, note.readToken, note.manageToken, note.envelope.ct, note.envelope.iv, 'ReaderAgent']) {
        expect(log).not.toContain(secret);
      }
    });
  });
});

describe('oversized bodies are refused before they are read whole', () => {
  // A server of its own: after an early answer the server drops the connection, which would
  // break the next request of other tests that reuses it from the client's pool.
  let server: RunningServer;
  let api: Api;
  beforeAll(async () => {
    server = await startServer();
    api = createApi({ server: server.url });
  });
  afterAll(async () => { if (server) await stopAll([server]); });

  const FIFTY_MB = 50 * 1024 * 1024;
  const paths = [
    ['create', '/api/notes'],
    ['consume', `/api/notes/${randomId()}/consume`],
    ['peek', `/api/notes/${randomId()}/peek`],
    ['status', '/api/notes/status'],
  ];
  /** The server still serves (asked on a new connection, as the oversized one may be dropped). */
  const healthy = () => statusOnNewConnection(server.url, '/api/health');

  it.each(paths)('stops reading a streamed 50 MB %s body long before its end', async (_name, path) => {
    const end = await postOversized(server.url, path, FIFTY_MB);
    expect(end.sentBeforeEnd).toBeLessThan(FIFTY_MB / 4);
    if (end.status !== undefined) {
      expect(end.status).toBe(413);
      expect(JSON.parse(end.body ?? '')).toMatchObject({ error: 'too_large' });
    }
    expect(await healthy()).toBe(200);
  });

  it.each(paths)('answers 413 at once to a %s body announced as 10 GB', async (_name, path) => {
    const end = await postOversized(server.url, path, 0, 10 * 1024 ** 3);
    expect(end.status).toBe(413);
    expect(JSON.parse(end.body ?? '')).toEqual({ error: 'too_large', message: expect.stringMatching(/^The (note|request) is too large/) });
  });

  it('accepts the largest secret the server announces, and refuses anything that pads beyond it', async () => {
    const { maxNoteBytes } = unwrap(await api.health());
    const largest = 'x'.repeat(maxNoteBytes);
    const { parsed } = await share(api, largest);
    expect(unwrap(await revealNote(api, parsed)).secret).toBe(largest);

    // Padding rounds up in 64 KiB steps: the next step is beyond the limit.
    const tooLarge = await shareSecret(api, 'x'.repeat(maxNoteBytes + 64 * 1024), { expiresIn: HOUR });
    expect(tooLarge).toMatchObject({
      ok: false,
      error: { code: 'too_large', status: 413, message: `The note is too large. This server accepts notes (text and files) up to ${formatBytes(maxNoteBytes)}.` },
    });
    expect(await healthy()).toBe(200);
  });
});

describe('restarts and crashes', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => { await stopAll(servers); });
  async function start(dataDir?: string) {
    const server = await startServer({ dataDir });
    servers.push(server);
    return { server, api: createApi({ server: server.url }) };
  }

  it('keeps pending notes readable once and read notes gone across a restart', async () => {
    const first = await start();
    const pending = await seal(first.api, 'survives a restart');
    const read = await seal(first.api, 'read before the restart');
    unwrap(await first.api.consume(read.id, read.keyProof, read.readToken));
    await first.server.stop({ keepFolder: true });

    const second = await start(first.server.dataDir);
    const opened = unwrap(await second.api.consume(pending.id, pending.keyProof, pending.readToken));
    expect(unwrap(await decryptNote(opened.envelope, pending.linkKey))).toBe('survives a restart');
    expect(await second.api.consume(pending.id, pending.keyProof, pending.readToken)).toMatchObject({ ok: false, error: { state: 'read' } });
    expect(await second.api.consume(read.id, read.keyProof, read.readToken)).toMatchObject({ ok: false, error: { status: 410, state: 'read' } });
    expect(unwrap(await second.api.status(read.id, read.manageToken))).toMatchObject({ state: 'read', reads: 1 });
  });

  it('keeps a note burned when the server is killed right after answering the read', async () => {
    const first = await start();
    const note = await seal(first.api, 'burned before the crash');
    const created = await seal(first.api, 'created before the crash');
    unwrap(await first.api.consume(note.id, note.keyProof, note.readToken));
    await first.server.kill();
    expect(first.server.process.signalCode).toBe('SIGKILL');

    const second = await start(first.server.dataDir);
    // A crash may leave the burned ciphertext's old pages in the WAL file; the restart wipes them.
    expect(filesContain(first.server.dbFile, note.envelope.ct)).toBe(false);
    expect(await second.api.consume(note.id, note.keyProof, note.readToken)).toMatchObject({ ok: false, error: { status: 410, state: 'read' } });
    expect(unwrap(await second.api.consume(created.id, created.keyProof, created.readToken)).envelope).toEqual(created.envelope);
  });
});

describe('in-process app with an injected clock', () => {
  function inProcess(env: Record<string, string> = {}) {
    let clock = Date.UTC(2030, 0, 1);
    const store = openSqliteStore({ file: ':memory:' });
    const app = createApp({ store, config: configFrom(env), now: () => clock });
    const fetchApp: typeof fetch = async (input, init) => app.request(input, init);
    return {
      api: createApi({ server: 'http://burnlink.test', fetch: fetchApp }),
      advanceTo: (ms: number) => { clock = ms; },
      close: () => store.close(),
    };
  }

  it('destroys a passphrase note at the 20th wrong passphrase, each attempt after the third waiting out a longer lock', async () => {
    const env = inProcess({ EXPIRY_CHOICES: '1h,7d', DEFAULT_EXPIRY: '7d' });
    const { parsed, note } = await share(env.api, 'guess me', { passphrase: 'the right one', expiresIn: 7 * 24 * HOUR });
    const answers: Array<{ attemptsLeft?: number; lockedUntil?: number | null; at: number }> = [];
    let clock = note.createdAt;
    for (let i = 0; i < 20; i++) {
      const result = await revealNote(env.api, parsed, `wrong ${i}`);
      if (result.ok || !('lockedUntil' in result.error)) throw new Error(`expected a wrong passphrase answer, got ${JSON.stringify(result)}`);
      expect(result.error.code).toBe('wrong_passphrase');
      answers.push({ attemptsLeft: result.error.attemptsLeft, lockedUntil: result.error.lockedUntil, at: clock });
      clock = result.error.lockedUntil ?? clock;
      env.advanceTo(clock);
    }
    expect(answers.map((a) => a.attemptsLeft)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    expect(answers.map((a) => (a.lockedUntil == null ? null : (a.lockedUntil - a.at) / 60_000)))
      .toEqual([null, null, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, null]);
    expect(await revealNote(env.api, parsed, 'the right one')).toMatchObject({
      ok: false, error: { code: 'gone', status: 410, state: 'destroyed', message: GONE_MESSAGES.destroyed },
    });
    expect(unwrap(await env.api.status(note.id, note.manageToken))).toMatchObject({ state: 'destroyed', reads: 0 });
    await env.close();
  });

  it('refuses to read a note once its expiry has passed, though no sweep ran', async () => {
    const env = inProcess();
    const { note, parsed } = await share(env.api, 'expires in 5 minutes', { expiresIn: 300 });
    expect(note.expiresAt - note.createdAt).toBe(300_000);

    env.advanceTo(note.expiresAt - 1);
    expect(unwrap(await peekNote(env.api, parsed))).toMatchObject({ state: 'pending', readsLeft: 1 });
    env.advanceTo(note.expiresAt);
    expect(unwrap(await peekNote(env.api, parsed))).toMatchObject({ state: 'expired', readsLeft: 0 });
    expect(await revealNote(env.api, parsed)).toMatchObject({
      ok: false, error: { code: 'gone', status: 410, state: 'expired', at: note.expiresAt, message: GONE_MESSAGES.expired },
    });
    expect(unwrap(await env.api.status(note.id, note.manageToken))).toMatchObject({ state: 'expired', reads: 0, readAt: null });
    await env.close();
  });

  it('takes notes only from holders of the create token when the operator sets one', async () => {
    const createToken = 'operator-create-token-1234';
    const env = inProcess({ CREATE_TOKEN: createToken });
    expect(unwrap(await env.api.health()).createTokenRequired).toBe(true);
    for (const token of [undefined, 'operator-create-token-12345']) {
      expect(await shareSecret(env.api, 'no token', { expiresIn: HOUR, createToken: token }))
        .toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
    }
    const { parsed } = await share(env.api, 'with the token', { createToken });
    expect(unwrap(await revealNote(env.api, parsed)).secret).toBe('with the token');
    await env.close();
  });
});
