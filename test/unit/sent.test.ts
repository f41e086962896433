// The sender's side in the extension: how the Sent view words each state, the stored history's
// changes (record, revoke, forget, refresh) and how they stay out of each other's way.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { parseLink } from '../../utils/core/link';
import { mergeRefreshed, sentEntry, type NewSentNote, type SentNote } from '../../utils/sent/entry';
import type { NoteStatus } from '../../utils/core/protocol';
import { checkSent } from '../../utils/sent/receipts';
import { forgetSent, recordSent, revokeSent } from '../../utils/sent/actions';
import { revokeProblemText } from '../../utils/sent/revoke-text';
import { refreshIssue, sentStatus, sentTitle, shortDuration } from '../../utils/sent/wording';
import { createAndCopy, type LinkDeps } from '../../utils/share/create-link';
import { DEFAULT_SETTINGS, receiptsItem, sentItem, settingsItem } from '../../utils/storage';
import { fakeNoteServer } from './fake-note-server';
import { browserLanguage } from './browser-language';

browserLanguage('en');
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';

/** The English catalogue, with British dates as these tests expect. */
const english = catalogueTranslator('en-GB', readCatalogue('en'));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Local time, so the clock in the wording reads the same in every time zone. */
const NOW = new Date(2026, 10, 28, 12, 0).getTime();
const AT_10_42 = new Date(2026, 10, 28, 10, 42).getTime();
const YESTERDAY_18_05 = new Date(2026, 10, 27, 18, 5).getTime();
const SERVER = 'https://notes.example.com';

const note = (over: Partial<NewSentNote> = {}): NewSentNote => ({
  server: SERVER,
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  manageToken: 'M'.repeat(43),
  label: 'staging DB for Alex',
  createdAt: NOW - HOUR,
  expiresAt: NOW + 5 * HOUR,
  maxReads: 1,
  ...over,
});
const entry = (over: Partial<SentNote> = {}): SentNote => ({ ...sentEntry(note()), ...over });

describe('Sent view wording', () => {
  it.each<[string, Partial<SentNote>, string, string]>([
    ['waiting', {}, 'Waiting · expires in 5 h', 'waiting'],
    ['waiting, under two hours left', { expiresAt: NOW + 45 * MINUTE }, 'Waiting · expires in 45 min', 'waiting'],
    ['waiting, days left', { expiresAt: NOW + 7 * 24 * HOUR }, 'Waiting · expires in 7 d', 'waiting'],
    ['read once', { state: 'read', reads: 1, readAt: AT_10_42 }, 'Read at 10:42', 'read'],
    ['read yesterday', { state: 'read', reads: 1, readAt: YESTERDAY_18_05 }, 'Read on 27 Nov, 18:05', 'read'],
    ['read 2 of 3 times', { maxReads: 3, reads: 2, readAt: AT_10_42 }, '2 of 3 reads · expires in 5 h', 'waiting'],
    ['read 3 of 3 times', { maxReads: 3, reads: 3, state: 'read', readAt: AT_10_42 }, 'Read at 10:42 · 3 of 3 reads', 'read'],
    ['expired unread (server)', { state: 'expired' }, 'Expired unread', 'ended'],
    ['expired unread (clock, before the server says so)', { expiresAt: NOW - 1 }, 'Expired unread', 'ended'],
    ['expired after some reads', { state: 'expired', maxReads: 3, reads: 1 }, 'Expired after 1 of 3 reads', 'ended'],
    ['revoked', { state: 'revoked' }, 'Revoked', 'ended'],
    ['destroyed', { state: 'destroyed' }, 'Destroyed (wrong passphrases)', 'destroyed'],
  ])('%s: "%s"', (_name, over, text, tone) => {
    const status = sentStatus(english, entry(over), NOW);
    expect(status).toMatchObject({ text, tone });
    // Only a link that can still be opened can be revoked.
    expect(status.revocable).toBe(tone === 'waiting');
  });

  it.each([
    [10_000, 'under a minute'],
    [MINUTE, '1 min'],
    [99 * MINUTE, '99 min'],
    [2 * HOUR, '2 h'],
    [24 * HOUR - 5000, '24 h'],
    [35 * HOUR, '35 h'],
    [3 * 24 * HOUR, '3 d'],
  ])('says %i ms left as "%s"', (ms, text) => {
    expect(shortDuration(english, ms)).toBe(text);
  });

  it('names a link by its label, or by when it was created', () => {
    expect(sentTitle(english, entry(), NOW)).toBe('staging DB for Alex');
    expect(sentTitle(english, entry({ label: '', createdAt: AT_10_42 }), NOW)).toBe('Link created 10:42');
  });

  it('says quietly which server could not be asked', () => {
    expect(refreshIssue(english, { server: 'http://127.0.0.1:8787', code: 'unreachable' }))
      .toBe('Could not reach 127.0.0.1:8787: its links show their last known state.');
    expect(refreshIssue(english, { server: SERVER, code: 'bad_response' }))
      .toBe('notes.example.com did not answer the status check: its links show their last known state.');
  });
});

