// The popup after a request is made: its link (already copied) and what to tell the person.
import { useEffect, useRef } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { withClearSentence } from '../utils/clipboard/wording';
import type { Translator } from '../utils/i18n/translate';
import type { CreatedRequest } from '../utils/request/actions';
import { useT } from './I18n';

export interface RequestCreatedProps {
  created: CreatedRequest;
  onCopy: () => Promise<void>;
  onDone: () => void;
  now?: () => number;
}

function copyStatus(tr: Translator, copied: CopyResult): string {
  if (!copied.ok) return tr.t('request.copyFailed');
  return withClearSentence(tr, copied, tr.t('request.linkCopied'));
}

export function RequestCreated({ created, onCopy, onDone, now = Date.now }: RequestCreatedProps) {
  const tr = useT();
  const { t } = tr;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="created request-created" aria-labelledby="request-created-heading">
      <h2 id="request-created-heading" ref={heading} tabIndex={-1}>{t('request.createdHeading')}</h2>
      <p class={`notice ${created.copied.ok ? 'ok' : 'warn'}`} role="status">{copyStatus(tr, created.copied)}</p>
      <label for="request-link" class="visually-hidden">{t('request.link')}</label>
      <input id="request-link" class="link-field mono" dir="ltr" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
      <p class="small">{t('request.oneAnswerUntil', { time: tr.clockTime(created.expiresAt, now()) })}</p>
      <p class="small muted">{t('request.anyoneCouldAnswer')}</p>
      <div class="row">
        <button type="button" onClick={() => void onCopy()}>{t('share.copyAgain')}</button>
        <button type="button" class="primary push" onClick={onDone}>{t('request.done')}</button>
      </div>
    </section>
  );
}
