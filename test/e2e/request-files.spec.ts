// Files in an answer, end to end in real headless Chromium with the built extension and a real
// note server: the answerer (a plain browser, no extension) attaches files beside the text on the
// answer page, is told plainly about an empty file, one too large and a total too large (nothing is
// sent then); the requester reveals the answer once in the extension's window, under the security
// phrase, and saves each file byte for byte; an HTML file among them is saved, never opened; a
// second reveal gets nothing. The window speaks the browser's language.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestApi } from '../../utils/core/request/api';
import { decodePayload } from '../../utils/core/payload-read';
import { askForSecret, openRequest, receiveAnswer } from '../../utils/core/request/flow';
import { parseRequestLink, type RequestLink } from '../../utils/core/request/link';
import type { RequestEntry } from '../../utils/request/entry';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { AnswerFilesUi } from './pages/AnswerFilesUi';
import { AnswerPage } from './pages/AnswerPage';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { AnswerRevealUi, RequestTabUi } from './pages/RequestViews';
import { binary } from '../helpers/binary';

declare const chrome: {
  storage: Record<'local', { get(keys: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
};

/** Small, so "too large" is cheap to reach. */
const MAX_NOTE_BYTES = 64 * 1024;

const TEXT = 'The p12 password: tulip-anchor-42\nünïcödé ✓ 🔑';
const P12 = binary(5000, 1);
const HTML = Buffer.from('<script>document.title = "ran"; window.open("about:blank")</script><h1>never shown</h1>');
const bytesOf = (b: Buffer) => [...b];

let server: RunningServer;
let requester: ExtensionBrowser;
let answerer: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  [server, requester, answerer] = await Promise.all([
    startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } }),
    launchWithExtension(),
    launchPlain(),
  ]);
  await new ExtensionWorker(requester).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
  // Checks after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
  await requester.worker.evaluate(() => chrome.storage.local.set({ receipts: { idleChecks: 0, baseDelayMs: 500 } }));
});
afterAll(async () => {
  await Promise.all([requester?.close(), answerer?.close()]);
  await server?.stop();
});

const entries = async (): Promise<RequestEntry[]> =>
  ((await requester.worker.evaluate(async () => (await chrome.storage.local.get(null)).requests)) as RequestEntry[] | undefined) ?? [];
/** The security phrase this browser's Burnlink made at install. */
const storedPhrase = () => requester.worker.evaluate(async () => (await chrome.storage.local.get('securityPhrase')).securityPhrase as string);

