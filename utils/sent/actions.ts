// The stored history of sent links and what the sender does with it: record, revoke, forget.
// Runs in the background only. Every change is a read-modify-write of one storage item, so all of
// them go through one queue: a refresh that ends late cannot undo a revoke, a forget or a new link.
import { createApi } from '../core/api';
import { serialQueue } from '../core/queue';
import { applyStatus, isSent, sentEntry, type NewSentNote, type SentNote, type SentRef } from './entry';
import { err, ok, type Result } from '../core/result';
import { serverFailed, type ActionProblem } from './action-problem';
import { sentItem } from '../storage';

const oneAtATime = serialQueue();

/** Applies `change` to the stored history after every change queued before it; resolves to the result. */
export function updateSent(change: (entries: SentNote[]) => SentNote[]): Promise<SentNote[]> {
  return oneAtATime(async () => {
    const entries = change(await sentItem.getValue());
    await sentItem.setValue(entries);
    return entries;
  });
}

/** Adds a freshly created link. The entry is validated strictly: no key, link or secret gets in. */
export function recordSent(note: NewSentNote): Promise<SentNote[]> {
  return updateSent((entries) => [...entries.filter((e) => !isSent(note)(e)), sentEntry(note)]);
}

/** Removes a link from the history. The note itself stays on its server until read or expired. */
export function forgetSent(ref: SentRef): Promise<SentNote[]> {
  return updateSent((entries) => entries.filter((e) => !isSent(ref)(e)));
}

/**
 * Why a link was not revoked: gone from the history, gone from its server, what the server said,
 * or asked by something other than Burnlink's own pages (worded by the popup: revoke-text.ts).
 */
export type RevokeProblem = ActionProblem<'not_listed' | 'gone'>;

/**
 * Revokes a link on its server with the stored manage token, and stores the answer. Resolves to
 * the state the server reports: `revoked`, or the state that made revoking moot (already read).
 */
export async function revokeSent(ref: SentRef, now = Date.now(), fetchImpl?: typeof fetch): Promise<Result<SentNote['state'], RevokeProblem>> {
  const entry = (await sentItem.getValue()).find(isSent(ref));
  if (!entry) return err({ code: 'not_listed' });
  const answer = await createApi({ server: entry.server, fetch: fetchImpl }).revoke(entry.id, entry.manageToken);
  if (!answer.ok) {
    if (answer.error.code === 'not_found') return err({ code: 'gone' });
    return err(serverFailed(entry.server, answer.error));
  }
  await updateSent((entries) => entries.map((e) => (isSent(ref)(e) ? applyStatus(e, answer.value, now) : e)));
  return ok(answer.value.state);
}
