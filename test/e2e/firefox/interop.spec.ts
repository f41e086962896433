// Other tools' links in Firefox ESR with the built Firefox (MV2) extension: a person clicks "Reveal
// safely" beside a PrivateBin, Yopass or cryptgeon link on a chat page (or chooses it from the
// browser's own context menu), and the genuine reveal UI opens in its small extension window and
// reads the secret from a local stand-in of that tool's server, which answers with the recorded
// responses and the tool's own CORS headers (test/helpers/interop-servers.ts).
//
// What is proven here, as in the Chromium suite: nothing is requested before the click but the
// checks that read nothing; Reveal shows the exact text; exactly one request consumes; where the
// tool's server answers no other site (cryptgeon), Firefox's own permission prompt asks for that one
// server at the click that needs it, and the access is given back once the secret is open.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cryptgeonFixtures, onServer, privatebinFixtures, yopassFixtures } from '../../helpers/interop-fixtures';
import { startCryptgeon, startPrivateBin, startYopass, type ToolServer } from '../../helpers/interop-servers';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';
import { anchor, ChatRoomUi, startChatSite, type ChatSite } from '../pages/ChatSite';
import { DetectionUi } from '../pages/DetectionOptions';
import { FirefoxUi } from '../pages/FirefoxUi';
import { REVEAL_VIEW, RevealViewUi } from '../pages/RevealView';

declare const browser: import('webextension-polyfill').Browser;

/** The stand-ins listen on 127.0.0.1; the chat page is on localhost, where detection is on. */
const STAND_INS = 'http://127.0.0.1/*';

let site: ChatSite;
let ff: FirefoxExtension;
let firefox: FirefoxUi;
const servers: ToolServer[] = [];

beforeAll(async () => {
  [site, ff] = await Promise.all([startChatSite(), launchFirefox()]);
  firefox = new FirefoxUi(ff);
  // Detection on the chat site only, granted through Firefox's own prompt, as a person does it.
  const options = await ff.openExtensionPage('options.html');
  const detect = new DetectionUi(ui(options));
  await detect.choose('sites');
  await detect.addSite(site.otherOrigin);
  expect(await firefox.answerPermissionPrompt('allow')).toContain('localhost');
  await detect.waitForSite('http://localhost');
  await vi.waitFor(async () => expect(await access()).toEqual(['http://localhost/*']), { timeout: 15_000, interval: 50 });
  await options.close();
});
afterEach(async () => {
  await closeRevealWindows();
  for (const page of (await ff.browser.pages()).filter((p) => p !== ff.extensionPage)) await page.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await ff?.close();
  await site?.stop();
});

async function serve(start: Promise<ToolServer>): Promise<ToolServer> {
  const server = await start;
  servers.push(server);
  return server;
}

/** The sites the extension holds access to now. */
function access(): Promise<string[]> {
  return ff.extensionPage.evaluate(async () => (await browser.permissions.getAll()).origins ?? []);
}

/** Firefox's own window globals used below (functions passed to inBrowserWindow run there). */
interface PromptPanel { state: string; querySelector(selector: 'popupnotification'): (HTMLElement & { button: HTMLElement; secondaryButton: HTMLElement }) | null }
declare const Services: { wm: { getEnumerator(type: string): Iterable<Window & { PopupNotifications?: { panel: PromptPanel } }> } };

/**
 * Waits for the extension's permission prompt in whichever Firefox window shows it (the reveal
 * window is a window of its own), returns what it says, and allows or denies.
 */
function answerAccessPrompt(answer: 'allow' | 'deny'): Promise<string> {
  return ff.inBrowserWindow((choice) => new Promise<string>((resolve, reject) => {
    const until = Date.now() + 15_000;
    const check = () => {
      for (const w of Services.wm.getEnumerator('navigator:browser')) {
        const panel = w.PopupNotifications?.panel;
        const prompt = panel?.querySelector('popupnotification');
        if (panel?.state === 'open' && prompt?.id === 'addon-webext-permissions-notification') {
          const text = prompt.textContent ?? '';
          (choice === 'allow' ? prompt.button : prompt.secondaryButton).click();
          resolve(text);
          return;
        }
      }
      if (Date.now() > until) reject(new Error('no permission prompt within 15 s'));
      else setTimeout(check, 50);
    };
    check();
  }), answer);
}

