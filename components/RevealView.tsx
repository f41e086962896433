// The recipient's view of a one-time link, for any tool's reader: first what it is about to open
// and its state (a check that reads nothing), then a deliberate Reveal (which consumes it), then
// the secret with a Copy button. Shared by the extension's genuine reveal UI (a plain click: no
// page can reach it) and the note server's recipient page (press and hold: scanners click).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CopyRow } from './CopiedSentence';
import type { Translator } from '../utils/i18n/translate';
import { afterCheck, afterReveal, canReveal, goneWhen, isLocked, outcomeTitle, say, stateLine, type Phase, type Ready } from '../utils/reveal/flow';
import type { ForeignLink, Revealed, RevealSession } from '../utils/reveal/readers/types';
import { CodeConfirm } from './CodeConfirm';
import { HoldButton } from './HoldButton';
import { Fill, useT } from './I18n';
import { RevealedFiles } from './RevealedFiles';
import './RevealView.css';
import { useTicking } from './useTicking';

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
  /**
   * Hold Reveal when the keyboard leaves this document while the passphrase is being typed (the
   * extension's own UI, beside a page that can open a dialog or window to take the keys).
   */
  watchKeyboard?: boolean;
  now?: () => number;
}

/** What the tool calls the secret's password: Burnlink's word is passphrase. */
const secretWord = (target: ForeignLink) => (target.tool === 'burnlink' ? 'passphrase' : 'password');

/** The summary's own rows, shared with the access gate: which secret, on which server. */
export function OpeningRows({ target, details }: { target: ForeignLink; details: Array<[string, ComponentChildren]> }) {
  const { t } = useT();
  return (
    <>
      <dt>{t('reveal.summarySecret')}</dt>
      <dd>{target.toolName} <code title={target.noteId}>{target.noteId}</code></dd>
      <dt>{t('reveal.summaryServer')}</dt>
      <dd><strong>{target.host}</strong></dd>
      {details.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
    </>
  );
}

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

export function RevealView({ target, session, copy, confirm, details = [], passphraseGuard, onSettled, watchKeyboard = false, now = Date.now }: RevealViewProps) {
  const i18n = useT();
  const { t } = i18n;
  const { phase, check, reveal } = useRevealFlow(session, target.passwordNeeded);
  const [password, setPassword] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const ready = phase.name === 'ready' ? phase : phase.name === 'revealing' ? phase.ready : undefined;
  useTicking(1000, ready !== undefined && isLocked(ready, now()));
  const keyboard = useKeyboardLeft(watchKeyboard && ready?.passwordNeeded === true, passwordInput, () => setPassword(''));

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
        <h1>{t('reveal.checking')}</h1>
        {summary}
        <p class="muted">{t('reveal.checkingHost', { host: target.host })}</p>
      </section>
    );
  }
  if (phase.name === 'ready' || phase.name === 'revealing') {
    const current = phase.name === 'ready' ? phase : phase.ready;
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{t('reveal.heading')}</h1>
        {summary}
        <ReadyForm ready={current} busy={phase.name === 'revealing'} target={target} confirm={confirm} password={password}
          setPassword={setPassword} passwordInput={passwordInput} passphraseGuard={passphraseGuard} now={now()}
          keyboardLeft={keyboard.left} onRetype={keyboard.retype} onReveal={() => void reveal(current, password)} />
      </section>
    );
  }
  if (phase.name === 'revealed') {
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1} dir={phase.revealed.title ? 'auto' : undefined}>{revealedTitle(i18n, phase.revealed)}</h1>
        <RevealedSecret revealed={phase.revealed} copy={copy} />
      </section>
    );
  }
  return (
    <Outcome phase={phase} heading={heading} summary={summary} now={now()}
      retry={() => void (phase.name === 'unreachable' && phase.retry === 'reveal' && phase.ready ? reveal(phase.ready, password) : check())} />
  );
}

/**
 * Whether the keyboard left this document while the passphrase field was in use (it held text and
 * had the focus): keys typed after that went to another window, such as a dialog or window the page
 * beside opened, not to the field. Until the person clicks the field again (which empties it, for
 * the whole passphrase to be typed here) or empties it from the keyboard, the view says so and
 * Reveal stays off.
 */
