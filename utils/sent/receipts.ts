// Read receipts: ask each note server, in one batch request per server, what became of the links
// this browser sent; notify when one is read or expires unread; keep the badge count current.
import { browser } from 'wxt/browser';
import { createApi, type ApiError } from '../core/api';
import { applyStatus, byServer, isSent, isWaiting, mergeRefreshed, prune, type SentNote } from './entry';
import { fromExtensionPage, onMessage } from '../messaging';
import { forgetSent, revokeSent, updateSent } from './actions';
import { receiptsItem, sentItem, settingsItem } from '../storage';
import { clockTime } from '../core/format';

/** First check soon after a link is created, then back off while nothing changes. */
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;

/** Delay before the next check after `idleChecks` checks that found no change. */
export function backoffDelay(idleChecks: number, base = BASE_DELAY_MS, max = MAX_DELAY_MS): number {
  return Math.min(max, base * 2 ** Math.min(idleChecks, 20));
}

export interface Transition {
  entry: SentNote;
  /**
   * 'read': read (the last allowed read, or any read of a multi-read note); 'expired': unread;
   * 'destroyed': after too many wrong passphrases.
   */
  kind: 'read' | 'expired' | 'destroyed';
}

/** A server that could not be asked: unreachable, or it answered an error. */
export interface RefreshFailure {
  server: string;
  code: ApiError['code'];
  message: string;
}

export interface RefreshResult {
  entries: SentNote[];
  transitions: Transition[];
  failures: RefreshFailure[];
}

/**
 * Refreshes every waiting entry (one batch status request per server) and prunes old ones.
 * Entries that are no longer waiting are not asked about again.
 */
export async function refreshSent(entries: SentNote[], now: number, fetchImpl?: typeof fetch): Promise<RefreshResult> {
  const kept = prune(entries, now);
  const waiting = kept.filter((e) => isWaiting(e, now) || e.state === 'pending');
  const updated = new Map<string, SentNote>();
  const failures: RefreshResult['failures'] = [];
  await Promise.all([...byServer(waiting)].map(async ([server, group]) => {
    const api = createApi({ server, fetch: fetchImpl });
    // The protocol caps a batch at 100 notes.
    for (let i = 0; i < group.length; i += 100) {
      const slice = group.slice(i, i + 100);
      const result = await api.statusBatch(slice.map(({ id, manageToken }) => ({ id, manageToken })));
      if (!result.ok) {
        failures.push({ server, code: result.error.code, message: result.error.message });
        return;
      }
      slice.forEach((entry, j) => updated.set(entry.id, applyStatus(entry, result.value.statuses[j] ?? null, now)));
    }
  }));
  const transitions: Transition[] = [];
  const next = kept.map((entry) => {
    const fresh = updated.get(entry.id);
    if (!fresh) return entry;
    if (entry.state === 'pending' && (fresh.state === 'read' || (fresh.reads > entry.reads))) {
      transitions.push({ entry: fresh, kind: 'read' });
    } else if (entry.state === 'pending' && (fresh.state === 'expired' || fresh.state === 'destroyed')) {
      transitions.push({ entry: fresh, kind: fresh.state });
    }
    return fresh;
  });
  return { entries: next, transitions, failures };
}

/** The sentence of a read receipt notification. */
export function receiptMessage({ entry, kind }: Transition, now: number): string {
  const name = entry.label ? `'${entry.label}'` : `created ${clockTime(entry.createdAt, now)}`;
  if (kind === 'expired') return `Your link ${name} expired unread.`;
  if (kind === 'destroyed') return `Your link ${name} was destroyed after too many wrong passphrases. Nobody read it.`;
  const at = entry.readAt === null ? '' : ` at ${clockTime(entry.readAt, now)}`;
  const of = entry.maxReads > 1 ? ` (${entry.reads} of ${entry.maxReads} reads)` : '';
  return `Your link ${name} was read${at}${of}.`;
}

// --- background wiring ------------------------------------------------------------------------

export const RECEIPTS_ALARM = 'read-receipts';

async function updateBadge(entries: SentNote[], now: number, show: boolean): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  const waiting = entries.filter((e) => isWaiting(e, now)).length;
  await action.setBadgeText({ text: show && waiting > 0 ? String(waiting) : '' });
  await action.setBadgeBackgroundColor({ color: '#c2410c' });
}

