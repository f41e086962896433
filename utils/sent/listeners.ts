// Background listeners of the sent list: the receipts alarm, changes to the list and to the
// settings, and the popup's Sent view messages.
import { browser } from 'wxt/browser';
import { fromExtensionPage, onMessage } from '../messaging';
import { receiptsItem, sentItem, settingsItem } from '../storage';
import { forgetSent, revokeSent } from './actions';
import { dropEndedLinks, KEPT_LINKS_ALARM } from './kept-links';
import { checkSent, RECEIPTS_ALARM, scheduleCheck, updateBadge } from './receipts';

/** Background listeners for read receipts and the Sent view's messages. Call once, at the top level. */
export function registerSent(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECEIPTS_ALARM) void checkSent();
    if (alarm.name === KEPT_LINKS_ALARM) void dropEndedLinks();
  });
  sentItem.watch(async (entries, previous) => {
    const now = Date.now();
    // A link read, revoked, expired or forgotten cannot be copied again: its key goes at once.
    void dropEndedLinks(now);
    await updateBadge(entries, now, (await settingsItem.getValue()).badge);
    const known = new Set((previous ?? []).map((e) => e.id));
    if (entries.some((e) => !known.has(e.id))) {
      // A new link: start again with short delays.
      await receiptsItem.setValue({ ...(await receiptsItem.getValue()), idleChecks: 0 });
      await scheduleCheck(entries, now, 0);
    }
  });
  settingsItem.watch(async (settings, previous) => {
    const entries = await sentItem.getValue();
    await updateBadge(entries, Date.now(), settings.badge);
    if (settings.readReceipts !== previous?.readReceipts || settings.badge !== previous?.badge) {
      await scheduleCheck(entries, Date.now(), (await receiptsItem.getValue()).idleChecks);
    }
  });
  browser.runtime.onStartup.addListener(() => void checkSent());

  // The popup's Sent view; content scripts, which run in other sites' pages, get nothing.
  onMessage('refreshSent', ({ sender }) => (fromExtensionPage(sender) ? checkSent() : []));
  onMessage('revokeSent', ({ data, sender }) =>
    (fromExtensionPage(sender) ? revokeSent(data) : { ok: false as const, error: { code: 'forbidden' as const } }));
  onMessage('forgetSent', async ({ data, sender }) => {
    if (fromExtensionPage(sender)) await forgetSent(data);
  });
}
