// Every context menu item of the extension, created in one place. Each feature handles the clicks
// on its own item; this file only creates the items and routes the clicks.
import { browser, type Browser } from 'wxt/browser';

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
  'share-selection': { title: 'Share as one-time link', contexts: ['selection'] },
  // The same selection, in the popup: passphrase, expiry, reads and label before the link is made.
  'share-with-options': { title: 'Share with options…', contexts: ['selection'] },
  // Needs no access to the page at all: the genuine reveal UI opens beside it (DESIGN.md invariant 9).
  'reveal-safely': { title: 'Reveal safely', contexts: ['link'], targetUrlPatterns: NOTE_LINK_PATTERNS },
  // activeTab again: the scan reads only the page the person right-clicked, when they ask.
  'scan-page': { title: 'Scan this page for exposed secrets', contexts: ['page'] },
} satisfies Record<string, Omit<Browser.contextMenus.CreateProperties, 'id'>>;

export type MenuId = keyof typeof MENU_ITEMS;
/** What a click on an item does; only the ids of the tab and its window are used. */
export type MenuClick = (info: Browser.contextMenus.OnClickData, tab?: { id?: number; windowId?: number }) => void;

/**
 * Creates the items on install and update (the browser keeps them across restarts) and sends each
 * click to the feature that owns the item. One listener removes the old items and then creates all
 * of them, in that order: an item created by one listener can never be swept away by another's
 * removeAll.
 */
export function registerContextMenus(onClick: Record<MenuId, MenuClick>): void {
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    for (const [id, item] of Object.entries(MENU_ITEMS)) browser.contextMenus.create({ id, ...item });
  });
  const handlers = new Map<string, MenuClick>(Object.entries(onClick));
  browser.contextMenus.onClicked.addListener((info, tab) => handlers.get(String(info.menuItemId))?.(info, tab));
}