async function schedule(entries: SentNote[], now: number, idleChecks: number): Promise<void> {
  const { readReceipts, badge } = await settingsItem.getValue();
  if (!entries.some((e) => e.state === 'pending') || (!readReceipts && !badge)) {
    // Nothing is waiting, or nothing would show the answer: no polling at all (the Sent view
    // still asks when the popup opens).
    await browser.alarms.clear(RECEIPTS_ALARM);
    return;
  }
  const { baseDelayMs } = await receiptsItem.getValue();
  await browser.alarms.create(RECEIPTS_ALARM, { when: now + backoffDelay(idleChecks, baseDelayMs ?? BASE_DELAY_MS) });
}

const NOTIFICATION_TITLES: Record<Transition['kind'], string> = {
  read: 'Link read',
  expired: 'Link expired unread',
  destroyed: 'Link destroyed',
};

let round: Promise<RefreshFailure[]> | undefined;

/**
 * One polling round: refresh, notify, badge, schedule the next round with backoff. A round asked
 * for while one runs (the alarm and an opening popup) joins it. Resolves to the servers that
 * could not be asked.
 */
export function checkReceipts(now = Date.now(), fetchImpl?: typeof fetch): Promise<RefreshFailure[]> {
  round ??= runRound(now, fetchImpl).finally(() => { round = undefined; });
  return round;
}

async function runRound(now: number, fetchImpl?: typeof fetch): Promise<RefreshFailure[]> {
  const settings = await settingsItem.getValue();
  const before = await sentItem.getValue();
  const { entries, transitions, failures } = await refreshSent(before, now, fetchImpl);
  const stored = await updateSent((current) => mergeRefreshed(before, entries, current));
  // Only what is still in the history as refreshed: not a link revoked or forgotten meanwhile.
  const kept = transitions.filter(({ entry }) => stored.some((e) => isSent(entry)(e) && e.checkedAt === entry.checkedAt));
  if (settings.readReceipts) {
    for (const transition of kept) {
      await browser.notifications.create(`receipt:${transition.entry.id}:${transition.entry.reads}`, {
        type: 'basic' as const,
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: NOTIFICATION_TITLES[transition.kind],
        message: receiptMessage(transition, now),
      });
    }
  }
  await updateBadge(stored, now, settings.badge);
  const idleChecks = kept.length > 0 ? 0 : (await receiptsItem.getValue()).idleChecks + 1;
  await receiptsItem.setValue({ ...(await receiptsItem.getValue()), idleChecks });
  await schedule(stored, now, idleChecks);
  return failures;
}

/** Background listeners for read receipts and the Sent view's messages. */
export function registerReceipts(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECEIPTS_ALARM) void checkReceipts();
  });
  sentItem.watch(async (entries, previous) => {
    const now = Date.now();
    await updateBadge(entries, now, (await settingsItem.getValue()).badge);
    const known = new Set((previous ?? []).map((e) => e.id));
    if (entries.some((e) => !known.has(e.id))) {
      // A new link: start again with short delays.
      await receiptsItem.setValue({ ...(await receiptsItem.getValue()), idleChecks: 0 });
      await schedule(entries, now, 0);
    }
  });
  settingsItem.watch(async (settings, previous) => {
    const entries = await sentItem.getValue();
    await updateBadge(entries, Date.now(), settings.badge);
    if (settings.readReceipts !== previous?.readReceipts || settings.badge !== previous?.badge) {
      await schedule(entries, Date.now(), (await receiptsItem.getValue()).idleChecks);
    }
  });
  browser.runtime.onStartup.addListener(() => void checkReceipts());

  // The popup's Sent view; content scripts, which run in other sites' pages, get nothing.
  onMessage('refreshSent', ({ sender }) => (fromExtensionPage(sender) ? checkReceipts() : []));
  onMessage('revokeSent', ({ data, sender }) =>
    (fromExtensionPage(sender) ? revokeSent(data) : { ok: false as const, error: 'Links are revoked from Burnlink\'s popup.' }));
  onMessage('forgetSent', async ({ data, sender }) => {
    if (fromExtensionPage(sender)) await forgetSent(data);
  });
}
