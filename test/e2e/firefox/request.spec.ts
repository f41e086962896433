// Request a secret in Firefox ESR with the built Firefox (MV2) extension and a real note server: the
// requester asks in the popup, the answerer answers on the answer page in a tab, the requester is
// told (notification, badge) and reveals the exact text, and a file beside it, once in the window
// the extension opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestApi } from '../../../utils/core/request/api';
import { parseRequestLink } from '../../../utils/core/request/link';
import type { RequestEntry } from '../../../utils/request/entry';
import { startServer, type RunningServer } from '../../helpers/server';
import { AnswerFilesUi } from '../pages/AnswerFilesUi';
import { AnswerPage } from '../pages/AnswerPage';
import { FirefoxUi } from '../pages/FirefoxUi';
import { AnswerRevealUi, RequestTabUi, storedRequestKeys } from '../pages/RequestViews';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';

const NOTE = 'Firefox: the staging DB password for Alex';
const SECRET = 'PGPASSWORD=Tr0ub4dor&3-firefox\n  indented   \nünïcödé ✓ 🔑';
/** Every byte value once: a file that no text decoding would leave intact. */
const KEY_FILE = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);

let server: RunningServer;
let ff: FirefoxExtension;
let firefox: FirefoxUi;

beforeAll(async () => {
  [server, ff] = await Promise.all([startServer(), launchFirefox()]);
  firefox = new FirefoxUi(ff);
  await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: true });
  // Checks after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
  await firefox.setStored('receipts', { idleChecks: 0, baseDelayMs: 500 });
  await firefox.recordNotifications();
});
afterAll(async () => {
  await ff?.close();
  await server?.stop();
});

const entries = async () => ((await firefox.stored('requests')) as RequestEntry[] | undefined) ?? [];

describe('Firefox: request a secret', () => {
  it('asks in the popup, is answered on the answer page with a file, tells the requester, and reveals the exact text and file once', async () => {
    const popupPage = await ff.openExtensionPage('popup.html', { width: 370, height: 720 });
    const tab = new RequestTabUi(ui(popupPage));
    await tab.show();
    await tab.create(NOTE);
    const link = await tab.link();
    const parsed = parseRequestLink(link);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { id } = parsed.value;
    expect(await firefox.clipboard()).toBe(link);
    await tab.ui.screenshot('firefox-request-created');
    // The key pair, in the extension's IndexedDB, with a private key Firefox will not export.
    expect(await ff.extensionPage.evaluate(storedRequestKeys)).toEqual([{ key: `${server.url} ${id}`, extractable: false, exportRefused: true }]);

    const answerTab = await ff.browser.newPage();
    const answer = new AnswerPage(ui(answerTab));
    await answer.open(link);
    expect(await answer.settledHeading()).toBe('Someone asks you for a secret');
    expect(await answer.note()).toBe(NOTE);
    // A file beside the text, dropped on the form as from the desktop.
    const files = new AnswerFilesUi(answer.ui);
    await files.drop([{ name: 'id_ed25519', type: '', bytes: [...KEY_FILE] }]);
    expect(await files.names()).toEqual(['id_ed25519']);
    await answer.ui.screenshot('firefox-answer-ready');
    expect(await answer.answer(SECRET)).toBe('Answer sent');
    await answerTab.close();

    const notice = await firefox.notification(0);
    expect(notice.title).toBe('Answer received');
    const badge = () => ff.extensionPage.evaluate(() => browser.browserAction.getBadgeText({}));
    await expect.poll(badge, { timeout: 10_000 }).toBe('1');
    await popupPage.bringToFront();
    await tab.stateOf(id, '^Answered at');

    // Reveal opens the extension's own window on this request.
    await tab.clickOn(id, 'reveal');
    const window = await ff.waitForExtensionTab('reveal-answer.html');
    const reveal = new AnswerRevealUi(ui(window));
    expect(await reveal.settledHeading()).toBe('Answer to your request');
    expect(await reveal.reveal()).toBe(SECRET);
    // The file, offered as a download of exactly the bytes sent.
    expect(await reveal.ui.evaluate(async () => Promise.all([...document.querySelectorAll<HTMLAnchorElement>('.revealed-files a.download')]
      .map(async (a) => [a.download, [...new Uint8Array(await (await fetch(a.href)).arrayBuffer())]] as const)), null))
      .toEqual([['id_ed25519', [...KEY_FILE]]]);
    await reveal.ui.screenshot('firefox-request-revealed');

    await expect.poll(async () => (await entries())[0]?.state, { timeout: 10_000 }).toBe('read');
    await expect.poll(() => ff.extensionPage.evaluate(storedRequestKeys), { timeout: 10_000 }).toEqual([]);
    await expect.poll(badge, { timeout: 10_000 }).toBe('');
    const again = await createRequestApi({ server: server.url }).fetchAnswer(id, (await entries())[0]?.fetchToken ?? '');
    expect(again).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
  });
});

declare const browser: import('webextension-polyfill').Browser;
