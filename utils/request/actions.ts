// What the requester does with requests, in the background: ask (make the key pair, register the
// request, keep the pair and the entry, copy the link), copy the link again, withdraw, forget, and
// record a revealed answer. Every change of the stored list goes through one queue, so a refresh
// that ends late cannot undo a withdrawal or a new request.
import type { Copier } from '../clipboard/background-copier';
import { copyAndReport } from '../clipboard/background-copier';
import type { CopyResult } from '../clipboard/copy';
import { serialQueue } from '../core/queue';
import { createRequestApi } from '../core/request/api';
import { exportPublicKey } from '../core/request/crypto';
import { askForSecret, type RequestError } from '../core/request/flow';
import { formatRequestLink } from '../core/request/link';
import type { RequestState } from '../core/request/protocol';
import { err, ok, type Result } from '../core/result';
import { serverFailed, type ActionProblem } from '../sent/action-problem';
import { serverHost } from '../sent/wording';
import { requestsItem, type Settings } from '../storage';
import { applyRequestStatus, isOpen, isRequest, refKey, requestEntry, type RequestEntry, type RequestRef } from './entry';
import type { KeyStore } from './keys';

/** What the requester's side needs from the background: settings, key store, network, clipboard. */
export interface RequestDeps {
  settings: () => Promise<Settings>;
  keys: KeyStore;
  copy: Copier;
  fetch?: typeof fetch;
  now?: () => number;
}

/** What the requester asks for in the popup. */
export interface NewRequest {
  /** A note for whoever answers ("staging DB password for Alex"); may be empty. */
  note: string;
  /** Seconds; one of the server's expiry choices. */
  expiresIn: number;
}

/** Why no request was made, in a sentence; the extension's own reasons too. */
export interface RequestUiError {
  code: RequestError['code'] | 'forbidden' | 'no_background' | 'no_key';
  message: string;
}

/** A request just made, as the popup shows it. */
export interface CreatedRequest {
  server: string;
  id: string;
  link: string;
  expiresAt: number;
  copied: CopyResult;
}

const oneAtATime = serialQueue();

/** A failed request in one sentence for the requester: what happened and what to do. */
export function askErrorMessage(error: RequestError, server: string): string {
  const host = serverHost(server);
  switch (error.code) {
    case 'unreachable':
      return `Could not reach the note server at ${host}. Check that it is running and that the address in Burnlink's options is right, then try again.`;
    case 'bad_response':
      return `${host} did not answer like a Burnlink note server. Check the server address in Burnlink's options.`;
    case 'not_found':
      return `${host} does not take requests for a secret: it runs an older Burnlink. Ask the people who run it to update it, or choose another server in the options.`;
    case 'unauthorized':
      return 'This note server only accepts requests with its create token. Set the token in Burnlink\'s options, then try again.';
    case 'rate_limited':
      return 'The note server is receiving too many requests from you. Wait a minute, then try again.';
    default:
      return error.message;
  }
}

/** Applies `change` to the stored list after every change queued before it. */
export function updateRequests(change: (entries: RequestEntry[]) => RequestEntry[]): Promise<RequestEntry[]> {
  return oneAtATime(async () => {
    const entries = change(await requestsItem.getValue());
    await requestsItem.setValue(entries);
    return entries;
  });
}

/**
 * Makes the key pair, registers the request on the server in the settings, keeps the pair in
 * IndexedDB and the entry in the list, and copies the link. Nothing is kept when the server refuses.
 */
export async function askAndCopy(request: NewRequest, deps: RequestDeps): Promise<Result<CreatedRequest, RequestUiError>> {
  const settings = await deps.settings();
  const api = createRequestApi({ server: settings.server, fetch: deps.fetch });
  const asked = await askForSecret(api, { note: request.note, expiresIn: request.expiresIn, createToken: settings.createToken || undefined });
  if (!asked.ok) return err({ code: asked.error.code, message: askErrorMessage(asked.error, api.server) });
  const { server, request: created, keys, link } = asked.value;
  const ref = { server, id: created.id };
  const entry = requestEntry({
    server, id: created.id, fetchToken: created.fetchToken, note: request.note, createdAt: created.createdAt, expiresAt: created.expiresAt,
  });
  // The pair and the entry in one turn of the queue: a key clean-up never sees one without the other.
  await oneAtATime(async () => {
    await deps.keys.put(ref, keys);
    await requestsItem.setValue([...(await requestsItem.getValue()).filter((e) => !isRequest(ref)(e)), entry]);
  });
  return ok({
    server, id: created.id, link, expiresAt: created.expiresAt,
    copied: await copyAndReport(deps.copy, link, settings.clipboardClearSeconds),
  });
}

