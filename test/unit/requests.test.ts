// The requester's side in the extension: the popup's wording, the stored list (strict, without keys
// or links), asking, withdrawing, forgetting, polling rounds with notifications and the badge, and
// the key pairs' life. The note server is the real app in this process, on an in-memory SQLite store.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import { badgeLook } from '../../utils/badge';
import { createRequestApi } from '../../utils/core/request/api';
import { generateRequestKeys, requestSecrets, sealAnswer } from '../../utils/core/request/crypto';
import { answerRequest, postAnswer } from '../../utils/core/request/flow';
import { parseRequestLink } from '../../utils/core/request/link';
import { askAndCopy, askErrorMessage, copyRequestLink, deleteStaleKeys, forgetRequest, recordRevealed, withdrawRequest, type RequestDeps } from '../../utils/request/actions';
import { requestActionText } from '../../utils/request/action-text';
import { requestEntry, type RequestEntry } from '../../utils/request/entry';
import { memoryKeyStore } from '../../utils/request/keys';
import { checkRequests, mergeRequests } from '../../utils/request/receipts';
import { revealAnswer } from '../../utils/request/reveal';
import { noteTitle, requestListTitle, requestRefreshIssue, requestStatus } from '../../utils/request/wording';
import { DEFAULT_SETTINGS, requestsItem, settingsItem } from '../../utils/storage';
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
const SERVER = 'https://notes.example.com';
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

const entry = (over: Partial<RequestEntry> = {}): RequestEntry => ({
  ...requestEntry({ server: SERVER, id: ID, fetchToken: 'F'.repeat(42) + 'A', note: 'staging DB for Alex', createdAt: NOW - HOUR, expiresAt: NOW + 5 * HOUR }),
  ...over,
});

describe('Requests view wording', () => {
  it.each<[string, Partial<RequestEntry>, string, string]>([
    ['waiting', {}, 'Waiting · expires in 5 h', 'waiting'],
    ['answered', { state: 'answered', answeredAt: AT_10_42, expiresAt: NOW + 23 * HOUR }, 'Answered at 10:42 · reveal within 23 h', 'answered'],
    ['revealed', { state: 'read', answeredAt: AT_10_42, readAt: AT_10_42 + MINUTE }, 'Answer revealed at 10:43', 'read'],
    ['expired unanswered (server)', { state: 'expired' }, 'Expired without an answer', 'ended'],
    ['expired unanswered (clock, before the server says so)', { expiresAt: NOW - 1 }, 'Expired without an answer', 'ended'],
    ['answered, expired unrevealed', { state: 'answered', answeredAt: AT_10_42, expiresAt: NOW - 1 }, 'Answered at 10:42 · expired unrevealed', 'ended'],
    ['withdrawn', { state: 'revoked' }, 'Withdrawn', 'ended'],
    ['withdrawn after an answer', { state: 'revoked', answeredAt: AT_10_42 }, 'Answered at 10:42 · withdrawn unrevealed', 'ended'],
  ])('%s: "%s"', (_name, over, text, tone) => {
    expect(requestStatus(english, entry(over), NOW)).toEqual({ text, tone });
  });

  it('names a request by the first line of its note, or by when it was made', () => {
    expect(requestListTitle(english, entry({ note: 'DB password\nfor the staging cluster' }), NOW)).toBe('DB password');
    expect(requestListTitle(english, entry({ note: '', createdAt: AT_10_42 }), NOW)).toBe(`Request made ${english.clockTime(AT_10_42, NOW)}`);
    expect(noteTitle('x'.repeat(200))).toHaveLength(80);
    expect(noteTitle('  \nsecond line')).toBeUndefined();
  });

  it('says quietly which server could not be asked', () => {
    expect(requestRefreshIssue(english, { server: 'http://127.0.0.1:8787', code: 'unreachable' }))
      .toBe('Could not reach 127.0.0.1:8787: its requests show their last known state.');
  });

  it('says what to do when asking fails', () => {
    expect(askErrorMessage({ code: 'not_found', message: '' }, 'https://old.example')).toMatch(/^old\.example does not take requests for a secret: it runs an older Burnlink/);
    expect(askErrorMessage({ code: 'unauthorized', message: '' }, SERVER)).toMatch(/create token/);
    expect(askErrorMessage({ code: 'too_large', message: 'The note is 3 bytes too long: the most is 500 bytes. Shorten it.' }, SERVER))
      .toBe('The note is 3 bytes too long: the most is 500 bytes. Shorten it.');
  });
});

