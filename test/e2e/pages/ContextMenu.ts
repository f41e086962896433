// The "Reveal safely" context menu, driven the way the browser drives it. Native menus cannot be
// clicked in a test, so the real listener is fired from the service worker. A real menu click is a
// user gesture (the side panel opens only on one); a click a person makes on an extension page,
// relayed to the worker in the same turn, carries that gesture there the same way.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitFor } from '../../helpers/wait';
import type { ExtensionBrowser } from '../fixtures';
import { Hub } from './devtools-target';

// The service worker's own `chrome` (promise-based in MV3, shaped like webextension-polyfill's).
declare const chrome: import('webextension-polyfill').Browser;
declare const self: { burnlinkMenuClick?: { info: object; tab: object } };

/** Chromium flag that lets the test run the extension's action (Extensions.triggerAction). */
export const ACTION_DEBUGGING_FLAG = '--enable-unsafe-extension-debugging';

/** The id of the tab showing `page` (brought to front: without `tabs`, tabs carry no URL). */
export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return ext.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

/**
 * Grants activeTab on `page` as the browser does when the person invokes the extension (its
 * toolbar button; a context menu click grants the same). Needs ACTION_DEBUGGING_FLAG.
 */
export async function grantActiveTab(ext: ExtensionBrowser, page: Page): Promise<void> {
  // A busy machine can lose an action click (a popup still closing takes it): click again, at most thrice.
  for (let attempt = 1; ; attempt++) {
    await page.bringToFront();
    await triggerAction(ext, page);
    // The grant reaches the extension a moment after the action ran: wait until the page's tab can
    // be scripted (a busy machine otherwise dispatches the menu click before it is in place).
    const granted = await expect.poll(async () => canScript(ext, await tabIdOf(ext, page)), { timeout: 7_000 }).toBe(true)
      .then(() => true, (e: unknown) => { if (attempt === 3) throw e; return false; });
    if (granted) return;
  }
}

/** Clicks the extension's toolbar action on `page`'s tab, as a person does, and closes its popup. */
async function triggerAction(ext: ExtensionBrowser, page: Page): Promise<void> {
  const hub = await Hub.of(ext);
  // The action's popup is a page the context does not list: found and closed through its target.
  const popupUrl = `chrome-extension://${ext.extensionId}/popup.html`;
  const popups = async () => (await hub.targets()).filter((t) => t.type === 'page' && t.url === popupUrl).map((t) => t.targetId);
  const { targetInfos: tabs } = await hub.session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = tabs.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  const before = new Set(await popups());
  await hub.session.send('Extensions.triggerAction', { id: ext.extensionId, targetId: tab.targetId });
  // It opens a moment later and stays open: left there, it would take what a test means for a
  // popup opened later (the selection "Share with options…" hands over). A lost click opens none.
  const opened = await waitFor('the action\'s popup', async () => (await popups()).find((id) => !before.has(id)), { timeoutMs: 5_000 })
    .catch(() => undefined);
  if (opened) await hub.session.send('Target.closeTarget', { targetId: opened });
}

/** Can the extension script `page` right now? (It can only with host access or activeTab.) */
export async function canScript(ext: ExtensionBrowser, tabId: number): Promise<boolean> {
  return ext.worker.evaluate((id) => chrome.scripting.executeScript({ target: { tabId: id }, func: () => true })
    .then(() => true, () => false), tabId);
}

/** The menu's click data for a link in `page`. */
const menuInfo = (page: Page, linkUrl: string, linkText?: string) => ({
  menuItemId: 'reveal-safely', linkUrl, pageUrl: page.url(), frameId: 0, editable: false, ...(linkText ? { linkText } : {}),
});

/**
 * Fires "Reveal safely" on `linkUrl` in `page` without a user gesture (what a dispatched event
 * is): the side panel then refuses to open, and Burnlink falls back to its window.
 */
export async function revealSafelyFromMenu(ext: ExtensionBrowser, page: Page, linkUrl: string): Promise<void> {
  const tabId = await tabIdOf(ext, page);
  await ext.worker.evaluate(([info, id]) => chrome.tabs.get(id).then((tab: unknown) => {
    (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
  }), [menuInfo(page, linkUrl), tabId] as const);
}

/**
 * Fires "Reveal safely" on `linkUrl` in `page` inside a user gesture, as a real menu click does:
 * a person's click on an extension page sends a message, and the worker fires the menu listener
 * in the same turn. `linkText` is what Firefox adds to the click data.
 */
export async function revealSafelyFromMenuClick(ext: ExtensionBrowser, page: Page, linkUrl: string, linkText?: string): Promise<void> {
  const tabId = await tabIdOf(ext, page);
  await ext.worker.evaluate(async ([info, id]) => {
    self.burnlinkMenuClick = { info, tab: await chrome.tabs.get(id) };
    const relay = (message: unknown) => {
      if ((message as { burnlinkTest?: string } | null)?.burnlinkTest !== 'menu-click' || !self.burnlinkMenuClick) return;
      chrome.runtime.onMessage.removeListener(relay);
      const { info: clicked, tab } = self.burnlinkMenuClick;
      self.burnlinkMenuClick = undefined;
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(clicked, tab);
    };
    chrome.runtime.onMessage.addListener(relay);
  }, [menuInfo(page, linkUrl, linkText), tabId] as const);
  const clicker = await ext.context.newPage();
  try {
    await clicker.goto(`chrome-extension://${ext.extensionId}/offscreen.html`);
    await clicker.evaluate(() => {
      const button = document.createElement('button');
      button.textContent = 'menu';
      button.style.cssText = 'position: fixed; inset: 0;';
      button.addEventListener('click', () => void chrome.runtime.sendMessage({ burnlinkTest: 'menu-click' }));
      document.body.append(button);
    });
    await clicker.click('button');
  } finally {
    await clicker.close();
    await page.bringToFront();
  }
}