/** Everything a saved download holds. */
async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe('files in an answer', () => {
  let link: RequestLink;
  let linkText = '';

  it('refuses an empty file, one too large and a total too large with a sentence, sending nothing; then sends text and two files', async () => {
    linkText = await askAsRequester('The client certificate for staging, with its password');
    const parsed = parseRequestLink(linkText);
    if (!parsed.ok) throw new Error(parsed.error.message);
    link = parsed.value;

    const page = await answerer.context.newPage();
    const answer = new AnswerPage(playwrightDriver(page));
    const files = new AnswerFilesUi(answer.ui);
    await answer.open(linkText);
    expect(await answer.settledHeading()).toBe('Someone asks you for a secret');

    // The file chooser, as a person uses it.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.answer-form .attach-button').click()]);
    await chooser.setFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'backup.tar', mimeType: 'application/x-tar', buffer: binary(MAX_NOTE_BYTES + 1, 3) },
      { name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: P12 },
    ]);
    expect(await files.names()).toEqual(['client.p12']);
    expect(await files.refusals()).toEqual([
      '"empty.txt" is empty (0 bytes): there is nothing in it to send. Attach the file you meant.',
      '"backup.tar" is 1 byte too large: this server accepts answers (text and files) up to 64 kB. Send a smaller file, or agree on another way with the person who asked.',
    ]);
    await screenshot(page, 'answer-files-refused');

    // Two files each within the limit, together beyond it: the size line says so, Send refuses.
    await files.drop([{ name: 'a.bin', type: '', bytes: bytesOf(binary(40 * 1024, 4)) }, { name: 'b.bin', type: '', bytes: bytesOf(binary(40 * 1024, 5)) }]);
    expect(await files.names()).toEqual(['client.p12', 'a.bin', 'b.bin']);
    expect(await files.size()).toMatch(/^Text and files: 85 kB of 64 kB$/);
    const refused = await files.send();
    expect(refused.error).toMatch(/^The text and files come to 85 kB, 21 kB more than this server accepts per answer \(64 kB\)\. Remove a file/);
    expect(await files.names()).toEqual(['client.p12', 'a.bin', 'b.bin']);
    // Nothing reached the server: the request still waits.
    const peek = await openRequest(createRequestApi({ server: server.url }), link);
    expect(peek).toMatchObject({ ok: true, value: { peek: { state: 'waiting' } } });

    await files.remove('a.bin');
    await files.remove('b.bin');
    await answer.ui.fill('#answer', TEXT);
    await files.paste([{ name: 'report.html', type: 'text/html', bytes: bytesOf(HTML) }]);
    expect(await files.names()).toEqual(['client.p12', 'report.html']);
    expect(await answer.ui.value('#answer')).toBe(TEXT);
    expect(await files.size()).toMatch(/^Text and files: 5\.\d kB of 64 kB$/);
    await screenshot(page, 'answer-files-ready');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'answer-files-ready-dark');

    expect(await files.send()).toEqual({ heading: 'Answer sent' });
    await page.close();
  });

  it('reveals it once under the security phrase: the text, and each file saved byte for byte, the HTML never opened', async () => {
    const popup = await requester.openExtensionPage('popup.html');
    const tab = new RequestTabUi(playwrightDriver(popup));
    await tab.show();
    await tab.stateOf(link.id, '^Answered at');
    const opened = requester.context.waitForEvent('page', (p) => p.url().includes('reveal-answer.html'));
    await tab.clickOn(link.id, 'reveal');
    const window = await opened;
    await window.waitForLoadState();
    await window.setViewportSize({ width: 460, height: 620 });
    const ui = new AnswerRevealUi(playwrightDriver(window));
    expect(await ui.settledHeading()).toBe('Answer to your request');

    // The phrase is at the top, above everything to click: a look-alike page could not know it.
    // Burnlink made its security phrase when it was installed, long before this window opened.
    const phrase = await storedPhrase();
    expect(phrase.length).toBeGreaterThan(0);
    expect(await window.getByTestId('security-phrase').textContent()).toBe(phrase);
    expect(await window.locator('.phrase-strip').textContent()).toBe(`Your security phrase ${phrase}`);
    const strip = await window.locator('.phrase-strip').boundingBox();
    const button = await window.locator('.answer-reveal button.wide').boundingBox();
    expect(strip && button && strip.y + strip.height <= button.y).toBe(true);
    await screenshot(window, 'answer-window-ready');

    const pagesBefore = requester.context.pages().length;
    expect(await ui.reveal()).toBe(TEXT);
    expect(await window.locator('.revealed-files .file-name').allTextContents()).toEqual(['client.p12', 'report.html']);
    expect(await window.getByTestId('security-phrase').textContent()).toBe(phrase);
    await screenshot(window, 'answer-window-files');
    await window.emulateMedia({ colorScheme: 'dark' });
    await screenshot(window, 'answer-window-files-dark');
    await window.emulateMedia({ colorScheme: 'light' });

    const downloads = window.getByRole('link', { name: /^Download / });
    const p12 = await saved(window, () => downloads.nth(0).click());
    const html = await saved(window, () => downloads.nth(1).click());
    expect(p12.name).toBe('client.p12');
    expect(p12.bytes.equals(P12)).toBe(true);
    expect(html.name).toBe('report.html');
    expect(html.bytes.equals(HTML)).toBe(true);
    // Saved, never opened: the window still shows the answer, its script never ran, no page opened.
    expect(new URL(window.url()).pathname).toBe('/reveal-answer.html');
    expect(await window.title()).toBe('Burnlink: answer to your request');
    expect(await window.getByTestId('answer').textContent()).toBe(TEXT);
    expect(requester.context.pages()).toHaveLength(pagesBefore);
    // Offered as bytes, whatever type the answerer's browser gave.
    expect(await window.locator('.revealed-files a.download').evaluateAll((links) => links.map((a) => a.getAttribute('href')?.startsWith('blob:')))).toEqual([true, true]);

    // Once: the server handed it out and deleted it; the window, reopened, has nothing to reveal.
    await expect.poll(async () => (await entries()).find((e) => e.id === link.id)?.state, { timeout: 10_000 }).toBe('read');
    const fetchToken = (await entries()).find((e) => e.id === link.id)?.fetchToken ?? '';
    expect(await createRequestApi({ server: server.url }).fetchAnswer(link.id, fetchToken)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
    await window.reload();
    expect(await ui.settledHeading()).toBe('Answer to your request');
    expect(await window.locator('.answer-reveal button.wide').count()).toBe(0);
    expect(await window.locator('.revealed-files').count()).toBe(0);
    expect(await window.locator('.answer-reveal').textContent()).toMatch(/Answer revealed at .*This answer was already revealed: it could be revealed once, and is now deleted\./);
    await screenshot(window, 'answer-window-after');
    await window.close();
  });
});

