// Every context menu item of the extension, created in one place. Each feature handles the clicks
// on its own item; this file only creates the items and routes the clicks.
import { browser, type Browser } from 'wxt/browser';
import { extensionTranslator } from './i18n/extension';
import type { MessageKey } from './i18n/translate';

/**
 * Links that may be one-time links: Burnlink's (`/n/` in the path) and other tools'
 * (utils/reveal/other-link-shapes.ts). Patterns never see the fragment, where Yopass and Bitwarden
 * Send links differ from any other link, so the item shows on every link with a query
 * (PrivateBin) and every link ending in a slash (Yopass, Bitwarden Send); the reveal UI says when
 * one is not a link it can open, and opens nothing.
 */
export const NOTE_LINK_PATTERNS = [
  '*://*/n/*', '*://*/*/n/*',
  '*://*/*?*',
  '*://*/note/*', '*://*/*/note/*',
  '*://*/secret/*', '*://*/*/secret/*', '*://*/s/*', '*://*/*/s/*',
  '*://*/', '*://*/*/',
];

export const MENU_ITEMS = {
  'share-selection': { title: 'menu.shareSelection', contexts: ['selection'] },
  // The same selection, in the popup: passphrase, expiry, reads and label before the link is made.
  'share-with-options': { title: 'menu.shareWithOptions', contexts: ['selection'] },
  // Needs no access to the page at all: the genuine reveal UI opens beside it (DESIGN.md invariant 9).
  'reveal-safely': { title: 'menu.revealSafely', contexts: ['link'], targetUrlPatterns: NOTE_LINK_PATTERNS },
  // activeTab again: the scan reads only the page the person right-clicked, when they ask.
  'scan-page': { title: 'menu.scanPage', contexts: ['page'] },
} satisfies Record<string, Omit<Browser.contextMenus.CreateProperties, 'id' | 'title'> & { title: MessageKey }>;

export type MenuId = keyof typeof MENU_ITEMS;
/** What a click on an item does; only the ids of the tab and its window are used. */
export type MenuClick = (info: Browser.contextMenus.OnClickData, tab?: { id?: number; windowId?: number }) => void;

/**
 * Creates the items on install and update (the browser keeps them across restarts) and sends each
 * click to the feature that owns the item. One listener removes the old items and then creates all
 * of them, in that order: an item created by one listener can never be swept away by another's
 * removeAll. Titles are in the browser's language.
 */
export function registerContextMenus(onClick: Record<MenuId, MenuClick>): void {
  browser.runtime.onInstalled.addListener(async () => {
    const { t } = extensionTranslator();
    await browser.contextMenus.removeAll();
    for (const [id, item] of Object.entries(MENU_ITEMS)) browser.contextMenus.create({ id, ...item, title: t(item.title) });
  });
  // The browser's language changes only with a restart, and the items it kept are in the old one.
  browser.runtime.onStartup.addListener(() => {
    const { t } = extensionTranslator();
    for (const [id, item] of Object.entries(MENU_ITEMS)) void browser.contextMenus.update(id, { title: t(item.title) }).catch(() => undefined);
  });
  const handlers = new Map<string, MenuClick>(Object.entries(onClick));
  browser.contextMenus.onClicked.addListener((info, tab) => handlers.get(String(info.menuItemId))?.(info, tab));
}
