// What the extension says outside its own pages, in the browser's language: the context menu's
// items, the notification and the in-page confirmation after "Share as one-time link", the page
// scan's summary, and the first-run page, in a German browser; the first-run page right to left in
// an Arabic one. Real headless Chromium with the built extension, a real note server.
//
// The menu's titles: native menus cannot be read back, so the test records what the extension
// hands the browser when its install listener runs again (as it does on an update).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../utils/core/link';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { ClosedShadow } from './pages/ClosedShadow';
import { ACTION_DEBUGGING_FLAG, grantActiveTab, tabIdOf } from './pages/ContextMenu';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { LanguageSwitch } from './pages/LanguageSwitch';
import { PageConfirmation } from './pages/PageConfirmation';
import { selectElement, startWikiSite, type WikiSite } from './pages/WikiSite';

// The service worker's own `chrome` (promise-based in MV3, shaped like webextension-polyfill's).
declare const chrome: import('webextension-polyfill').Browser;

let server: RunningServer;
let site: WikiSite;

beforeAll(async () => { [server, site] = await Promise.all([startServer(), startWikiSite()]); });
afterAll(async () => {
  await server?.stop();
  await site?.stop();
});

describe('in a German browser', () => {
  let ext: ExtensionBrowser;
  let worker: ExtensionWorker;
  let notices = 0;

  beforeAll(async () => {
    ext = await launchWithExtension({ lang: 'de', args: [ACTION_DEBUGGING_FLAG] });
    worker = new ExtensionWorker(ext);
    await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: false });
    await worker.recordNotifications();
  });
  afterAll(async () => { await ext?.close(); });

  async function openWiki(): Promise<Page> {
    const page = await ext.context.newPage();
    await page.goto(site.url);
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    return page;
  }

  it('gives the context menu German titles', async () => {
    const titles = await ext.worker.evaluate(async () => {
      const recorded: Record<string, string> = {};
      const create = chrome.contextMenus.create.bind(chrome.contextMenus);
      chrome.contextMenus.create = (item, callback) => {
        recorded[String(item.id)] = String(item.title);
        return create(item, callback);
      };
      (chrome.runtime.onInstalled as unknown as { dispatch(details: object): void }).dispatch({ reason: 'update', previousVersion: '0.0.1' });
      // The listener removes the old items first, then creates the new ones.
      for (let i = 0; i < 100 && Object.keys(recorded).length < 4; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      chrome.contextMenus.create = create;
      return recorded;
    });
    expect(titles).toEqual({
      'share-selection': 'Als Einmal-Link teilen',
      'share-with-options': 'Mit Optionen teilen…',
      'reveal-safely': 'Sicher aufdecken',
      'scan-page': 'Diese Seite nach offengelegten Geheimnissen durchsuchen',
    });
  });

  it('says in German that the link was copied: in the notification and in the page', async () => {
    const page = await openWiki();
    await page.evaluate(selectElement, 'key');
    const selectionText = await page.evaluate(() => getSelection()!.toString().replace(/\s+/g, ' ').trim());
    await worker.grantActiveTab(page);
    await worker.clickContextMenu(page, { selectionText });

    const notice = await worker.notification(notices++);
    expect(notice).toMatchObject({
      title: 'Einmal-Link kopiert',
      message: 'Fügen Sie ihn für die empfangende Person ein. Er kann einmal gelesen werden und läuft in 24 Stunden ab.',
    });
    await page.bringToFront();
    expect(parseLink(await page.evaluate(() => navigator.clipboard.readText())).ok).toBe(true);

    const confirmation = new PageConfirmation(page);
    await expect.poll(() => confirmation.accessibleText()).toContain('Burnlink: Einmal-Link kopiert');
    const spoken = await confirmation.accessibleText();
    expect(spoken).toContain('Fügen Sie ihn für die empfangende Person ein.');
    expect(spoken).toContain('Schließen');
    await screenshot(page, 'background-languages-confirmation-de');
    await page.close();
  });

  it('says in German why it could not share', async () => {
    const page = await openWiki();
    await page.evaluate(selectElement, 'key');
    // No activeTab grant: the page cannot be read, and the menu's copy has collapsed whitespace.
    await worker.clickContextMenu(page, { selectionText: 'collapsed copy of the key' });
    const notice = await worker.notification(notices++);
    expect(notice.title).toBe('Einmal-Link konnte nicht erstellt werden');
    expect(notice.message).toMatch(/^Burnlink kann diese Seite nicht lesen \(Browserseiten und Erweiterungs-Stores sind tabu\)\./);
    await page.bringToFront();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    await page.close();
  });

  it('shows the page scan\'s summary in German', async () => {
    const page = await openWiki();
    await grantActiveTab(ext, page);
    const tabId = await tabIdOf(ext, page);
    const info = { menuItemId: 'scan-page', pageUrl: page.url(), frameId: 0, editable: false };
    await ext.worker.evaluate(([menuInfo, id]) => chrome.tabs.get(id).then((tab: unknown) => {
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(menuInfo, tab);
    }), [info, tabId] as const);
    const summary = await ClosedShadow.waitFor(page, 'burnlink-scan');
    const text = await summary.text();
    // The wiki's private key is found (its made-up token, without a valid checksum, is not): the
    // count, the advice, the kind and the glimpse's line count, all in German.
    expect(text).toContain('1 offengelegtes Geheimnis auf dieser Seite');
    expect(text).toContain('Wer diese Seite lesen kann, kann es verwenden');
    expect(text).toMatch(/Privater Schlüssel: -----BEGIN OPENSSH PRIVATE KEY----- … \(\d+ Zeilen\)/);
    expect(text).not.toMatch(/exposed|secret|lines/i);
    await screenshot(page, 'background-languages-scan-de');
    await page.close();
  });

  it('welcomes in German on the first-run page', async () => {
    const page = await ext.openExtensionPage('welcome.html');
    await page.getByRole('heading', { name: 'Willkommen bei Burnlink' }).waitFor();
    expect(await new LanguageSwitch(page).document()).toEqual({ lang: 'de', dir: 'ltr' });
    expect(await page.locator('.intro li').allTextContents()).toEqual([
      'Markieren Sie ein Geheimnis auf einer beliebigen Seite und wählen Sie im Kontextmenü Als Einmal-Link teilen, oder tippen Sie es im Burnlink-Pop-up ein.',
      'Es wird in Ihrem Browser verschlüsselt; der Notizserver speichert nur verschlüsselte Daten, und der Schlüssel bleibt in dem Link, den Sie weitergeben.',
      'Die empfangende Person öffnet den Link einmal, danach ist die Notiz weg. Ein Link, den niemand öffnet, läuft ab.',
    ]);
    // The menu item is named as the menu names it.
    expect(await page.locator('.intro li strong').textContent()).toBe('Als Einmal-Link teilen');
    expect(await page.getByLabel('Serveradresse').inputValue()).toBe(server.url);
    await page.getByRole('button', { name: 'Prüfen und speichern' }).waitFor();
    await page.getByRole('heading', { name: 'Link-Erkennung' }).waitFor();
    await page.setViewportSize({ width: 900, height: 760 });
    await screenshot(page, 'background-languages-welcome-de');
    await page.close();
  });
});

describe('in an Arabic browser', () => {
  it('lays the first-run page out right to left, in Arabic', async () => {
    const ext = await launchWithExtension({ lang: 'ar' });
    try {
      const page = await ext.openExtensionPage('welcome.html');
      await page.getByRole('heading', { name: 'مرحبًا بك في Burnlink' }).waitFor();
      expect(await new LanguageSwitch(page).document()).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await page.getByLabel('عنوان الخادم').count()).toBe(1);
      await page.getByRole('button', { name: 'تحقّق واحفظ' }).waitFor();
      // Right to left, the heading starts at the right of the page.
      const box = await page.locator('h1').evaluate((h1) => {
        const range = document.createRange();
        range.selectNodeContents(h1);
        const text = range.getBoundingClientRect();
        const block = h1.getBoundingClientRect();
        return { textRight: text.right, blockRight: block.right, textLeft: text.left, blockLeft: block.left };
      });
      expect(Math.abs(box.blockRight - box.textRight)).toBeLessThan(2);
      expect(box.textLeft - box.blockLeft).toBeGreaterThan(20);
      await page.setViewportSize({ width: 900, height: 760 });
      await screenshot(page, 'background-languages-welcome-ar');
    } finally {
      await ext.close();
    }
  });
});
