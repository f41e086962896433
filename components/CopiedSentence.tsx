// "Secret copied. The clipboard is cleared in 1 minute.", in the reader's language: for views that
// say how a copy went without holding a translator of their own.
import type { CopyResult } from '../utils/clipboard/copy';
import { copiedSentence } from '../utils/clipboard/wording';
import { useT } from './I18n';

export function CopiedSentence({ copied, what }: { copied: CopyResult; what: 'link' | 'secret' | 'message' }) {
  return <>{copiedSentence(useT(), copied, what)}</>;
}
