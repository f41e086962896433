// Sharing a selection from a page: the context menu (at once, or with options in the popup) and
// the keyboard command, in real headless Chromium with the built extension, against a real note
// server.
//
// activeTab: a real click on the context menu (or the shortcut) grants it; a dispatched event does
// not, and headless Chromium can neither show the menu nor press extension shortcuts. The tests
// grant it the other way a person does — invoking the toolbar action, through the DevTools
// protocol's Extensions.triggerAction — and then fire the real listener. The manifest stays as
// shipped: no host permission is added for the tests.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLink } from '../../utils/core/link';
import { startServer, type RunningServer } from '../helpers/server';
import type { SentNote } from '../../utils/sent/entry';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteIdOf, revealInNewTab } from './notes';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { PageConfirmation } from './pages/PageConfirmation';
import { POPUP, PopupUi } from './pages/Popup';
import { attachExtensionTarget } from './pages/target-driver';
import { ENV_BLOCK, SSH_KEY, startWikiSite, TOKEN, selectElement as selectInPage, type WikiSite } from './pages/WikiSite';

// The service worker's own `chrome`: only what these tests call.
declare const chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };

/** Read receipts for the links shared here would come in between the notices these tests count. */
const QUIET = { readReceipts: false };

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;
let site: WikiSite;
let notices = 0;

beforeAll(async () => {
  [server, browser, site] = await Promise.all([startServer(), launchWithExtension(), startWikiSite()]);
  worker = new ExtensionWorker(browser);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0, ...QUIET });
  await worker.recordNotifications();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.stop();
});

/** A fresh tab of the wiki: activeTab is granted per tab, until it navigates. */
async function openWiki(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(site.url);
  // Something known on the clipboard, to see whether the extension wrote it.
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  return page;
}

async function selectElement(page: Page, id: string) {
  await page.evaluate(selectInPage, id);
}

async function nextNotice() {
  const notice = await worker.notification(notices);
  notices++;
  return notice;
}

async function clipboard(page: Page): Promise<string> {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

beforeEach(async () => {
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0, ...QUIET });
});

describe('context menu "Share as one-time link"', () => {
  it('shares a multi-line selection byte for byte: clipboard link, notification, exact reveal', async () => {
    const page = await openWiki();
    await selectElement(page, 'key');
    const selectionText = await page.evaluate(() => getSelection()!.toString().replace(/\s+/g, ' ').trim());
    await worker.grantActiveTab(page);
    await worker.clickContextMenu(page, { selectionText });

    const notice = await nextNotice();
    expect(notice.title).toBe('One-time link copied');
    expect(notice.message).toContain('It can be read once and expires in 24 hours.');
    const link = await clipboard(page);
    expect(parseLink(link).ok).toBe(true);
    expect(link.startsWith(`${server.url}/n/`)).toBe(true);
    expect(await revealInNewTab(browser.context, link)).toBe(SSH_KEY);
    await page.close();
  });

  it('confirms in the page too, out of the page\'s reach, and labels the link with the page\'s host', async () => {
    const page = await openWiki();
    await selectElement(page, 'key');
    const selectionText = await page.evaluate(() => getSelection()!.toString().replace(/\s+/g, ' ').trim());
    await worker.grantActiveTab(page);
    await worker.clickContextMenu(page, { selectionText });
    expect((await nextNotice()).title).toBe('One-time link copied');
    const link = await clipboard(page);

    // Shown without system notifications: a screen reader reads it; the page's scripts cannot
    // enter it, and nothing of the link is in the page.
    const confirmation = new PageConfirmation(page);
    await expect.poll(() => confirmation.shown()).toBe(true);
    expect(await confirmation.shadowRootSeenByPage()).toBeNull();
    await expect.poll(() => confirmation.accessibleText()).toContain('Burnlink: One-time link copied');
    expect(await confirmation.accessibleText()).toContain('Paste it for the recipient.');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(link.slice(link.indexOf('#') + 1));
    await screenshot(page, 'share-confirmation');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'share-confirmation-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Escape closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => confirmation.shown()).toBe(false);

    const sent = ((await worker.stored('sent')) as SentNote[] | undefined) ?? [];
    expect(sent.find((e) => e.id === noteIdOf(link))?.label).toBe(`Selection on ${new URL(site.url).host}`);
    await page.close();
  });

  it('refuses clearly, and copies nothing, when the page cannot be read and the selection has whitespace', async () => {
    const page = await openWiki();
    await selectElement(page, 'key');
    // No activeTab grant: the extension has no access to this page.
    await worker.clickContextMenu(page, { selectionText: 'collapsed copy of the key' });
    const notice = await nextNotice();
    expect(notice.title).toBe('Could not create a one-time link');
    expect(notice.message).toContain('cannot read this page');
    expect(await clipboard(page)).toBe('before');
    await page.close();
  });

  it('falls back to the menu\'s own copy of a single token when the page cannot be read', async () => {
    const page = await openWiki();
    await selectElement(page, 'token');
    await worker.clickContextMenu(page, { selectionText: TOKEN });
    expect((await nextNotice()).title).toBe('One-time link copied');
    expect(await revealInNewTab(browser.context, await clipboard(page))).toBe(TOKEN);
    await page.close();
  });

  it('says the note server is unreachable, and copies nothing', async () => {
    await worker.storeSettings({ server: 'http://127.0.0.1:9', ...QUIET });
    const page = await openWiki();
    await selectElement(page, 'key');
    await worker.grantActiveTab(page);
    await worker.clickContextMenu(page, { selectionText: 'x' });
    const notice = await nextNotice();
    expect(notice.title).toBe('Could not create a one-time link');
    expect(notice.message).toContain('Could not reach the note server at 127.0.0.1:9');
    expect(await clipboard(page)).toBe('before');
    // The page says so too.
    await expect.poll(() => new PageConfirmation(page).accessibleText()).toContain('Burnlink: Could not create a one-time link');
    await screenshot(page, 'share-confirmation-error');
    await page.close();
  });
});