describe('the stored list', () => {
  it('refuses an entry that carries a key, the link or an answer', () => {
    const base = { server: SERVER, id: ID, fetchToken: 'F'.repeat(42) + 'A', note: '', createdAt: NOW, expiresAt: NOW + HOUR };
    for (const extra of [{ privateKey: 'x' }, { link: `${SERVER}/r/${ID}#1.${'A'.repeat(43)}` }, { answer: 'hunter2' }]) {
      expect(() => requestEntry({ ...base, ...extra })).toThrow();
    }
  });

  it('keeps a change made while a refresh was out, and drops what the refresh pruned', () => {
    const a = entry();
    const b = entry({ id: 'BBBBBBBBBBBBBBBBBBBBBB' });
    const withdrawnMeanwhile = { ...a, state: 'revoked' as const };
    const refreshed = [{ ...a, state: 'answered' as const }];
    expect(mergeRequests([a, b], refreshed, [withdrawnMeanwhile, b])).toEqual([withdrawnMeanwhile]);
  });
});

describe('the badge', () => {
  it.each([
    [{ links: 0, answers: 0 }, true, '', '#c2410c'],
    [{ links: 2, answers: 0 }, true, '2', '#c2410c'],
    [{ links: 2, answers: 1 }, true, '3', '#15803d'],
    [{ links: 0, answers: 1 }, false, '', '#15803d'],
  ])('shows %j (badge on: %s) as %j', (counts, show, text, color) => {
    expect(badgeLook(counts, show)).toEqual({ text, color });
  });
});

/** The real note server in this process, with a clock the test moves. */
function noteServer() {
  const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off', RATE_LIMIT_MANAGE: 'off' });
  if (!loaded.ok) throw new Error(loaded.error);
  let clock = NOW;
  const app = createApp({ store: openSqliteStore({ file: ':memory:' }), config: loaded.value, now: () => clock });
  const calls: string[] = [];
  const forward = async (request: Request) => app.fetch(request);
  /** What the network (or a server in the middle) does to a call; by default, nothing. */
  let tamper: Tamper = (request, send) => send(request);
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    return tamper(request, forward);
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    /** The server itself, untouched by `tamper`. */
    direct: ((input: RequestInfo | URL, init?: RequestInit) => forward(new Request(input, init))) as typeof fetch,
    calls,
    set now(at: number) { clock = at; },
    set tamper(next: Tamper) { tamper = next; },
  };
}

type Tamper = (request: Request, send: (request: Request) => Promise<Response>) => Promise<Response>;

/** The server does the call, and the reply is lost on its way back (a dropped connection). */
const LOSE_REPLY = (path: RegExp): Tamper => async (request, send) => {
  const response = await send(request);
  if (!path.test(new URL(request.url).pathname)) return response;
  throw new TypeError('Failed to fetch');
};