describe('merging a refresh into the history as it is now', () => {
  const a = entry({ id: 'AAAAAAAAAAAAAAAAAAAAAA' });
  const b = entry({ id: 'BBBBBBBBBBBBBBBBBBBBBA' });
  const c = entry({ id: 'CCCCCCCCCCCCCCCCCCCCCA' });
  const read = (e: SentNote) => ({ ...e, state: 'read' as const, reads: 1, readAt: NOW, checkedAt: NOW });

  it.each<[string, SentNote[], SentNote[], SentNote[], SentNote[]]>([
    ['takes the refreshed state', [a, b], [read(a), b], [a, b], [read(a), b]],
    ['keeps a link revoked meanwhile', [a], [a], [{ ...a, state: 'revoked' }], [{ ...a, state: 'revoked' }]],
    ['keeps a link forgotten meanwhile out', [a, b], [read(a), read(b)], [b], [read(b)]],
    ['keeps a link created meanwhile', [a], [read(a)], [a, c], [read(a), c]],
    ['drops what the refresh pruned', [a, b], [b], [a, b], [b]],
  ])('%s', (_name, before, refreshed, current, expected) => {
    expect(mergeRefreshed(before, refreshed, current)).toEqual(expected);
  });
});

/** A note server's status and revoke endpoints, answering from a table of states. */
function statusServer(states: Record<string, Partial<NoteStatus> | 'down'>) {
  const requests: string[] = [];
  const status = (id: string): NoteStatus => ({
    id, state: 'pending', createdAt: NOW - HOUR, expiresAt: NOW + 5 * HOUR, reads: 0, maxReads: 1, readAt: null, revokedAt: null,
    ...(states[id] as Partial<NoteStatus>),
  });
  const json = (body: unknown, code = 200) => new Response(JSON.stringify(body), { status: code, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    if (path === '/api/notes/status') {
      const { notes } = await request.json() as { notes: Array<{ id: string }> };
      return json({ statuses: notes.map(({ id }) => (id in states ? status(id) : null)) });
    }
    const id = path.split('/').at(-1) ?? '';
    if (states[id] === 'down') throw new TypeError('fetch failed');
    if (!(id in states)) return json({ error: 'not_found', message: 'There is no note at this link.' }, 404);
    const current = status(id);
    return json(current.state === 'pending' ? { ...current, state: 'revoked', revokedAt: NOW } : current);
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

describe('the stored history', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records links created at the same moment without losing one', async () => {
    const ids = ['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBA', 'CCCCCCCCCCCCCCCCCCCCCA', 'DDDDDDDDDDDDDDDDDDDDDA'];
    await Promise.all(ids.map((id) => recordSent(note({ id }))));
    expect((await sentItem.getValue()).map((e) => e.id).sort()).toEqual(ids);
  });

  it('forgets one link, and only on its own server', async () => {
    await recordSent(note());
    await recordSent(note({ server: 'https://other.example' }));
    await forgetSent({ server: SERVER, id: note().id });
    expect((await sentItem.getValue()).map((e) => e.server)).toEqual(['https://other.example']);
  });

  it.each<[string, Partial<NoteStatus> | 'down' | undefined, { ok: boolean; value?: string; error?: RegExp }, SentNote['state']]>([
    ['revokes a waiting link', {}, { ok: true, value: 'revoked' }, 'revoked'],
    ['reports a link read before the revoke', { state: 'read', reads: 1, readAt: NOW - MINUTE }, { ok: true, value: 'read' }, 'read'],
    ['says when the server no longer has it', undefined, { ok: false, error: /no longer has this link/ }, 'pending'],
    ['says when the server is unreachable, and changes nothing', 'down', { ok: false, error: /^Not revoked\. Could not reach/ }, 'pending'],
  ])('%s', async (_name, state, expected, stored) => {
    const server = statusServer(state === undefined ? {} : { [note().id]: state });
    await recordSent(note());
    const result = await revokeSent({ server: SERVER, id: note().id }, NOW, server.fetch);
    expect(result.ok).toBe(expected.ok);
    if (result.ok) expect(result.value).toBe(expected.value);
    else expect(revokeProblemText(english, result.error)).toMatch(expected.error ?? /./);
    expect((await sentItem.getValue())[0]?.state).toBe(stored);
    expect(server.requests).toEqual([`DELETE /api/notes/${note().id}`]);
  });

  it('refuses to revoke a link that is not in the history', async () => {
    expect(await revokeSent({ server: SERVER, id: note().id }, NOW, statusServer({}).fetch))
      .toEqual({ ok: false, error: { code: 'not_listed' } });
    expect(revokeProblemText(english, { code: 'not_listed' })).toBe('This link is no longer in your history.');
  });

  it('says why not in the popup\'s language', async () => {
    const german = catalogueTranslator('de', readCatalogue('de'));
    await recordSent(note());
    const gone = await revokeSent({ server: SERVER, id: note().id }, NOW, statusServer({}).fetch);
    expect(gone.ok ? '' : revokeProblemText(german, gone.error))
      .toBe('Der Notizserver hat diesen Link nicht mehr: Er ist abgelaufen oder wurde entfernt, also kann ihn niemand öffnen.');
    const down = await revokeSent({ server: SERVER, id: note().id }, NOW, statusServer({ [note().id]: 'down' }).fetch);
    expect(down.ok ? '' : revokeProblemText(german, down.error)).toMatch(/^Nicht widerrufen\. Der Notizserver unter notes\.example\.com ist nicht erreichbar/);
  });
});

