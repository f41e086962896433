// Sharing the selection of a page, from the context menu or the keyboard shortcut: read it from
// the page, make the link with the default expiry and reads, and say how it went in a notification.
// The selected text lives only in memory here.
import { err, type Result } from '../core/result';
import { extensionTranslator } from '../i18n/extension';
import { problemText } from '../i18n/problems';
import type { Translator } from '../i18n/translate';
import { serverHost } from '../sent/wording';
import { createAndCopy, noteOptions, type CreatedLink, type LinkDeps } from './create-link';
import { readSelection, type ScriptingLike } from './selection';

export interface Notice {
  title: string;
  message: string;
}

export interface SelectionDeps extends LinkDeps {
  scripting: ScriptingLike;
  notify: (notice: Notice) => Promise<void>;
  /** Shows the outcome in the page too (utils/share/page-confirmation.ts): notifications may be off. */
  confirmInPage?: (tabId: number | undefined, notice: Notice, ok: boolean) => Promise<void>;
}

/** Where the selection is: the tab, and the frame when the context menu says which. */
export interface SelectionTarget {
  tabId?: number;
  frameId?: number;
  /** The context menu's own (whitespace-collapsed) copy of the selection. */
  selectionText?: string;
  /** The page's address, when the browser tells: its host labels the link in Sent. */
  pageUrl?: string;
}

/** The Sent label of a shared selection: where it was selected, in the browser's language. */
export function selectionLabel(pageUrl: string | undefined, { t }: Translator = extensionTranslator()): string {
  if (!pageUrl) return '';
  try {
    const { host, protocol } = new URL(pageUrl);
    return host && /^https?:$/.test(protocol) ? t('menu.selectionLabel', { host }) : '';
  } catch {
    return '';
  }
}

/**
 * Why a share failed: a code the notification words in the person's language, the English
 * sentence for a code it has no words for, and the note server asked.
 */
export interface ShareFailure {
  code: string;
  message: string;
  server?: string;
}

/** A share of a selection: the link, or why not. */
export type SelectionShare = Result<CreatedLink, ShareFailure>;

const NO_TAB: ShareFailure = { code: 'no_tab', message: 'Burnlink cannot read the selection here.' };
/** A bug, not an expected failure: still worded, rather than nothing said. */
const UNEXPECTED: ShareFailure = { code: 'unexpected', message: 'Something went wrong in Burnlink.' };

/** The sentence for a failed share, in the translator's language. */
export function failureText(translator: Translator, { code, message, server = '' }: ShareFailure): string {
  const { t } = translator;
  switch (code) {
    case 'no_tab': return t('notify.noTab');
    case 'no_access': return t('notify.noAccess');
    case 'empty': return t('notify.emptySelection', { menu: t('menu.shareSelection') });
    case 'unauthorized': return t('notify.unauthorized');
    case 'too_large': return t('notify.tooLarge');
    case 'unexpected': return t('notify.unexpected');
    default: return problemText(translator, { code, message }, serverHost(server));
  }
}

/**
 * Shares the selection of a tab with the default expiry and reads: reads it from the page,
 * encrypts it, posts the ciphertext and copies the link.
 */
async function shareSelection(target: SelectionTarget, deps: SelectionDeps): Promise<SelectionShare> {
  if (target.tabId === undefined || target.tabId < 0) return err(NO_TAB);
  const selection = await readSelection(deps.scripting, { tabId: target.tabId, frameId: target.frameId }, target.selectionText);
  if (!selection.ok) return err(selection.error);
  // The server's limits decide which of the user's defaults apply.
  const { server, defaults } = await noteOptions(deps);
  const created = await createAndCopy({
    secret: selection.value, expiresIn: defaults.expiresIn, maxReads: defaults.maxReads, label: selectionLabel(target.pageUrl),
  }, deps);
  return created.ok ? created : err({ ...created.error, server });
}

/**
 * "Share with options…": reads the selection and hands it to the popup's form, where the sender
 * sets a passphrase, expiry, reads and label before anything is encrypted or sent. The text waits
 * in session storage (memory) until the popup takes it.
 */
export async function shareWithOptions(
  target: SelectionTarget,
  deps: Pick<SelectionDeps, 'scripting' | 'notify'> & { keepDraft: (draft: { text: string; label: string; at: number }) => Promise<void>; openPopup: () => Promise<void> },
): Promise<Result<void, string>> {
  // Opened at once, while the click still counts as the person's (Firefox asks for that); the
  // popup takes the draft whenever it arrives.
  const opened = deps.openPopup();
  const selection = target.tabId === undefined || target.tabId < 0
    ? err(NO_TAB)
    : await readSelection(deps.scripting, { tabId: target.tabId, frameId: target.frameId }, target.selectionText);
  if (!selection.ok) {
    await opened;
    const translator = extensionTranslator();
    const notice = { title: translator.t('notify.selectionFailed.title'), message: failureText(translator, selection.error) };
    await deps.notify(notice).catch(() => undefined);
    return err(notice.message);
  }
  await deps.keepDraft({ text: selection.value, label: selectionLabel(target.pageUrl), at: Date.now() });
  await opened;
  return { ok: true, value: undefined };
}

/** The notification for a share's outcome, in the browser's language. */
export function shareNotice(outcome: SelectionShare, translator: Translator = extensionTranslator()): Notice {
  const { t, plural, duration } = translator;
  if (!outcome.ok) return { title: t('notify.shareFailed.title'), message: failureText(translator, outcome.error) };
  const { expiresIn, maxReads, copied } = outcome.value;
  if (!copied.ok) return { title: t('notify.notCopied.title'), message: t('notify.notCopied.message') };
  const expiry = duration(expiresIn);
  const paste = maxReads === 1 ? t('notify.copied.once', { expiry }) : plural('notify.copied.times', maxReads, { expiry });
  const clears = copied.clearsInSeconds ? t('notify.clipboardClears', { duration: duration(copied.clearsInSeconds) }) : '';
  return { title: t('notify.copied.title'), message: clears ? t('notify.twoSentences', { first: paste, second: clears }) : paste };
}

/** Shares and tells the user how it went. */
export async function shareAndNotify(target: SelectionTarget, deps: SelectionDeps): Promise<SelectionShare> {
  let outcome: SelectionShare;
  try {
    outcome = await shareSelection(target, deps);
  } catch (error) {
    console.error(error);
    outcome = err(UNEXPECTED);
  }
  const notice = shareNotice(outcome);
  await Promise.all([
    deps.notify(notice).catch(() => undefined),
    deps.confirmInPage?.(target.tabId, notice, outcome.ok && outcome.value.copied.ok),
  ]);
  return outcome;
}
