// "Secret copied. The clipboard is cleared in 1 minute.", in the reader's language: for views that
// say how a copy went without holding a translator of their own; and the row of a Copy button
// with that sentence beside it, as every revealed secret has.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { copiedSentence } from '../utils/clipboard/wording';
import { useT } from './I18n';

export function CopiedSentence({ copied, what }: { copied: CopyResult; what: 'link' | 'secret' | 'message' }) {
  return <>{copiedSentence(useT(), copied, what)}</>;
}

interface CopyRowProps {
  label: string;
  text: string;
  copy: (text: string) => Promise<CopyResult>;
  /** More buttons, after Copy. */
  children?: ComponentChildren;
}

/** Copy (the primary button), any other buttons, and how the last copy went. */
export function CopyRow({ label, text, copy, children }: CopyRowProps) {
  const [copied, setCopied] = useState<CopyResult>();
  return (
    <div class="row copy-row">
      <button type="button" class="primary" onClick={() => void copy(text).then(setCopied)}>{label}</button>
      {children}
      <span role="status" class="small">{copied === undefined ? null : <CopiedSentence copied={copied} what="secret" />}</span>
    </div>
  );
}
