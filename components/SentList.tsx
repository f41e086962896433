// The popup's Sent view: every link this browser sent, what became of it (waiting, read, expired,
// revoked), and what the sender can do with it: copy a waiting link again (its key is kept in
// memory only), revoke it (and make a new one like it), forget it. Revoke, and forgetting a link
// that still waits, ask first. The background does the talking to the note servers; this view
// shows the stored history and follows its changes.
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { copiedSentence } from '../utils/clipboard/wording';
import type { Result } from '../utils/core/result';
import type { SentNote, SentRef } from '../utils/sent/entry';
import { keptLinkOf } from '../utils/sent/kept-links';
import { sentStatus, sentTitle, serverHost, shownState } from '../utils/sent/wording';
import { useT } from './I18n';
import { useTicking } from './useTicking';

export interface SentListProps {
  /** Undefined until the stored history is read. */
  entries: SentNote[] | undefined;
  /** True while the servers are being asked. */
  checking: boolean;
  /** Sentences about servers that could not be asked: their links show the last known state. */
  issues: string[];
  /** Links kept in memory for copying again, by `<server> <id>` (utils/sent/kept-links.ts). */
  kept: Record<string, string>;
  onCopy: (link: string) => Promise<CopyResult>;
  /** Copies the sender's message around the link; absent when they turned it off. */
  onCopyInstructions?: (entry: SentNote, link: string) => Promise<CopyResult>;
  onRevoke: (ref: SentRef) => Promise<Result<SentNote['state'], string>>;
  /** Revokes the link and opens a new one with its expiry, reads and label. */
  onRegenerate: (entry: SentNote) => Promise<Result<SentNote['state'], string>>;
  onForget: (ref: SentRef) => Promise<void>;
  now?: () => number;
}

/** How often "expires in" is brought up to date while the view is open. */
const TICK_MS = 15_000;

export function SentList({ entries, checking, issues, kept, onCopy, onCopyInstructions, onRevoke, onRegenerate, onForget, now = Date.now }: SentListProps) {
  const tr = useT();
  const { t } = tr;
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useTicking(TICK_MS);

  if (!entries) return null;
  const at = now();
  const sorted = [...entries].sort((a, b) => b.createdAt - a.createdAt);
  const waiting = entries.filter((e) => shownState(e, at) === 'pending').length;
  const copyable = entries.some((e) => keptLinkOf(kept, e, at) !== undefined);

  const forget = async (ref: SentRef, title: string) => {
    await onForget(ref);
    setAnnouncement(t('sent.forgotten', { title }));
    // The row is gone: keep keyboard users in the list rather than at the top of the page.
    heading.current?.focus();
  };

  return (
    <section class="sent" aria-labelledby="sent-heading" aria-busy={checking}>
      <div class="sent-head">
        <h2 id="sent-heading" ref={heading} tabIndex={-1}>{t('sent.heading')}</h2>
        <span class="small muted">
          {checking ? t('sent.checking') : entries.length === 0 ? null : tr.plural('sent.waitingCount', waiting)}
        </span>
      </div>
      {issues.map((issue) => <p key={issue} class="small sent-issue">{issue}</p>)}

      {sorted.length === 0 ? (
        <div class="sent-empty">
          <p><strong>{t('sent.empty')}</strong></p>
          <p class="small muted">{t('sent.emptyHelp')}</p>
        </div>
      ) : (
        <ul class="sent-list">
          {sorted.map((entry) => (
            <SentItem
              key={`${entry.server} ${entry.id}`}
              entry={entry}
              now={at}
              link={keptLinkOf(kept, entry, at)}
              onCopy={onCopy}
              onCopyInstructions={onCopyInstructions && ((link) => onCopyInstructions(entry, link))}
              onRegenerate={() => onRegenerate(entry)}
              onRevoke={async () => {
                const result = await onRevoke(entry);
                if (result.ok) {
                  const title = sentTitle(tr, entry, at);
                  setAnnouncement(t(result.value === 'revoked' ? 'sent.revokedNotice' : 'sent.notRevokedNotice', { title }));
                }
                return result;
              }}
              onForget={() => forget(entry, sentTitle(tr, entry, at))}
            />
          ))}
        </ul>
      )}
      {copyable ? (
        <p class="small muted sent-note">{t('sent.keptInMemory')}</p>
      ) : null}
      <p class="small muted sent-note">{t('sent.keptHere')}</p>
      <p class="visually-hidden" role="status">{announcement}</p>
    </section>
  );
}

interface SentItemProps {
  entry: SentNote;
  now: number;
  /** The link, while it waits and its key is kept in memory. */
  link: string | undefined;
  onCopy: (link: string) => Promise<CopyResult>;
  onCopyInstructions?: (link: string) => Promise<CopyResult>;
  onRevoke: () => Promise<Result<SentNote['state'], string>>;
  onRegenerate: () => Promise<Result<SentNote['state'], string>>;
  onForget: () => Promise<void>;
}

type Confirming = 'revoke' | 'forget';
type FocusTarget = 'cancel' | 'revoke' | 'forget';