function useKeyboardLeft(active: boolean, field: { current: HTMLInputElement | null }, empty: () => void) {
  const [left, setLeft] = useState(false);
  useEffect(() => {
    const input = field.current;
    if (!active || !input) return undefined;
    // The field's blur while the document has no focus: the keyboard went out of the document,
    // not to another control of it (a Tab to Reveal keeps the document focused).
    const blurred = () => { if (!document.hasFocus() && input.value !== '') setLeft(true); };
    input.addEventListener('blur', blurred);
    return () => input.removeEventListener('blur', blurred);
  }, [active, field.current]);
  const retype = () => {
    if (!left) return;
    setLeft(false);
    empty();
  };
  return { left, retype };
}

function revealedTitle({ t }: Translator, revealed: Revealed): string {
  if (revealed.title) return revealed.title;
  return revealed.text === undefined && revealed.files.length > 0 ? t('reveal.yourFiles') : t('reveal.yourSecret');
}

/** What is being opened, and its state: shown before anything is consumed. */
function Summary({ target, details, phase, now }: { target: ForeignLink; details: Array<[string, ComponentChildren]>; phase: Phase; now: number }) {
  const i18n = useT();
  return (
    <dl class="opening" aria-label={i18n.t('reveal.summaryLabel')}>
      <OpeningRows target={target} details={details} />
      <dt>{i18n.t('reveal.summaryState')}</dt>
      <dd data-testid="state">{stateLine(i18n, phase, now, secretWord(target))}</dd>
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
  const i18n = useT();
  const { t } = i18n;
  if (phase.name === 'gone') {
    const when = goneWhen(i18n, phase.gone, now);
    const message = say(i18n, phase.message);
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{outcomeTitle(i18n, phase)}</h1>
        {summary}
        <p class="notice warn" role="alert">{when ? t('reveal.whenThenMessage', { when, message }) : message}</p>
        {phase.gone.state === 'read' ? <p class="muted small">{t('reveal.readBySomeoneElse')}</p> : null}
      </section>
    );
  }
  if (phase.name === 'unreachable') {
    return (
      <section class="reveal">
        <h1 ref={heading} tabIndex={-1}>{t('reveal.unreachableTitle')}</h1>
        {summary}
        <p class="notice error" role="alert">{t('reveal.problemNothingOpened', { problem: say(i18n, phase.message) })}</p>
        <button type="button" onClick={retry}>{t('common.tryAgain')}</button>
      </section>
    );
  }
  return (
    <section class="reveal">
      <h1 ref={heading} tabIndex={-1}>{outcomeTitle(i18n, phase)}</h1>
      {summary}
      <p class="notice error" role="alert">{say(i18n, phase.message)}</p>
      {phase.site ? <p><a href={phase.site} target="_blank" rel="noreferrer noopener">{t('reveal.openOnSite')}</a></p> : null}
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
  /** The keyboard left while the passphrase was typed: Reveal waits for the field to be clicked or emptied. */
  keyboardLeft?: boolean;
  onRetype?: () => void;
  onReveal: () => void;
}

/** What a click on Reveal does, said before the click. */
function beforeClick(i18n: Translator, target: ForeignLink, ready: Ready): string {
  const { t, plural } = i18n;
  if (target.tool !== 'burnlink') return target.beforeClickWords ? say(i18n, target.beforeClickWords) : target.beforeClick;
  const views = ready.check?.views;
  return views !== undefined && views !== null && views > 1 ? plural('reveal.readsLeft', views) : t('reveal.readOnce');
}

function ReadyForm({ ready, busy, target, confirm, password, setPassword, passwordInput, passphraseGuard, now, keyboardLeft = false, onRetype, onReveal }: ReadyFormProps) {
  const i18n = useT();
  const { t } = i18n;
  const locked = isLocked(ready, now);
  const enabled = !busy && !keyboardLeft && canReveal(ready, password, now);
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (enabled && confirm === 'click') onReveal(); }}>
      <p>{beforeClick(i18n, target, ready)}</p>
      {ready.passwordNeeded ? (
        <div class="field">
          {passphraseGuard}
          <label for="passphrase">{target.tool === 'burnlink' ? t('reveal.passphrase') : t('reveal.password')}</label>
          <input
            id="passphrase"
            ref={passwordInput}
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={password}
            aria-describedby="passphrase-help"
            aria-invalid={ready.problem ? true : undefined}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              if (keyboardLeft && e.currentTarget.value === '') onRetype?.();
            }}
            onPointerDown={onRetype}
            autoFocus
          />
          {keyboardLeft ? <p class="notice warn" role="alert" data-testid="keyboard-left">{t('revealFocus.keyboardLeft')}</p> : null}
          <PasswordHelp target={target} ready={ready} />
        </div>
      ) : null}
      {ready.problem ? (
        <p class="notice error" role="alert">
          {ready.mayStillTry ? t('reveal.problemStillTry', { problem: say(i18n, ready.problem) }) : say(i18n, ready.problem)}
        </p>
      ) : null}
      {locked && ready.lockedUntil ? (
        <p class="notice warn" role="status" data-testid="locked">
          {t('reveal.lockedUntil', { time: i18n.clockTime(ready.lockedUntil, now), when: i18n.relativeTime(ready.lockedUntil, now) })}
        </p>
      ) : null}
      {confirm === 'click'
        ? <button type="submit" class="primary" disabled={!enabled}>{busy ? t('reveal.revealing') : t('reveal.reveal')}</button>
        : <HoldConfirm busy={busy} enabled={enabled} onReveal={onReveal} />}
    </form>
  );
}