describe('asking, answering, polling and revealing', () => {
  let server: ReturnType<typeof noteServer>;
  let keys: ReturnType<typeof memoryKeyStore>;
  let copied: string[];
  let deps: RequestDeps;

  beforeEach(async () => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue();
    vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue();
    server = noteServer();
    keys = memoryKeyStore();
    copied = [];
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: SERVER, clipboardClearSeconds: 0 });
    deps = { settings: () => settingsItem.getValue(), keys, copy: async (text) => { copied.push(text); return true; }, fetch: server.fetch, now: () => NOW };
  });

  async function ask(note = 'staging DB for Alex') {
    const asked = await askAndCopy({ note, expiresIn: 3600 }, deps);
    if (!asked.ok) throw new Error(asked.error.message);
    const link = parseRequestLink(asked.value.link);
    if (!link.ok) throw new Error(link.error.message);
    return { ...asked.value, parsed: link.value };
  }

  it('asks: keeps the key pair and an entry without the link or key, copies the link', async () => {
    const asked = await ask();
    expect(copied).toEqual([asked.link]);
    expect(keys.size).toBe(1);
    const [stored] = await requestsItem.getValue();
    expect(stored).toMatchObject({ server: SERVER, id: asked.id, note: 'staging DB for Alex', state: 'waiting' });
    const dump = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(dump).not.toContain(asked.link.slice(asked.link.indexOf('#') + 3));
  });

  it('keeps nothing when the server refuses', async () => {
    const refused = await askAndCopy({ note: 'x', expiresIn: 12_345 }, deps);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/expiry must be one of/) } });
    expect(keys.size).toBe(0);
    expect(await requestsItem.getValue()).toEqual([]);
  });

  it('tells of an answer once: notification, badge, list; reveals it once; then the key pair goes', async () => {
    const asked = await ask();
    expect(await checkRequests(keys, NOW + 1000, server.fetch)).toEqual([]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(await fakeBrowser.alarms.get('request-receipts')).toBeDefined();

    unwrapOk(await answerRequest(createRequestApi({ server: SERVER, fetch: server.fetch }), asked.parsed, new TextEncoder().encode('PGPASSWORD=hunter2')));
    await checkRequests(keys, NOW + 2000, server.fetch);
    const notices = Object.values(await fakeBrowser.notifications.getAll() as Record<string, { title: string }>);
    expect(notices).toEqual([expect.objectContaining({ title: 'Answer received' })]);
    expect(fakeBrowser.action.setBadgeText).toHaveBeenLastCalledWith({ text: '1' });
    expect((await requestsItem.getValue())[0]).toMatchObject({ state: 'answered', answeredAt: NOW });
    // A second round: no second notification.
    await checkRequests(keys, NOW + 3000, server.fetch);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toHaveLength(1);

    const revealed = await revealAnswer(asked, { keys, entries: () => requestsItem.getValue(), fetch: server.fetch });
    expect(revealed).toMatchObject({ ok: true, value: { content: { text: 'PGPASSWORD=hunter2', files: [] }, answeredAt: NOW } });
    await recordRevealed(asked, NOW + 4000, keys);
    expect(await keys.get(asked)).toBeUndefined();
    expect((await requestsItem.getValue())[0]).toMatchObject({ state: 'read', readAt: NOW + 4000 });
    // Even with the key kept (a copy of the profile), the server hands it out no more.
    await keys.put(asked, await generateRequestKeys());
    expect(await revealAnswer(asked, { keys, entries: () => requestsItem.getValue(), fetch: server.fetch }))
      .toMatchObject({ ok: false, error: { code: 'gone', message: expect.stringMatching(/already revealed/) } });
  });

  it('fetches nothing when this browser does not hold the key', async () => {
    const asked = await ask();
    await answerRequest(createRequestApi({ server: SERVER, fetch: server.fetch }), asked.parsed, new TextEncoder().encode('x'));
    const calls = server.calls.length;
    const other = memoryKeyStore();
    expect(await revealAnswer(asked, { keys: other, entries: () => requestsItem.getValue(), fetch: server.fetch }))
      .toMatchObject({ ok: false, error: { code: 'no_key' } });
    expect(server.calls.length).toBe(calls);
  });

  it('withdraws on the server and deletes the key pair; forgets an open one after withdrawing it', async () => {
    const a = await ask('first');
    const b = await ask('second');
    expect(await withdrawRequest(a, deps)).toEqual({ ok: true, value: 'revoked' });
    expect(await keys.get(a)).toBeUndefined();
    await forgetRequest(b, deps);
    expect(server.calls.filter((c) => c.startsWith('DELETE'))).toEqual([`DELETE /api/requests/${a.id}`, `DELETE /api/requests/${b.id}`]);
    expect(keys.size).toBe(0);
    expect((await requestsItem.getValue()).map((e) => e.id)).toEqual([a.id]);
  });

  it('says why a link cannot be copied again or a request withdrawn, in English and German', async () => {
    const german = catalogueTranslator('de', readCatalogue('de'));
    const unlisted = { server: SERVER, id: ID };
    expect(await copyRequestLink(unlisted, deps)).toEqual({ ok: false, error: { code: 'not_listed' } });
    expect(await withdrawRequest(unlisted, deps)).toEqual({ ok: false, error: { code: 'not_listed' } });
    expect(requestActionText(english, { code: 'not_listed' })).toBe('This request is no longer in your list.');
    expect(requestActionText(german, { code: 'not_listed' })).toBe('Diese Anfrage ist nicht mehr in Ihrer Liste.');

    const a = await ask('keyless');
    await keys.delete(a);
    const copiedAgain = await copyRequestLink(a, deps);
    expect(copiedAgain).toEqual({ ok: false, error: { code: 'no_key' } });
    expect(copiedAgain.ok ? '' : requestActionText(english, copiedAgain.error))
      .toBe('This browser no longer holds the key of this request, so its link cannot be made again.');
    expect(copiedAgain.ok ? '' : requestActionText(german, copiedAgain.error))
      .toBe('Dieser Browser hat den Schlüssel dieser Anfrage nicht mehr, daher kann ihr Link nicht neu erstellt werden.');

    // Listed here, but unknown to its server (it ended and was cleaned up there).
    await requestsItem.setValue([...await requestsItem.getValue(), entry()]);
    const gone = await withdrawRequest({ server: SERVER, id: ID }, deps);
    expect(gone).toEqual({ ok: false, error: { code: 'gone' } });
    expect(gone.ok ? '' : requestActionText(english, gone.error)).toBe('The note server no longer has this request: it ended, so nobody can answer it.');

    const down = await withdrawRequest(a, { ...deps, fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    expect(down).toMatchObject({ ok: false, error: { code: 'failed', server: SERVER, problem: { code: 'unreachable' } } });
    expect(down.ok ? '' : requestActionText(english, down.error)).toBe(`Not withdrawn. ${english.t('problem.unreachable', { server: 'notes.example.com' })}`);
    expect(down.ok ? '' : requestActionText(german, down.error)).toMatch(/^Nicht zurückgezogen\. Der Notizserver unter notes\.example\.com ist nicht erreichbar/);
  });

  it('deletes the key pairs of requests that ended or left the list, and keeps open ones', async () => {
    const open = await ask('open');
    const ended = await ask('ended');
    await keys.put({ server: SERVER, id: 'ZZZZZZZZZZZZZZZZZZZZZZ' }, (await keys.get(open)) ?? unreachable());
    await requestsItem.setValue((await requestsItem.getValue()).map((e) => (e.id === ended.id ? { ...e, state: 'expired' } : e)));
    expect(await deleteStaleKeys(keys, NOW)).toBe(2);
    expect(await keys.list()).toEqual([`${SERVER} ${open.id}`]);
  });

  it('notifies once when a request expires without an answer, and its key pair goes', async () => {
    const asked = await ask();
    server.now = NOW + 2 * HOUR;
    await checkRequests(keys, NOW + 2 * HOUR, server.fetch);
    const notices = Object.values(await fakeBrowser.notifications.getAll() as Record<string, { title: string; message: string }>);
    expect(notices).toEqual([{ type: 'basic', iconUrl: expect.any(String), title: 'Request ended', message: "Your request 'staging DB for Alex' expired without an answer." }]);
    expect(await keys.get(asked)).toBeUndefined();
    expect(await fakeBrowser.alarms.get('request-receipts')).toBeUndefined();
  });
});

describe('as an attacker or a bad network would try it', () => {
  let server: ReturnType<typeof noteServer>;
  let keys: ReturnType<typeof memoryKeyStore>;
  let deps: RequestDeps;
  const encode = (text: string) => new TextEncoder().encode(text);
  const reveal = (ref: { server: string; id: string }) =>
    revealAnswer(ref, { keys, entries: () => requestsItem.getValue(), fetch: server.fetch, now: () => NOW + 5000 });

  beforeEach(async () => {
    fakeBrowser.reset();
    server = noteServer();
    keys = memoryKeyStore();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: SERVER, clipboardClearSeconds: 0 });
    deps = { settings: () => settingsItem.getValue(), keys, copy: async () => true, fetch: server.fetch, now: () => NOW };
  });

  async function ask(note: string) {
    const asked = unwrapOk(await askAndCopy({ note, expiresIn: 3600 }, deps));
    const link = parseRequestLink(asked.link);
    if (!link.ok) throw new Error(link.error.message);
    return { ...asked, parsed: link.value };
  }
  const api = () => createRequestApi({ server: SERVER, fetch: server.direct });

  it('a stranger with a leaked link answers first: the expected sender is told, and nothing is readable to the stranger', async () => {
    const asked = await ask('deploy key for Sam');
    unwrapOk(await answerRequest(api(), asked.parsed, encode('attacker-chosen-key')));
    // The person who was asked, a minute later, is refused with a sentence that tells them to speak up.
    expect(await answerRequest(api(), asked.parsed, encode('the-real-key'))).toMatchObject({
      ok: false, error: { code: 'gone', state: 'answered', message: expect.stringMatching(/if that was not you, tell the person who asked/) },
    });
    // The stranger holds the link, not the fetch token: the answer cannot be fetched or peeked at.
    const peek = unwrapOk(await api().peek(asked.id, (await requestSecrets(asked.parsed.publicKey)).answerToken));
    expect(peek).toMatchObject({ state: 'answered', note: null });
    expect(JSON.stringify(peek)).not.toContain('attacker');
  });

  it('a forged answer (another request\'s answer, or made-up bytes, handed out by the server) is refused and never shown', async () => {
    const a = await ask('first');
    const b = await ask('second');
    unwrapOk(await answerRequest(api(), a.parsed, encode('answer-to-first')));
    unwrapOk(await answerRequest(api(), b.parsed, encode('answer-to-second')));
    // A server in the middle swaps B's stored answer into the reply to A's fetch.
    server.tamper = async (request, send) => {
      if (new URL(request.url).pathname !== `/api/requests/${a.id}/fetch`) return send(request);
      const bToken = (await requestsItem.getValue()).find((e) => e.id === b.id)?.fetchToken ?? unreachable();
      return send(new Request(`${SERVER}/api/requests/${b.id}/fetch`, { method: 'POST', headers: { authorization: `Bearer ${bToken}` } }));
    };
    const swapped = await reveal(a);
    expect(swapped).toMatchObject({ ok: false, error: { code: 'unreadable', consumedAt: NOW + 5000, message: expect.stringMatching(/not made for this request's key, or it was altered\. It was deleted on the server/) } });
    expect(JSON.stringify(swapped)).not.toContain('answer-to-second');

    // Made-up bytes of the right shape: refused the same way.
    const c = await ask('third');
    unwrapOk(await answerRequest(api(), c.parsed, encode('answer-to-third')));
    server.tamper = async (request, send) => {
      const response = await send(request);
      if (!new URL(request.url).pathname.endsWith('/fetch')) return response;
      const body = await response.json() as { answer: { ct: string } };
      const ct = body.answer.ct;
      const flipped = `${ct.slice(0, 10)}${ct[10] === 'A' ? 'B' : 'A'}${ct.slice(11)}`;
      return Response.json({ ...body, answer: { ...body.answer, ct: flipped } });
    };
    expect(await reveal(c)).toMatchObject({ ok: false, error: { code: 'unreadable' } });
  });

  it('a replayed answer: the same post again changes nothing; after the reveal it is refused; sent to another request it never opens there', async () => {
    const a = await ask('first');
    const b = await ask('second');
    const captured = unwrapOk(await sealAnswer(encode('captured-once'), { publicKey: a.parsed.publicKey, requestId: a.id }));
    const first = unwrapOk(await postAnswer(api(), a.parsed, captured));
    server.now = NOW + 60_000;
    // Replayed while the answer waits: the same success, still exactly that one answer.
    expect(unwrapOk(await postAnswer(api(), a.parsed, captured))).toEqual(first);
    // Replayed at another request of the same requester (its link leaked too): stored, but it does not open.
    unwrapOk(await postAnswer(api(), b.parsed, captured));
    expect(await reveal(b)).toMatchObject({ ok: false, error: { code: 'unreadable' } });
    const revealed = unwrapOk(await reveal(a));
    expect(revealed.content.text).toBe('captured-once');
    // Replayed after the reveal: refused, nothing stored again.
    expect(await postAnswer(api(), a.parsed, captured)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
    const status = unwrapOk(await api().status(a.id, (await requestsItem.getValue()).find((e) => e.id === a.id)?.fetchToken ?? unreachable()));
    expect(status).toMatchObject({ state: 'read' });
  });

  it('a lost reply to the answerer: sending the same sealed answer again succeeds, where a fresh seal is told "already answered"', async () => {
    const asked = await ask('lost on the way back');
    const sealed = unwrapOk(await sealAnswer(encode('sent-once'), { publicKey: asked.parsed.publicKey, requestId: asked.id }));
    const dropping = createRequestApi({ server: SERVER, fetch: server.fetch });
    server.tamper = LOSE_REPLY(/\/answer$/);
    expect(await postAnswer(dropping, asked.parsed, sealed)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    server.tamper = (request, send) => send(request);
    expect(await answerRequest(dropping, asked.parsed, encode('sent-once'))).toMatchObject({ ok: false, error: { code: 'gone', state: 'answered' } });
    expect(await postAnswer(dropping, asked.parsed, sealed)).toMatchObject({ ok: true, value: { answeredAt: NOW } });
    expect(unwrapOk(await reveal(asked)).content.text).toBe('sent-once');
  });

  it('a lost reply to the requester: the answer was handed out once; the next try says so plainly, and the key goes', async () => {
    const asked = await ask('fetched, never arrived');
    unwrapOk(await answerRequest(api(), asked.parsed, encode('in-the-lost-reply')));
    server.now = NOW + 3000;
    server.tamper = LOSE_REPLY(/\/fetch$/);
    expect(await reveal(asked)).toMatchObject({ ok: false, error: { code: 'failed' } });
    server.tamper = (request, send) => send(request);
    const again = await reveal(asked);
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'lost', consumedAt: NOW + 3000, message: expect.stringMatching(/^The server handed this answer out at .*, but it never reached this window.*Ask again with a new request\.$/) },
    });
    if (again.ok || again.error.consumedAt === undefined) return unreachable();
    await recordRevealed(asked, again.error.consumedAt, keys);
    expect(await keys.get(asked)).toBeUndefined();
  });

  it('a deleted key: nothing is fetched, the answer keeps waiting, and withdrawing deletes it', async () => {
    const asked = await ask('key cleared');
    unwrapOk(await answerRequest(api(), asked.parsed, encode('waits-for-a-key')));
    await keys.delete(asked);
    const before = server.calls.length;
    expect(await reveal(asked)).toMatchObject({ ok: false, error: { code: 'no_key', message: expect.stringMatching(/Nothing was fetched/) } });
    expect(server.calls.length).toBe(before);
    const fetchToken = (await requestsItem.getValue())[0]?.fetchToken ?? unreachable();
    expect(unwrapOk(await api().status(asked.id, fetchToken))).toMatchObject({ state: 'answered' });
    expect(await withdrawRequest(asked, deps)).toEqual({ ok: true, value: 'revoked' });
    expect(await api().fetchAnswer(asked.id, fetchToken)).toMatchObject({ ok: false, error: { code: 'gone', state: 'revoked' } });
  });
});

function unwrapOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function unreachable(): never {
  throw new Error('unreachable');
}
