// Files in Firefox ESR with the built Firefox (MV2) extension and a real note server: a note of text
// and two files made in the popup (attached through its file chooser, as a person picks them),
// revealed in the genuine reveal UI's extension window, where each file is offered as a download
// and saved byte for byte, never opened (one of them is an HTML page with a script). Then the note
// server's create page at `/` in a Firefox without the extension: a link of text and a file made
// there reveals exactly on the recipient page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../utils/core/api';
import { parseLink } from '../../../utils/core/link';
import { revealNote } from '../../../utils/core/note';
import { CreateNoteRequest } from '../../../utils/core/protocol';
import { findFirefox } from '../../../scripts/find-browsers.mjs';
import { startServer, type RunningServer } from '../../helpers/server';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';
import { anchor, ChatRoomUi, startChatSite, type ChatSite } from '../pages/ChatSite';
import { FirefoxUi } from '../pages/FirefoxUi';
import { POPUP, PopupUi } from '../pages/Popup';
import { RevealViewUi } from '../pages/RevealView';
import { binary } from '../../helpers/binary';

declare const browser: import('webextension-polyfill').Browser;

const TEXT = 'Staging access: the p12 password is in the ticket.\n  indented line, trailing spaces   \nünïcödé 🔑';
const P12 = binary(5000, 1);
/** Would change the page's title if it were ever opened rather than saved. */
const HTML = Buffer.from('<!doctype html><title>opened</title><script>document.title = "ran"; opener && (opener.document.title = "ran")</script><h1>not shown</h1>');
const KUBECONFIG = Buffer.from('apiVersion: v1\nkind: Config\nclusters:\n- name: staging\n  cluster:\n    server: https://10.0.0.1:6443\n');

/** Firefox saves every download into `dir` without asking. */
const downloadPrefs = (dir: string) => ({
  'browser.download.folderList': 2,
  'browser.download.dir': dir,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.download.alwaysOpenPanel': false,
  'browser.download.start_downloads_in_tmp_dir': false,
});

let server: RunningServer;
let site: ChatSite;
let ff: FirefoxExtension;
let firefox: FirefoxUi;
let work: string;
let downloads: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-ff-files-'));
  downloads = path.join(work, 'downloads');
  fs.mkdirSync(downloads);
  [server, site, ff] = await Promise.all([startServer(), startChatSite(), launchFirefox({ prefs: downloadPrefs(downloads) })]);
  firefox = new FirefoxUi(ff);
  await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: false });
});
afterAll(async () => {
  await ff?.close();
  await site?.stop();
  await server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Writes files to disk, as they would be on the sender's machine; returns their paths. */
function onDisk(folder: string, files: Array<[string, Buffer]>): string[] {
  fs.mkdirSync(path.join(work, folder), { recursive: true });
  return files.map(([name, bytes]) => {
    const file = path.join(work, folder, name);
    fs.writeFileSync(file, bytes);
    return file;
  });
}

/** Waits until Firefox has finished saving `name` in the downloads folder; returns its bytes. */
async function saved(dir: string, name: string): Promise<Buffer> {
  const file = path.join(dir, name);
  return vi.waitFor(() => {
    // Firefox writes `<name>.part` beside it until the download is complete.
    if (!fs.existsSync(file) || fs.existsSync(`${file}.part`)) throw new Error(`${name} not saved yet; the folder holds ${fs.readdirSync(dir).join(', ') || 'nothing'}`);
    return fs.readFileSync(file);
  }, { timeout: 15_000, interval: 100 });
}

/**
 * Attaches files through the form's file input, as the file chooser does once a person picks them
 * (Firefox reports no file chooser opened from an extension page, so the files are set on the input).
 */
async function attach(page: Page, files: string[]): Promise<void> {
  const input = await page.$('.attach input[type="file"]');
  if (!input) throw new Error('the form has no file input');
  await input.uploadFile(...files);
}

const attachedNames = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('.attach .files .file-name'), (n) => n.textContent ?? ''));

