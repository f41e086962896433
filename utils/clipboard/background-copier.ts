// Clipboard writes from the background, where there is no page: an offscreen document on Chrome
// MV3; the background page itself on Firefox (which has no offscreen documents). Both clear the
// clipboard after the delay chosen in the options.
import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { CopyResult } from './copy';

/** Writes `text`, then clears the clipboard after `clearAfterSeconds` (0: never). */
export type Copier = (text: string, clearAfterSeconds: number) => Promise<boolean>;

const OFFSCREEN_PATH = '/offscreen.html';
export const CLEAR_ALARM = 'clear-clipboard';

/** The parts of Chrome's API this uses; webextension-polyfill has no types for them. */
export interface ChromeOffscreenApi {
  offscreen: {
    createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: {
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
  };
}

/** Chrome's offscreen API when this browser has it. */
export function chromeOffscreenApi(): ChromeOffscreenApi | undefined {
  const chrome = (globalThis as { chrome?: Partial<ChromeOffscreenApi> }).chrome;
  return chrome?.offscreen && chrome.runtime ? { offscreen: chrome.offscreen, runtime: chrome.runtime } : undefined;
}

/**
 * Chrome: copy through the offscreen document (created on first use, kept for its clear timer).
 * A later copy replaces the pending clear of an earlier one.
 */
export function offscreenCopier(
  api: ChromeOffscreenApi,
  send: (text: string, clearAfterSeconds: number) => Promise<boolean> = (text, clearAfterSeconds) =>
    sendMessage('offscreenCopy', { text, clearAfterSeconds }),
): Copier {
  let creating: Promise<void> | undefined;
  const ensureDocument = async () => {
    const url = browser.runtime.getURL(OFFSCREEN_PATH);
    const open = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    if (open.length > 0) return;
    // Two copies at once must not both create it: Chrome allows one offscreen document.
    creating ??= api.offscreen.createDocument({
      url,
      reasons: ['CLIPBOARD'],
      justification: 'Copy a one-time link or a revealed secret, and clear the clipboard after the delay chosen in the options.',
    }).catch(async (error: unknown) => {
      // Another copier (or a service worker before a restart) created it in the meantime.
      const nowOpen = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
      if (nowOpen.length === 0) throw error;
    }).finally(() => { creating = undefined; });
    await creating;
  };
  const attempt = async (text: string, clearAfterSeconds: number) => {
    await ensureDocument();
    return send(text, clearAfterSeconds);
  };
  return async (text, clearAfterSeconds) => {
    try {
      return await attempt(text, clearAfterSeconds);
    } catch {
      // No one answered in the document (it failed to load, or is stale): start it afresh once.
      try {
        await api.offscreen.closeDocument().catch(() => undefined);
        return await attempt(text, clearAfterSeconds);
      } catch {
        return false;
      }
    }
  };
}

export interface AlarmsLike {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}

/**
 * Firefox: the background page may write the clipboard (clipboardWrite permission). The clear is an
 * alarm, not a timer: an idle event page is unloaded after about 30 seconds, timers and all.
 */
export function pageCopier(
  clipboard: { writeText(text: string): Promise<void> } = navigator.clipboard,
  alarms: AlarmsLike = browser.alarms,
  now: () => number = Date.now,
): Copier {
  return async (text, clearAfterSeconds) => {
    try {
      await clipboard.writeText(text);
    } catch {
      return false;
    }
    if (clearAfterSeconds > 0) await alarms.create(CLEAR_ALARM, { when: now() + clearAfterSeconds * 1000 });
    else await alarms.clear(CLEAR_ALARM);
    return true;
  };
}

let shared: Copier | undefined;

/** The copier for this browser, one for the whole background (sharing and the reveal panel). */
export function backgroundCopier(): Copier {
  if (!shared) {
    const chrome = chromeOffscreenApi();
    shared = chrome ? offscreenCopier(chrome) : pageCopier();
  }
  return shared;
}

/** Firefox: clears the clipboard when the alarm set by `pageCopier` fires. */
export function registerClipboardClear(clipboard: { writeText(text: string): Promise<void> } = navigator.clipboard): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CLEAR_ALARM) clipboard.writeText('').catch(() => undefined);
  });
}

/** Copies with `copy` and says how it went, as the popup and the reveal panel show it. */
export async function copyAndReport(copy: Copier, text: string, clearAfterSeconds: number): Promise<CopyResult> {
  const copied = await copy(text, clearAfterSeconds);
  return copied && clearAfterSeconds > 0 ? { ok: true, clearsInSeconds: clearAfterSeconds } : { ok: copied };
}
