// How Burnlink words the clipboard clear, in one place: the popup, the context menu's notice, the
// options, the reveal panel and the recipient page all say it the same way ("1 minute").
import { durationLabel } from '../core/format';
import type { CopyResult } from './copy';

/** The choices offered for clearing the clipboard after a copy, in seconds (0: never). */
export const CLIPBOARD_CLEAR_CHOICES = [0, 60, 300] as const;

/** "Never", "1 minute", "5 minutes" (and any other saved delay in the same words). */
export function clipboardClearLabel(seconds: number): string {
  return seconds <= 0 ? 'Never' : durationLabel(seconds);
}

/** " The clipboard is cleared in 1 minute." after a copy that will be cleared, else ''. */
export function clearSentence(copied: CopyResult): string {
  return copied.ok && copied.clearsInSeconds ? ` The clipboard is cleared in ${durationLabel(copied.clearsInSeconds)}.` : '';
}

/** "Link copied. The clipboard is cleared in 1 minute.", or how to copy by hand when it failed. */
export function copiedSentence(copied: CopyResult, what: 'link' | 'secret' | 'message'): string {
  if (!copied.ok) return `Could not copy the ${what}: select it and copy it by hand.`;
  return `${what === 'link' ? 'Link' : what === 'secret' ? 'Secret' : 'Message'} copied.${clearSentence(copied)}`;
}