describe('context menu "Share with options…"', () => {
  it('opens the popup with the selection and the page\'s host, and makes the link only with the chosen options', async () => {
    const page = await openWiki();
    await selectElement(page, 'key');
    const selectionText = await page.evaluate(() => getSelection()!.toString().replace(/\s+/g, ' ').trim());
    await worker.grantActiveTab(page);
    const sentBefore = (((await worker.stored('sent')) as SentNote[] | undefined) ?? []).length;
    await worker.clickContextMenu(page, { selectionText }, 'share-with-options');
    // The toolbar popup, opened by the menu click (a page the browser's automation does not list).
    const opened = await attachExtensionTarget(browser, 'popup.html');
    const popup = new PopupUi(opened);
    // The selection exactly (every newline), and the label, in the form; nothing is made yet.
    await opened.until((key) => (document.querySelector('#secret') as HTMLTextAreaElement | null)?.value === key, SSH_KEY, 20_000);
    expect(await opened.value(POPUP.label)).toBe(`Selection on ${new URL(site.url).host}`);
    expect((((await worker.stored('sent')) as SentNote[] | undefined) ?? []).length).toBe(sentBefore);
    // Taken from memory as the popup showed it.
    await expect.poll(() => browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)))).not.toContain('BEGIN OPENSSH');
    await opened.screenshot('share-with-options');

    await popup.create(undefined, { passphrase: 'orchid-lantern', expiry: '1 hour' });
    await opened.waitFor(POPUP.createdHeading);
    const link = await popup.link();
    const sent = ((await worker.stored('sent')) as SentNote[]).find((entry) => entry.id === noteIdOf(link));
    expect(sent && sent.expiresAt - sent.createdAt).toBe(60 * 60 * 1000);
    expect(await revealInNewTab(browser.context, link, 'orchid-lantern')).toBe(SSH_KEY);
    await opened.close();
    await page.close();
  });
});

describe('keyboard command "share-selection"', () => {
  it('shares the selection inside a text field exactly', async () => {
    const page = await openWiki();
    await page.evaluate(() => {
      const field = document.getElementById('env') as HTMLTextAreaElement;
      field.focus();
      field.setSelectionRange(0, field.value.length);
    });
    await worker.grantActiveTab(page);
    await worker.pressCommand(page, 'share-selection');
    expect((await nextNotice()).title).toBe('One-time link copied');
    expect(await revealInNewTab(browser.context, await clipboard(page))).toBe(ENV_BLOCK);
    await page.close();
  });

  it('shares a page selection, then clears the clipboard after the delay from the settings', async () => {
    await worker.storeSettings({ server: server.url, clipboardClearSeconds: 1, ...QUIET });
    const page = await openWiki();
    await selectElement(page, 'key');
    await worker.grantActiveTab(page);
    await worker.pressCommand(page, 'share-selection');
    const notice = await nextNotice();
    expect(notice.message).toContain('The clipboard is cleared in 1 second');
    const link = await clipboard(page);
    expect(parseLink(link).ok).toBe(true);
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '');
    expect(await revealInNewTab(browser.context, link)).toBe(SSH_KEY);
    await page.close();
  });

  it('asks for a selection when there is none', async () => {
    const page = await openWiki();
    await worker.grantActiveTab(page);
    await worker.pressCommand(page, 'share-selection');
    const notice = await nextNotice();
    expect(notice.title).toBe('Could not create a one-time link');
    expect(notice.message).toContain('Select the text to share first');
    expect(await clipboard(page)).toBe('before');
    await page.close();
  });
});
