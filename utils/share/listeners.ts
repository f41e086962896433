// Background listeners for making links: the keyboard shortcut, the popup's messages, and the
// clipboard clear on Firefox. The context menu item is created with the others
// (utils/context-menus.ts); its clicks come to the handler returned here.
import { browser } from 'wxt/browser';
import { backgroundCopier, chromeOffscreenApi, copyAndReport, registerClipboardClear } from '../clipboard/background-copier';
import type { MenuClick } from '../context-menus';
import { fromExtensionPage, onMessage } from '../messaging';
import { currentSettings } from '../settings/managed';
import { createAndCopy, noteOptions } from './create-link';
import { shareAndNotify, type SelectionDeps } from './share-selection';

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
  };
}

/**
 * Background listeners for sharing. Call once, at the top level of the background script. Returns
 * what a click on "Share as one-time link" does, and a function that removes the message handlers
 * (tests register more than once).
 */
export function registerSharing(deps: SelectionDeps = defaultDeps()): { onMenuClick: MenuClick; stop: () => void } {
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== SHARE_COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    void shareAndNotify({ tabId }, deps);
  });

  // Only the extension's own pages (the popup) may create links or write the clipboard this way:
  // content scripts run in other sites' pages.
  const stops = [
    onMessage('noteOptions', () => noteOptions(deps)),
    onMessage('createLink', ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return { ok: false, error: { code: 'forbidden', message: 'Links are created from Burnlink\'s popup.' } };
      return createAndCopy(data, deps);
    }),
    onMessage('copyLink', async ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return { ok: false };
      return copyAndReport(deps.copy, data.link, (await deps.settings()).clipboardClearSeconds);
    }),
  ];

  // Firefox copies from this page itself, and clears the clipboard on an alarm.
  if (!chromeOffscreenApi() && globalThis.navigator?.clipboard) registerClipboardClear(navigator.clipboard);
  return {
    onMenuClick: (info, tab) => void shareAndNotify({ tabId: tab?.id, frameId: info.frameId, selectionText: info.selectionText }, deps),
    stop: () => stops.forEach((off) => off()),
  };
}
