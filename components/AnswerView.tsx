// The answerer's view of a request link: check it (side-effect free), show the requester's note
// (only what they wrote: it proves no identity), take the secret, encrypt it in this browser to
// the requester's public key and post it. One answer per request. Served by the note server at /r/:id.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatBytes, relativeTime, clockTime, utf8Length } from '../utils/core/format';
import type { RequestApi } from '../utils/core/request/api';
import { sealAnswer } from '../utils/core/request/crypto';
import { openRequest, postAnswer, type RequestError } from '../utils/core/request/flow';
import type { RequestLink, RequestLinkError } from '../utils/core/request/link';
import type { AnswerEnvelope, ClosedRequestState } from '../utils/core/request/protocol';
import { REQUEST_CLOSED_MESSAGES } from '../utils/core/request/wording';
import type { Result } from '../utils/core/result';

export interface AnswerViewProps {
  link: Result<RequestLink, RequestLinkError>;
  api: (server: string) => RequestApi;
  /** The server's limit on an answer, in bytes; undefined when it did not say. */
  maxBytes: (server: string) => Promise<number | undefined>;
  /** Whether this browser can encrypt to an X25519 key. */
  supported: () => Promise<boolean>;
  now?: () => number;
}

type Phase =
  | { name: 'invalid'; message: string }
  | { name: 'unsupported' }
  | { name: 'checking' }
  | { name: 'ready'; note: string; expiresAt: number; maxBytes?: number }
  | { name: 'sent'; answeredAt: number }
  | { name: 'closed'; title: string; message: string }
  | { name: 'unreachable'; message: string };