/** The chat room holding `link`, open in a tab. */
async function chatWith(name: string, link: string): Promise<Page> {
  site.room(name, [
    { author: 'Ann', html: `the runbook: ${anchor('https://wiki.example.com/ops')}` },
    { author: 'Bob', html: `here you go: ${anchor(link, 'the secret')}` },
  ]);
  const page = await ff.browser.newPage();
  await page.goto(`${site.otherOrigin}/${name}`);
  return page;
}

/** Clicks the one "Reveal safely" button beside the link, as a person does. */
async function clickRevealSafely(page: Page): Promise<void> {
  const room = new ChatRoomUi(ui(page));
  await room.waitForButtons(1);
  await room.ui.click('burnlink-reveal');
}

/** The genuine reveal UI's window, once it opened, and the kind of window it is. */
async function revealWindow(): Promise<{ view: RevealViewUi; type: string }> {
  const page = await ff.waitForExtensionTab('reveal.html');
  const type = await ff.extensionPage.evaluate(async () => {
    const windows = await browser.windows.getAll({ populate: true });
    return windows.find((w) => w.tabs?.some((t) => t.url?.includes('/reveal.html')))?.type ?? 'none';
  });
  return { view: new RevealViewUi(ui(page)), type };
}

/** Closes every reveal window left open (by its window, as the browser's close button does). */
async function closeRevealWindows(): Promise<void> {
  await ff.extensionPage.evaluate(async () => {
    const windows = await browser.windows.getAll({ populate: true });
    for (const w of windows) if (w.id !== undefined && w.tabs?.some((t) => t.url?.includes('/reveal.html'))) await browser.windows.remove(w.id);
  });
}

/** Clicks "Reveal secret" and waits until the view shows the secret or an error. */
async function pressReveal(view: RevealViewUi): Promise<void> {
  await view.ui.click(REVEAL_VIEW.revealButton);
  await view.ui.until(() => document.querySelector('[data-testid="secret"], .notice.error') !== null, null);
}

