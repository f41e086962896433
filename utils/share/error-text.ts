// Why no link was made, in the sender's language: each failure is known by its code, and the
// sentence says what happened and what to do. The English sentence that came with an error is the
// fallback for a code without a translation of its own. No zod and no API client here: the popup
// imports this file.
import { MAX_FILE_NAME, MAX_FILES, payloadSize, type ContentError, type ContentInfo } from '../core/payload';
import type { Translator } from '../i18n/translate';
import { serverHost } from '../sent/wording';

interface Failure {
  code: string;
  message: string;
}

/** Failures that read the same in the popup and on the create page. */
function commonText({ t }: Translator, error: Failure): string {
  switch (error.code) {
    case 'rate_limited': return t('share.rateLimited');
    case 'too_large': return t('share.tooLargeForServer');
    case 'storage_full': return t('problem.storageFull');
    case 'unavailable': return t('problem.unavailable');
    case 'internal': return t('problem.internal');
    case 'empty': return t('share.empty');
    default: return error.message;
  }
}

/** A failed share in the popup, whose fixes are in Burnlink's options (server address, token). */
export function shareErrorText(tr: Translator, error: Failure, server: string | undefined): string {
  const host = server ? serverHost(server) : '';
  switch (error.code) {
    case 'unreachable': return tr.t('share.unreachable', { host });
    case 'bad_response': return tr.t('share.badResponse', { host });
    case 'unauthorized': return tr.t('share.unauthorized');
    case 'no_background': return tr.t('popup.noBackground');
    case 'malformed': return tr.t('share.fileDamaged');
    default: return commonText(tr, error);
  }
}

/** A failed share on the note server's create page, for someone without the extension. */
export function pageErrorText(tr: Translator, error: Failure): string {
  switch (error.code) {
    case 'unauthorized': return tr.t('share.pageUnauthorized');
    case 'unreachable': return tr.t('share.pageUnreachable');
    default: return commonText(tr, error);
  }
}

/** Why the form's text and files cannot be sent to a server that takes `maxBytes` (checkContent). */
export function contentErrorText(tr: Translator, error: ContentError, content: ContentInfo, maxBytes: number): string {
  const { t, bytes } = tr;
  const name = error.file ?? '';
  switch (error.code) {
    case 'empty': return t('share.nothingToShare');
    case 'empty_file': return t('share.emptyFile', { name });
    case 'too_many_files': return t('share.tooManyFiles', { count: content.files.length, max: MAX_FILES });
    case 'name_too_long': return t('share.nameTooLong', { max: MAX_FILE_NAME, name: `${name.slice(0, 40)}…` });
    case 'too_large': {
      const size = payloadSize(content);
      const limit = bytes(maxBytes);
      const file = content.files.find((f) => f.name === error.file);
      if (file) return t('share.fileTooLarge', { name, excess: bytes(file.size - maxBytes), limit });
      if (content.files.length === 0) return t('share.secretTooLarge', { excess: bytes(size - maxBytes), limit });
      return t('share.allTooLarge', { size: bytes(size), excess: bytes(size - maxBytes), limit });
    }
  }
}

/** A file refused as it was attached: empty, larger than the server takes, or one too many. */
export function refusedFileText({ t, bytes }: Translator, name: string, why: 'empty' | 'too_large' | 'too_many', maxBytes = 0, size = 0): string {
  if (why === 'empty') return t('share.refusedEmpty', { name });
  if (why === 'too_large') return t('share.refusedTooLarge', { name, excess: bytes(size - maxBytes), limit: bytes(maxBytes) });
  return t('share.refusedTooMany', { name, max: MAX_FILES });
}

/** A file that could not be read from disk when the link was made (moved, deleted). */
export function unreadableFileText({ t }: Translator, name: string): string {
  return t('share.unreadable', { name });
}