/**
 * Why a request's link was not copied again or the request not withdrawn: gone from the list, its
 * key gone from this browser, gone from its server, what the server said, or asked by something
 * other than Burnlink's own pages (worded by the popup: action-text.ts).
 */
export type RequestActionProblem = ActionProblem<'not_listed' | 'no_key' | 'gone'>;

/** The request link again, rebuilt from the public key kept with the pair, and copied. */
export async function copyRequestLink(ref: RequestRef, deps: RequestDeps): Promise<Result<{ link: string; copied: CopyResult }, RequestActionProblem>> {
  const entry = (await requestsItem.getValue()).find(isRequest(ref));
  if (!entry) return err({ code: 'not_listed' });
  const keys = await deps.keys.get(ref);
  if (!keys) return err({ code: 'no_key' });
  const link = formatRequestLink({ server: entry.server, id: entry.id, publicKey: await exportPublicKey(keys.publicKey) });
  const { clipboardClearSeconds } = await deps.settings();
  return ok({ link, copied: await copyAndReport(deps.copy, link, clipboardClearSeconds) });
}

/**
 * Withdraws a request on its server with the fetch token: the link takes no answer any more, and
 * an answer not yet revealed is deleted. The key pair goes too. Resolves to the state the server
 * reports (`revoked`, or what made withdrawing moot).
 */
export async function withdrawRequest(ref: RequestRef, deps: RequestDeps): Promise<Result<RequestState, RequestActionProblem>> {
  const entry = (await requestsItem.getValue()).find(isRequest(ref));
  if (!entry) return err({ code: 'not_listed' });
  const now = (deps.now ?? Date.now)();
  const answer = await createRequestApi({ server: entry.server, fetch: deps.fetch }).revoke(entry.id, entry.fetchToken);
  if (!answer.ok) {
    if (answer.error.code === 'not_found') {
      await deps.keys.delete(ref);
      return err({ code: 'gone' });
    }
    return err(serverFailed(entry.server, answer.error));
  }
  const updated = await updateRequests((entries) => entries.map((e) => (isRequest(ref)(e) ? applyRequestStatus(e, answer.value, now) : e)));
  const after = updated.find(isRequest(ref));
  if (!after || !isOpen(after, now)) await deps.keys.delete(ref);
  return ok(answer.value.state);
}

/**
 * Removes a request from the list and deletes its key pair. One still open is withdrawn on its
 * server first, when the server answers: without the key its answer could never be read anyway.
 */
export async function forgetRequest(ref: RequestRef, deps: RequestDeps): Promise<void> {
  const entry = (await requestsItem.getValue()).find(isRequest(ref));
  if (entry && isOpen(entry, (deps.now ?? Date.now)())) {
    await createRequestApi({ server: entry.server, fetch: deps.fetch }).revoke(entry.id, entry.fetchToken);
  }
  await deps.keys.delete(ref);
  await updateRequests((entries) => entries.filter((e) => !isRequest(ref)(e)));
}

/** Records that the answer was revealed (fetched and deleted on the server): the pair is deleted. */
export async function recordRevealed(ref: RequestRef, readAt: number, keys: KeyStore): Promise<void> {
  await keys.delete(ref);
  await updateRequests((entries) => entries.map((e) => (isRequest(ref)(e) ? { ...e, state: 'read', readAt, checkedAt: readAt } : e)));
}

/**
 * Deletes every key pair whose request is no longer open or no longer listed: revealed, withdrawn,
 * expired, forgotten. Returns how many went.
 */
export function deleteStaleKeys(keys: KeyStore, now: number): Promise<number> {
  return oneAtATime(async () => {
    const open = new Set((await requestsItem.getValue()).filter((e) => isOpen(e, now)).map(refKey));
    const stale = (await keys.list()).filter((key) => !open.has(key));
    for (const key of stale) {
      const at = key.lastIndexOf(' ');
      await keys.delete({ server: key.slice(0, at), id: key.slice(at + 1) });
    }
    return stale.length;
  });
}