function SentItem({ entry, now, link, onCopy, onCopyInstructions, onRevoke, onRegenerate, onForget }: SentItemProps) {
  const [confirming, setConfirming] = useState<Confirming>();
  const [busy, setBusy] = useState<'revoke' | 'regenerate'>();
  const [error, setError] = useState<string>();
  const [copyNote, setCopyNote] = useState<string>();
  const { revokeButton, forgetButton, cancelButton, setFocusTarget } = useFocusAfterRender();
  const tr = useT();
  const { t } = tr;

  const status = sentStatus(tr, entry, now);
  const id = `sent-${entry.id}`;
  const title = sentTitle(tr, entry, now);
  const host = serverHost(entry.server);
  const waiting = status.revocable;

  const ask = (what: Confirming) => {
    setConfirming(what);
    setFocusTarget('cancel');
  };
  const cancel = () => {
    const from = confirming;
    setConfirming(undefined);
    setFocusTarget(from === 'forget' ? 'forget' : 'revoke');
  };
  const revoke = async (then: 'revoke' | 'regenerate') => {
    setBusy(then);
    setError(undefined);
    const result = await (then === 'revoke' ? onRevoke() : onRegenerate());
    setBusy(undefined);
    setConfirming(undefined);
    if (!result.ok) setError(result.error);
    // Revoke is gone once the link is no longer waiting; Forget stays. After "make a new link"
    // the popup has moved on to the new link's form, which takes focus.
    if (then === 'revoke' || !result.ok) setFocusTarget(result.ok ? 'forget' : 'revoke');
  };

  return (
    <li class={`sent-item ${status.tone}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="sent-title">{title}</h3>
      <p id={`${id}-state`} class="sent-state"><span class="state-dot" aria-hidden="true" />{status.text}</p>
      <p class="small muted sent-meta">
        {entry.label ? t('sent.hostCreated', { host, time: tr.clockTime(entry.createdAt, now) }) : host}
      </p>
      <div class="sent-actions">
        {link ? <CopyButtons link={link} titleId={`${id}-title`} onCopy={onCopy} onCopyInstructions={onCopyInstructions} onCopied={setCopyNote} /> : null}
        <span class="action-group">
          {waiting && confirming !== 'revoke' ? (
            <button type="button" ref={revokeButton} aria-describedby={`${id}-title`} onClick={() => ask('revoke')}>{t('sent.revoke')}</button>
          ) : null}
          {confirming !== 'forget' ? (
            <button type="button" ref={forgetButton} class="quiet" aria-describedby={`${id}-title`} disabled={busy !== undefined}
              onClick={() => (waiting ? ask('forget') : void onForget())}>
              {t('sent.forget')}
            </button>
          ) : null}
        </span>
      </div>
      {copyNote ? <p class="small sent-copied" role="status">{copyNote}</p> : null}
      {confirming === 'revoke' && waiting ? (
        <Confirmation id={`${id}-confirm`} onCancel={cancel} cancelButton={cancelButton} busy={busy !== undefined}
          question={t('sent.revokeQuestion')}>
          <button type="button" class="danger-solid" disabled={busy !== undefined} onClick={() => void revoke('revoke')}>
            {busy === 'revoke' ? t('sent.revoking') : t('sent.revokeLink')}
          </button>
          <button type="button" disabled={busy !== undefined} onClick={() => void revoke('regenerate')}>
            {busy === 'regenerate' ? t('sent.revoking') : t('sent.revokeAndRenew')}
          </button>
        </Confirmation>
      ) : null}
      {confirming === 'forget' ? (
        <Confirmation id={`${id}-forget`} onCancel={cancel} cancelButton={cancelButton} busy={false}
          question={t('sent.forgetQuestion')}>
          <button type="button" class="danger-solid" onClick={() => void onForget()}>{t('sent.forgetLink')}</button>
        </Confirmation>
      ) : null}
      {error ? <p class="notice error small sent-error" role="alert">{error}</p> : null}
    </li>
  );
}

/** The buttons whose focus is set after a render, once the button wanted is on screen and enabled. */
function useFocusAfterRender() {
  const revokeButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>();
  useLayoutEffect(() => {
    if (focusTarget === undefined) return;
    const target = { cancel: cancelButton, revoke: revokeButton, forget: forgetButton }[focusTarget].current;
    (target ?? forgetButton.current)?.focus();
    setFocusTarget(undefined);
  }, [focusTarget]);
  return { revokeButton, forgetButton, cancelButton, setFocusTarget };
}

interface CopyButtonsProps {
  link: string;
  titleId: string;
  onCopy: SentItemProps['onCopy'];
  onCopyInstructions: SentItemProps['onCopyInstructions'];
  onCopied: (sentence: string) => void;
}

/** Copy a waiting link again, alone or inside the instructions message. */
function CopyButtons({ link, titleId, onCopy, onCopyInstructions, onCopied }: CopyButtonsProps) {
  const tr = useT();
  const copy = async (how: 'link' | 'message') => {
    const copied = await (how === 'link' ? onCopy(link) : onCopyInstructions?.(link));
    if (copied) onCopied(copiedSentence(tr, copied, how));
  };
  return (
    <span class="action-group">
      <button type="button" aria-describedby={titleId} onClick={() => void copy('link')}>{tr.t('sent.copyLink')}</button>
      {onCopyInstructions ? (
        <button type="button" aria-describedby={titleId} onClick={() => void copy('message')}>{tr.t('share.copyWithInstructions')}</button>
      ) : null}
    </span>
  );
}

interface ConfirmationProps {
  id: string;
  question: string;
  busy: boolean;
  onCancel: () => void;
  cancelButton: RefObject<HTMLButtonElement | null>;
  children: ComponentChildren;
}

/** A question in the row, not a browser dialog: its actions, then Cancel (which Esc presses too). */
function Confirmation({ id, question, busy, onCancel, cancelButton, children }: ConfirmationProps) {
  const { t } = useT();
  return (
    <div class="sent-confirm" role="group" aria-labelledby={id}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } }}>
      <p id={id} class="small">{question}</p>
      <div class="row">
        {children}
        <button type="button" ref={cancelButton} disabled={busy} onClick={onCancel}>{t('sent.cancel')}</button>
      </div>
    </div>
  );
}
