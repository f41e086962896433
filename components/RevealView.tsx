// The recipient's view of a one-time link, for any tool's reader: first what it is about to open
// and its state (a check that reads nothing), then a deliberate Reveal (which consumes it), then
// the secret with a Copy button. Shared by the extension's genuine reveal UI (a plain click: no
// page can reach it) and the note server's recipient page (press and hold: scanners click).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CopiedSentence } from './CopiedSentence';
import { clockTime, relativeTime } from '../utils/core/format';
import { afterCheck, afterReveal, canReveal, goneWhen, isLocked, stateLine, type Phase, type Ready } from '../utils/reveal/flow';
import type { ForeignLink, Revealed, RevealSession } from '../utils/reveal/readers/types';
import { CodeConfirm } from './CodeConfirm';
import { HoldButton } from './HoldButton';
import { RevealedFiles } from './RevealedFiles';
import './RevealView.css';

export interface RevealViewProps {
  /** What is being opened, as the reader recognised it before any request. */
  target: ForeignLink;
  session: RevealSession;
  copy: (text: string) => Promise<CopyResult>;
  /** `click` in the extension's own UI; `hold` on a web page, where link scanners click everything. */
  confirm: 'click' | 'hold';
  /** Rows added to the "what this opens" summary, e.g. the link's text and the page it was on. */
  details?: Array<[string, ComponentChildren]>;
  /** Shown beside the passphrase field (the security phrase, in the extension). */
  passphraseGuard?: ComponentChildren;
  /** Called once it is revealed, gone or failed: nothing more will be asked of its server. */
  onSettled?: () => void;
  now?: () => number;
}

/** What the tool calls the secret's password: Burnlink's word is passphrase. */
const secretWord = (target: ForeignLink) => (target.tool === 'burnlink' ? 'passphrase' : 'password');

function useRevealFlow(session: RevealSession, linkSays: boolean | undefined) {
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const check = async () => {
    setPhase({ name: 'checking' });
    setPhase(afterCheck(await session.precheck(), linkSays));
  };
  const reveal = async (ready: Ready, password: string) => {
    setPhase({ name: 'revealing', ready });
    setPhase(afterReveal(await session.reveal(ready.passwordNeeded ? password : undefined), ready));
  };
  useEffect(() => {
    void check();
    return () => session.forget();
  }, []);
  return { phase, check, reveal };
}

/** Re-renders every second while `active`, so countdowns and locks follow the clock. */
function useTicking(active: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

export function RevealView({ target, session, copy, confirm, details = [], passphraseGuard, onSettled, now = Date.now }: RevealViewProps) {
  const { phase, check, reveal } = useRevealFlow(session, target.passwordNeeded);
  const [password, setPassword] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const ready = phase.name === 'ready' ? phase : phase.name === 'revealing' ? phase.ready : undefined;
  useTicking(ready !== undefined && isLocked(ready, now()));

  useEffect(() => {
    if (phase.name === 'ready' && phase.problem && phase.passwordNeeded) passwordInput.current?.select();
    else if (phase.name !== 'checking' && phase.name !== 'revealing' && phase.name !== 'ready') heading.current?.focus();
    if (phase.name === 'revealed') setPassword('');
    if (phase.name === 'revealed' || phase.name === 'gone' || phase.name === 'failed') onSettled?.();
  }, [phase]);

  const summary = <Summary target={target} details={details} phase={phase} now={now()} />;
  if (phase.name === 'checking') {
    return (
      <section class="reveal" aria-busy="true">
        <h1>Checking the link…</h1>
        {summary}
        <p class="muted">Asking {target.host} whether it is still there. This does not open it.</p>
      </section>
    );
  }
  if (phase.name === 'ready' || phase.name === 'revealing') {
    const current = phase.name === 'ready' ? phase : phase.ready;
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>Someone shared a secret with you</h1>
        {summary}
        <ReadyForm ready={current} busy={phase.name === 'revealing'} target={target} confirm={confirm} password={password}
          setPassword={setPassword} passwordInput={passwordInput} passphraseGuard={passphraseGuard} now={now()}
          onReveal={() => void reveal(current, password)} />
      </section>
    );
  }
  if (phase.name === 'revealed') {
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{revealedTitle(phase.revealed)}</h1>
        <RevealedSecret revealed={phase.revealed} copy={copy} />
      </section>
    );
  }
  return (
    <Outcome phase={phase} heading={heading} summary={summary} now={now()}
      retry={() => void (phase.name === 'unreachable' && phase.retry === 'reveal' && phase.ready ? reveal(phase.ready, password) : check())} />
  );
}

function revealedTitle(revealed: Revealed): string {
  if (revealed.title) return revealed.title;
  return revealed.text === undefined && revealed.files.length > 0 ? 'Your files' : 'Your secret';
}