/** Under the password field: where it comes from, and (Burnlink) that a wrong one burns nothing. */
function PasswordHelp({ target, ready }: { target: ForeignLink; ready: Ready }) {
  const { t, plural } = useT();
  if (target.tool !== 'burnlink') return <p id="passphrase-help" class="muted small">{t('reveal.passwordHelp')}</p>;
  return (
    <p id="passphrase-help" class="muted small">
      {ready.attemptsLeft === undefined ? t('reveal.passphraseHelp') : (
        <Fill message={t('reveal.passphraseHelpTries')}
          parts={{ tries: <span data-testid="attempts">{plural('reveal.triesLeft', ready.attemptsLeft)}</span> }} />
      )}
    </p>
  );
}

/** The id of the hold button's description. */
const HOLD_HELP = 'hold-help';

/** On a web page: press and hold, or type the code shown (scanners click every button). */
function HoldConfirm({ busy, enabled, onReveal }: { busy: boolean; enabled: boolean; onReveal: () => void }) {
  const { t } = useT();
  const [holdHint, setHoldHint] = useState(false);
  return (
    <>
      <HoldButton
        label={busy ? t('reveal.revealing') : t('reveal.hold')}
        holdingLabel={t('reveal.holding')}
        disabled={!enabled}
        describedBy={HOLD_HELP}
        onConfirm={onReveal}
        onTooShort={() => setHoldHint(true)}
      />
      <p id={HOLD_HELP} class={holdHint ? 'notice small' : 'muted small'} role={holdHint ? 'status' : undefined}>
        {holdHint ? t('reveal.holdHint') : t('reveal.holdHelp')}
      </p>
      <CodeConfirm disabled={!enabled} open={holdHint} onConfirm={onReveal} />
    </>
  );
}

/** What the server said after the reveal (reads left, deleted), in the catalogues' words where the reader gave them. */
function afterNotes(i18n: Translator, revealed: Revealed): string[] {
  return revealed.noteWords ? revealed.noteWords.map((words) => say(i18n, words)) : revealed.notes;
}

function RevealedSecret({ revealed, copy }: { revealed: Revealed; copy: (text: string) => Promise<CopyResult> }) {
  const i18n = useT();
  const { t } = i18n;
  const [shown, setShown] = useState(!revealed.hidden);
  const text = revealed.text;
  return (
    <>
      {text !== undefined ? (
        <>
          {shown
            ? <pre class="secret" data-testid="secret" dir="auto">{text}</pre>
            : <p class="secret masked" aria-label={t('reveal.hiddenSecret')}>{'•'.repeat(Math.min(24, Math.max(8, text.length)))}</p>}
          <CopyRow label={t('reveal.copy')} text={text} copy={copy}>
            {shown ? null : <button type="button" onClick={() => setShown(true)}>{t('reveal.show')}</button>}
          </CopyRow>
        </>
      ) : null}
      <RevealedFiles files={revealed.files} />
      {revealed.comments?.length ? (
        <div class="comments">
          <h2>{t('reveal.comments')}</h2>
          {revealed.comments.map((c, i) => (
            <p key={i} dir="auto">
              <Fill message={t('reveal.comment')} parts={{ name: <strong>{c.nickname || t('reveal.anonymous')}</strong>, text: c.text }} />
            </p>
          ))}
        </div>
      ) : null}
      {afterNotes(i18n, revealed).map((note) => <p key={note} class="notice ok small after-actions">{note}</p>)}
    </>
  );
}
