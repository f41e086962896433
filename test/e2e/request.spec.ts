// Request a secret, end to end in real headless Chromium with the built extension and a real note
// server: the requester asks in the popup, the answerer answers on the answer page in a plain
// browser without the extension, the requester is told (notification, badge, list) and reveals the
// exact text once in the reveal window. A second profile of the extension cannot open it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestApi } from '../../utils/core/request/api';
import { parseRequestLink } from '../../utils/core/request/link';
import type { RequestEntry } from '../../utils/request/entry';
import { startServer, type RunningServer } from '../helpers/server';
import { filesContain } from '../helpers/sqlite-file';
import { launchPlain, launchWithExtension, type ExtensionBrowser } from './fixtures';
import { AnswerPage } from './pages/AnswerPage';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { AnswerRevealUi, RequestTabUi, storedRequestKeys } from './pages/RequestViews';

// The service worker's own `chrome` (no @types/chrome here): only what these tests call.
declare const chrome: {
  storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { onClicked: { dispatch(id: string): void } };
};

const NOTE = 'Staging DB password for Alex (onboarding, ticket OPS-142)';
const SECRET = 'PGPASSWORD=Tr0ub4dor&3-staging\n  second line, indented   \nünïcödé ✓ 🔑';

let server: RunningServer;
let requester: ExtensionBrowser;
let worker: ExtensionWorker;
let answerer: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  [server, requester, answerer] = await Promise.all([startServer(), launchWithExtension(), launchPlain()]);
  worker = new ExtensionWorker(requester);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
  // Checks after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
  await requester.worker.evaluate(() => chrome.storage.local.set({ receipts: { idleChecks: 0, baseDelayMs: 500 } }));
  await worker.recordNotifications();
});
afterAll(async () => {
  await Promise.all([requester?.close(), answerer?.close()]);
  await server?.stop();
});

const badge = (browser = requester) => browser.worker.evaluate(() => chrome.action.getBadgeText({}));

async function entries(browser = requester): Promise<RequestEntry[]> {
  const stored = await browser.worker.evaluate(async () => (await chrome.storage.local.get(null)).requests);
  return (stored as RequestEntry[] | undefined) ?? [];
}

async function openPopup(browser = requester): Promise<{ page: Page; tab: RequestTabUi }> {
  const page = await browser.openExtensionPage('popup.html');
  await page.setViewportSize({ width: 370, height: 720 });
  const tab = new RequestTabUi(playwrightDriver(page));
  await tab.show();
  return { page, tab };
}

async function answerAsStranger(link: string, secret: string): Promise<void> {
  const page = await answerer.context.newPage();
  const answer = new AnswerPage(playwrightDriver(page));
  await answer.open(link);
  expect(await answer.settledHeading()).toBe('Someone asks you for a secret');
  expect(await answer.answer(secret)).toBe('Answer sent');
  await page.close();
}

/** Clicks Reveal in the popup's list; returns the reveal window the extension opened. */
async function revealWindow(page: Page, tab: RequestTabUi, id: string): Promise<{ page: Page; ui: AnswerRevealUi }> {
  const opened = requester.context.waitForEvent('page', (p) => p.url().includes('reveal-answer.html'));
  await tab.clickOn(id, 'reveal');
  const window = await opened;
  await window.waitForLoadState();
  // The size the extension gives its window (utils/request/surface.ts), for the screenshots.
  await window.setViewportSize({ width: 460, height: 620 });
  return { page: window, ui: new AnswerRevealUi(playwrightDriver(window)) };
}

