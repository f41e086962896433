// The recipient's view of a one-time link: check it (side-effect free), reveal on a click
// (this consumes the note), show the secret with a Copy button. Shared by the recipient web page
// and the extension's isolated reveal panel.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../utils/core/api';
import type { CopyResult } from '../utils/clipboard/copy';
import { copiedSentence } from '../utils/clipboard/wording';
import type { LinkError, NoteLink } from '../utils/core/link';
import { GONE_MESSAGES } from '../utils/core/gone-text';
import { peekNote, revealNote, type NoteError } from '../utils/core/note';
import type { NoteState, PeekResponse } from '../utils/core/protocol';
import type { Result } from '../utils/core/result';
import { clockTime, relativeTime } from '../utils/core/format';

export interface RevealViewProps {
  link: Result<NoteLink, LinkError>;
  /** Makes the API client for the link's server. */
  apiFor: (server: string) => Api;
  copy: (text: string) => Promise<CopyResult>;
  now?: () => number;
}

type Phase =
  | { name: 'invalid'; message: string }
  | { name: 'checking' }
  | { name: 'ready'; peek?: PeekResponse; passphraseError?: string }
  | { name: 'revealing'; peek?: PeekResponse }
  | { name: 'revealed'; secret: string; readsLeft: number }
  | { name: 'gone'; title: string; message: string }
  | { name: 'unreachable'; message: string; retry: 'check' | 'reveal' };

const GONE_TITLES: Record<Exclude<NoteState, 'pending'>, string> = {
  read: 'Already read',
  expired: 'Expired',
  revoked: 'Revoked',
  destroyed: 'Destroyed',
};

function goneFrom(error: NoteError, now: number): Phase | undefined {
  if (error.code === 'not_found') return { name: 'gone', title: 'Not available', message: error.message };
  if (error.code === 'gone') {
    const at = typeof error.at === 'number' ? ` (${error.state === 'expired' ? 'expired' : 'at'} ${clockTime(error.at, now)})` : '';
    return { name: 'gone', title: error.state ? GONE_TITLES[error.state] : 'Not available', message: `${error.message}${at}` };
  }
  return undefined;
}

/** What to tell someone whose passphrase was refused: attempts left, and when to try again. */
function passphraseMessage(error: NoteError, now: number): string {
  if (!('lockedUntil' in error)) return error.message;
  const retry = typeof error.lockedUntil === 'number' ? ` Try again at ${clockTime(error.lockedUntil, now)}.` : '';
  if (error.code === 'locked') return `Too many wrong passphrases: the note is locked.${retry}`;
  if (error.code !== 'wrong_passphrase' || error.attemptsLeft === undefined) return error.message;
  return `Wrong passphrase. ${error.attemptsLeft} attempt${error.attemptsLeft === 1 ? '' : 's'} left.${retry}`;
}

