// Page object of Firefox's own user interface around the extension, reached through the browser
// window (fixtures: inBrowserWindow): the real context menu, the real permission prompt, the
// clipboard; and what the test does "as the browser" through a page of the extension: stored
// settings and the notifications the background raises (headless Firefox shows none).
//
// Functions passed to inBrowserWindow run in the browser window, not here: they may use only their
// argument and the window's own globals (declared below, only what is used).
import type { Page } from 'puppeteer-core';
import type { Browser as ExtensionApi } from 'webextension-polyfill';
import type { Settings } from '../../../utils/storage';
import type { FirefoxExtension } from '../firefox/fixtures';
import { settingsWith, type Notice } from './ExtensionWorker';

/** The browser window's globals used here. */
interface XulElement extends HTMLElement {
  label: string;
  hidden: boolean;
  state: string;
}
interface XulMenu extends XulElement {
  activateItem(item: Element): void;
  hidePopup(): void;
}
interface PopupNotification extends XulElement {
  button: HTMLElement;
  secondaryButton: HTMLElement;
}
declare const PopupNotifications: { panel: XulElement & { querySelector(selector: 'popupnotification'): PopupNotification | null } };

/** The extension's own `browser` in its pages; the background page's is reached through it. */
declare const browser: ExtensionApi;
interface Notifications {
  create(id: string, options: { title: string; message: string }): Promise<string>;
}
type BackgroundWindow = Window & { browser: { notifications: Notifications }; burnlinkNotices?: Notice[] };

/** Firefox's id prefix for the extension's context menu items (its add-on id, with _ for @ and .). */
const MENU_ITEM_PREFIX = 'burnlink_burnlink_dev-menuitem-';

export class FirefoxUi {
  constructor(readonly ff: FirefoxExtension) {}

  /**
   * Right-clicks the middle of the first `selector` in `page`, as a person does, and returns the
   * labels of the extension's items on the context menu that opens.
   */
  async openContextMenu(page: Page, selector: string): Promise<string[]> {
    await page.bringToFront();
    const shown = this.ff.inBrowserWindow((prefix) => new Promise<string[]>((resolve) => {
      const menu = document.getElementById('contentAreaContextMenu');
      menu?.addEventListener('popupshown', () => {
        const items = Array.from(menu.querySelectorAll<XulElement>(`[id^="${prefix}"]`));
        resolve(items.filter((item) => !item.hidden).map((item) => item.label));
      }, { once: true });
    }), MENU_ITEM_PREFIX);
    await page.click(selector, { button: 'right' });
    return shown;
  }

  /**
   * Clicks the extension's item labelled `label` on the open context menu. Where the extension has
   * more than one item for what was clicked, Firefox nests them under its own submenu: that is
   * opened first, as a person would.
   */
  async chooseMenuItem(label: string): Promise<void> {
    await this.ff.inBrowserWindow(([prefix, wanted]) => new Promise<void>((resolve) => {
      const menu = document.getElementById('contentAreaContextMenu') as XulMenu | null;
      const item = Array.from(menu?.querySelectorAll<XulElement>(`[id^="${prefix}"]`) ?? []).find((i) => i.label === wanted && !i.hidden);
      if (!menu || !item) throw new Error(`no menu item "${wanted}"`);
      const popup = item.parentElement as XulMenu;
      if (popup === menu) {
        menu.activateItem(item);
        resolve();
        return;
      }
      popup.addEventListener('popupshown', () => { popup.activateItem(item); resolve(); }, { once: true });
      (popup.parentElement as XulElement & { open: boolean }).open = true;
    }), [MENU_ITEM_PREFIX, label] as const);
  }

  /** Closes the context menu without choosing anything (Esc). */
  async closeContextMenu(): Promise<void> {
    await this.ff.inBrowserWindow(() => {
      (document.getElementById('contentAreaContextMenu') as XulMenu | null)?.hidePopup();
    }, null);
  }

  /** Waits for the extension's permission prompt, returns what it says, and allows or denies. */
  async answerPermissionPrompt(answer: 'allow' | 'deny'): Promise<string> {
    return this.ff.inBrowserWindow((choice) => new Promise<string>((resolve, reject) => {
      const until = Date.now() + 15_000;
      const check = () => {
        const prompt = PopupNotifications.panel.querySelector('popupnotification');
        if (prompt?.id === 'addon-webext-permissions-notification' && PopupNotifications.panel.state === 'open') {
          const text = prompt.textContent ?? '';
          (choice === 'allow' ? prompt.button : prompt.secondaryButton).click();
          resolve(text);
        } else if (Date.now() > until) {
          reject(new Error('no permission prompt within 15 s'));
        } else {
          setTimeout(check, 50);
        }
      };
      check();
    }), answer);
  }

  /** What is on the clipboard now. */
  clipboard(): Promise<string> {
    return this.ff.inBrowserWindow(() => navigator.clipboard.readText(), null);
  }

  /** Stores settings directly, as the options page would save them. */
  async storeSettings(patch: Partial<Settings>): Promise<void> {
    await this.ff.extensionPage.evaluate((value) => browser.storage.local.set({ settings: value }), settingsWith(patch));
  }

  /** A raw value of browser.storage.local (a `local:<key>` storage item). */
  async stored(key: string): Promise<unknown> {
    return this.ff.extensionPage.evaluate(async (k) => (await browser.storage.local.get(k))[k], key);
  }

  async setStored(key: string, value: unknown): Promise<void> {
    await this.ff.extensionPage.evaluate((items) => browser.storage.local.set(items), { [key]: value });
  }

  /**
   * From now on, keeps a copy of every notification the background raises. Headless Firefox
   * closes notifications as soon as they are made, so the call itself is recorded.
   */
  async recordNotifications(): Promise<void> {
    await this.ff.extensionPage.evaluate(() => {
      const background = browser.extension.getBackgroundPage() as BackgroundWindow | null;
      if (!background) throw new Error('no background page');
      if (background.burnlinkNotices) return;
      const notices: Notice[] = [];
      background.burnlinkNotices = notices;
      const api = background.browser.notifications;
      const create = api.create.bind(api);
      api.create = (id, options) => {
        notices.push({ id, title: options.title, message: options.message });
        return create(id, options);
      };
    });
  }

  /** Waits for notification number `n` (from 0) since recording began. */
  async notification(n: number): Promise<Notice> {
    const handle = await this.ff.extensionPage.waitForFunction((i: number) => {
      const background = browser.extension.getBackgroundPage() as BackgroundWindow | null;
      return background?.burnlinkNotices?.[i] ?? false;
    }, { timeout: 30_000, polling: 50 }, n);
    const notice: unknown = await handle.jsonValue();
    return notice as Notice;
  }

  async notificationCount(): Promise<number> {
    return this.ff.extensionPage.evaluate(() => {
      const background = browser.extension.getBackgroundPage() as BackgroundWindow | null;
      return background?.burnlinkNotices?.length ?? 0;
    });
  }
}
