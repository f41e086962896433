// Revealing an answer, in the extension page that shows it: the key pair from IndexedDB, the
// answer fetched once with the fetch token (which deletes it on the server), decrypted with the
// non-extractable private key, read as a payload (text, or text and files). Nothing is fetched
// when this browser does not hold the key: the answer then stays for the browser that does.
import { clockTime } from '../core/format';
import { decodePayload } from '../core/payload-read';
import type { NoteContent } from '../core/payload';
import { createRequestApi } from '../core/request/api';
import { exportPublicKey } from '../core/request/crypto';
import { receiveAnswer } from '../core/request/flow';
import type { ClosedRequestState } from '../core/request/protocol';
import { ANSWER_GONE_MESSAGES } from '../core/request/wording';
import { err, ok, type Result } from '../core/result';
import { isRequest, type RequestEntry, type RequestRef } from './entry';
import type { KeyStore } from './keys';

export interface RevealDeps {
  keys: KeyStore;
  entries: () => Promise<RequestEntry[]>;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RevealedAnswer {
  content: NoteContent;
  answeredAt: number;
}

export interface RevealError {
  /**
   * `no_key`: this browser cannot open it (nothing was fetched); `gone`: nothing to fetch any more;
   * `lost`: the server handed it out but the reply never arrived; `unreadable`: it arrived and does
   * not open with this request's key (forged, moved or altered); `failed`: try again.
   */
  code: 'not_listed' | 'no_key' | 'gone' | 'not_answered' | 'lost' | 'unreadable' | 'failed';
  message: string;
  /** For `lost` and `unreadable`: when the server handed the answer out and deleted it. */
  consumedAt?: number;
  /** For `gone`: what became of the request. */
  state?: ClosedRequestState;
  /**
   * For `unreadable`, why it does not open (`decrypt_failed`, `malformed`, `unsupported`); for
   * `failed`, the API's error code: so that a page can say it in its own language.
   */
  cause?: string;
}

const LOST_MESSAGE = (at: string) =>
  `The server handed this answer out ${at}, but it never reached this window: the connection was lost on the way back. An answer is handed out once and then deleted, so it cannot be fetched again. Ask again with a new request.`;
const UNREADABLE_MESSAGE = (why: string) =>
  `${why} It was deleted on the server when it was handed out. Do not trust anything that claims to be this answer: ask again with a new request, and tell the person you asked that their answer did not arrive intact.`;

/** Fetches the answer once and opens it with this browser's private key. */
export async function revealAnswer(ref: RequestRef, deps: RevealDeps): Promise<Result<RevealedAnswer, RevealError>> {
  const now = deps.now ?? Date.now;
  const entry = (await deps.entries()).find(isRequest(ref));
  if (!entry) return err({ code: 'not_listed', message: 'This request is no longer in your list.' });
  const keys = await deps.keys.get(ref);
  if (!keys) {
    return err({
      code: 'no_key',
      message: 'This browser does not hold the key of this request: only the browser that made it can open the answer. Nothing was fetched, so the answer still waits for that browser.',
    });
  }
  const received = await receiveAnswer(createRequestApi({ server: entry.server, fetch: deps.fetch }), {
    id: entry.id, fetchToken: entry.fetchToken, privateKey: keys.privateKey, publicKey: await exportPublicKey(keys.publicKey),
  });
  if (!received.ok) {
    const e = received.error;
    if (e.fetched) return err({ code: 'unreadable', message: UNREADABLE_MESSAGE(e.message), consumedAt: now(), cause: e.code });
    if (e.code === 'gone' && 'state' in e && e.state === 'read' && entry.readAt === null) {
      // Read on the server, never shown here: the only holder of the fetch token is this browser.
      const at = e.at ?? now();
      return err({ code: 'lost', message: LOST_MESSAGE(`at ${clockTime(at, now())}`), consumedAt: at });
    }
    if (e.code === 'gone' && 'state' in e && e.state) return err({ code: 'gone', message: ANSWER_GONE_MESSAGES[e.state], state: e.state });
    if (e.code === 'not_answered') return err({ code: 'not_answered', message: e.message });
    return err({ code: 'failed', message: e.message, cause: e.code });
  }
  const content = decodePayload(received.value.payload);
  if (!content.ok) return err({ code: 'unreadable', message: UNREADABLE_MESSAGE(content.error.message), consumedAt: now(), cause: content.error.code });
  return ok({ content: content.value, answeredAt: received.value.answeredAt });
}