describe('a read-receipt round', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: SERVER });
  });

  it('asks once per server, notifies with the label, counts the waiting links on the badge', async () => {
    const b = 'BBBBBBBBBBBBBBBBBBBBBA';
    await recordSent(note());
    await recordSent(note({ id: b, label: '' }));
    const server = statusServer({ [note().id]: { state: 'read', reads: 1, readAt: NOW - MINUTE }, [b]: {} });
    expect(await checkSent(NOW, server.fetch)).toEqual([]);
    expect(server.requests).toEqual(['POST /api/notes/status']);
    const notices = await fakeBrowser.notifications.getAll() as Record<string, { title: string; message: string }>;
    expect(Object.values(notices)).toEqual([expect.objectContaining({ title: 'Link read', message: expect.stringContaining("'staging DB for Alex' was read at") })]);
    expect(fakeBrowser.action.setBadgeText).toHaveBeenLastCalledWith({ text: '1' });
    // One link still waiting: the next round is scheduled with a short delay.
    expect(await fakeBrowser.alarms.get('read-receipts')).toBeDefined();
    expect((await receiptsItem.getValue()).idleChecks).toBe(0);
  });

  it('does not undo a revoke that lands while the servers are being asked', async () => {
    await recordSent(note());
    let answer: (() => void) | undefined;
    const server = statusServer({ [note().id]: {} });
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await new Promise<void>((resolve) => { answer = resolve; });
      return server.fetch(input, init);
    }) as typeof fetch;
    const round = checkSent(NOW, slow);
    await vi.waitFor(() => expect(answer).toBeDefined());
    await revokeSent({ server: SERVER, id: note().id }, NOW, server.fetch);
    answer?.();
    await round;
    expect((await sentItem.getValue())[0]?.state).toBe('revoked');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    // Nothing waits any more: no polling at all.
    expect(await fakeBrowser.alarms.get('read-receipts')).toBeUndefined();
  });

  it('does not poll in the background when receipts and badge are both off', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: SERVER, readReceipts: false, badge: false });
    await recordSent(note());
    await checkSent(NOW, statusServer({ [note().id]: {} }).fetch);
    expect(await fakeBrowser.alarms.get('read-receipts')).toBeUndefined();
    expect(fakeBrowser.action.setBadgeText).toHaveBeenLastCalledWith({ text: '' });
  });

  it('says which server could not be asked and keeps the last known state', async () => {
    await recordSent(note({ server: 'http://127.0.0.1:9' }));
    const down = (async () => { throw new TypeError('fetch failed'); }) as typeof fetch;
    expect(await checkSent(NOW, down)).toEqual([expect.objectContaining({ server: 'http://127.0.0.1:9', code: 'unreachable' })]);
    expect((await sentItem.getValue())[0]).toMatchObject({ state: 'pending', checkedAt: null });
  });
});

describe('recording created links', () => {
  beforeEach(() => fakeBrowser.reset());

  function deps(server = fakeNoteServer()): LinkDeps {
    return {
      copy: async () => true,
      settings: async () => ({ ...DEFAULT_SETTINGS, server: server.url }),
      fetch: server.fetch,
    };
  }

  it('adds the link with its label, and nothing that opens it; the label is not sent', async () => {
    const server = fakeNoteServer();
    const created = await createAndCopy({ secret: 'hunter2-secret', expiresIn: 3600, maxReads: 2, label: '  staging DB for Alex ' }, deps(server));
    expect(JSON.stringify(server.posted)).not.toContain('staging DB');
    if (!created.ok) throw new Error(created.error.message);
    const [stored] = await sentItem.getValue();
    expect(stored).toMatchObject({
      server: SERVER, id: 'AAAAAAAAAAAAAAAAAAAAAA', manageToken: 'M'.repeat(43), label: 'staging DB for Alex',
      maxReads: 2, state: 'pending', reads: 0, expiresAt: created.value.expiresAt,
    });
    const parsed = parseLink(created.value.link);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const key = created.value.link.split('.').at(-1) ?? '';
    const dump = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const secret of ['hunter2-secret', created.value.link, key]) expect(dump).not.toContain(secret);
  });

  it('records a link without a label (the receipt then names the time)', async () => {
    await createAndCopy({ secret: 'from the context menu', expiresIn: 3600, maxReads: 1 }, deps());
    expect((await sentItem.getValue())[0]?.label).toBe('');
  });

  it('records nothing when the server refuses the note', async () => {
    const refusing = fakeNoteServer({ failCreate: { status: 507, error: 'storage_full', message: 'Full.' } });
    expect((await createAndCopy({ secret: 'x', expiresIn: 3600, maxReads: 1 }, deps(refusing))).ok).toBe(false);
    expect(await sentItem.getValue()).toEqual([]);
  });
});
