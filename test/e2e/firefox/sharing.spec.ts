// The sender's side in Firefox ESR with the built Firefox (MV2) extension and a real note server:
// the first-run page, the popup, the browser's own context menu, the Sent list and read receipts.
//
// Unlike headless Chromium, Firefox lets the test use its real context menu: the right-click, the
// menu and the click on "Share as one-time link" are the browser's own, so the activeTab grant the
// share relies on is the real one too. Headless Firefox shows no notifications: the background's
// calls are recorded instead (pages/FirefoxUi.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../utils/core/api';
import { parseLink } from '../../../utils/core/link';
import type { SentNote } from '../../../utils/sent/entry';
import { startServer, type RunningServer } from '../../helpers/server';
import { ui } from './fixtures';
import { launchFirefox, type FirefoxExtension } from './fixtures';
import { FirefoxUi } from '../pages/FirefoxUi';
import { FirstRunUi } from '../pages/FirstRun';
import { PopupUi } from '../pages/Popup';
import { RevealViewUi } from '../pages/RevealView';
import { SentUi } from '../pages/SentView';
import { SSH_KEY, startWikiSite, selectElement, type WikiSite } from '../pages/WikiSite';

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n  trailing spaces   \nünïcödé ✓ 🔑';

let server: RunningServer;
let ff: FirefoxExtension;
let firefox: FirefoxUi;
let wiki: WikiSite;

beforeAll(async () => {
  [server, ff, wiki] = await Promise.all([startServer(), launchFirefox(), startWikiSite()]);
  firefox = new FirefoxUi(ff);
});
afterAll(async () => {
  await ff?.close();
  await server?.stop();
  await wiki?.stop();
});

/** Opens the link in a new tab of this Firefox (the server's recipient page) and reveals it. */
async function reveal(link: string): Promise<string> {
  const page = await ff.browser.newPage();
  try {
    const recipient = new RevealViewUi(ui(page));
    await recipient.ui.goto(link);
    expect(await recipient.settledHeading()).toBe('Someone shared a secret with you');
    return await recipient.reveal();
  } finally {
    await page.close();
  }
}

async function openPopup(): Promise<PopupUi> {
  const popup = new PopupUi(ui(await ff.openExtensionPage('popup.html', { width: 370, height: 600 })));
  await popup.serverChecked();
  await popup.startFresh();
  return popup;
}

async function noteState(link: string, manageToken: string) {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const status = await createApi({ server: server.url }).status(parsed.value.id, manageToken);
  if (!status.ok) throw new Error(status.error.message);
  return status.value.state;
}

async function sentEntries(): Promise<SentNote[]> {
  return ((await firefox.stored('sent')) as SentNote[] | undefined) ?? [];
}

describe('Firefox: first run', () => {
  it('opens on install with the local server prefilled, refuses a dead address, saves a real one', async () => {
    const welcome = new FirstRunUi(ui(await ff.waitForExtensionTab('welcome.html')));
    expect(await welcome.ready()).toBe('Welcome to Burnlink');
    expect(await welcome.serverField()).toBe('http://127.0.0.1:8787');
    await welcome.ui.screenshot('firefox-welcome');

    const refused = await welcome.save('http://127.0.0.1:9');
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('Could not reach http://127.0.0.1:9') });
    expect(await firefox.stored('onboarded')).toBeUndefined();

    const saved = await welcome.save(`${server.url}/`);
    expect(saved).toEqual({ ok: true, message: expect.stringContaining(`127.0.0.1:${server.port} is a Burnlink note server`) });
    expect(await firefox.stored('settings')).toMatchObject({ server: server.url });
    expect(await firefox.stored('onboarded')).toBe(true);
    await welcome.ui.screenshot('firefox-welcome-saved');
  });
});

