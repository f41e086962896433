// Background side of creating links: the context menu on selections, the keyboard command, the
// clipboard for the popup, and the first-run page. The selected text lives only in memory here.
import { browser } from 'wxt/browser';
import { createApi } from '../core/api';
import { backgroundCopier, chromeOffscreenApi, registerClipboardClear, type Copier } from '../clipboard/background-copier';
import { createLink, type CreatedLinkInfo, type CreateLinkError, type LinkRequest } from './create-link';
import { fromExtensionPage, onMessage } from '../messaging';
import type { SharedNote } from '../core/note';
import type { Health } from '../core/protocol';
import { err, ok, type Result } from '../core/result';
import { readSelection, type ScriptingLike } from './selection';
import { recordSent } from '../sent/actions';
import { LABEL_MAX } from '../sent/wording';
import { noteDefaults, type NoteDefaults } from './note-defaults';
import { settingsItem, type Settings } from '../storage';
import { durationLabel } from '../core/format';

export const MENU_ID = 'share-selection';
export const SHARE_COMMAND = 'share-selection';
export const NOTIFICATION_ID = 'share-selection';
export const WELCOME_PATH = '/welcome.html';

export interface Notice {
  title: string;
  message: string;
}

export interface SharingDeps {
  scripting: ScriptingLike;
  copy: Copier;
  notify: (notice: Notice) => Promise<void>;
  settings: () => Promise<Settings>;
  fetch?: typeof fetch;
}

/** What the popup needs to know about the note server before a link is made. */
export interface NoteOptionsInfo {
  server: string;
  /** Null when the server did not answer as a Burnlink server. */
  health: Health | null;
  defaults: NoteDefaults;
  /** The server requires a create token and none is set. */
  needsToken: boolean;
}

/** The note server's limits and the note options that follow from them and the settings. */
export async function noteOptions(deps: Pick<SharingDeps, 'settings' | 'fetch'>): Promise<NoteOptionsInfo> {
  const settings = await deps.settings();
  const answer = await createApi({ server: settings.server, fetch: deps.fetch, timeout: 8000 }).health();
  const health = answer.ok ? answer.value : null;
  return {
    server: settings.server,
    health,
    defaults: noteDefaults(settings, health ?? undefined),
    needsToken: health !== null && health.createTokenRequired && settings.createToken === '',
  };
}

/**
 * Encrypts the secret, posts the ciphertext to the server in the settings and copies the link.
 * The secret is only ever in memory.
 */
export async function createAndCopy(request: LinkRequest, deps: SharingDeps): Promise<Result<CreatedLinkInfo, CreateLinkError>> {
  const settings = await deps.settings();
  const created = await createLink(createApi({ server: settings.server, fetch: deps.fetch }), request, settings.createToken);
  if (!created.ok) return created;
  await remember(created.value, request.label);
  return ok({
    link: created.value.link,
    expiresIn: request.expiresIn,
    expiresAt: created.value.note.expiresAt,
    maxReads: created.value.note.maxReads,
    copied: await copyLink(created.value.link, settings.clipboardClearSeconds, deps.copy),
  });
}

/**
 * Adds a created link to the sent history, for read receipts and revoke: ids, times and the manage
 * token, never the key, the link or the secret. A failure here must not lose the link just made.
 */
async function remember({ server, note }: SharedNote, label = ''): Promise<void> {
  const { id, manageToken, createdAt, expiresAt, maxReads } = note;
  try {
    await recordSent({ server, id, manageToken, label: label.trim().slice(0, LABEL_MAX), createdAt, expiresAt, maxReads });
  } catch {
    // No details: the entry holds the manage token.
    console.error('Burnlink could not add the new link to the sent history.');
  }
}

/** Copies a link; the clipboard is cleared after the delay from the settings. */
async function copyLink(link: string, clearAfterSeconds: number, copy: Copier): Promise<CreatedLinkInfo['copied']> {
  const copied = await copy(link, clearAfterSeconds);
  return copied && clearAfterSeconds > 0 ? { ok: true, clearsInSeconds: clearAfterSeconds } : { ok: copied };
}

