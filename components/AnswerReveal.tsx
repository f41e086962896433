// The requester's view of an answer: which request it answers and when it came, then, on a click,
// the answer, fetched once (which deletes it on the server) and decrypted with this browser's
// private key; with Copy, downloads for files, and the reminder to check it with the sender.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CopyRow } from './CopiedSentence';
import type { ClosedRequestState } from '../utils/core/request/protocol';
import type { Result } from '../utils/core/result';
import { problemText } from '../utils/i18n/problems';
import type { MessageKey, Translator } from '../utils/i18n/translate';
import type { RequestEntry } from '../utils/request/entry';
import type { RevealError, RevealedAnswer } from '../utils/request/reveal';
import { requestListTitle, shownRequestState } from '../utils/request/wording';
import { serverHost } from '../utils/sent/wording';
import { useT } from './I18n';
import { RevealedFiles } from './RevealedFiles';

export interface AnswerRevealProps {
  /** The request's list entry; null when it is not in the list (any more). */
  entry: RequestEntry | null;
  reveal: () => Promise<Result<RevealedAnswer, RevealError>>;
  copy: (text: string) => Promise<CopyResult>;
  now?: () => number;
}

type Phase =
  | { name: 'ready' }
  | { name: 'revealing' }
  | { name: 'revealed'; answer: RevealedAnswer }
  | { name: 'failed'; error: RevealError };


/** What became of the request, in a line: waiting, answered (when), revealed, ended. */
function statusLine({ t, clockTime, relativeTime }: Translator, entry: RequestEntry, now: number): string {
  const answered = entry.answeredAt === null ? undefined : clockTime(entry.answeredAt, now);
  switch (shownRequestState(entry, now)) {
    case 'waiting':
      return t('answerReveal.status.waiting', { when: relativeTime(entry.expiresAt, now) });
    case 'answered':
      return answered ? t('answerReveal.status.answeredAt', { time: answered, when: relativeTime(entry.expiresAt, now) })
        : t('answerReveal.status.answered', { when: relativeTime(entry.expiresAt, now) });
    case 'read':
      return entry.readAt === null ? t('answerReveal.status.read') : t('answerReveal.status.readAt', { time: clockTime(entry.readAt, now) });
    case 'expired':
      return answered ? t('answerReveal.status.expiredAnswered', { time: answered }) : t('answerReveal.status.expired');
    case 'revoked':
      return answered ? t('answerReveal.status.revokedAnswered', { time: answered }) : t('answerReveal.status.revoked');
  }
}

const GONE: Record<ClosedRequestState, MessageKey> = {
  answered: 'answerReveal.gone.answered',
  read: 'answerReveal.gone.read',
  expired: 'answerReveal.gone.expired',
  revoked: 'answerReveal.gone.revoked',
};

const UNREADABLE: Record<string, MessageKey> = {
  decrypt_failed: 'answerReveal.unreadable.decrypt',
  malformed: 'answerReveal.unreadable.damaged',
  unsupported: 'answerReveal.unreadable.newer',
};

/** Why revealing failed, in the page's language (the English sentence for a cause it does not know). */
export function revealErrorText(i18n: Translator, error: RevealError, server: string, now: number): string {
  const { t } = i18n;
  switch (error.code) {
    case 'not_listed': return t('answerReveal.error.notListed');
    case 'no_key': return t('answerReveal.error.noKey');
    case 'not_answered': return t('answerReveal.error.notAnswered');
    case 'gone': return error.state ? t(GONE[error.state]) : error.message;
    case 'lost': return t('answerReveal.error.lost', { time: i18n.clockTime(error.consumedAt ?? now, now) });
    case 'unreadable': {
      const why = error.cause ? UNREADABLE[error.cause] : undefined;
      return why ? `${t(why)} ${t('answerReveal.unreadable.then')}` : error.message;
    }
    case 'failed': return problemText(i18n, { code: error.cause ?? error.code, message: error.message }, server);
  }
}

