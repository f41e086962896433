// How Burnlink words the clipboard clear, in one place: the popup, the context menu's notice, the
// options, the reveal panel and the recipient page all say it the same way ("1 minute"), in the
// reader's language.
import { durationLabel } from '../core/format';
import type { Translator } from '../i18n/translate';
import type { CopyResult } from './copy';

/** The choices offered for clearing the clipboard after a copy, in seconds (0: never). */
export const CLIPBOARD_CLEAR_CHOICES = [0, 60, 300] as const;

/** "Never", "1 minute", "5 minutes" (and any other saved delay in the same words). */
export function clipboardClearLabel(tr: Translator, seconds: number): string {
  return seconds <= 0 ? tr.t('share.clipboardNever') : tr.duration(seconds);
}

/**
 * " The clipboard is cleared in 1 minute." after a copy that will be cleared, else '': in English,
 * for the background's notification of a shared selection until that notification is translated.
 */
export function clearSentence(copied: CopyResult): string {
  return copied.ok && copied.clearsInSeconds ? ` The clipboard is cleared in ${durationLabel(copied.clearsInSeconds)}.` : '';
}

/** `sentence`, followed by when the clipboard is cleared after a copy that will be cleared. */
export function withClearSentence(tr: Translator, copied: CopyResult, sentence: string): string {
  if (!copied.ok || !copied.clearsInSeconds) return sentence;
  return tr.t('share.thenClipboardClears', { sentence, delay: tr.duration(copied.clearsInSeconds) });
}

/** "Link copied. The clipboard is cleared in 1 minute.", or how to copy by hand when it failed. */
export function copiedSentence(tr: Translator, copied: CopyResult, what: 'link' | 'secret' | 'message'): string {
  if (!copied.ok) {
    return tr.t(what === 'link' ? 'share.copyFailedLink' : what === 'secret' ? 'share.copyFailedSecret' : 'share.copyFailedMessage');
  }
  return withClearSentence(tr, copied, tr.t(what === 'link' ? 'share.copiedLink' : what === 'secret' ? 'share.copiedSecret' : 'share.copiedMessage'));
}