/** Where the selection is: the tab, and the frame when the context menu says which. */
export interface SelectionTarget {
  tabId?: number;
  frameId?: number;
  /** The context menu's own (whitespace-collapsed) copy of the selection. */
  selectionText?: string;
}

/**
 * Shares the selection of a tab with the default expiry and reads: reads it from the page,
 * encrypts it, posts the ciphertext and copies the link.
 */
export async function shareSelection(target: SelectionTarget, deps: SharingDeps): Promise<Result<CreatedLinkInfo, string>> {
  if (target.tabId === undefined || target.tabId < 0) {
    return err('Burnlink cannot read the selection here. Copy the text and paste it into the Burnlink popup instead.');
  }
  const selection = await readSelection(deps.scripting, { tabId: target.tabId, frameId: target.frameId }, target.selectionText);
  if (!selection.ok) return err(selection.error.message);
  // The server's limits decide which of the user's defaults apply.
  const { defaults } = await noteOptions(deps);
  const created = await createAndCopy({ secret: selection.value, expiresIn: defaults.expiresIn, maxReads: defaults.maxReads }, deps);
  return created.ok ? created : err(created.error.message);
}

/** The notification for a share's outcome. */
export function shareNotice(outcome: Result<CreatedLinkInfo, string>): Notice {
  if (!outcome.ok) return { title: 'Could not create a one-time link', message: outcome.error };
  const { expiresIn, maxReads, copied } = outcome.value;
  const reads = maxReads === 1 ? 'It can be read once' : `It can be read ${maxReads} times`;
  if (!copied.ok) {
    return {
      title: 'Link created, but not copied',
      message: 'The clipboard could not be written. Create the link again from the Burnlink popup; this one expires unused.',
    };
  }
  const clears = copied.clearsInSeconds ? ` The clipboard is cleared in ${durationLabel(copied.clearsInSeconds)}.` : '';
  return {
    title: 'One-time link copied',
    message: `Paste it for the recipient. ${reads} and expires in ${durationLabel(expiresIn)}.${clears}`,
  };
}

/** Shares and tells the user how it went. */
export async function shareAndNotify(target: SelectionTarget, deps: SharingDeps): Promise<Result<CreatedLinkInfo, string>> {
  let outcome: Result<CreatedLinkInfo, string>;
  try {
    outcome = await shareSelection(target, deps);
  } catch (error) {
    // A bug, not an expected failure: still say something rather than nothing.
    console.error('share failed:', error);
    outcome = err('Something went wrong in Burnlink. Try again, or use the popup.');
  }
  await deps.notify(shareNotice(outcome));
  return outcome;
}

function defaultDeps(): SharingDeps {
  return {
    scripting: browser.scripting,
    copy: backgroundCopier(),
    settings: () => settingsItem.getValue(),
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
 * Background listeners for sharing. Call once, at the top level of the background script.
 * Returns a function that removes the message handlers (tests register more than once).
 */
export function registerSharing(deps: SharingDeps = defaultDeps()): () => void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    // Menus persist across restarts; recreate them on install and update only.
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: MENU_ID, title: 'Share as one-time link', contexts: ['selection'] });
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    void shareAndNotify({ tabId: tab?.id, frameId: info.frameId, selectionText: info.selectionText }, deps);
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== SHARE_COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    void shareAndNotify({ tabId }, deps);
  });

  // Only the extension's own pages (the popup) may create links or write the clipboard this way:
  // content scripts run in other sites' pages.
  const stop = [
    onMessage('noteOptions', () => noteOptions(deps)),
    onMessage('createLink', ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return err({ code: 'forbidden', message: 'Links are created from Burnlink\'s popup.' });
      return createAndCopy(data, deps);
    }),
    onMessage('copyLink', async ({ data, sender }) => {
      if (!fromExtensionPage(sender)) return { ok: false };
      return copyLink(data.link, (await deps.settings()).clipboardClearSeconds, deps.copy);
    }),
  ];

  // Firefox copies from this page itself, and clears the clipboard on an alarm.
  if (!chromeOffscreenApi() && globalThis.navigator?.clipboard) registerClipboardClear(navigator.clipboard);
  return () => stop.forEach((off) => off());
}