export function AnswerReveal({ entry, reveal, copy, now = Date.now }: AnswerRevealProps) {
  const { t } = useT();
  const [phase, setPhase] = useState<Phase>({ name: 'ready' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (phase.name !== 'revealing') heading.current?.focus(); }, [phase.name]);

  if (!entry) {
    return (
      <section class="answer-reveal">
        <h1 ref={heading} tabIndex={-1}>{t('answerReveal.notListedTitle')}</h1>
        <p class="notice warn">{t('answerReveal.notListed')}</p>
      </section>
    );
  }

  const onReveal = async () => {
    setPhase({ name: 'revealing' });
    const result = await reveal();
    setPhase(result.ok ? { name: 'revealed', answer: result.value } : { name: 'failed', error: result.error });
  };

  if (phase.name === 'revealed') return <Revealed entry={entry} answer={phase.answer} copy={copy} heading={heading} now={now()} />;
  return <BeforeReveal entry={entry} phase={phase} onReveal={() => void onReveal()} heading={heading} now={now()} />;
}

interface BeforeRevealProps {
  entry: RequestEntry;
  phase: Exclude<Phase, { name: 'revealed' }>;
  onReveal: () => void;
  heading: { current: HTMLHeadingElement | null };
  now: number;
}

/** Which request, its state, and the one Reveal button (or why there is nothing to reveal). */
function BeforeReveal({ entry, phase, onReveal, heading, now }: BeforeRevealProps) {
  const i18n = useT();
  const { t } = i18n;
  const state = shownRequestState(entry, now);
  const busy = phase.name === 'revealing';
  // After a refusal (no key here, nothing to fetch) a second click could not do better; after a
  // failed connection it can.
  const canReveal = state === 'answered' && (phase.name !== 'failed' || phase.error.code === 'failed');
  return (
    <section class="answer-reveal" aria-labelledby="answer-heading">
      <h1 id="answer-heading" ref={heading} tabIndex={-1}>{phase.name === 'failed' ? t('answerReveal.failedTitle') : t('answerReveal.readyTitle')}</h1>
      <p class="request-title" dir="auto">{t('answerReveal.quoted', { title: requestListTitle(i18n, entry, now) })}</p>
      <p class="muted small">{t('answerReveal.statusLine', { status: statusLine(i18n, entry, now), host: serverHost(entry.server) })}</p>
      {phase.name === 'failed' ? <p class="notice error" role="alert">{revealErrorText(i18n, phase.error, entry.server, now)}</p> : null}
      {canReveal ? (
        <>
          <p>{t('answerReveal.once')}</p>
          <p class="notice warn small">{t('answerReveal.checkWithSender')}</p>
          <button type="button" class="primary wide" disabled={busy} onClick={onReveal}>
            {busy ? t('answerReveal.revealing') : t('answerReveal.reveal')}
          </button>
        </>
      ) : null}
      {state === 'waiting' ? <p class="notice">{t('answerReveal.waiting')}</p> : null}
      {state !== 'answered' && state !== 'waiting' && phase.name !== 'failed'
        ? <p class="notice">{state === 'read' ? t('answerReveal.gone.read') : t('answerReveal.nothing')}</p> : null}
    </section>
  );
}

interface RevealedProps {
  entry: RequestEntry;
  answer: RevealedAnswer;
  copy: (text: string) => Promise<CopyResult>;
  heading: { current: HTMLHeadingElement | null };
  now: number;
}

/** The answer: its text with Copy, its files as downloads, and the reminder to check it. */
function Revealed({ entry, answer: { content, answeredAt }, copy, heading, now }: RevealedProps) {
  const i18n = useT();
  const { t } = i18n;
  return (
    <section class="answer-reveal" aria-labelledby="answer-heading">
      <h1 id="answer-heading" ref={heading} tabIndex={-1}>{t('answerReveal.revealedTitle')}</h1>
      <p class="muted small" dir="auto">
        {t('answerReveal.revealedLine', { title: requestListTitle(i18n, entry, now), time: i18n.clockTime(answeredAt, now), host: serverHost(entry.server) })}
      </p>
      {content.text ? (
        <>
          <pre class="secret" data-testid="answer" dir="auto">{content.text}</pre>
          <CopyRow label={t('answerReveal.copy')} text={content.text} copy={copy} />
        </>
      ) : null}
      <RevealedFiles files={content.files} />
      <p class="notice warn small after-actions" id="check-with-sender">{t('answerReveal.checkWithSender')}</p>
      <p class="muted small">{t('answerReveal.shownOnce')}</p>
    </section>
  );
}
