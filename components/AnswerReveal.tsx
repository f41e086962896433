// The requester's view of an answer: which request it answers and when it came, then, on a click,
// the answer, fetched once (which deletes it on the server) and decrypted with this browser's
// private key; with Copy, downloads for files, and the reminder to check it with the sender.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CopiedSentence } from './CopiedSentence';
import { clockTime } from '../utils/core/format';
import type { Result } from '../utils/core/result';
import type { RequestEntry } from '../utils/request/entry';
import type { RevealError, RevealedAnswer } from '../utils/request/reveal';
import { CHECK_WITH_SENDER, requestTitle, shownRequestState } from '../utils/request/wording';
import { RequestStatusText } from './RequestList';
import { serverHost } from '../utils/sent/wording';
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

export function AnswerReveal({ entry, reveal, copy, now = Date.now }: AnswerRevealProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'ready' });
  const [copied, setCopied] = useState<CopyResult>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (phase.name !== 'revealing') heading.current?.focus(); }, [phase.name]);

  if (!entry) {
    return (
      <section class="answer-reveal">
        <h1 ref={heading} tabIndex={-1}>No such request</h1>
        <p class="notice warn">This request is not in your list any more. Open Burnlink&rsquo;s popup to see your requests.</p>
      </section>
    );
  }
  const at = now();
  const title = requestTitle(entry, at);
  const state = shownRequestState(entry, at);

  const onReveal = async () => {
    setPhase({ name: 'revealing' });
    const result = await reveal();
    setPhase(result.ok ? { name: 'revealed', answer: result.value } : { name: 'failed', error: result.error });
  };

  if (phase.name === 'revealed') {
    const { content, answeredAt } = phase.answer;
    return (
      <section class="answer-reveal" aria-labelledby="answer-heading">
        <h1 id="answer-heading" ref={heading} tabIndex={-1}>The answer</h1>
        <p class="muted small">To &lsquo;{title}&rsquo; · answered {clockTime(answeredAt, at)} · now deleted from {serverHost(entry.server)}</p>
        {content.text ? <pre class="secret" data-testid="answer">{content.text}</pre> : null}
        <RevealedFiles files={content.files} />
        {content.text ? (
          <div class="row">
            <button type="button" class="primary" onClick={async () => setCopied(await copy(content.text))}>Copy</button>
            <span role="status" class="small">
              {copied === undefined ? null : <CopiedSentence copied={copied} what="secret" />}
            </span>
          </div>
        ) : null}
        <p class="notice warn small after-actions" id="check-with-sender">{CHECK_WITH_SENDER}</p>
        <p class="muted small">It was shown once and is kept nowhere: close this window when you are done.</p>
      </section>
    );
  }

  const busy = phase.name === 'revealing';
  // After a refusal (no key here, nothing to fetch) a second click could not do better; after a
  // failed connection it can.
  const canReveal = state === 'answered' && (phase.name !== 'failed' || phase.error.code === 'failed');
  return (
    <section class="answer-reveal" aria-labelledby="answer-heading">
      <h1 id="answer-heading" ref={heading} tabIndex={-1}>{phase.name === 'failed' ? 'Could not reveal the answer' : 'Answer to your request'}</h1>
      <p class="request-title">&lsquo;{title}&rsquo;</p>
      <p class="muted small"><RequestStatusText entry={entry} now={at} /> · {serverHost(entry.server)}</p>
      {phase.name === 'failed' ? <p class="notice error" role="alert">{phase.error.message}</p> : null}
      {canReveal ? (
        <>
          <p>It can be revealed once: revealing it deletes it from the server.</p>
          <p class="notice warn small">{CHECK_WITH_SENDER}</p>
          <button type="button" class="primary wide" disabled={busy} onClick={() => void onReveal()}>
            {busy ? 'Revealing…' : 'Reveal answer'}
          </button>
        </>
      ) : null}
      {state === 'waiting' ? <p class="notice">Nobody has answered yet. Burnlink tells you when an answer arrives.</p> : null}
      {state !== 'answered' && state !== 'waiting' && phase.name !== 'failed' ? <p class="notice">There is no answer to reveal.</p> : null}
    </section>
  );
}
