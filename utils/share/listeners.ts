// Background listeners for making links: the keyboard shortcut, the popup's messages, and the
// clipboard clear on Firefox. The context menu item is created with the others
// (utils/context-menus.ts); its clicks come to the handler returned here.
import { browser } from 'wxt/browser';
import { backgroundCopier, chromeOffscreenApi, copyAndReport, registerClipboardClear } from '../clipboard/background-copier';
import { CLIPBOARD_CLEAR_CHOICES } from '../clipboard/wording';
import type { MenuClick } from '../context-menus';
import { fromExtensionPage, onMessage } from '../messaging';
import { keepCreatedView } from '../sent/kept-links';
import { updateSettings } from '../settings/form';
import { currentSettings } from '../settings/managed';
import { shareDraftItem } from '../storage';
import { createAndCopy, noteOptions } from './create-link';
import { confirmInPage } from './page-confirmation';
import { shareAndNotify, shareWithOptions, type SelectionDeps } from './share-selection';

const SHARE_COMMAND = 'share-selection';
const NOTIFICATION_ID = 'share-selection';

function defaultDeps(): SelectionDeps {
  return {
    scripting: browser.scripting,
    copy: backgroundCopier(),
    // An organisation's server, token and defaults win over the person's (utils/settings/managed.ts).
    settings: () => currentSettings(),
    notify: async ({ title, message }) => {
      await browser.notifications.create(NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
      });
    },
    confirmInPage: (tabId, notice, ok) => confirmInPage(browser.scripting, tabId, notice, ok),
  };
}

/** The toolbar popup; where the browser will not open it from here, the same page in a small window. */
async function openPopup(): Promise<void> {
  try {
    // Firefox's build (MV2) has browserAction; both open the popup in answer to the menu click.
    await (browser.action ?? browser.browserAction).openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 400, height: 640 });
  }
}

/**
 * Background listeners for sharing. Call once, at the top level of the background script. Returns
 * what a click on "Share as one-time link" does, and a function that removes the message handlers
 * (tests register more than once).
 */
export function registerSharing(deps: SelectionDeps = defaultDeps()): { onMenuClick: MenuClick; onOptionsClick: MenuClick; stop: () => void } {
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== SHARE_COMMAND) return;
    const active = tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
    // The shortcut grants activeTab, so the tab's address is known.
    void shareAndNotify({ tabId: active?.id, pageUrl: active?.url }, deps);
  });

  // Only the extension's own pages (the popup) may create links or write the clipboard this way:
  // content scripts run in other sites' pages.
  const stops = [
    onMessage('noteOptions', () => noteOptions(deps)),
    onMessage('createLink', async ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return { ok: false, error: { code: 'forbidden', message: 'Links are created from Burnlink\'s popup.' } };
      const created = await createAndCopy(data, deps);
      // Made here, not in the popup: the view is there again if the popup closed meanwhile.
      if (created.ok) {
        const { server, id, link, expiresIn, expiresAt, maxReads } = created.value;
        await keepCreatedView({ server, id, link, expiresIn, expiresAt, maxReads, madeAt: Date.now(), ...(data.passphrase ? { passphrase: data.passphrase } : {}) });
      }
      return created;
    }),
    // Saved here, not in the popup: reading the organisation's policy takes its schema (zod), which
    // the popup's bundle does without.
    onMessage('setClipboardClear', async ({ data, sender }) => {
      if (!fromExtensionPage(sender) || !(CLIPBOARD_CLEAR_CHOICES as readonly number[]).includes(data.seconds)) return false;
      await updateSettings({ clipboardClearSeconds: data.seconds });
      return true;
    }),
    onMessage('copyLink', async ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return { ok: false };
      return copyAndReport(deps.copy, data.text, (await deps.settings()).clipboardClearSeconds);
    }),
  ];

  // Firefox copies from this page itself, and clears the clipboard on an alarm.
  if (!chromeOffscreenApi() && globalThis.navigator?.clipboard) registerClipboardClear(navigator.clipboard);
  return {
    onOptionsClick: (info, tab) => void shareWithOptions({
      tabId: tab?.id, frameId: info.frameId, selectionText: info.selectionText, pageUrl: info.pageUrl,
    }, { ...deps, keepDraft: (draft) => shareDraftItem.setValue(draft), openPopup }),
    onMenuClick: (info, tab) => void shareAndNotify({
      tabId: tab?.id, frameId: info.frameId, selectionText: info.selectionText, pageUrl: info.pageUrl,
    }, deps),
    stop: () => stops.forEach((off) => off()),
  };
}
