// The popup's list of requests made in this browser: waiting for an answer, answered (with the
// time, and Reveal), revealed, expired, withdrawn. The background talks to the note servers; this
// view shows the stored list and follows its changes.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RequestState } from '../utils/core/request/protocol';
import type { Result } from '../utils/core/result';
import type { RequestEntry, RequestRef } from '../utils/request/entry';
import { requestListTitle, requestStatus, shownRequestState } from '../utils/request/wording';
import { serverHost } from '../utils/sent/wording';
import { useT } from './I18n';
import { useTicking } from './useTicking';

export interface RequestListProps {
  /** Undefined until the stored list is read. */
  entries: RequestEntry[] | undefined;
  checking: boolean;
  issues: string[];
  onReveal: (ref: RequestRef) => Promise<void>;
  onCopyLink: (ref: RequestRef) => Promise<Result<unknown, string>>;
  onWithdraw: (ref: RequestRef) => Promise<Result<RequestState, string>>;
  onForget: (ref: RequestRef) => Promise<void>;
  now?: () => number;
}

const TICK_MS = 15_000;

export function RequestList({ entries, checking, issues, onReveal, onCopyLink, onWithdraw, onForget, now = Date.now }: RequestListProps) {
  const tr = useT();
  const { t } = tr;
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useTicking(TICK_MS);
  if (!entries) return null;
  const at = now();
  const sorted = [...entries].sort((a, b) => b.createdAt - a.createdAt);
  const answered = entries.filter((e) => shownRequestState(e, at) === 'answered').length;

  return (
    <section class="requests" aria-labelledby="requests-heading" aria-busy={checking}>
      <div class="sent-head">
        <h2 id="requests-heading" ref={heading} tabIndex={-1}>{t('request.heading')}</h2>
        <span class="small muted">{checking ? t('sent.checking') : answered > 0 ? tr.plural('request.answeredCount', answered) : null}</span>
      </div>
      {issues.map((issue) => <p key={issue} class="small sent-issue">{issue}</p>)}
      {sorted.length === 0 ? (
        <p class="small muted">{t('request.empty')}</p>
      ) : (
        <ul class="sent-list">
          {sorted.map((entry) => (
            <RequestItem key={`${entry.server} ${entry.id}`} entry={entry} now={at}
              onReveal={() => onReveal(entry)}
              onCopyLink={async () => {
                const copied = await onCopyLink(entry);
                setAnnouncement(copied.ok ? t('request.linkCopiedNotice', { title: requestListTitle(tr, entry, at) }) : copied.error);
              }}
              onWithdraw={() => onWithdraw(entry)}
              onForget={async () => {
                await onForget(entry);
                setAnnouncement(t('sent.forgotten', { title: requestListTitle(tr, entry, at) }));
                heading.current?.focus();
              }} />
          ))}
        </ul>
      )}
      {answered > 0 ? <p class="small notice warn">{t('request.checkWithSender')}</p> : null}
      <p class="small muted sent-note">{t('request.keptHere')}</p>
      <p class="small" role="status">{announcement}</p>
    </section>
  );
}

interface RequestItemProps {
  entry: RequestEntry;
  now: number;
  onReveal: () => Promise<void>;
  onCopyLink: () => Promise<void>;
  onWithdraw: () => Promise<Result<RequestState, string>>;
  onForget: () => Promise<void>;
}

function RequestItem({ entry, now, onReveal, onCopyLink, onWithdraw, onForget }: RequestItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<'cancel' | 'forget'>();
  useLayoutEffect(() => {
    if (focusTarget === undefined) return;
    (focusTarget === 'cancel' ? cancelButton : forgetButton).current?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);
  const tr = useT();
  const { t } = tr;

  const status = requestStatus(tr, entry, now);
  const state = shownRequestState(entry, now);
  const open = state === 'waiting' || state === 'answered';
  const id = `request-${entry.id}`;

  const withdraw = async () => {
    setBusy(true);
    setError(undefined);
    const result = await onWithdraw();
    setBusy(false);
    setConfirming(false);
    if (!result.ok) setError(result.error);
    setFocusTarget('forget');
  };

  return (
    <li class={`sent-item request-item ${status.tone}`} aria-labelledby={`${id}-title`}>
      <div class="sent-row">
        <div class="sent-main">
          <h3 id={`${id}-title`} class="sent-title">{requestListTitle(tr, entry, now)}</h3>
          <p class="sent-state"><span class="state-dot" aria-hidden="true" />{status.text}</p>
          <p class="small muted sent-meta">{t('request.hostAsked', { host: serverHost(entry.server), time: tr.clockTime(entry.createdAt, now) })}</p>
        </div>
        <div class="sent-actions">
          {state === 'answered' ? <button type="button" class="primary" data-action="reveal" aria-describedby={`${id}-title`} onClick={() => void onReveal()}>{t('request.reveal')}</button> : null}
          {state === 'waiting' ? <button type="button" data-action="copy" aria-describedby={`${id}-title`} onClick={() => void onCopyLink()}>{t('sent.copyLink')}</button> : null}
          {open && !confirming ? (
            <button type="button" class="quiet" data-action="withdraw" aria-describedby={`${id}-title`} onClick={() => { setConfirming(true); setFocusTarget('cancel'); }}>{t('request.withdraw')}</button>
          ) : null}
          {open ? null : (
            <button type="button" ref={forgetButton} class="quiet" data-action="forget" aria-describedby={`${id}-title`} disabled={busy} onClick={() => void onForget()}>{t('sent.forget')}</button>
          )}
        </div>
      </div>
      {confirming && open ? (
        <div class="sent-confirm" role="group" aria-labelledby={`${id}-confirm`}
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); setConfirming(false); } }}>
          <p id={`${id}-confirm`} class="small">
            {t(state === 'answered' ? 'request.withdrawAnsweredQuestion' : 'request.withdrawQuestion')}
          </p>
          <div class="row">
            <button type="button" class="danger-solid" data-action="confirm-withdraw" disabled={busy} onClick={() => void withdraw()}>{busy ? t('request.withdrawing') : t('request.withdrawRequest')}</button>
            <button type="button" ref={cancelButton} disabled={busy} onClick={() => setConfirming(false)}>{t('sent.cancel')}</button>
          </div>
        </div>
      ) : null}
      {error ? <p class="notice error small sent-error" role="alert">{error}</p> : null}
    </li>
  );
}

/** A request's state in one line ("Answered at 10:42 · reveal within 23 h"), for the answer's own window. */
export function RequestStatusText({ entry, now }: { entry: RequestEntry; now: number }) {
  return <>{requestStatus(useT(), entry, now).text}</>;
}
