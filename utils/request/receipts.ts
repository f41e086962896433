// Answers arriving, in the background: a polling round asks the servers about open requests (one
// batch each), notifies when one is answered or expires, keeps the badge's count of answers to
// reveal, deletes key pairs that can no longer serve, and schedules the next round with the read
// receipts' backoff (utils/sent/receipts.ts), sooner after a change.
import { browser } from 'wxt/browser';
import { setBadgeCount } from '../badge';
import { createRequestApi, type RequestApiError } from '../core/request/api';
import { REQUEST_BATCH_LIMIT } from '../core/request/protocol';
import { err, ok, type Result } from '../core/result';
import { BASE_DELAY_MS, backoffDelay } from '../sent/receipts';
import { receiptsItem, requestReceiptsItem, requestsItem, settingsItem } from '../storage';
import { deleteStaleKeys, updateRequests } from './actions';
import { applyRequestStatus, isRequest, pruneRequests, refKey, type RequestEntry } from './entry';
import type { KeyStore } from './keys';
import { extensionTranslator } from '../i18n/extension';
import type { Translator } from '../i18n/translate';
import { noteTitle, shownRequestState } from './wording';
import { mergeRefresh } from '../merge-refresh';

export const REQUEST_RECEIPTS_ALARM = 'request-receipts';

export interface RequestTransition {
  entry: RequestEntry;
  kind: 'answered' | 'expired';
}

export interface RequestRefreshFailure {
  server: string;
  code: RequestApiError['code'];
  message: string;
}

export interface RequestRefresh {
  entries: RequestEntry[];
  transitions: RequestTransition[];
  failures: RequestRefreshFailure[];
}

/** Asks each server about its open requests (one batch per 100) and prunes old entries. */
export async function refreshRequests(entries: RequestEntry[], now: number, fetchImpl?: typeof fetch): Promise<RequestRefresh> {
  const kept = pruneRequests(entries, now);
  const asked = kept.filter((e) => e.state === 'waiting' || e.state === 'answered');
  const byServer = new Map<string, RequestEntry[]>();
  for (const e of asked) byServer.set(e.server, [...(byServer.get(e.server) ?? []), e]);
  const fresh = new Map<string, RequestEntry>();
  const failures: RequestRefreshFailure[] = [];
  await Promise.all([...byServer].map(async ([server, group]) => {
    const result = await askServer(server, group, now, fetchImpl);
    if (result.ok) for (const e of result.value) fresh.set(refKey(e), e);
    else failures.push(result.error);
  }));
  const transitions: RequestTransition[] = [];
  const next = kept.map((entry) => {
    const after = fresh.get(refKey(entry));
    if (!after) return entry;
    const kind = transition(entry, after, now);
    if (kind) transitions.push({ entry: after, kind });
    return after;
  });
  return { entries: next, transitions, failures };
}

async function askServer(server: string, group: RequestEntry[], now: number, fetchImpl?: typeof fetch): Promise<Result<RequestEntry[], RequestRefreshFailure>> {
  const api = createRequestApi({ server, fetch: fetchImpl });
  const out: RequestEntry[] = [];
  for (let i = 0; i < group.length; i += REQUEST_BATCH_LIMIT) {
    const slice = group.slice(i, i + REQUEST_BATCH_LIMIT);
    const answer = await api.statusBatch(slice.map(({ id, fetchToken }) => ({ id, fetchToken })));
    if (!answer.ok) return err({ server, code: answer.error.code, message: answer.error.message });
    slice.forEach((entry, j) => out.push(applyRequestStatus(entry, answer.value.statuses[j] ?? null, now)));
  }
  return ok(out);
}

/** What the requester is told about a change: an answer arrived, or the request ended unanswered or unrevealed. */
function transition(before: RequestEntry, after: RequestEntry, now: number): RequestTransition['kind'] | undefined {
  if (before.state === 'waiting' && after.state === 'answered') return 'answered';
  if ((before.state === 'waiting' || before.state === 'answered') && shownRequestState(after, now) === 'expired') return 'expired';
  return undefined;
}

const sameStatus = (a: RequestEntry, b: RequestEntry) =>
  a.state === b.state && a.answeredAt === b.answeredAt && a.readAt === b.readAt && a.expiresAt === b.expiresAt && a.checkedAt === b.checkedAt;