const CLOSED_TITLES: Record<ClosedRequestState, string> = {
  answered: 'Already answered',
  read: 'Already answered',
  expired: 'This request expired',
  revoked: 'This request was withdrawn',
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The phase an error from the server or this browser leads to, when it ends the form. */
function closedFrom(error: RequestError, now: number): Phase | undefined {
  if (error.code === 'not_found') return { name: 'closed', title: 'No request at this link', message: error.message };
  if (error.code === 'gone' && 'state' in error && error.state) return closedPhase(error.state, error.at ?? null, now);
  return undefined;
}

/** Why the request takes no answer, and since when. */
function closedPhase(state: ClosedRequestState, at: number | null, now: number): Phase {
  const since = at === null ? '' : ` (${state === 'expired' ? 'expired' : 'at'} ${clockTime(at, now)})`;
  return { name: 'closed', title: CLOSED_TITLES[state], message: `${REQUEST_CLOSED_MESSAGES[state]}${since}` };
}

export function AnswerView({ link, api, maxBytes, supported, now = Date.now }: AnswerViewProps) {
  const [phase, setPhase] = useState<Phase>(link.ok ? { name: 'checking' } : { name: 'invalid', message: link.error.message });
  const heading = useRef<HTMLHeadingElement>(null);

  const check = async () => {
    if (!link.ok) return;
    setPhase({ name: 'checking' });
    if (!await supported()) return setPhase({ name: 'unsupported' });
    const server = link.value.server;
    const [opened, limit] = await Promise.all([openRequest(api(server), link.value), maxBytes(server)]);
    if (!opened.ok) {
      const closed = closedFrom(opened.error, now());
      if (closed) return setPhase(closed);
      return setPhase({ name: 'unreachable', message: opened.error.message });
    }
    const { peek, note } = opened.value;
    if (peek.state !== 'waiting') {
      return setPhase(closedPhase(peek.state, peek.at, now()));
    }
    setPhase({ name: 'ready', note: note ?? '', expiresAt: peek.expiresAt, maxBytes: limit });
  };

  useEffect(() => { void check(); }, []);
  useEffect(() => {
    if (phase.name !== 'checking' && phase.name !== 'ready') heading.current?.focus();
  }, [phase.name]);

  switch (phase.name) {
    case 'invalid':
      return <Message heading={heading} title="This request link is broken" message={phase.message} tone="error" />;
    case 'unsupported':
      return (
        <Message heading={heading} title="This browser cannot encrypt your answer" tone="error"
          message="Encrypting for the person who asked needs a current browser (X25519 in Web Crypto). Update this browser, or open the link in a current Chrome, Edge, Firefox or Safari." />
      );
    case 'checking':
      return (
        <section class="answer" aria-busy="true">
          <h1>Checking the request…</h1>
          <p class="muted">Asking {link.ok ? new URL(link.value.server).host : 'the server'} whether it still takes an answer.</p>
        </section>
      );
    case 'closed':
      return <Message heading={heading} title={phase.title} message={phase.message} tone="warn" />;
    case 'unreachable':
      return (
        <section class="answer">
          <h1 ref={heading} tabIndex={-1}>Could not check this request</h1>
          <p class="notice error" role="alert">{phase.message}</p>
          <button type="button" onClick={() => void check()}>Try again</button>
        </section>
      );
    case 'sent':
      return <Sent heading={heading} answeredAt={phase.answeredAt} now={now()} />;
    case 'ready':
      return link.ok ? (
        <AnswerForm
          link={link.value}
          note={phase.note}
          expiresAt={phase.expiresAt}
          maxBytes={phase.maxBytes}
          api={api(link.value.server)}
          now={now}
          onSent={(answeredAt) => setPhase({ name: 'sent', answeredAt })}
          onClosed={(closed) => setPhase(closed)}
        />
      ) : null;
  }
}

interface MessageProps {
  heading: RefObject<HTMLHeadingElement | null>;
  title: string;
  message: string;
  tone: 'error' | 'warn';
}

function Message({ heading, title, message, tone }: MessageProps) {
  return (
    <section class="answer" aria-live="polite">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p class={`notice ${tone}`} role={tone === 'error' ? 'alert' : undefined}>{message}</p>
    </section>
  );
}

function Sent({ heading, answeredAt, now }: { heading: RefObject<HTMLHeadingElement | null>; answeredAt: number; now: number }) {
  return (
    <section class="answer" aria-live="polite">
      <h1 ref={heading} tabIndex={-1}>Answer sent</h1>
      <p class="notice ok" role="status">
        Your answer was encrypted in this browser and sent at {clockTime(answeredAt, now)}. Only the browser that made
        this request can read it, once. This link takes no more answers.
      </p>
      <p>
        The person who asked is told to check with you that this answer came from you. If they ask, confirm it. If you
        did not expect this request, tell them another way than the link.
      </p>
      <p class="muted small">You can close this page: nothing of your answer is kept in it.</p>
    </section>
  );
}

interface AnswerFormProps {
  link: RequestLink;
  note: string;
  expiresAt: number;
  maxBytes?: number;
  api: RequestApi;
  now: () => number;
  onSent: (answeredAt: number) => void;
  onClosed: (phase: Phase) => void;
}

const encoder = new TextEncoder();

/**
 * Seals a text and posts it. The same text again (a retry after a lost reply) sends the very same
 * envelope, which the server answers with the same success instead of "already answered".
 */
function useSealAndPost(api: RequestApi, link: RequestLink) {
  const sealed = useRef<{ text: string; envelope: AnswerEnvelope }>(undefined);
  return async (answer: string) => {
    if (sealed.current?.text !== answer) {
      const envelope = await sealAnswer(encoder.encode(answer), { publicKey: link.publicKey, requestId: link.id });
      if (!envelope.ok) return envelope;
      sealed.current = { text: answer, envelope: envelope.value };
    }
    return postAnswer(api, link, sealed.current.envelope);
  };
}

/** The requester's note, the warning that it proves nothing, and the form of the one answer. */
function AnswerForm({ link, note, expiresAt, maxBytes, api, now, onSent, onClosed }: AnswerFormProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const sealAndPost = useSealAndPost(api, link);
  useLayoutEffect(() => textArea.current?.focus(), []);
  const bytes = utf8Length(text);
  const tooLarge = maxBytes !== undefined && bytes > maxBytes;

  const submit = async () => {
    if (busy) return;
    if (text.length === 0) {
      setError('Type or paste the secret first.');
      textArea.current?.focus();
      return;
    }
    if (tooLarge) {
      setError(`The answer is ${formatBytes(bytes - (maxBytes ?? 0))} too large: this server accepts up to ${formatBytes(maxBytes ?? 0)}. Shorten it.`);
      return;
    }
    setBusy(true);
    setError(undefined);
    const sent = await sealAndPost(text);
    setBusy(false);
    if (sent.ok) {
      setText('');
      return onSent(sent.value.answeredAt);
    }
    const closed = closedFrom(sent.error, now());
    if (closed) return onClosed(closed);
    // Anything else keeps the text: the person may retry.
    setError(sent.error.message);
  };

  return (
    <section class="answer" aria-labelledby="answer-heading">
      <h1 id="answer-heading">Someone asks you for a secret</h1>
      {note ? (
        <figure class="request-note">
          <figcaption class="small muted">Their note</figcaption>
          <blockquote id="request-note">{note}</blockquote>
        </figure>
      ) : <p class="muted" id="request-note">They left no note.</p>}
      <p class="notice warn small" id="identity-warning">
        Burnlink cannot tell you who made this request: the note is whatever they typed, not a checked name. Send the
        secret only if you know who is asking. If in doubt, check with them another way (a call, your usual chat).
      </p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-busy={busy}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
        <div class="field">
          <label for="answer">The secret</label>
          <textarea id="answer" ref={textArea} rows={6} value={text} spellcheck={false} autoComplete="off"
            placeholder="Paste the password, API key or token they asked for…" aria-describedby="answer-size"
            aria-invalid={tooLarge || undefined} onInput={(e) => setText(e.currentTarget.value)} />
          <p id="answer-size" class={`small ${tooLarge ? 'over' : 'muted'}`}>
            {maxBytes === undefined ? formatBytes(bytes) : `${formatBytes(bytes)} of ${formatBytes(maxBytes)}`}
          </p>
        </div>
        <p class="small muted">
          One answer per request: once you send, this link stops working. It expires {relativeTime(expiresAt, now())}.
        </p>
        {error ? <p class="notice error" role="alert">{error}</p> : null}
        <div class="row">
          <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
            {busy ? 'Encrypting and sending…' : 'Encrypt and send'}
          </button>
          <span class="muted small" aria-hidden="true">{isMac ? '⌘' : 'Ctrl'}+Enter</span>
        </div>
      </form>
    </section>
  );
}
