// The secret guard in real headless Chromium with the built extension and a real note server:
// off until the person turns it on for a site; then a paste holding a token is held back before
// the page's own listeners see it, and becomes a one-time link (or goes in as is) at the person's
// choice. What the page saw is asserted from the page's own side (its spy, test/e2e/pages/PasteSite.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { githubStyle, seeded } from '../helpers/secret-samples';
import { startServer, type RunningServer } from '../helpers/server';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { GuardOptions, guardState, turnOnGuardFor, waitForGuard } from './pages/GuardOptions';
import { GuardPrompt } from './pages/GuardPrompt';
import { PastePage, startPasteSite, type EditorPage, type PasteSite } from './pages/PasteSite';

let server: RunningServer;
let site: PasteSite;
let ext: ExtensionBrowser;

const random = seeded(2026);
const newToken = () => githubStyle(random, 'ghp_');
const LINK = /https?:\/\/[^\s]+\/n\/[A-Za-z0-9_-]{22}#1p?\.[A-Za-z0-9_-]{43}/;

beforeAll(async () => {
  [server, site, ext] = await Promise.all([startServer(), startPasteSite(), launchWithExtension()]);
  await new ExtensionWorker(ext).storeSettings({ server: server.url, readReceipts: false });
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
});

/** A page of the paste site in a new tab; `.page` is Playwright's page, for what only Chromium has. */
async function open(name: EditorPage, origin = site.origin): Promise<PastePage & { page: Page }> {
  const page = await ext.context.newPage();
  await page.goto(`${origin}/${name}`);
  const pastePage = new PastePage(playwrightDriver(page), (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text));
  return Object.assign(pastePage, { page });
}

/** Reads the note behind a link, as the recipient's browser would. */
async function reveal(link: string, passphrase?: string): Promise<string> {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const revealed = await revealNote(createApi({ server: server.url }), parsed.value, passphrase);
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value.secret;
}

/** Everything the page's own scripts were shown, as one string to search. */
const pageSaw = async (page: PastePage) => JSON.stringify(await page.seen());

describe('before the person turns the guard on', () => {
  it('has no host access and no guard: a pasted token goes in as usual', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(await guardState(ext.worker)).toMatchObject({ matches: [], origins: [] });

    const chat = await open('chat');
    const token = newToken();
    await chat.paste('#composer', token);
    await expect.poll(() => chat.text('#composer')).toBe(token);
    expect(await GuardPrompt.isShown(chat.page)).toBe(false);
    expect(await chat.seen()).toContainEqual(expect.objectContaining({ where: 'window', type: 'paste', trusted: true, data: token }));
    await chat.page.close();
  });
});