describe("Firefox: other tools' links in the genuine reveal UI", () => {
  it('PrivateBin: no access asked or needed, nothing requested before the click, one read, the exact text', async () => {
    const paste = privatebinFixtures.find((r) => r.name === 'i-multiline-emoji-rtl-crlf');
    if (!paste) throw new Error('fixture missing');
    const server = await serve(startPrivateBin([{ id: paste.id, response: paste.response, burn: paste.burn }]));
    const page = await chatWith('privatebin', onServer(paste.link, server.origin));
    await clickRevealSafely(page);

    const { view, type } = await revealWindow();
    expect(type).toBe('popup');
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    expect(await view.ui.text('.opening')).toContain(`PrivateBin ${paste.id.slice(0, 6)}…${paste.id.slice(-4)}`);
    expect(await view.ui.text('[data-testid="state"]')).toMatch(/^Not checked: this tool has no safe way to ask before opening/);
    expect(await view.ui.text('form')).toContain('PrivateBin: opening reads this paste. If it was set to burn after reading, it is deleted');
    // PrivateBin answers any site: no gate, no prompt, and not one request before the click.
    expect(await view.ui.isVisible('[data-testid="access-gate"]')).toBe(false);
    expect(server.requests).toEqual([]);
    await view.ui.screenshot('firefox-interop-privatebin-ready');

    await pressReveal(view);
    expect(await view.ui.text(REVEAL_VIEW.secret)).toBe(paste.decrypted_paste);
    expect(server.consuming()).toHaveLength(1);
    // The read is a simple request: Firefox sent no preflight (PrivateBin would answer it with its page).
    expect(server.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(await access()).toEqual(['http://localhost/*']);
    // The chat page never holds the secret.
    expect(await page.evaluate(() => document.documentElement.textContent)).not.toContain(paste.decrypted_paste.slice(0, 20));
    await view.ui.screenshot('firefox-interop-privatebin-revealed');
  });

  it('Yopass, from the browser\'s context menu: a status check that reads nothing, the custom password, one read, the exact text', async () => {
    const secret = yopassFixtures.find((r) => r.name === 'new-text-custom-password-gcm');
    if (!secret?.link || !secret.id || !secret.decrypted_utf8) throw new Error('fixture missing');
    const server = await serve(startYopass([{ id: secret.id, file: false, oneTime: true, armored: secret.message ?? '' }]));
    const page = await chatWith('yopass', onServer(secret.link, server.origin));
    await new ChatRoomUi(ui(page)).waitForButtons(1);
    expect(await firefox.openContextMenu(page, `a[href*="${secret.id}"]`)).toContain('Reveal safely');
    await firefox.chooseMenuItem('Reveal safely');

    const { view } = await revealWindow();
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    expect(await view.ui.text('[data-testid="state"]')).toMatch(/needs a password$/);
    // Only the status check, which Yopass answers without touching the secret.
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /secret/${secret.id}/status`]);
    expect(server.consuming()).toEqual([]);

    await view.ui.fill(REVEAL_VIEW.passphrase, 'not the password');
    await pressReveal(view);
    expect(await view.ui.text('.notice.error')).toMatch(/password/i);
    await view.ui.fill(REVEAL_VIEW.passphrase, secret.key);
    await pressReveal(view);
    expect(await view.ui.text(REVEAL_VIEW.secret)).toBe(secret.decrypted_utf8);
    // The wrong password cost no second read: the message was kept in memory.
    expect(server.consuming()).toHaveLength(1);
    expect(await access()).toEqual(['http://localhost/*']);
    await view.ui.screenshot('firefox-interop-yopass-revealed');
  });

  it('cryptgeon: Firefox asks for that one server at the click, the check reads nothing, one read, the exact text, access given back', async () => {
    const note = cryptgeonFixtures.find((r) => r.name === 'text-random-key');
    if (!note?.plaintext) throw new Error('fixture missing');
    const server = await serve(startCryptgeon([{ id: note.id, previewResponse: note.preview_response, deleteResponse: note.delete_response, views: 1 }]));
    const page = await chatWith('cryptgeon', onServer(note.link, server.origin));
    await clickRevealSafely(page);

    const { view } = await revealWindow();
    await view.ui.waitFor('[data-testid="access-gate"]');
    expect(await view.ui.text('h1')).toBe('Allow Burnlink to read 127.0.0.1?');
    expect(server.requests).toEqual([]);
    expect(await access()).toEqual(['http://localhost/*']);
    await view.ui.screenshot('firefox-interop-access-gate');

    // The click asks Firefox, which names that one site; the person allows it.
    await view.ui.click('[data-testid="access-gate"] button.primary');
    expect(await answerAccessPrompt('allow')).toContain('127.0.0.1');
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    expect(await access()).toEqual(expect.arrayContaining(['http://localhost/*', STAND_INS]));
    // The check: one GET of the preview, which cryptgeon counts as nothing.
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
    expect(server.consuming()).toEqual([]);
    await view.ui.screenshot('firefox-interop-cryptgeon-ready');

    await pressReveal(view);
    expect(await view.ui.text(REVEAL_VIEW.secret)).toBe(note.plaintext);
    expect(server.consuming()).toHaveLength(1);
    // Opened: the access asked for is given back; the detection site stays.
    await expect.poll(access, { timeout: 10_000 }).toEqual(['http://localhost/*']);
    await view.ui.screenshot('firefox-interop-cryptgeon-revealed');
  });

  it('cryptgeon: when the person refuses Firefox\'s prompt, nothing is requested and it says so', async () => {
    const note = cryptgeonFixtures.find((r) => r.name === 'text-random-key');
    if (!note) throw new Error('fixture missing');
    const server = await serve(startCryptgeon([{ id: note.id, previewResponse: note.preview_response, deleteResponse: note.delete_response, views: 1 }]));
    const page = await chatWith('cryptgeon-refused', onServer(note.link, server.origin));
    await clickRevealSafely(page);

    const { view } = await revealWindow();
    await view.ui.click('[data-testid="access-gate"] button.primary');
    expect(await answerAccessPrompt('deny')).toContain('127.0.0.1');
    expect(await view.ui.text('[data-testid="access-gate"] [role="alert"]')).toBe(
      'Burnlink was not allowed to read 127.0.0.1, so it opened nothing. Allow it to try again, or open the link on its own site.',
    );
    expect(server.requests).toEqual([]);
    expect(await access()).toEqual(['http://localhost/*']);
    await view.ui.screenshot('firefox-interop-access-refused');
  });
});