/** What the server holds for the note now ('pending', 'read', …). */
async function state(link: string, manageToken: string) {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const status = await createApi({ server: server.url }).status(parsed.value.id, manageToken);
  if (!status.ok) throw new Error(status.error.message);
  return status.value.state;
}

/** Every window and tab Firefox has open, by address. */
const openTabs = () => ff.extensionPage.evaluate(async () => (await browser.tabs.query({})).map((t) => t.url ?? ''));

describe('Firefox: files from the popup to the reveal window', () => {
  it('sends text and two files picked in the popup; the reveal window shows the text and saves each file byte for byte, opening none', async () => {
    const popup = await ff.openExtensionPage('popup.html', { width: 370, height: 600 });
    const form = new PopupUi(ui(popup));
    await form.serverChecked();
    await form.startFresh();
    await form.ui.fill(POPUP.secret, TEXT);
    await attach(popup, onDisk('sender', [['client.p12', P12], ['notes.html', HTML]]));
    await form.ui.until(() => document.querySelectorAll('.attach .files .file-name').length === 2, null);
    expect(await attachedNames(popup)).toEqual(['client.p12', 'notes.html']);
    expect(await form.ui.text('#secret-size')).toMatch(/^Text and files: 5\.\d kB of /);
    await form.ui.screenshot('firefox-popup-files');

    await form.create(undefined);
    expect(await form.ui.isVisible(POPUP.createdHeading)).toBe(true);
    const link = await form.link();
    // Files make a version 2 payload.
    expect(link).toMatch(new RegExp(`^${server.url}/n/[^#]+#2`));
    const sent = ((await firefox.stored('sent')) as Array<{ link?: string; manageToken: string }> | undefined) ?? [];
    const manageToken = sent[0]?.manageToken;
    if (!manageToken) throw new Error('the popup recorded no Sent entry');
    expect(await state(link, manageToken)).toBe('pending');
    await popup.close();

    // The recipient right-clicks the link in a chat and chooses "Reveal safely".
    site.room('files', [{ author: 'Ann', html: `the staging files: ${anchor(link, 'one-time link')}` }]);
    const chat = await ff.browser.newPage();
    await chat.goto(`${site.otherOrigin}/files`);
    await new ChatRoomUi(ui(chat)).settle();
    expect(await firefox.openContextMenu(chat, 'a[href*="/n/"]')).toContain('Reveal safely');
    await firefox.chooseMenuItem('Reveal safely');

    const page = await ff.waitForExtensionTab('reveal.html');
    const view = new RevealViewUi(ui(page));
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    expect(await state(link, manageToken)).toBe('pending');
    expect(await view.reveal()).toBe(TEXT);
    expect(await state(link, manageToken)).toBe('read');

    expect(await page.evaluate(() => Array.from(document.querySelectorAll('.revealed-files .file-name'), (n) => n.textContent ?? ''))).toEqual(['client.p12', 'notes.html']);
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('.revealed-files a.download'), (a) => a.getAttribute('aria-label') ?? ''))).toEqual(['Download client.p12', 'Download notes.html']);
    await view.ui.screenshot('firefox-reveal-window-files');

    const tabsBefore = await openTabs();
    await view.ui.click('.revealed-files li:nth-child(1) a.download');
    expect((await saved(downloads, 'client.p12')).equals(P12)).toBe(true);
    await view.ui.click('.revealed-files li:nth-child(2) a.download');
    expect((await saved(downloads, 'notes.html')).equals(HTML)).toBe(true);
    expect(fs.readdirSync(downloads).sort()).toEqual(['client.p12', 'notes.html']);

    // Saved, never opened: no tab or window came, the reveal window still shows the reveal page,
    // and nothing ran (the HTML file would have retitled its opener).
    expect(await openTabs()).toEqual(tabsBefore);
    expect(await page.evaluate(() => [new URL(location.href).pathname, document.title === 'ran'])).toEqual(['/reveal.html', false]);
    await view.ui.screenshot('firefox-reveal-window-files-saved');
    await view.ui.click('button.close');
    await chat.close();
  });
});