/** What is being opened, and its state: shown before anything is consumed. */
function Summary({ target, details, phase, now }: { target: ForeignLink; details: Array<[string, ComponentChildren]>; phase: Phase; now: number }) {
  return (
    <dl class="opening" aria-label="What this opens">
      <dt>Secret</dt>
      <dd>{target.toolName} <code title={target.noteId}>{target.noteId}</code></dd>
      <dt>Server</dt>
      <dd><strong>{target.host}</strong></dd>
      {details.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
      <dt>State</dt>
      <dd data-testid="state">{stateLine(phase, now, secretWord(target))}</dd>
    </dl>
  );
}

type Ending = Extract<Phase, { name: 'gone' | 'unreachable' | 'failed' }>;

/** Where the reveal ends without a secret: gone, unreachable (with Try again), or failed. */
function Outcome({ phase, heading, summary, now, retry }: {
  phase: Ending;
  heading: { current: HTMLHeadingElement | null };
  summary: ComponentChildren;
  now: number;
  retry: () => void;
}) {
  if (phase.name === 'gone') {
    const when = goneWhen(phase.gone, now);
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{phase.title}</h1>
        {summary}
        <p class="notice warn" role="alert">{when ? `${when} ` : ''}{phase.message}</p>
        {phase.gone?.state === 'read' ? (
          <p class="muted small">If it was not you who read it, someone else did: tell the sender, so they can change the secret.</p>
        ) : null}
      </section>
    );
  }
  if (phase.name === 'unreachable') {
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>The server is unreachable</h1>
        {summary}
        <p class="notice error" role="alert">{phase.message} Nothing was opened.</p>
        <button type="button" onClick={retry}>Try again</button>
      </section>
    );
  }
  return (
    <section class="reveal">
      <h1 ref={heading} tabIndex={-1}>{phase.title}</h1>
      {summary}
      <p class="notice error" role="alert">{phase.message}</p>
      {phase.site ? <p><a href={phase.site} target="_blank" rel="noreferrer noopener">Open it on its own site</a></p> : null}
    </section>
  );
}

interface ReadyFormProps {
  ready: Ready;
  busy: boolean;
  target: ForeignLink;
  confirm: 'click' | 'hold';
  password: string;
  setPassword: (value: string) => void;
  passwordInput: { current: HTMLInputElement | null };
  passphraseGuard?: ComponentChildren;
  now: number;
  onReveal: () => void;
}

function ReadyForm({ ready, busy, target, confirm, password, setPassword, passwordInput, passphraseGuard, now, onReveal }: ReadyFormProps) {
  const [holdHint, setHoldHint] = useState(false);
  const locked = isLocked(ready, now);
  const enabled = !busy && canReveal(ready, password, now);
  const views = ready.check?.views;
  const beforeClick = target.tool !== 'burnlink' ? target.beforeClick
    : views !== undefined && views !== null && views > 1
      ? `It can be read ${views} more times. Each reveal counts as one.`
      : 'It can be read once. When you reveal it, it is deleted from the server and this link stops working.';

  return (
    <form onSubmit={(e) => { e.preventDefault(); if (enabled && confirm === 'click') onReveal(); }}>
      <p>{beforeClick}</p>
      {ready.passwordNeeded ? (
        <div class="field">
          {passphraseGuard}
          <label for="passphrase">{target.tool === 'burnlink' ? 'Passphrase' : 'Password'}</label>
          <input
            id="passphrase"
            ref={passwordInput}
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={password}
            aria-describedby="passphrase-help"
            aria-invalid={ready.problem ? true : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
            autoFocus
          />
          <p id="passphrase-help" class="muted small">
            The sender should have given it to you another way.{target.tool === 'burnlink' ? ' A wrong passphrase does not burn the note' : ''}
            {target.tool !== 'burnlink' ? null : ready.attemptsLeft === undefined ? '.' : <> (<span data-testid="attempts">{ready.attemptsLeft === 1 ? '1 try' : `${ready.attemptsLeft} tries`} left</span> before it is destroyed).</>}
          </p>
        </div>
      ) : null}
      {ready.problem ? <p class="notice error" role="alert">{ready.problem}</p> : null}
      {locked && ready.lockedUntil ? (
        <p class="notice warn" role="status" data-testid="locked">
          Too many wrong passphrases: the next try is possible at {clockTime(ready.lockedUntil, now)} ({relativeTime(ready.lockedUntil, now)}).
        </p>
      ) : null}
      {confirm === 'click' ? (
        <button type="submit" class="primary" disabled={!enabled}>{busy ? 'Revealing…' : 'Reveal secret'}</button>
      ) : (
        <>
          <HoldButton
            label={busy ? 'Revealing…' : 'Hold to reveal'}
            disabled={!enabled}
            describedBy="hold-help"
            onConfirm={onReveal}
            onTooShort={() => setHoldHint(true)}
          />
          <p id="hold-help" class={holdHint ? 'notice small' : 'muted small'} role={holdHint ? 'status' : undefined}>
            {holdHint
              ? 'Keep the button pressed (mouse, touch, or the Space key) until it fills, about a second. This keeps link scanners from opening it.'
              : 'Press and hold the button (or the Space key) for a second.'}
          </p>
          <CodeConfirm disabled={!enabled} open={holdHint} onConfirm={onReveal} />
        </>
      )}
    </form>
  );
}

function RevealedSecret({ revealed, copy }: { revealed: Revealed; copy: (text: string) => Promise<CopyResult> }) {
  const [copied, setCopied] = useState<CopyResult>();
  const [shown, setShown] = useState(!revealed.hidden);
  const text = revealed.text;
  return (
    <>
      {text !== undefined ? (
        <>
          {shown
            ? <pre class="secret" data-testid="secret">{text}</pre>
            : <p class="secret masked" aria-label="Hidden secret">{'•'.repeat(Math.min(24, Math.max(8, text.length)))}</p>}
          <div class="row">
            <button type="button" class="primary" onClick={() => void copy(text).then(setCopied)}>Copy</button>
            {shown ? null : <button type="button" onClick={() => setShown(true)}>Show</button>}
            <span role="status" class="small">
              {copied === undefined ? null : <CopiedSentence copied={copied} what="secret" />}
            </span>
          </div>
        </>
      ) : null}
      <RevealedFiles files={revealed.files} />
      {revealed.comments?.length ? (
        <div class="comments">
          <h2>Comments</h2>
          {revealed.comments.map((c, i) => <p key={i}><strong>{c.nickname || 'Anonymous'}:</strong> {c.text}</p>)}
        </div>
      ) : null}
      {revealed.notes.map((note) => <p key={note} class="notice ok small after-actions">{note}</p>)}
    </>
  );
}
