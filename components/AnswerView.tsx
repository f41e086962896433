// The answerer's view of a request link: check it (side-effect free), show the requester's note
// (only what they wrote: it proves no identity), take the secret, encrypt it in this browser to
// the requester's public key and post it, with any files attached (in a note's payload format).
// One answer per request. Served by the note server at /r/:id.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MAX_PLAINTEXT_BYTES } from '../utils/core/crypto';
import { checkContent, encodePayload, payloadSize, type NoteFile } from '../utils/core/payload';
import type { RequestApi } from '../utils/core/request/api';
import { sealAnswer } from '../utils/core/request/crypto';
import { openRequest, postAnswer, type RequestError } from '../utils/core/request/flow';
import type { RequestLink, RequestLinkError } from '../utils/core/request/link';
import type { AnswerEnvelope, ClosedRequestState } from '../utils/core/request/protocol';
import type { Result } from '../utils/core/result';
import { problemText, requestLinkText } from '../utils/i18n/problems';
import type { MessageKey, Translator } from '../utils/i18n/translate';
import { AnswerAttachments, DropHint, contentErrorText, contentOf, readFiles, useAnswerFiles } from './AnswerFiles';
import { pastedFiles, useFileDrop } from './AttachedFiles';
import { useT } from './I18n';

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

const CLOSED_TITLES: Record<ClosedRequestState, MessageKey> = {
  answered: 'answer.title.answered',
  read: 'answer.title.answered',
  expired: 'answer.title.expired',
  revoked: 'answer.title.revoked',
};

