// Read receipts in the background: a polling round asks the servers (utils/sent/refresh.ts),
// notifies when a link is read, expires unread or is destroyed, keeps the badge count current, and
// schedules the next round, sooner after a change and later while nothing changes.
import { browser } from 'wxt/browser';
import { isSent, isWaiting, mergeRefreshed, type SentNote } from './entry';
import { updateSent } from './actions';
import { refreshSent, type RefreshFailure, type Transition } from './refresh';
import { setBadgeCount } from '../badge';
import { extensionTranslator } from '../i18n/extension';
import type { MessageKey, Translator } from '../i18n/translate';
import { keptLinksItem, receiptsItem, sentItem, settingsItem } from '../storage';

/** First check soon after a link is created, then back off while nothing changes. */
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;

/** Delay before the next check after `idleChecks` checks that found no change. */
export function backoffDelay(idleChecks: number, base = BASE_DELAY_MS, max = MAX_DELAY_MS): number {
  return Math.min(max, base * 2 ** Math.min(idleChecks, 20));
}

export const RECEIPTS_ALARM = 'read-receipts';

/** The number of links still waiting on the toolbar button, when the badge is on. */
export async function updateBadge(entries: SentNote[], now: number, show: boolean): Promise<void> {
  await setBadgeCount('links', entries.filter((e) => isWaiting(e, now)).length, show);
}

/** Sets the alarm of the next round, or none when nothing waits or nothing would show the answer. */
export async function scheduleCheck(entries: SentNote[], now: number, idleChecks: number): Promise<void> {
  const { readReceipts, badge } = await settingsItem.getValue();
  // A link kept for copying again must be dropped once read, so its state is followed too.
  const followed = readReceipts || badge || Object.keys(await keptLinksItem.getValue()).length > 0;
  if (!entries.some((e) => e.state === 'pending') || !followed) {
    // Nothing is waiting, or nothing would show the answer: no polling at all (the Sent view
    // still asks when the popup opens).
    await browser.alarms.clear(RECEIPTS_ALARM);
    return;
  }
  const { baseDelayMs } = await receiptsItem.getValue();
  await browser.alarms.create(RECEIPTS_ALARM, { when: now + backoffDelay(idleChecks, baseDelayMs ?? BASE_DELAY_MS) });
}

const NOTIFICATION_TITLES: Record<Transition['kind'], MessageKey> = {
  read: 'notify.read.title',
  expired: 'notify.expired.title',
  destroyed: 'notify.destroyed.title',
};

/** The read receipt of a transition, in the translator's language. */
export function receiptNotice({ entry, kind }: Transition, now: number, translator: Translator = extensionTranslator()): { title: string; message: string } {
  const { t, clockTime } = translator;
  const name = entry.label ? t('notify.quoted', { text: entry.label }) : t('notify.linkCreatedAt', { time: clockTime(entry.createdAt, now) });
  const title = t(NOTIFICATION_TITLES[kind]);
  if (kind === 'expired') return { title, message: t('notify.expired.message', { name }) };
  if (kind === 'destroyed') return { title, message: t('notify.destroyed.message', { name }) };
  const time = entry.readAt === null ? '' : clockTime(entry.readAt, now);
  const key: MessageKey = entry.maxReads > 1
    ? (time ? 'notify.read.messageAtOf' : 'notify.read.messageOf')
    : (time ? 'notify.read.messageAt' : 'notify.read.message');
  return { title, message: t(key, { name, time, reads: entry.reads, max: entry.maxReads }) };
}

let round: Promise<RefreshFailure[]> | undefined;

/**
 * One polling round: refresh, notify, badge, schedule the next round with backoff. A round asked
 * for while one runs (the alarm and an opening popup) joins it. Resolves to the servers that
 * could not be asked.
 */
export function checkSent(now = Date.now(), fetchImpl?: typeof fetch): Promise<RefreshFailure[]> {
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
        ...receiptNotice(transition, now),
      });
    }
  }
  await updateBadge(stored, now, settings.badge);
  const idleChecks = kept.length > 0 ? 0 : (await receiptsItem.getValue()).idleChecks + 1;
  await receiptsItem.setValue({ ...(await receiptsItem.getValue()), idleChecks });
  await scheduleCheck(stored, now, idleChecks);
  return failures;
}
