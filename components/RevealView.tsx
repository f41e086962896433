// The recipient's view of a one-time link: check it (side-effect free), reveal on a click
// (this consumes the note), show the secret with a Copy button. Shared by the recipient web page
// and the extension's isolated reveal panel.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../utils/core/api';
import type { CopyResult } from '../utils/clipboard/copy';
import { copiedSentence } from '../utils/clipboard/wording';
import type { LinkError, NoteLink } from '../utils/core/link';
import { GONE_MESSAGES } from '../utils/core/gone-text';
import { peekNote, revealNote, type NoteError } from '../utils/core/note';
import type { NoteFile } from '../utils/core/payload';
import type { NoteState, PeekResponse } from '../utils/core/protocol';
import type { Result } from '../utils/core/result';
import { clockTime, relativeTime } from '../utils/core/format';
import { RevealedFiles } from './RevealedFiles';

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
  | { name: 'revealed'; secret: string; files: NoteFile[]; readsLeft: number }
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

/** The reveal's state and steps: checked on mount, revealed on request. */
function useReveal(link: Result<NoteLink, LinkError>, apiFor: (server: string) => Api, now: () => number) {
  const [phase, setPhase] = useState<Phase>(link.ok ? { name: 'checking' } : { name: 'invalid', message: link.error.message });
  const [passphrase, setPassphrase] = useState('');
  const passphraseInput = useRef<HTMLInputElement>(null);

  const check = async () => {
    if (!link.ok) return;
    setPhase({ name: 'checking' });
    const peek = await peekNote(apiFor(link.value.server), link.value);
    if (peek.ok) {
      const { state, lockedUntil } = peek.value;
      if (state !== 'pending') return setPhase({ name: 'gone', title: GONE_TITLES[state], message: GONE_MESSAGES[state] });
      const locked = lockedUntil === null ? undefined : passphraseMessage({ code: 'locked', message: '', lockedUntil }, now());
      return setPhase({ name: 'ready', peek: peek.value, passphraseError: locked });
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
      return setPhase({ name: 'revealed', secret: result.value.secret, files: result.value.files, readsLeft: result.value.readsLeft });
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
  return { phase, check, reveal, passphrase, setPassphrase, passphraseInput };
}

export function RevealView({ link, apiFor, copy, now = Date.now }: RevealViewProps) {
  const note = useReveal(link, apiFor, now);
  const { phase } = note;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (phase.name !== 'checking' && phase.name !== 'revealing' && phase.name !== 'ready') heading.current?.focus();
  }, [phase.name]);

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
    case 'revealing':
      return <ReadyForm {...note} phase={phase} withPassphrase={link.ok && link.value.passphrase} server={server} heading={heading} now={now} />;
    case 'revealed':
      return <Revealed secret={phase.secret} files={phase.files} readsLeft={phase.readsLeft} copy={copy} heading={heading} />;
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
          <button type="button" onClick={() => void (phase.retry === 'check' ? note.check() : note.reveal())}>Try again</button>
        </section>
      );
  }
}

interface ReadyFormProps {
  phase: Extract<Phase, { name: 'ready' | 'revealing' }>;
  withPassphrase: boolean;
  server: string;
  passphrase: string;
  setPassphrase: (passphrase: string) => void;
  passphraseInput: RefObject<HTMLInputElement | null>;
  reveal: () => Promise<void>;
  heading: RefObject<HTMLHeadingElement | null>;
  now: () => number;
}

/** Before the click: what revealing does, the passphrase when the note needs one, and Reveal. */
function ReadyForm({ phase, withPassphrase, server, passphrase, setPassphrase, passphraseInput, reveal, heading, now }: ReadyFormProps) {
  const busy = phase.name === 'revealing';
  const peek = phase.peek;
  const reads = peek?.readsLeft ?? 1;
  const passphraseError = phase.name === 'ready' ? phase.passphraseError : undefined;
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
        {withPassphrase ? (
          <div class="field">
            <label for="passphrase">Passphrase</label>
            <input
              id="passphrase"
              ref={passphraseInput}
              type="password"
              autoComplete="off"
              value={passphrase}
              aria-describedby="passphrase-help"
              aria-invalid={passphraseError ? true : undefined}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
              autoFocus
            />
            <p id="passphrase-help" class="muted small">The sender should have given it to you another way. A wrong passphrase does not burn the note.</p>
          </div>
        ) : null}
        {passphraseError ? <p class="notice error" role="alert">{passphraseError}</p> : null}
        <button type="submit" class="primary" disabled={busy || (withPassphrase && passphrase.length === 0)}>
          {busy ? 'Revealing…' : 'Reveal secret'}
        </button>
      </form>
    </section>
  );
}

interface RevealedProps {
  secret: string;
  files: NoteFile[];
  readsLeft: number;
  copy: (text: string) => Promise<CopyResult>;
  heading: RefObject<HTMLHeadingElement | null>;
}

/** After the click: the secret exactly as sent, Copy, and what is left of the note. */
function Revealed({ secret, files, readsLeft, copy, heading }: RevealedProps) {
  const [copied, setCopied] = useState<CopyResult | undefined>();
  return (
    <section class="reveal">
      <h1 ref={heading} tabIndex={-1}>{files.length > 0 && secret === '' ? 'Your files' : 'Your secret'}</h1>
      {secret !== '' ? (
        <>
          <pre class="secret" data-testid="secret">{secret}</pre>
          <div class="row">
            <button type="button" class="primary" onClick={() => void copy(secret).then(setCopied)}>Copy</button>
            <span role="status" class="small">
              {copied === undefined ? null : copiedSentence(copied, 'secret')}
            </span>
          </div>
        </>
      ) : null}
      <RevealedFiles files={files} />
      <p class="notice ok small after-actions">
        {readsLeft > 0
          ? `${readsLeft} more read${readsLeft === 1 ? '' : 's'} allowed before the note is deleted.`
          : 'The note has been deleted from the server: this link no longer works. Keep the secret somewhere safe now.'}
      </p>
    </section>
  );
}