describe('Firefox: popup', () => {
  it('creates a link, copies it at once, and the recipient reveals exactly the text', async () => {
    await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: false });
    const popup = await openPopup();
    expect(await popup.serverChecked()).toContain(`127.0.0.1:${server.port}`);
    await popup.create(SECRET, { keyboard: true });
    expect(await popup.copyMessage()).toContain('Link copied: paste it for the recipient.');
    const link = await popup.link();
    expect(parseLink(link).ok).toBe(true);
    expect(link.startsWith(`${server.url}/n/`)).toBe(true);
    // Firefox has no offscreen document: its background page wrote the clipboard.
    expect(await firefox.clipboard()).toBe(link);
    await popup.ui.screenshot('firefox-popup-created');

    expect(await reveal(link)).toBe(SECRET);
  });
});

describe('Firefox: context menu "Share as one-time link"', () => {
  it('is offered only on a selection, and shares it byte for byte through the real menu', async () => {
    await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: false });
    await firefox.recordNotifications();
    const page = await ff.browser.newPage();
    await page.goto(wiki.url);

    // Nothing selected: the item is not on the menu.
    expect(await firefox.openContextMenu(page, 'h1')).not.toContain('Share as one-time link');
    await firefox.closeContextMenu();

    await page.evaluate(selectElement, 'key');
    expect(await firefox.openContextMenu(page, '#key')).toContain('Share as one-time link');
    const before = (await sentEntries()).length;
    await firefox.chooseMenuItem('Share as one-time link');

    const notice = await firefox.notification(0);
    expect(notice.title).toBe('One-time link copied');
    expect(notice.message).toContain('It can be read once and expires in 24 hours.');
    const link = await firefox.clipboard();
    expect(link.startsWith(`${server.url}/n/`)).toBe(true);
    // The whole selection, blank lines and tab included: read from the page through activeTab,
    // which only the real menu click granted (the extension has no access to this site).
    expect(await reveal(link)).toBe(SSH_KEY);
    expect(await sentEntries()).toHaveLength(before + 1);
    await page.close();
  });
});

describe('Firefox: Sent list and read receipts', () => {
  it('shows a new link as waiting, then as read with a notification, and the badge follows', async () => {
    await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: true });
    // Receipts checked after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
    await firefox.setStored('receipts', { idleChecks: 0, baseDelayMs: 500 });
    await firefox.recordNotifications();
    // Only this test's link is followed: the links of the tests before were read too.
    await firefox.setStored('sent', []);
    const noticesBefore = await firefox.notificationCount();

    const popup = await openPopup();
    await popup.create('PGPASSWORD=staging-Zq7!xw3 for Alex', { label: 'staging DB for Alex' });
    const link = await popup.link();
    const entry = (await sentEntries()).find((e) => link.includes(`/n/${e.id}#`));
    expect(entry).toMatchObject({ server: server.url, label: 'staging DB for Alex', state: 'pending' });
    expect(await noteState(link, entry?.manageToken ?? '')).toBe('pending');
    const badge = () => ff.extensionPage.evaluate(() => browser.browserAction.getBadgeText({}));
    await expect.poll(badge, { timeout: 10_000 }).toBe('1');

    const sent = new SentUi(popup.ui);
    await sent.show();
    await sent.waitForState('staging DB for Alex', 'Waiting');
    await popup.ui.screenshot('firefox-sent-waiting');

    expect(await reveal(link)).toBe('PGPASSWORD=staging-Zq7!xw3 for Alex');

    // The background's polling finds it read: a notification, the badge, the open list.
    const notice = await firefox.notification(noticesBefore);
    expect(notice.title).toBe('Link read');
    expect(notice.message).toMatch(/^Your link 'staging DB for Alex' was read at \d\d:\d\d( [AP]M)?\.$/);
    await sent.waitForState('staging DB for Alex', /^Read at \d\d:\d\d/);
    await expect.poll(badge, { timeout: 10_000 }).toBe('');
    await popup.ui.screenshot('firefox-sent-read');
  });
});

declare const browser: import('webextension-polyfill').Browser;
