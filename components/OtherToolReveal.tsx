// Another tool's one-time link (PrivateBin, Yopass, cryptgeon, Hemmelig, Bitwarden Send) in the
// extension's reveal page, through its reader (utils/reveal/readers/): what it is and what the
// click will do, the check that reads nothing, then a deliberate Reveal, a password where needed
// (retried on what was fetched, never fetching again), and the text, files, comments and what
// happened on the server.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { formatBytes } from '../utils/core/format';
import type { Result } from '../utils/core/result';
import type { ForeignLink, Precheck, ReaderError, Revealed, RevealSession } from '../utils/reveal/readers/types';

export interface OtherToolRevealProps {
  target: ForeignLink;
  session: RevealSession;
  copy: (text: string) => Promise<CopyResult>;
  /** Called once it is revealed, gone or refused: nothing more will be asked of its server. */
  onSettled?: () => void;
}

type Phase =
  | { name: 'checking' }
  | { name: 'ready'; check?: Precheck; passwordNeeded: boolean; problem?: string; busy?: boolean }
  | { name: 'revealed'; revealed: Revealed }
  | { name: 'ended'; error: ReaderError; retry?: 'check' | 'reveal' };

const TITLES: Partial<Record<ReaderError['code'], string>> = {
  gone: 'Not available',
  unreachable: 'The server is unreachable',
  denied: 'Open this on its own site',
  unsupported: 'Burnlink cannot open this',
  damaged: 'This secret is damaged',
  bad_response: 'Unexpected answer',
};

function afterCheck(result: Result<Precheck, ReaderError>, linkSays: boolean | undefined): Phase {
  if (result.ok) return { name: 'ready', check: result.value, passwordNeeded: result.value.passwordNeeded ?? linkSays ?? false };
  if (result.error.code === 'password_needed') return { name: 'ready', passwordNeeded: true };
  // The check could not tell; the reveal gives the final word.
  if (result.error.code === 'bad_response') return { name: 'ready', passwordNeeded: linkSays ?? false, problem: result.error.message };
  return { name: 'ended', error: result.error, ...(result.error.code === 'unreachable' ? { retry: 'check' as const } : {}) };
}

function afterReveal(result: Result<Revealed, ReaderError>, ready: Extract<Phase, { name: 'ready' }>): Phase {
  if (result.ok) return { name: 'revealed', revealed: result.value };
  const { code, message } = result.error;
  if (code === 'password_needed' || code === 'wrong_password') return { ...ready, busy: false, passwordNeeded: true, problem: message };
  return { name: 'ended', error: result.error, ...(code === 'unreachable' ? { retry: 'reveal' as const } : {}) };
}

export function OtherToolReveal({ target, session, copy, onSettled }: OtherToolRevealProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [password, setPassword] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const check = async () => {
    setPhase({ name: 'checking' });
    setPhase(afterCheck(await session.precheck(), target.passwordNeeded));
  };
  useEffect(() => {
    void check();
    return () => session.forget();
  }, []);
  useEffect(() => {
    if (phase.name === 'revealed' || (phase.name === 'ended' && !phase.retry)) {
      onSettled?.();
      heading.current?.focus();
    }
  }, [phase]);

  const reveal = async (ready: Extract<Phase, { name: 'ready' }>) => {
    setPhase({ ...ready, busy: true });
    const result = await session.reveal(ready.passwordNeeded ? password : undefined);
    if (result.ok) setPassword('');
    setPhase(afterReveal(result, ready));
  };

  const summary = <Summary target={target} phase={phase} />;

  if (phase.name === 'checking') {
    return <section class="reveal" aria-busy="true"><h1>Checking the link…</h1>{summary}</section>;
  }
  if (phase.name === 'revealed') {
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{phase.revealed.title || 'Your secret'}</h1>
        <Secret revealed={phase.revealed} copy={copy} />
      </section>
    );
  }
  if (phase.name === 'ended') {
    const retry = phase.retry === 'check' ? check : phase.retry === 'reveal'
      ? () => reveal({ name: 'ready', passwordNeeded: target.passwordNeeded ?? false }) : undefined;
    return <Ended error={phase.error} summary={summary} heading={heading} {...(retry ? { retry } : {})} />;
  }
  const ready = phase;
  const enabled = !ready.busy && (!ready.passwordNeeded || password.length > 0);
  return (
    <section class="reveal">
      <h1 ref={heading} tabIndex={-1}>Someone shared a secret with you</h1>
      {summary}
      <form onSubmit={(e) => { e.preventDefault(); if (enabled) void reveal(ready); }}>
        <p>{target.beforeClick}</p>
        {ready.passwordNeeded ? (
          <div class="field">
            <label for="passphrase">Password</label>
            <input id="passphrase" type="password" autoComplete="off" spellcheck={false} value={password} autoFocus
              aria-invalid={ready.problem ? true : undefined} onInput={(e) => setPassword(e.currentTarget.value)} />
            <p class="muted small">The sender should have given it to you another way.</p>
          </div>
        ) : null}
        {ready.problem ? <p class="notice error" role="alert">{ready.problem}</p> : null}
        <button type="submit" class="primary" disabled={!enabled}>{ready.busy ? 'Revealing…' : 'Reveal secret'}</button>
      </form>
    </section>
  );
}

