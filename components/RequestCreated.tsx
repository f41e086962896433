// The popup after a request is made: its link (already copied) and what to tell the person.
import { useEffect, useRef } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { clockTime } from '../utils/core/format';
import type { CreatedRequest } from '../utils/request/actions';

export interface RequestCreatedProps {
  created: CreatedRequest;
  onCopy: () => Promise<void>;
  onDone: () => void;
  now?: () => number;
}

function copyStatus(copied: CopyResult): string {
  if (!copied.ok) return 'Could not copy the link: select it below and copy it by hand.';
  return `Request link copied. Send it to the person who has the secret.${copied.clearsInSeconds ? ` The clipboard will be cleared in ${copied.clearsInSeconds} s.` : ''}`;
}

export function RequestCreated({ created, onCopy, onDone, now = Date.now }: RequestCreatedProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="created request-created" aria-labelledby="request-created-heading">
      <h2 id="request-created-heading" ref={heading} tabIndex={-1}>Request link created</h2>
      <p class={`notice ${created.copied.ok ? 'ok' : 'warn'}`} role="status">{copyStatus(created.copied)}</p>
      <label for="request-link" class="visually-hidden">Request link</label>
      <input id="request-link" class="link-field mono" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
      <p class="small">
        It takes one answer, until {clockTime(created.expiresAt, now())}. Only this browser can open the answer: Burnlink
        tells you when it arrives.
      </p>
      <p class="small muted">Anyone who gets the link could answer it: check the answer with the person you asked.</p>
      <div class="row">
        <button type="button" onClick={() => void onCopy()}>Copy again</button>
        <button type="button" class="primary push" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