const CLOSED_MESSAGES: Record<ClosedRequestState, MessageKey> = {
  answered: 'request.closed.answered',
  read: 'request.closed.read',
  expired: 'request.closed.expired',
  revoked: 'request.closed.revoked',
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The phase an error from the server or this browser leads to, when it ends the form. */
function closedFrom(i18n: Translator, error: RequestError, now: number): Phase | undefined {
  if (error.code === 'not_found') return { name: 'closed', title: i18n.t('answer.title.notFound'), message: i18n.t('request.notFound') };
  if (error.code === 'gone' && 'state' in error && error.state) return closedPhase(i18n, error.state, error.at ?? null, now);
  return undefined;
}

/** Why the request takes no answer, and since when. */
function closedPhase({ t, clockTime }: Translator, state: ClosedRequestState, at: number | null, now: number): Phase {
  const message = t(CLOSED_MESSAGES[state]);
  const when = at === null ? undefined : t(state === 'expired' ? 'common.expiredAt' : 'common.happenedAt', { time: clockTime(at, now) });
  return { name: 'closed', title: t(CLOSED_TITLES[state]), message: when ? t('common.withTime', { message, when }) : message };
}

export function AnswerView({ link, api, maxBytes, supported, now = Date.now }: AnswerViewProps) {
  const i18n = useT();
  const { t } = i18n;
  const [phase, setPhase] = useState<Phase>(link.ok ? { name: 'checking' } : { name: 'invalid', message: requestLinkText(i18n, link.error) });
  const heading = useRef<HTMLHeadingElement>(null);

  const check = async () => {
    if (!link.ok) return;
    setPhase({ name: 'checking' });
    if (!await supported()) return setPhase({ name: 'unsupported' });
    const server = link.value.server;
    const [opened, limit] = await Promise.all([openRequest(api(server), link.value), maxBytes(server)]);
    if (!opened.ok) {
      const closed = closedFrom(i18n, opened.error, now());
      if (closed) return setPhase(closed);
      return setPhase({ name: 'unreachable', message: problemText(i18n, opened.error, server) });
    }
    const { peek, note } = opened.value;
    if (peek.state !== 'waiting') {
      return setPhase(closedPhase(i18n, peek.state, peek.at, now()));
    }
    setPhase({ name: 'ready', note: note ?? '', expiresAt: peek.expiresAt, maxBytes: limit });
  };

  useEffect(() => { void check(); }, []);
  useEffect(() => {
    if (phase.name !== 'checking' && phase.name !== 'ready') heading.current?.focus();
  }, [phase.name]);

  switch (phase.name) {
    case 'invalid':
      return <Message heading={heading} title={t('answer.brokenTitle')} message={phase.message} tone="error" />;
    case 'unsupported':
      return <Message heading={heading} title={t('answer.unsupportedTitle')} tone="error" message={t('answer.unsupported')} />;
    case 'checking':
      return (
        <section class="answer" aria-busy="true">
          <h1>{t('answer.checking')}</h1>
          <p class="muted">{t('answer.checkingHost', { host: link.ok ? new URL(link.value.server).host : '' })}</p>
        </section>
      );
    case 'closed':
      return <Message heading={heading} title={phase.title} message={phase.message} tone="warn" />;
    case 'unreachable':
      return (
        <section class="answer">
          <h1 ref={heading} tabIndex={-1}>{t('answer.unreachableTitle')}</h1>
          <p class="notice error" role="alert">{phase.message}</p>
          <button type="button" onClick={() => void check()}>{t('common.tryAgain')}</button>
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
  const { t, clockTime } = useT();
  return (
    <section class="answer" aria-live="polite">
      <h1 ref={heading} tabIndex={-1}>{t('answer.sentTitle')}</h1>
      <p class="notice ok" role="status">{t('answer.sent', { time: clockTime(answeredAt, now) })}</p>
      <p>{t('answer.sentConfirm')}</p>
      <p class="muted small">{t('answer.sentClose')}</p>
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

/**
 * Seals the answer's payload (text, or text and files) and posts it. The same text and files again
 * (a retry after a lost reply) send the very same envelope, which the server answers with the same
 * success instead of "already answered".
 */
function useSealAndPost(api: RequestApi, link: RequestLink) {
  const sealed = useRef<{ text: string; files: readonly File[]; envelope: AnswerEnvelope }>(undefined);
  const same = (text: string, files: readonly File[]) => sealed.current?.text === text
    && sealed.current.files.length === files.length && sealed.current.files.every((f, i) => f === files[i]);
  return async (text: string, files: readonly File[], read: NoteFile[]) => {
    let envelope = same(text, files) ? sealed.current?.envelope : undefined;
    if (!envelope) {
      const fresh = await sealAnswer(encodePayload({ text, files: read }), { publicKey: link.publicKey, requestId: link.id });
      if (!fresh.ok) return fresh;
      envelope = fresh.value;
      sealed.current = { text, files, envelope };
    }
    return postAnswer(api, link, envelope);
  };
}

/** The requester's note, the warning that it proves nothing, and the form of the one answer. */
function AnswerForm({ link, note, expiresAt, maxBytes, api, now, onSent, onClosed }: AnswerFormProps) {
  const i18n = useT();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const textArea = useRef<HTMLTextAreaElement>(null);
  const sealAndPost = useSealAndPost(api, link);
  const attached = useAnswerFiles(maxBytes, () => setError(undefined));
  const drop = useFileDrop(busy, attached.attach);
  useLayoutEffect(() => textArea.current?.focus(), []);
  const content = contentOf(text, attached.files);
  const bytes = payloadSize(content);
  const limit = maxBytes ?? MAX_PLAINTEXT_BYTES;

  const submit = async () => {
    if (busy) return;
    attached.clearRefused();
    const checked = checkContent(content, limit);
    if (!checked.ok) {
      setError(contentErrorText(i18n, checked.error, content, bytes, limit));
      if (checked.error.code === 'empty') textArea.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const read = await readFiles(i18n, attached.files);
    if (!read.ok) {
      setBusy(false);
      return setError(read.error);
    }
    const sent = await sealAndPost(text, attached.files, read.value);
    setBusy(false);
    if (sent.ok) {
      setText('');
      attached.clear();
      return onSent(sent.value.answeredAt);
    }
    const closed = closedFrom(i18n, sent.error, now());
    if (closed) return onClosed(closed);
    // Anything else keeps the text and the files: the person may retry.
    setError(problemText(i18n, sent.error, link.server));
  };

  return (
    <section class="answer" aria-labelledby="answer-heading">
      <h1 id="answer-heading">{t('answer.heading')}</h1>
      {note ? (
        <figure class="request-note">
          <figcaption class="small muted">{t('answer.theirNote')}</figcaption>
          <blockquote id="request-note" dir="auto">{note}</blockquote>
        </figure>
      ) : <p class="muted" id="request-note">{t('answer.noNote')}</p>}
      <p class="notice warn small" id="identity-warning">{t('answer.identityWarning')}</p>
      <form class={`answer-form${drop.dragging ? ' dragging' : ''}`} onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-busy={busy}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }} {...drop.handlers}>
        <AnswerField text={text} onInput={setText} onPasteFiles={attached.attach} textArea={textArea} bytes={bytes} maxBytes={maxBytes} withFiles={attached.files.length > 0} />
        <AnswerAttachments state={attached} busy={busy} />
        <p class="small muted">{t('answer.oneAnswer', { when: i18n.relativeTime(expiresAt, now()) })}</p>
        {error ? <p class="notice error" role="alert">{error}</p> : null}
        <div class="row">
          <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
            {busy ? t('answer.sending') : t('answer.send')}
          </button>
          <span class="muted small" aria-hidden="true">{t(isMac ? 'keys.cmdEnter' : 'keys.ctrlEnter')}</span>
        </div>
        {drop.dragging ? <DropHint>{t('answerFiles.dropHint')}</DropHint> : null}
      </form>
    </section>
  );
}

interface AnswerFieldProps {
  text: string;
  onInput: (text: string) => void;
  onPasteFiles: (files: File[]) => void;
  textArea: RefObject<HTMLTextAreaElement | null>;
  /** Text and files together, as the server counts them. */
  bytes: number;
  maxBytes: number | undefined;
  withFiles: boolean;
}

/** The secret's text, and the size of text and files against the server's limit. */
function AnswerField({ text, onInput, onPasteFiles, textArea, bytes, maxBytes, withFiles }: AnswerFieldProps) {
  const { t, bytes: size } = useT();
  const tooLarge = maxBytes !== undefined && bytes > maxBytes;
  const sizeLine = maxBytes === undefined
    ? (withFiles ? t('answerFiles.size', { size: size(bytes) }) : size(bytes))
    : t(withFiles ? 'answerFiles.sizeOf' : 'answer.sizeOf', { size: size(bytes), limit: size(maxBytes) });
  return (
    <div class="field">
      <label for="answer">{t('answer.secretLabel')}</label>
      <textarea id="answer" ref={textArea} rows={6} value={text} spellcheck={false} autoComplete="off" dir="auto"
        placeholder={withFiles ? t('answerFiles.placeholderWithFiles') : t('answer.placeholder')} aria-describedby="answer-size"
        aria-invalid={tooLarge || undefined} onInput={(e) => onInput(e.currentTarget.value)}
        onPaste={(e) => pastedFiles(e, onPasteFiles)} />
      <p id="answer-size" class={`small ${tooLarge ? 'over' : 'muted'}`}>{sizeLine}</p>
    </div>
  );
}