/**
 * Folds a refresh that started from `before` into the list as it is now: an entry added, withdrawn,
 * revealed or forgotten meanwhile keeps that change; the others take the refreshed state, and those
 * the refresh pruned go.
 */
export const mergeRequests = (before: RequestEntry[], refreshed: RequestEntry[], current: RequestEntry[]): RequestEntry[] =>
  mergeRefresh(before, refreshed, current, refKey, sameStatus);

/** Answers waiting to be revealed, for the badge. */
export const answersWaiting = (entries: RequestEntry[], now: number) =>
  entries.filter((e) => shownRequestState(e, now) === 'answered').length;

/** Sets the alarm of the next round, or none when no request is open or nothing would show an answer. */
export async function scheduleRequestCheck(entries: RequestEntry[], now: number, idleChecks: number): Promise<void> {
  const { readReceipts, badge } = await settingsItem.getValue();
  if (!entries.some((e) => e.state === 'waiting') || (!readReceipts && !badge)) {
    await browser.alarms.clear(REQUEST_RECEIPTS_ALARM);
    return;
  }
  // The read receipts' first delay, which only tests shorten.
  const { baseDelayMs } = await receiptsItem.getValue();
  await browser.alarms.create(REQUEST_RECEIPTS_ALARM, { when: now + backoffDelay(idleChecks, baseDelayMs ?? BASE_DELAY_MS) });
}

/** The notification of a request's change, in the translator's language. */
export function requestNotice({ entry, kind }: RequestTransition, now: number, translator: Translator = extensionTranslator()): { title: string; message: string } {
  const { t, clockTime } = translator;
  // The note's first line names the request; without one, when it was made.
  const title = noteTitle(entry.note);
  const request = title ? t('notify.quoted', { text: title }) : t('notify.requestMadeAt', { time: clockTime(entry.createdAt, now) });
  if (kind === 'answered') {
    const message = entry.answeredAt === null
      ? t('notify.answered.message', { request })
      : t('notify.answered.messageAt', { request, time: clockTime(entry.answeredAt, now) });
    return { title: t('notify.answered.title'), message };
  }
  const message = entry.answeredAt === null ? t('notify.requestExpired', { request }) : t('notify.answerExpired', { request });
  return { title: t('notify.requestEnded.title'), message };
}

/** The notification id of an answer: a click on it opens the reveal UI for that request. */
export const answerNotificationId = (entry: RequestEntry) => `request-answer:${entry.server} ${entry.id}`;

let round: Promise<RequestRefreshFailure[]> | undefined;

/**
 * One polling round: refresh, notify, badge, clean keys, schedule the next round. A round asked
 * for while one runs joins it. Resolves to the servers that could not be asked.
 */
export function checkRequests(keys: KeyStore, now = Date.now(), fetchImpl?: typeof fetch): Promise<RequestRefreshFailure[]> {
  round ??= runRound(keys, now, fetchImpl).finally(() => { round = undefined; });
  return round;
}

async function runRound(keys: KeyStore, now: number, fetchImpl?: typeof fetch): Promise<RequestRefreshFailure[]> {
  const settings = await settingsItem.getValue();
  const before = await requestsItem.getValue();
  const { entries, transitions, failures } = await refreshRequests(before, now, fetchImpl);
  const stored = await updateRequests((current) => mergeRequests(before, entries, current));
  const kept = transitions.filter(({ entry }) => stored.some((e) => isRequest(entry)(e) && e.checkedAt === entry.checkedAt));
  if (settings.readReceipts) {
    for (const transition of kept) {
      await browser.notifications.create(transition.kind === 'answered' ? answerNotificationId(transition.entry) : `request-ended:${transition.entry.id}`, {
        type: 'basic' as const,
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        ...requestNotice(transition, now),
      });
    }
  }
  await setBadgeCount('answers', answersWaiting(stored, now), settings.badge);
  await deleteStaleKeys(keys, now);
  const idleChecks = kept.length > 0 ? 0 : (await requestReceiptsItem.getValue()).idleChecks + 1;
  await requestReceiptsItem.setValue({ idleChecks });
  await scheduleRequestCheck(stored, now, idleChecks);
  return failures;
}
