// Revealing an answer, in the extension page that shows it: the key pair from IndexedDB, the
// answer fetched once with the fetch token (which deletes it on the server), decrypted with the
// non-extractable private key, read as a payload (text, or text and files). Nothing is fetched
// when this browser does not hold the key: the answer then stays for the browser that does.
import { decodePayload } from '../core/payload-read';
import type { NoteContent } from '../core/payload';
import { createRequestApi } from '../core/request/api';
import { exportPublicKey } from '../core/request/crypto';
import { receiveAnswer } from '../core/request/flow';
import { ANSWER_GONE_MESSAGES } from '../core/request/wording';
import { err, ok, type Result } from '../core/result';
import { isRequest, type RequestEntry, type RequestRef } from './entry';
import type { KeyStore } from './keys';

export interface RevealDeps {
  keys: KeyStore;
  entries: () => Promise<RequestEntry[]>;
  fetch?: typeof fetch;
}

export interface RevealedAnswer {
  content: NoteContent;
  answeredAt: number;
}

export interface RevealError {
  /** `no_key`: this browser cannot open it (nothing was fetched); `gone`: nothing to fetch any more. */
  code: 'not_listed' | 'no_key' | 'gone' | 'not_answered' | 'failed';
  message: string;
}

/** Fetches the answer once and opens it with this browser's private key. */
export async function revealAnswer(ref: RequestRef, deps: RevealDeps): Promise<Result<RevealedAnswer, RevealError>> {
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
    if (e.code === 'gone' && 'state' in e && e.state) return err({ code: 'gone', message: ANSWER_GONE_MESSAGES[e.state] });
    if (e.code === 'not_answered') return err({ code: 'not_answered', message: e.message });
    return err({ code: 'failed', message: e.message });
  }
  const content = decodePayload(received.value.payload);
  if (!content.ok) return err({ code: 'failed', message: content.error.message });
  return ok({ content: content.value, answeredAt: received.value.answeredAt });
}
