// The secret guard in Firefox ESR with the built Firefox (MV2) extension and a real note server:
// turned on for a site through the options page and Firefox's real permission prompt; a pasted
// token held back before the page's listeners see it, then pasted as a one-time link or as is; a
// paste without a secret untouched; and the page scan from Firefox's real context menu.
//
// The prompt's shadow root is closed and Firefox offers no DevTools view into it here: the tests
// choose with the keyboard, as a person can (the prompt's first button has the focus).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../utils/core/api';
import { parseLink } from '../../../utils/core/link';
import { revealNote } from '../../../utils/core/note';
import { githubStyle, seeded } from '../../helpers/secret-samples';
import { startServer, type RunningServer } from '../../helpers/server';
import { FirefoxUi } from '../pages/FirefoxUi';
import { PastePage, startPasteSite, type EditorPage, type PasteSite } from '../pages/PasteSite';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';

/** The extension's own `browser` in its pages. */
declare const browser: import('webextension-polyfill').Browser;

const random = seeded(1606);
const newToken = () => githubStyle(random, 'ghp_');
const LINK = /https?:\/\/[^\s]+\/n\/[A-Za-z0-9_-]{22}#1p?\.[A-Za-z0-9_-]{43}/;

let server: RunningServer;
let site: PasteSite;
let ff: FirefoxExtension;
let firefox: FirefoxUi;

beforeAll(async () => {
  [server, site, ff] = await Promise.all([startServer(), startPasteSite(), launchFirefox()]);
  firefox = new FirefoxUi(ff);
  await firefox.storeSettings({ server: server.url, readReceipts: false });
});
afterAll(async () => {
  await ff?.close();
  await site?.stop();
  await server?.stop();
});

/** A page of the paste site in a new tab, pasting through the browser's own clipboard. */
async function open(name: EditorPage): Promise<PastePage & { page: Page }> {
  const page = await ff.browser.newPage();
  await page.goto(`${site.origin}/${name}`);
  const setClipboard = (text: string) => ff.inBrowserWindow((t) => navigator.clipboard.writeText(t), text);
  return Object.assign(new PastePage(ui(page), setClipboard), { page });
}

async function reveal(link: string): Promise<string> {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const revealed = await revealNote(createApi({ server: server.url }), parsed.value);
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value.secret;
}

/** The guard's registration, as the extension sees it. */
const registered = () => ff.extensionPage.evaluate(async () =>
  (await browser.scripting.getRegisteredContentScripts({ ids: ['burnlink-guard'] }))[0]?.matches ?? []);

describe('Firefox: the secret guard', () => {
  it('is turned on for a site through the options page and the browser\'s own prompt', async () => {
    expect(await registered()).toEqual([]);
    const options = ui(await ff.openExtensionPage('options.html'));
    await options.click('.guard-settings input[name="guard-mode"][value="sites"]');
    await options.fill('#guard-site', site.origin);
    const prompted = firefox.answerPermissionPrompt('allow');
    await options.click('.guard-settings .site-list button[type="submit"]');
    expect(await prompted).toContain('127.0.0.1');
    await options.waitFor('.guard-settings ul[aria-label="Guarded sites"] li');
    const pattern = `http://127.0.0.1/*`;
    const until = Date.now() + 15_000;
    while (JSON.stringify(await registered()) !== JSON.stringify([pattern])) {
      if (Date.now() > until) throw new Error(`the guard is registered for ${JSON.stringify(await registered())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it.each([
    ['a textarea chat', 'chat', '#composer'],
    ['a Quill/Slack-style editor', 'quill', '#editor'],
  ] as const)('%s: holds a pasted token back from the page and pastes a one-time link in its place', async (_what, name, selector) => {
    const chat = await open(name);
    const token = newToken();
    const text = `the staging key: ${token} (rotate it after the demo)`;
    await chat.paste(selector, text);
    await chat.waitForPrompt();
    expect(await chat.text(selector)).toBe('');
    expect(JSON.stringify(await chat.seen())).not.toContain(token);
    await chat.ui.screenshot(`firefox-guard-prompt-${name}`);

    await chat.ui.press('Enter'); // "Paste as one-time link" has the focus
    const value = await chat.waitForText(selector, { matches: LINK.source });
    const link = LINK.exec(value)![0];
    expect(value).toBe(text.replace(token, link));
    expect(JSON.stringify(await chat.seen())).not.toContain(token);
    expect(await reveal(link)).toBe(token);
    await chat.page.close();
  });

  it('"Paste anyway" pastes the original text byte for byte, in a rich editor too', async () => {
    const editor = await open('prosemirror');
    const text = `Key:\t${newToken()}\n  ünïcödé “quotes” \nsecond line`;
    await editor.paste('#editor', text);
    await editor.waitForPrompt();
    await editor.ui.press('Tab');
    await editor.ui.press('Enter'); // "Paste anyway"
    expect(await editor.waitForText('#editor', { is: text })).toBe(text);
    await editor.waitForPrompt(false);
    await editor.page.close();
  });

  it('lets a paste without a secret through untouched, with no prompt', async () => {
    const form = await open('form');
    const text = 'Build 8f14e45f-ceea-467f-a8e5-7c3d1b1f6c2b failed at commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904';
    await form.paste('#description', text);
    expect(await form.waitForText('#description', { is: text })).toBe(text);
    expect(await form.promptShown()).toBe(false);
    expect(await form.seen()).toContainEqual(expect.objectContaining({ where: 'window', type: 'paste', trusted: true, data: text }));
    await form.page.close();
  });
});

describe('Firefox: page scan', () => {
  it('marks the exposed secrets of a page from the real context menu, and no look-alike', async () => {
    const token = newToken();
    site.publish('wiki', `<p>deploy token: <code>${token}</code></p><ul><li>AKIAIOSFODNN7EXAMPLE</li><li>${token.slice(0, -1)}</li></ul>`);
    const page = await ff.browser.newPage();
    await page.goto(`${site.origin}/wiki`);
    const items = await firefox.openContextMenu(page, 'ul');
    expect(items).toContain('Scan this page for exposed secrets');
    await firefox.chooseMenuItem('Scan this page for exposed secrets');
    const scanned = ui(page);
    await scanned.until(() => document.querySelector('burnlink-scan') !== null, null);
    const marked = await scanned.evaluate(() => {
      const highlight = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> }).highlights?.get('burnlink-secret');
      return highlight ? [...highlight].map((range) => range.toString()) : null;
    }, null);
    expect(marked).toEqual([token]);
    await scanned.screenshot('firefox-page-scan');
    await page.close();
  });
});
