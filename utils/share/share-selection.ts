// Sharing the selection of a page, from the context menu or the keyboard shortcut: read it from
// the page, make the link with the default expiry and reads, and say how it went in a notification.
// The selected text lives only in memory here.
import { clearSentence } from '../clipboard/wording';
import { durationLabel } from '../core/format';
import { err, type Result } from '../core/result';
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

/** The Sent label of a shared selection: where it was selected. */
export function selectionLabel(pageUrl: string | undefined): string {
  if (!pageUrl) return '';
  try {
    const { host, protocol } = new URL(pageUrl);
    return host && /^https?:$/.test(protocol) ? `Selection on ${host}` : '';
  } catch {
    return '';
  }
}

/** A share of a selection: the link, or a sentence for the notification. */
export type SelectionShare = Result<CreatedLink, string>;

/**
 * Shares the selection of a tab with the default expiry and reads: reads it from the page,
 * encrypts it, posts the ciphertext and copies the link.
 */
async function shareSelection(target: SelectionTarget, deps: SelectionDeps): Promise<SelectionShare> {
  if (target.tabId === undefined || target.tabId < 0) {
    return err('Burnlink cannot read the selection here. Copy the text and paste it into the Burnlink popup instead.');
  }
  const selection = await readSelection(deps.scripting, { tabId: target.tabId, frameId: target.frameId }, target.selectionText);
  if (!selection.ok) return err(selection.error.message);
  // The server's limits decide which of the user's defaults apply.
  const { defaults } = await noteOptions(deps);
  const created = await createAndCopy({
    secret: selection.value, expiresIn: defaults.expiresIn, maxReads: defaults.maxReads, label: selectionLabel(target.pageUrl),
  }, deps);
  return created.ok ? created : err(created.error.message);
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
    ? err({ message: 'Burnlink cannot read the selection here. Copy the text and paste it into the Burnlink popup instead.' })
    : await readSelection(deps.scripting, { tabId: target.tabId, frameId: target.frameId }, target.selectionText);
  if (!selection.ok) {
    await opened;
    await deps.notify({ title: 'Could not share the selection', message: selection.error.message }).catch(() => undefined);
    return err(selection.error.message);
  }
  await deps.keepDraft({ text: selection.value, label: selectionLabel(target.pageUrl), at: Date.now() });
  await opened;
  return { ok: true, value: undefined };
}

/** The notification for a share's outcome. */
export function shareNotice(outcome: SelectionShare): Notice {
  if (!outcome.ok) return { title: 'Could not create a one-time link', message: outcome.error };
  const { expiresIn, maxReads, copied } = outcome.value;
  const reads = maxReads === 1 ? 'It can be read once' : `It can be read ${maxReads} times`;
  if (!copied.ok) {
    return {
      title: 'Link created, but not copied',
      message: 'The clipboard could not be written. Create the link again from the Burnlink popup; this one expires unused.',
    };
  }
  return {
    title: 'One-time link copied',
    message: `Paste it for the recipient. ${reads} and expires in ${durationLabel(expiresIn)}.${clearSentence(copied)}`,
  };
}

/** Shares and tells the user how it went. */
export async function shareAndNotify(target: SelectionTarget, deps: SelectionDeps): Promise<SelectionShare> {
  let outcome: SelectionShare;
  try {
    outcome = await shareSelection(target, deps);
  } catch (error) {
    // A bug, not an expected failure: still say something rather than nothing.
    console.error('share failed:', error);
    outcome = err('Something went wrong in Burnlink. Try again, or use the popup.');
  }
  const notice = shareNotice(outcome);
  await Promise.all([
    deps.notify(notice).catch(() => undefined),
    deps.confirmInPage?.(target.tabId, notice, outcome.ok && outcome.value.copied.ok),
  ]);
  return outcome;
}