describe('request a secret', () => {
  let link = '';
  let id = '';

  it('makes a request in the popup: the link is copied, its key pair is kept non-extractable', async () => {
    const { page, tab } = await openPopup();
    await tab.ui.screenshot('request-form');
    await tab.create(NOTE, '1 hour');
    link = await tab.link();
    const parsed = parseRequestLink(link);
    if (!parsed.ok) throw new Error(parsed.error.message);
    id = parsed.value.id;
    expect(link.startsWith(`${server.url}/r/${id}#1.`)).toBe(true);
    expect(await tab.ui.text('.request-created [role="status"]')).toMatch(/^Request link copied\./);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await tab.stateOf(id, '^Waiting · expires in 60 min$');
    await tab.ui.screenshot('request-created');

    expect(await entries()).toEqual([expect.objectContaining({ server: server.url, id, note: NOTE, state: 'waiting' })]);
    // Nothing stored holds the link or its key: the entry has the fetch token, the pair is in IndexedDB.
    const storage = JSON.stringify(await requester.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null),
    })));
    expect(storage).not.toContain(link.slice(link.indexOf('#') + 3));
    expect(await page.evaluate(storedRequestKeys)).toEqual([{ key: `${server.url} ${id}`, extractable: false, exportRefused: true }]);
    await page.close();
  });

  it('tells the requester when a stranger without the extension answers: notification, badge, list', async () => {
    await answerAsStranger(link, SECRET);
    const notice = await worker.notification(0);
    expect(notice).toMatchObject({ title: 'Answer received' });
    expect(notice.message).toMatch(new RegExp(`^Someone answered '${NOTE.replace(/[()]/g, '\\$&')}' at \\d\\d:\\d\\d( [AP]M)?\\. Open Burnlink to reveal it, and check with the person you asked that it came from them\\.$`));
    await expect.poll(() => badge(), { timeout: 10_000 }).toBe('1');
    // A click on the notification opens the reveal window on that request (revealing needs a click there).
    const opened = requester.context.waitForEvent('page', (p) => p.url().includes('reveal-answer.html'));
    await requester.worker.evaluate((id) => chrome.notifications.onClicked.dispatch(id), notice.id);
    const fromNotice = await opened;
    expect(new URL(fromNotice.url()).searchParams.get('id')).toBe(id);
    expect(await new AnswerRevealUi(playwrightDriver(fromNotice)).settledHeading()).toBe('Answer to your request');
    await fromNotice.close();
    const { page, tab } = await openPopup();
    expect(await tab.stateOf(id, '^Answered at')).toMatch(/^Answered at \d\d:\d\d( [AP]M)? · reveal within 60 min$/);
    expect(await page.getByRole('tab', { name: /Request/ }).textContent()).toContain('1');
    await tab.ui.screenshot('request-answered');
    await page.close();
  });

  it('cannot be opened by a second profile of the extension, even given the request and its fetch token', async () => {
    const other = await launchWithExtension();
    try {
      // The worst case: someone copied the whole entry (fetch token included) into another profile.
      const stolen = await entries();
      await other.worker.evaluate((value) => chrome.storage.local.set({ requests: value }), stolen);
      const page = await other.openExtensionPage(`reveal-answer.html?server=${encodeURIComponent(server.url)}&id=${id}`);
      const ui = new AnswerRevealUi(playwrightDriver(page));
      expect(await ui.settledHeading()).toBe('Answer to your request');
      await expect(ui.reveal()).rejects.toThrow(/This browser does not hold the key of this request.*Nothing was fetched/);
      await ui.ui.screenshot('request-reveal-other-profile');
      // Nothing was fetched or burned: the answer still waits for the browser that asked.
      const status = await createRequestApi({ server: server.url }).status(id, stolen[0]?.fetchToken ?? '');
      expect(status).toMatchObject({ ok: true, value: { state: 'answered' } });
    } finally {
      await other.close();
    }
  });

  it('reveals the exact text once in the reveal window, then forgets the key and clears the badge', async () => {
    const { page, tab } = await openPopup();
    const window = await revealWindow(page, tab, id);
    expect(await window.ui.settledHeading()).toBe('Answer to your request');
    await window.ui.ui.screenshot('request-reveal-ready');
    expect(await window.ui.reveal()).toBe(SECRET);
    expect(await window.ui.ui.text('#check-with-sender')).toMatch(/check with the person you asked that it came from them/);
    await window.ui.ui.screenshot('request-revealed');

    await expect.poll(async () => (await entries())[0]?.state, { timeout: 10_000 }).toBe('read');
    await expect.poll(() => page.evaluate(storedRequestKeys), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => badge(), { timeout: 10_000 }).toBe('');
    expect(await tab.stateOf(id, '^Answer revealed')).toMatch(/^Answer revealed at /);
    // Deleted on the server, durably: not in the database file, and a second fetch is refused.
    expect(filesContain(server.dbFile, SECRET)).toBe(false);
    const again = await createRequestApi({ server: server.url }).fetchAnswer(id, (await entries())[0]?.fetchToken ?? '');
    expect(again).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
    // The same window again: nothing to reveal any more.
    await window.page.reload();
    await window.ui.settledHeading();
    expect(await window.ui.ui.isVisible('.answer-reveal button.wide')).toBe(false);
    await window.page.close();
    await page.close();
  });

  it('withdraws a waiting request: its link then says so, and its key pair goes', async () => {
    const { page, tab } = await openPopup();
    await tab.create('withdraw me');
    const withdrawn = parseRequestLink(await tab.link());
    if (!withdrawn.ok) throw new Error(withdrawn.error.message);
    await tab.clickOn(withdrawn.value.id, 'withdraw');
    await tab.clickOn(withdrawn.value.id, 'confirm-withdraw');
    expect(await tab.stateOf(withdrawn.value.id, '^Withdrawn$')).toBe('Withdrawn');
    await expect.poll(async () => (await page.evaluate(storedRequestKeys)).map((k) => k.key)).not.toContain(`${server.url} ${withdrawn.value.id}`);
    const answer = new AnswerPage(playwrightDriver(await answerer.context.newPage()));
    await answer.open(await tab.link());
    expect(await answer.settledHeading()).toBe('This request was withdrawn');
    await tab.clickOn(withdrawn.value.id, 'forget');
    await expect.poll(async () => (await entries()).map((e) => e.id)).not.toContain(withdrawn.value.id);
    await page.close();
  });

  it('has a dark theme for the popup\'s Request tab and the reveal window', async () => {
    const dark = await launchWithExtension({ colorScheme: 'dark' });
    try {
      await new ExtensionWorker(dark).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
      const page = await dark.openExtensionPage('popup.html');
      await page.setViewportSize({ width: 370, height: 720 });
      const tab = new RequestTabUi(playwrightDriver(page));
      await tab.show();
      await tab.create('Dark mode: the deploy token for the CI runner');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
      await tab.ui.screenshot('request-created-dark');
      const darkLink = parseRequestLink(await tab.link());
      if (!darkLink.ok) throw new Error(darkLink.error.message);
      await answerAsStranger(await tab.link(), 'ci-token-for-the-dark-side');
      await page.reload();
      await tab.show();
      await tab.stateOf(darkLink.value.id, '^Answered');
      await tab.ui.screenshot('request-answered-dark');
      const reveal = await dark.openExtensionPage(`reveal-answer.html?server=${encodeURIComponent(server.url)}&id=${darkLink.value.id}`);
      await reveal.setViewportSize({ width: 460, height: 620 });
      const ui = new AnswerRevealUi(playwrightDriver(reveal));
      expect(await ui.reveal()).toBe('ci-token-for-the-dark-side');
      await ui.ui.screenshot('request-revealed-dark');
    } finally {
      await dark.close();
    }
  });
});