describe('a lost reply with files', () => {
  it('keeps the text and files, and a retry sends the very same sealed answer: not "already answered"', async () => {
    const api = createRequestApi({ server: server.url });
    const asked = await askForSecret(api, { note: 'lost reply, with files', expiresIn: 3600 });
    if (!asked.ok) throw new Error(asked.error.message);
    const page = await answerer.context.newPage();
    const answer = new AnswerPage(playwrightDriver(page));
    const files = new AnswerFilesUi(answer.ui);
    await answer.open(asked.value.link);
    await answer.settledHeading();
    await answer.ui.fill('#answer', 'stored, reply lost');
    await files.drop([{ name: 'client.p12', type: 'application/x-pkcs12', bytes: bytesOf(P12) }]);
    // The server stores the answer; the connection drops before its reply reaches the page.
    await page.route('**/answer', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    expect((await files.send()).error).toMatch(/^Could not reach the note server/);
    expect(await files.names()).toEqual(['client.p12']);
    expect(await answer.ui.value('#answer')).toBe('stored, reply lost');
    expect(await files.send()).toEqual({ heading: 'Answer sent' });
    const received = await receiveAnswer(api, {
      id: asked.value.request.id, fetchToken: asked.value.request.fetchToken, privateKey: asked.value.keys.privateKey, publicKey: asked.value.publicKey,
    });
    if (!received.ok) throw new Error(received.error.message);
    const content = decodePayload(received.value.payload);
    expect(content.ok && content.value.text).toBe('stored, reply lost');
    expect(content.ok && content.value.files.map((f) => [f.name, f.type, Buffer.from(f.bytes).equals(P12)])).toEqual([['client.p12', 'application/x-pkcs12', true]]);
    await page.close();
  });
});

describe('the answer window in the browser\'s language', () => {
  it.each([
    ['de', 'ltr', 'Keine solche Anfrage', 'Ihre Sicherheitsphrase '],
    ['ar', 'rtl', 'لا يوجد طلب كهذا', 'عبارة الأمان الخاصة بك '],
  ])('%s: words, direction and the security phrase', async (lang, dir, heading, phraseLine) => {
    const browser = await launchWithExtension({ lang });
    try {
      // Burnlink makes the phrase when it is installed: wait for that before opening the window.
      const stored = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('securityPhrase')).securityPhrase as string | undefined);
      await expect.poll(stored, { timeout: 10_000 }).toMatch(/./);
      const page = await browser.openExtensionPage(`reveal-answer.html?server=${encodeURIComponent('https://notes.example')}&id=${'A'.repeat(22)}`);
      await page.setViewportSize({ width: 460, height: 400 });
      const ui = new AnswerRevealUi(playwrightDriver(page));
      expect(await ui.settledHeading()).toBe(heading);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
      expect(await page.locator('.phrase-strip').textContent()).toBe(`${phraseLine}${await stored()}`);
      expect(await page.title()).not.toMatch(/answer to your request/);
      await screenshot(page, `answer-window-${lang}`);
    } finally {
      await browser.close();
    }
  });

  it('the answer page says its file sentences in the answerer\'s language', async () => {
    const plain = await launchPlain({ locale: 'fr-FR' });
    try {
      const page = await plain.context.newPage();
      const answer = new AnswerPage(playwrightDriver(page));
      const files = new AnswerFilesUi(answer.ui);
      await answer.open(await askAsRequester('Le certificat, s’il te plaît'));
      await answer.settledHeading();
      await files.drop([{ name: 'vide.txt', type: 'text/plain', bytes: [] }, { name: 'cle.pem', type: '', bytes: bytesOf(binary(300, 6)) }]);
      expect(await files.names()).toEqual(['cle.pem']);
      expect(await files.refusals()).toEqual(['« vide.txt » est vide (0 octet) : il n’y a rien à envoyer. Joignez le fichier que vous vouliez.']);
      expect(await files.size()).toMatch(/^Texte et fichiers : .+ sur .+$/);
      await screenshot(page, 'answer-files-fr');
    } finally {
      await plain.close();
    }
  });
});

/** Makes a request in the requester's popup; returns its link. */
async function askAsRequester(note: string): Promise<string> {
  const popup = await requester.openExtensionPage('popup.html');
  try {
    const tab = new RequestTabUi(playwrightDriver(popup));
    await tab.show();
    await tab.create(note);
    return await tab.link();
  } finally {
    await popup.close();
  }
}
