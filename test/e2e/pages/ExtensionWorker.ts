// Page object of the extension's service worker: what a test does "as the browser" — settings,
// the native context menu and keyboard commands (which headless Chromium cannot show or press),
// the activeTab grant, and the notifications the extension raises.
import type { Page } from 'playwright-core';
import { waitFor } from '../../helpers/wait';
import type { Settings } from '../../../utils/storage';
import type { ExtensionBrowser } from '../fixtures';
import { grantActiveTab } from './ContextMenu';

/** The parts of the `chrome` namespace used inside `worker.evaluate` (no @types/chrome here). */
interface Event<A extends unknown[]> {
  dispatch(...args: A): void;
}
interface Tab {
  id?: number;
}
declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  tabs: { get(id: number): Promise<Tab>; query(q: object): Promise<Tab[]> };
  contextMenus: { onClicked: Event<[object, Tab]> };
  commands: { onCommand: Event<[string, Tab]> };
  notifications: { create(id: string, options: { title: string; message: string }): Promise<string> };
};
declare const self: { burnlinkNotices?: Notice[] };

export interface Notice {
  id: string;
  title: string;
  message: string;
}

export const MENU_ID = 'share-selection';

/**
 * Complete settings with these changes, as the options page would save them: the tests' base for
 * both browsers. (utils/storage.ts cannot be loaded outside the extension, so the base is spelled
 * out; its type keeps it complete.)
 */
export function settingsWith(patch: Partial<Settings>): Settings {
  return {
    server: 'http://127.0.0.1:8787',
    createToken: '',
    defaultExpiry: 24 * 3600,
    defaultReads: 1,
    clipboardClearSeconds: 0,
    readReceipts: true,
    badge: true,
    ...patch,
  };
}

export class ExtensionWorker {
  constructor(readonly browser: ExtensionBrowser) {}

  private get worker() {
    return this.browser.worker;
  }

  /** Stores settings directly, as the options page would save them. */
  async storeSettings(settings: Partial<Settings>): Promise<void> {
    await this.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), settingsWith(settings));
  }

  async storedSettings(): Promise<Settings | undefined> {
    return (await this.stored('settings')) as Settings | undefined;
  }

  /** A raw value of chrome.storage.local (a `local:<key>` storage item). */
  async stored(key: string): Promise<unknown> {
    return this.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], key);
  }

  /** The tab id of a page: it is brought to the front, then it is the active tab. */
  async tabId(page: Page): Promise<number> {
    await page.bringToFront();
    const id = await this.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    if (id === undefined) throw new Error('no active tab');
    return id;
  }

  /** Grants activeTab on this page the way a person does (see ContextMenu.ts). */
  async grantActiveTab(page: Page): Promise<void> {
    await grantActiveTab(this.browser, page);
  }

  /** Fires the real context-menu listener, as a click on "Share as one-time link" (or another item) would. */
  async clickContextMenu(page: Page, info: { selectionText: string; frameId?: number }, menuId: string = MENU_ID): Promise<void> {
    const tabId = await this.tabId(page);
    await this.worker.evaluate(async ([menuItemId, tabId, info, pageUrl]) => {
      const tab = await chrome.tabs.get(tabId);
      chrome.contextMenus.onClicked.dispatch({ menuItemId, editable: false, frameId: 0, pageUrl, ...info }, tab);
    }, [menuId, tabId, info, page.url()] as const);
  }

  /** Fires the real keyboard-command listener, as the shortcut would. */
  async pressCommand(page: Page, command: string): Promise<void> {
    const tabId = await this.tabId(page);
    await this.worker.evaluate(async ([command, tabId]) => {
      chrome.commands.onCommand.dispatch(command, await chrome.tabs.get(tabId));
    }, [command, tabId] as const);
  }

  /** From now on, keeps a copy of every notification the extension raises. */
  async recordNotifications(): Promise<void> {
    await this.worker.evaluate(() => {
      if (self.burnlinkNotices) return;
      const notices: Notice[] = [];
      self.burnlinkNotices = notices;
      const create = chrome.notifications.create.bind(chrome.notifications);
      chrome.notifications.create = (id, options) => {
        notices.push({ id, title: options.title, message: options.message });
        return create(id, options);
      };
    });
  }

  /** Waits for notification number `n` (Playwright has no waitForFunction in a worker). */
  async notification(n: number): Promise<Notice> {
    return waitFor(`notification number ${n}`, () => this.worker.evaluate((n) => self.burnlinkNotices?.[n], n), { timeoutMs: 30_000 });
  }

  async notificationCount(): Promise<number> {
    return this.worker.evaluate(() => self.burnlinkNotices?.length ?? 0);
  }
}