describe('Firefox without the extension: the create page at /', () => {
  let plain: Browser;
  let plainDownloads: string;

  beforeAll(async () => {
    plainDownloads = path.join(work, 'plain-downloads');
    fs.mkdirSync(plainDownloads);
    const executablePath = findFirefox();
    if (!executablePath) throw new Error('Firefox ESR is missing');
    plain = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      defaultViewport: { width: 1100, height: 900 },
      extraPrefsFirefox: {
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        ...downloadPrefs(plainDownloads),
      },
    });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('makes a link of text and a file in the page, which the recipient page reveals exactly', async () => {
    const page = await plain.newPage();
    // Every body the page posts, as it hands it to fetch.
    await page.evaluateOnNewDocument(() => {
      const posted: string[] = [];
      const send = window.fetch.bind(window);
      Object.assign(window, { posted });
      window.fetch = (input, init) => {
        if (init?.method === 'POST') posted.push(typeof init.body === 'string' ? init.body : `not text: ${String(init.body)}`);
        return send(input, init);
      };
    });
    const posted = () => page.evaluate(() => (window as unknown as { posted: string[] }).posted);
    await page.goto(`${server.url}/`);
    const form = new PopupUi(ui(page));
    await form.ui.waitFor(POPUP.secret);
    await form.ui.fill(POPUP.secret, TEXT);
    await attach(page, onDisk('web', [['kubeconfig', KUBECONFIG]]));
    await form.ui.until(() => document.querySelectorAll('.attach .files .file-name').length === 1, null);
    expect(await attachedNames(page)).toEqual(['kubeconfig']);
    await form.ui.screenshot('firefox-create-page-filled');

    await form.create(undefined, { passphrase: 'violet-harbour', expiry: '1 hour' });
    await form.ui.waitFor(POPUP.createdHeading);
    const link = await form.link();
    expect(link).toMatch(new RegExp(`^${server.url}/n/[^#]+#2p\\.`));
    await form.ui.screenshot('firefox-create-page-created');
    // Encrypted in the page: the one create the server got holds neither the text, the file, its
    // name, the passphrase nor the key.
    const bodies = await posted();
    expect(bodies).toHaveLength(1);
    // It is the create request (so the checks below look at what was really sent).
    expect(CreateNoteRequest.safeParse(JSON.parse(bodies[0] ?? '')).success).toBe(true);
    for (const clear of ['Staging access', 'apiVersion', 'kubeconfig', 'violet-harbour', link.split('.').at(-1) ?? '']) expect(bodies[0]).not.toContain(clear);

    // The recipient, in Firefox too, on the note server's page.
    const recipient = await plain.newPage();
    await recipient.goto(link);
    const view = new RevealViewUi(ui(recipient));
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    expect(await view.reveal('violet-harbour')).toBe(TEXT);
    expect(await recipient.evaluate(() => Array.from(document.querySelectorAll('.revealed-files .file-name'), (n) => n.textContent ?? ''))).toEqual(['kubeconfig']);
    await view.ui.click('.revealed-files a.download');
    expect((await saved(plainDownloads, 'kubeconfig')).equals(KUBECONFIG)).toBe(true);
    expect(new URL(recipient.url()).pathname).toMatch(/^\/n\//);
    await view.ui.screenshot('firefox-recipient-from-create-page');

    // Read once: the link is spent for anyone after.
    const again = parseLink(link);
    if (!again.ok) throw new Error(again.error.message);
    expect((await revealNote(createApi({ server: server.url }), again.value, 'violet-harbour')).ok).toBe(false);
    await Promise.all([page.close(), recipient.close()]);
  });
});