describe('on a guarded site', () => {
  beforeAll(async () => {
    const options = await turnOnGuardFor(ext, site.origin);
    await options.page.close();
  });

  it('registers the guard before page scripts, in every frame, for that site only', async () => {
    const pattern = `${new URL(site.origin).protocol}//${new URL(site.origin).hostname}/*`;
    expect(await guardState(ext.worker)).toEqual({ matches: [pattern], origins: [pattern], runAt: 'document_start', allFrames: true });
  });

  it.each([
    ['a textarea chat', 'chat', '#composer'],
    ['a ProseMirror-style editor', 'prosemirror', '#editor'],
    ['a Quill/Slack-style editor', 'quill', '#editor'],
    ['a contenteditable mail body', 'mail', '#editor'],
    ['a form textarea', 'form', '#description'],
    ['a form text input', 'form', '#title'],
  ] as const)('%s: the token is held back, the page never sees it, and a one-time link takes its place', async (_what, name, selector) => {
    const page = await open(name);
    const token = newToken();
    const text = `Here is the staging key: ${token} (rotate it after the demo)`;
    await page.paste(selector, text);

    const prompt = await GuardPrompt.waitFor(page.page);
    expect(await prompt.text()).toContain('This paste holds a secret: GitHub personal access token.');
    // Held: nothing went in, and the page's listeners (its earliest one included) saw nothing of it.
    expect(await page.text(selector)).toBe('');
    expect(await pageSaw(page)).not.toContain(token);
    expect((await page.seen()).filter((e) => e.type === 'paste' || e.type === 'input' || e.type === 'beforeinput')).toEqual([]);
    // The page cannot read the prompt either.
    expect(await page.page.evaluate(() => String((document.querySelector('burnlink-guard') as HTMLElement).shadowRoot))).toBe('null');

    await prompt.click('Paste as one-time link');
    await prompt.waitUntilClosed();
    await expect.poll(() => page.text(selector), { timeout: 15_000 }).toMatch(LINK);
    const value = await page.text(selector);
    const link = LINK.exec(value)![0];
    // Only the token became the link: the words around it are as pasted.
    expect(value).toBe(text.replace(token, link));
    expect(await pageSaw(page)).not.toContain(token);
    expect(await reveal(link)).toBe(token);
    await page.page.close();
  });

  it('a paste with several secrets: each becomes its own link, the text around them stays', async () => {
    const chat = await open('chat');
    const id = `AKIA${'2OGYBAH6STMMNXNQ'}`;
    const secret = 'Bw7laAzgS+11CZXG/G1Bi9Jw8WWTm0AY/QQ/njYj';
    const text = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-west-1`;
    await chat.paste('#composer', text);
    const prompt = await GuardPrompt.waitFor(chat.page);
    expect(await prompt.text()).toContain('This paste holds 2 secrets: AWS access key ID and AWS secret access key.');
    await prompt.click('Paste as one-time link');
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer'), { timeout: 15_000 }).toMatch(LINK);
    const value = await chat.text('#composer');
    const links = [...value.matchAll(new RegExp(LINK.source, 'g'))].map((m) => m[0]);
    expect(links).toHaveLength(2);
    expect(value).toBe(text.replace(id, links[0]!).replace(secret, links[1]!));
    expect(await reveal(links[0]!)).toBe(id);
    expect(await reveal(links[1]!)).toBe(secret);
    const saw = await pageSaw(chat);
    expect(saw).not.toContain(id);
    expect(saw).not.toContain(secret);
    await chat.page.close();
  });

  it('the chat sends the message with the link, as it would any pasted text', async () => {
    const chat = await open('chat');
    const token = newToken();
    await chat.paste('#composer', `deploy key ${token}`);
    const prompt = await GuardPrompt.waitFor(chat.page);
    await screenshot(chat.page, 'guard-prompt-light');
    await chat.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(chat.page, 'guard-prompt-dark');
    await chat.page.emulateMedia({ colorScheme: 'light' });
    await prompt.click('Paste as one-time link');
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer'), { timeout: 15_000 }).toMatch(LINK);
    await chat.page.keyboard.press('Enter');
    const sent = await chat.page.locator('#messages p').textContent();
    expect(sent).toMatch(new RegExp(`^deploy key ${LINK.source}$`));
    await chat.page.close();
  });

  it.each([
    ['a textarea chat', 'chat', '#composer'],
    ['a ProseMirror-style editor', 'prosemirror', '#editor'],
    ['a form textarea', 'form', '#description'],
  ] as const)('%s: "Paste anyway" pastes the original text byte for byte', async (_what, name, selector) => {
    const page = await open(name);
    const token = newToken();
    const text = `Key:\t${token}\n  ünïcödé “quotes” and a trailing space \nsecond line`;
    await page.paste(selector, text);
    const prompt = await GuardPrompt.waitFor(page.page);
    await prompt.click('Paste anyway');
    await prompt.waitUntilClosed();
    await expect.poll(() => page.text(selector)).toBe(text);
    await page.page.close();
  });

  it('a paste without a secret goes through untouched, with no prompt', async () => {
    const chat = await open('chat');
    const text = 'Build 8f14e45f-ceea-467f-a8e5-7c3d1b1f6c2b failed at commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904, see OPS-142';
    await chat.paste('#composer', text);
    await expect.poll(() => chat.text('#composer')).toBe(text);
    expect(await GuardPrompt.isShown(chat.page)).toBe(false);
    // The page had the browser's own paste, trusted, with the text.
    expect(await chat.seen()).toContainEqual(expect.objectContaining({ where: 'window', type: 'paste', trusted: true, data: text }));
    await chat.page.close();
  });

  it('a password field is where a secret belongs: left alone', async () => {
    const form = await open('form');
    const token = newToken();
    await form.paste('#password', token);
    await expect.poll(() => form.text('#password')).toBe(token);
    expect(await GuardPrompt.isShown(form.page)).toBe(false);
    await form.page.close();
  });

  it('the page cannot choose: its clicks and keys do nothing; Escape closes and pastes nothing', async () => {
    const chat = await open('chat');
    const token = newToken();
    await chat.paste('#composer', token);
    const prompt = await GuardPrompt.waitFor(chat.page);
    await chat.page.evaluate(() => {
      const host = document.querySelector('burnlink-guard') as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(await GuardPrompt.isShown(chat.page)).toBe(true);
    expect(await chat.text('#composer')).toBe('');

    await chat.page.keyboard.press('Escape');
    await prompt.waitUntilClosed();
    expect(await chat.text('#composer')).toBe('');
    expect(await pageSaw(chat)).not.toContain(token);
    // The caret is back in the field: typing goes on where it was.
    await chat.page.keyboard.type('ok');
    expect(await chat.text('#composer')).toBe('ok');
    await chat.page.close();
  });

  it('with a passphrase: typed in the prompt\'s own frame, which the page cannot listen to', async () => {
    const chat = await open('chat');
    const token = newToken();
    await chat.paste('#composer', `prod: ${token}`);
    const prompt = await GuardPrompt.waitFor(chat.page);
    await prompt.click('Add a passphrase…');
    const frame = await prompt.passphraseFrame();
    await frame.getByLabel('Passphrase for the one-time link').fill('');
    await frame.getByLabel('Passphrase for the one-time link').pressSequentially('correct horse');
    await screenshot(chat.page, 'guard-passphrase');
    await frame.getByRole('button', { name: 'Create link with passphrase' }).click();
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer'), { timeout: 15_000 }).toMatch(LINK);
    const link = LINK.exec(await chat.text('#composer'))![0];
    expect(link).toContain('#1p.');
    const saw = await chat.seen();
    expect(saw.filter((e) => e.type === 'keydown').map((e) => e.key).join('')).not.toContain('horse');
    expect(JSON.stringify(saw)).not.toContain(token);
    await expect(reveal(link, 'wrong')).rejects.toThrow();
    expect(await reveal(link, 'correct horse')).toBe(token);
    await chat.page.close();
  });

  it('a site that is not guarded gets the paste as usual', async () => {
    const chat = await open('chat', site.otherOrigin);
    const token = newToken();
    await chat.paste('#composer', token);
    await expect.poll(() => chat.text('#composer')).toBe(token);
    expect(await GuardPrompt.isShown(chat.page)).toBe(false);
    await chat.page.close();
  });

  it('a kind of secret the person turned off is not held', async () => {
    const options = await GuardOptions.open(ext);
    await options.rules.locator('summary').click();
    await options.rule('GitHub personal access token').uncheck();
    await options.page.setViewportSize({ width: 800, height: 1600 });
    await options.section.scrollIntoViewIfNeeded();
    await screenshot(options.page, 'guard-options');
    const chat = await open('chat');
    const token = newToken();
    await expect.poll(async () => {
      await chat.page.evaluate(() => { (document.getElementById('composer') as HTMLTextAreaElement).value = ''; });
      await chat.paste('#composer', token);
      return chat.text('#composer');
    }).toBe(token);
    expect(await GuardPrompt.isShown(chat.page)).toBe(false);
    await options.rule('GitHub personal access token').check();
    await options.page.close();
    await chat.page.close();
  });

  it('"Never on this site" pastes as is and stops guarding the site', async () => {
    const chat = await open('chat');
    const token = newToken();
    await chat.paste('#composer', token);
    const prompt = await GuardPrompt.waitFor(chat.page);
    await prompt.click(`Never on ${new URL(site.origin).hostname}`);
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer')).toBe(token);
    await waitForGuard(ext.worker, []);
    const options = await GuardOptions.open(ext);
    await expect.poll(() => options.sites.count()).toBe(0);
    await options.page.close();
    await chat.page.close();
  });
});