function readyState(ready: Extract<Phase, { name: 'ready' }>): string {
  const found = ready.check?.checked ? ready.check.message : 'Not checked: this tool has no safe way to ask before opening.';
  return ready.passwordNeeded ? `${found} It needs a password.` : found;
}

/** What is being opened and its state, shown before anything is consumed. */
function Summary({ target, phase }: { target: ForeignLink; phase: Phase }) {
  return (
    <dl class="opening" aria-label="What this opens">
      <dt>Secret</dt>
      <dd>{target.toolName} <code title={target.noteId}>{target.noteId}</code></dd>
      <dt>Server</dt>
      <dd><strong>{target.host}</strong></dd>
      <dt>State</dt>
      <dd data-testid="state">
        {phase.name === 'checking' ? 'Checking… (this does not open it)'
          : phase.name === 'ready' ? readyState(phase)
          : phase.name === 'revealed' ? 'Opened' : TITLES[phase.error.code] ?? 'Could not open this'}
      </dd>
    </dl>
  );
}

/** Where it ends without a secret: gone, refused, damaged, or unreachable (with Try again). */
function Ended({ error, summary, heading, retry }: {
  error: ReaderError;
  summary: ComponentChildren;
  heading: RefObject<HTMLHeadingElement | null>;
  retry?: () => Promise<void>;
}) {
  return (
    <section class="reveal">
      <h1 ref={heading} tabIndex={-1}>{TITLES[error.code] ?? 'Could not open this'}</h1>
      {summary}
      <p class={error.code === 'gone' ? 'notice warn' : 'notice error'} role="alert">{error.message}</p>
      {retry ? <button type="button" onClick={() => void retry()}>Try again</button> : null}
      {error.site ? <p><a href={error.site} target="_blank" rel="noreferrer noopener">Open it on its own site</a></p> : null}
    </section>
  );
}

function Secret({ revealed, copy }: { revealed: Revealed; copy: (text: string) => Promise<CopyResult> }) {
  const [copied, setCopied] = useState<CopyResult>();
  const [shown, setShown] = useState(!revealed.hidden);
  const text = revealed.text;
  // Always a download of opaque bytes: never rendered, whatever type the sender claimed.
  const urls = useMemo(() => revealed.files.map((f) => URL.createObjectURL(new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }))), [revealed]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return (
    <>
      {text !== undefined ? (
        <>
          {shown
            ? <pre class="secret" data-testid="secret">{text}</pre>
            : <p class="secret" aria-label="Hidden secret">{'•'.repeat(Math.min(24, Math.max(8, text.length)))}</p>}
          <div class="row">
            <button type="button" class="primary" onClick={() => void copy(text).then(setCopied)}>Copy</button>
            {shown ? null : <button type="button" onClick={() => setShown(true)}>Show</button>}
            <span role="status" class="small">
              {copied === undefined ? null : copied.ok ? 'Copied.' : 'Could not copy: select the text and copy it by hand.'}
            </span>
          </div>
        </>
      ) : null}
      {revealed.files.length > 0 ? (
        <ul class="files">
          {revealed.files.map((file, i) => (
            <li key={i}>
              <a href={urls[i]} download={file.name || `file-${i + 1}`}>{file.name || `File ${i + 1}`}</a>
              <span class="muted small"> {formatBytes(file.bytes.length)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {revealed.comments?.length ? (
        <div class="comments">
          <h2>Comments</h2>
          {revealed.comments.map((c, i) => <p key={i}><strong>{c.nickname || 'Anonymous'}:</strong> {c.text}</p>)}
        </div>
      ) : null}
      {revealed.notes.map((note) => <p key={note} class="notice ok small">{note}</p>)}
    </>
  );
}
