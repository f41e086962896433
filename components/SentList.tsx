// The popup's Sent view: every link this browser sent, what became of it (waiting, read, expired,
// revoked), and Revoke (with a confirmation) and Forget. The background does the talking to the
// note servers; this view shows the stored history and follows its changes.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SentNote, SentRef } from '../utils/sent/entry';
import type { Result } from '../utils/core/result';
import { sentStatus, sentTitle, serverHost, shownState } from '../utils/sent/wording';
import { clockTime } from '../utils/core/format';

export interface SentListProps {
  /** Undefined until the stored history is read. */
  entries: SentNote[] | undefined;
  /** True while the servers are being asked. */
  checking: boolean;
  /** Sentences about servers that could not be asked: their links show the last known state. */
  issues: string[];
  onRevoke: (ref: SentRef) => Promise<Result<SentNote['state'], string>>;
  onForget: (ref: SentRef) => Promise<void>;
  now?: () => number;
}

/** How often "expires in" is brought up to date while the view is open. */
const TICK_MS = 15_000;

export function SentList({ entries, checking, issues, onRevoke, onForget, now = Date.now }: SentListProps) {
  const [, setTick] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  if (!entries) return null;
  const at = now();
  const sorted = [...entries].sort((a, b) => b.createdAt - a.createdAt);
  const waiting = entries.filter((e) => shownState(e, at) === 'pending').length;

  const forget = async (ref: SentRef, title: string) => {
    await onForget(ref);
    setAnnouncement(`${title}: forgotten.`);
    // The row is gone: keep keyboard users in the list rather than at the top of the page.
    heading.current?.focus();
  };

  return (
    <section class="sent" aria-labelledby="sent-heading" aria-busy={checking}>
      <div class="sent-head">
        <h2 id="sent-heading" ref={heading} tabIndex={-1}>Sent links</h2>
        <span class="small muted">
          {checking ? 'Checking…' : entries.length === 0 ? null : `${waiting} waiting`}
        </span>
      </div>
      {issues.map((issue) => <p key={issue} class="small sent-issue">{issue}</p>)}

      {sorted.length === 0 ? (
        <div class="sent-empty">
          <p><strong>No links sent yet.</strong></p>
          <p class="small muted">
            Links you create here or from a page&rsquo;s context menu show up here, with whether they were read.
          </p>
        </div>
      ) : (
        <ul class="sent-list">
          {sorted.map((entry) => (
            <SentItem
              key={`${entry.server} ${entry.id}`}
              entry={entry}
              now={at}
              onRevoke={async () => {
                const result = await onRevoke(entry);
                if (result.ok) {
                  setAnnouncement(result.value === 'revoked'
                    ? `${sentTitle(entry, at)}: revoked.`
                    : `${sentTitle(entry, at)}: not revoked, it can no longer be opened anyway.`);
                }
                return result;
              }}
              onForget={() => forget(entry, sentTitle(entry, at))}
            />
          ))}
        </ul>
      )}
      <p class="small muted sent-note">Kept in this browser only, without keys or secrets. Links leave this list a week after they expire.</p>
      <p class="visually-hidden" role="status">{announcement}</p>
    </section>
  );
}

interface SentItemProps {
  entry: SentNote;
  now: number;
  onRevoke: () => Promise<Result<SentNote['state'], string>>;
  onForget: () => Promise<void>;
}

function SentItem({ entry, now, onRevoke, onForget }: SentItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const revokeButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the next render is on screen: a button may not exist or be enabled before. */
  const [focusTarget, setFocusTarget] = useState<'cancel' | 'revoke' | 'forget'>();
  useLayoutEffect(() => {
    if (focusTarget === undefined) return;
    const target = { cancel: cancelButton, revoke: revokeButton, forget: forgetButton }[focusTarget].current;
    (target ?? forgetButton.current)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);

  const status = sentStatus(entry, now);
  const id = `sent-${entry.id}`;
  const title = sentTitle(entry, now);
  const host = serverHost(entry.server);

  const confirm = () => {
    setConfirming(true);
    setFocusTarget('cancel');
  };
  const cancel = () => {
    setConfirming(false);
    setFocusTarget('revoke');
  };
  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    const result = await onRevoke();
    setBusy(false);
    setConfirming(false);
    if (!result.ok) setError(result.error);
    // Revoke is gone once the link is no longer waiting; Forget stays.
    setFocusTarget(result.ok ? 'forget' : 'revoke');
  };

  return (
    <li class={`sent-item ${status.tone}`} aria-labelledby={`${id}-title`}>
      <div class="sent-row">
        <div class="sent-main">
          <h3 id={`${id}-title`} class="sent-title">{title}</h3>
          <p id={`${id}-state`} class="sent-state"><span class="state-dot" aria-hidden="true" />{status.text}</p>
          <p class="small muted sent-meta">
            {host}{entry.label ? ` · created ${clockTime(entry.createdAt, now)}` : null}
          </p>
        </div>
        <div class="sent-actions">
          {status.revocable && !confirming ? (
            <button type="button" ref={revokeButton} aria-describedby={`${id}-title`} onClick={confirm}>Revoke</button>
          ) : null}
          <button type="button" ref={forgetButton} class="quiet" aria-describedby={`${id}-title`} disabled={busy} onClick={() => void onForget()}>
            Forget
          </button>
        </div>
      </div>
      {confirming && status.revocable ? (
        <div
          class="sent-confirm"
          role="group"
          aria-labelledby={`${id}-confirm`}
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } }}
        >
          <p id={`${id}-confirm`} class="small">Revoke this link? Whoever opens it is told it was revoked. This cannot be undone.</p>
          <div class="row">
            <button type="button" class="danger-solid" disabled={busy} onClick={() => void revoke()}>
              {busy ? 'Revoking…' : 'Revoke link'}
            </button>
            <button type="button" ref={cancelButton} disabled={busy} onClick={cancel}>Cancel</button>
          </div>
        </div>
      ) : null}
      {error ? <p class="notice error small sent-error" role="alert">{error}</p> : null}
    </li>
  );
}
