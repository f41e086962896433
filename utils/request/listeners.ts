// Background listeners of request-a-secret: the popup's and the reveal page's messages, the
// polling alarm, changes to the list and settings, and clicks on "Answer received".
import { browser } from 'wxt/browser';
import { backgroundCopier, copyAndReport } from '../clipboard/background-copier';
import { fromExtensionPage, onMessage } from '../messaging';
import { requestReceiptsItem, requestsItem, settingsItem } from '../storage';
import { setBadgeCount } from '../badge';
import { askAndCopy, copyRequestLink, forgetRequest, recordRevealed, withdrawRequest, type RequestDeps } from './actions';
import { indexedDbKeyStore } from './keys';
import { REQUEST_RECEIPTS_ALARM, answersWaiting, checkRequests, scheduleRequestCheck } from './receipts';
import { openAnswerWindow } from './surface';

function defaultDeps(): RequestDeps {
  return { settings: () => settingsItem.getValue(), keys: indexedDbKeyStore(), copy: backgroundCopier() };
}

const ONLY_POPUP = 'Requests are made from Burnlink\'s popup.';
const ANSWER_NOTIFICATION = 'request-answer:';

/** Background listeners of requests. Call once, at the top level of the background script. */
export function registerRequests(deps: RequestDeps = defaultDeps()): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REQUEST_RECEIPTS_ALARM) void checkRequests(deps.keys);
  });
  requestsItem.watch(async (entries, previous) => {
    const now = Date.now();
    await setBadgeCount('answers', answersWaiting(entries, now), (await settingsItem.getValue()).badge);
    const known = new Set((previous ?? []).map((e) => `${e.server} ${e.id}`));
    if (entries.some((e) => !known.has(`${e.server} ${e.id}`))) {
      // A new request: start again with short delays.
      await requestReceiptsItem.setValue({ idleChecks: 0 });
      await scheduleRequestCheck(entries, now, 0);
    }
  });
  settingsItem.watch(async (settings) => {
    const entries = await requestsItem.getValue();
    await setBadgeCount('answers', answersWaiting(entries, Date.now()), settings.badge);
    await scheduleRequestCheck(entries, Date.now(), (await requestReceiptsItem.getValue()).idleChecks);
  });
  browser.runtime.onStartup.addListener(() => void checkRequests(deps.keys));
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(ANSWER_NOTIFICATION)) return;
    const ref = id.slice(ANSWER_NOTIFICATION.length);
    const at = ref.lastIndexOf(' ');
    void openAnswerWindow({ server: ref.slice(0, at), id: ref.slice(at + 1) });
    void browser.notifications.clear(id);
  });

  // Only the extension's own pages: content scripts run in other sites' pages.
  onMessage('createRequest', ({ data, sender }) =>
    (fromExtensionPage(sender) ? askAndCopy(data, deps) : { ok: false as const, error: { code: 'forbidden' as const, message: ONLY_POPUP } }));
  onMessage('refreshRequests', ({ sender }) => (fromExtensionPage(sender) ? checkRequests(deps.keys) : []));
  onMessage('copyRequestLink', ({ data, sender }) =>
    (fromExtensionPage(sender) ? copyRequestLink(data, deps) : { ok: false as const, error: { code: 'forbidden' as const } }));
  onMessage('withdrawRequest', ({ data, sender }) =>
    (fromExtensionPage(sender) ? withdrawRequest(data, deps) : { ok: false as const, error: { code: 'forbidden' as const } }));
  onMessage('forgetRequest', async ({ data, sender }) => {
    if (fromExtensionPage(sender)) await forgetRequest(data, deps);
  });
  onMessage('openAnswer', async ({ data, sender }) => {
    if (fromExtensionPage(sender)) await openAnswerWindow(data);
  });
  onMessage('copyAnswer', async ({ data, sender }) => {
    if (!fromExtensionPage(sender) || typeof data.text !== 'string') return { ok: false };
    return copyAndReport(deps.copy, data.text, (await deps.settings()).clipboardClearSeconds);
  });
  onMessage('answerRevealed', async ({ data, sender }) => {
    if (fromExtensionPage(sender)) await recordRevealed(data, data.readAt, deps.keys);
  });
}