export function RevealView({ link, apiFor, copy, now = Date.now }: RevealViewProps) {
  const [phase, setPhase] = useState<Phase>(link.ok ? { name: 'checking' } : { name: 'invalid', message: link.error.message });
  const [passphrase, setPassphrase] = useState('');
  const [copied, setCopied] = useState<CopyResult | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);

  const check = async () => {
    if (!link.ok) return;
    setPhase({ name: 'checking' });
    const peek = await peekNote(apiFor(link.value.server), link.value);
    if (peek.ok) {
      const state = peek.value.state;
      if (state !== 'pending') {
        setPhase({ name: 'gone', title: GONE_TITLES[state], message: GONE_MESSAGES[state] });
      } else {
        const { lockedUntil } = peek.value;
        setPhase({ name: 'ready', peek: peek.value, passphraseError: lockedUntil === null ? undefined : passphraseMessage({ code: 'locked', message: '', lockedUntil }, now()) });
      }
      return;
    }
    const gone = goneFrom(peek.error, now());
    if (gone) return setPhase(gone);
    if (peek.error.code === 'unreachable') return setPhase({ name: 'unreachable', message: peek.error.message, retry: 'check' });
    // Any other answer: let the person try to reveal anyway; the consume gives the final word.
    setPhase({ name: 'ready' });
  };

  const reveal = async () => {
    if (!link.ok) return;
    const peek = phase.name === 'ready' ? phase.peek : undefined;
    setPhase({ name: 'revealing', peek });
    const result = await revealNote(apiFor(link.value.server), link.value, link.value.passphrase ? passphrase : undefined);
    if (result.ok) {
      setPassphrase('');
      return setPhase({ name: 'revealed', secret: result.value.secret, readsLeft: result.value.readsLeft });
    }
    const error = result.error;
    const gone = goneFrom(error, now());
    if (gone) return setPhase(gone);
    if (error.code === 'unreachable') return setPhase({ name: 'unreachable', message: error.message, retry: 'reveal' });
    if (error.code === 'wrong_passphrase' || error.code === 'passphrase_required' || error.code === 'locked') {
      if ('attemptsLeft' in error && error.attemptsLeft === 0) return setPhase({ name: 'gone', title: 'Destroyed', message: error.message });
      setPhase({ name: 'ready', peek, passphraseError: passphraseMessage(error, now()) });
      queueMicrotask(() => passphraseInput.current?.select());
      return;
    }
    setPhase({ name: 'gone', title: 'Could not open this note', message: error.message });
  };

  useEffect(() => { void check(); }, []);
  useEffect(() => {
    if (phase.name !== 'checking' && phase.name !== 'revealing' && phase.name !== 'ready') heading.current?.focus();
  }, [phase.name]);

  const onCopy = async () => {
    if (phase.name !== 'revealed') return;
    setCopied(await copy(phase.secret));
  };

  const server = link.ok ? new URL(link.value.server).host : '';

  switch (phase.name) {
    case 'invalid':
      return (
        <section class="reveal" aria-live="polite">
          <h1 ref={heading} tabIndex={-1}>This link is broken</h1>
          <p class="notice error" role="alert">{phase.message}</p>
        </section>
      );
    case 'checking':
      return (
        <section class="reveal" aria-busy="true">
          <h1>Checking the link…</h1>
          <p class="muted">Asking {server} whether the note is still there. This does not open it.</p>
        </section>
      );
    case 'ready':
    case 'revealing': {
      const busy = phase.name === 'revealing';
      const peek = phase.peek;
      const reads = peek?.readsLeft ?? 1;
      return (
        <section class="reveal">
          <h1 ref={heading} tabIndex={-1}>Someone shared a secret with you</h1>
          <p>
            {reads > 1
              ? `It can be read ${reads} more times. Each reveal counts as one.`
              : 'It can be read once. When you reveal it, it is deleted from the server and this link stops working.'}
          </p>
          <p class="muted small">
            Note server: <strong>{server}</strong>
            {peek ? <> · expires {relativeTime(peek.expiresAt, now())}</> : null}
          </p>
          <form onSubmit={(e) => { e.preventDefault(); if (!busy) void reveal(); }}>
            {link.ok && link.value.passphrase ? (
              <div class="field">
                <label for="passphrase">Passphrase</label>
                <input
                  id="passphrase"
                  ref={passphraseInput}
                  type="password"
                  autoComplete="off"
                  value={passphrase}
                  aria-describedby="passphrase-help"
                  aria-invalid={phase.name === 'ready' && phase.passphraseError ? true : undefined}
                  onInput={(e) => setPassphrase(e.currentTarget.value)}
                  autoFocus
                />
                <p id="passphrase-help" class="muted small">The sender should have given it to you another way. A wrong passphrase does not burn the note.</p>
              </div>
            ) : null}
            {phase.name === 'ready' && phase.passphraseError ? <p class="notice error" role="alert">{phase.passphraseError}</p> : null}
            <button type="submit" class="primary" disabled={busy || (link.ok && link.value.passphrase && passphrase.length === 0)}>
              {busy ? 'Revealing…' : 'Reveal secret'}
            </button>
          </form>
        </section>
      );
    }
    case 'revealed':
      return (
        <section class="reveal">
          <h1 ref={heading} tabIndex={-1}>Your secret</h1>
          <pre class="secret" data-testid="secret">{phase.secret}</pre>
          <div class="row">
            <button type="button" class="primary" onClick={() => void onCopy()}>Copy</button>
            <span role="status" class="small">
              {copied === undefined ? null : copiedSentence(copied, 'secret')}
            </span>
          </div>
          <p class="notice ok small after-actions">
            {phase.readsLeft > 0
              ? `${phase.readsLeft} more read${phase.readsLeft === 1 ? '' : 's'} allowed before the note is deleted.`
              : 'The note has been deleted from the server: this link no longer works. Keep the secret somewhere safe now.'}
          </p>
        </section>
      );
    case 'gone':
      return (
        <section class="reveal">
          <h1 ref={heading} tabIndex={-1}>{phase.title}</h1>
          <p class="notice warn" role="alert">{phase.message}</p>
        </section>
      );
    case 'unreachable':
      return (
        <section class="reveal">
          <h1 ref={heading} tabIndex={-1}>The note server is unreachable</h1>
          <p class="notice error" role="alert">{phase.message} The note was not opened.</p>
          <button type="button" onClick={() => void (phase.retry === 'check' ? check() : reveal())}>Try again</button>
        </section>
      );
  }
}
