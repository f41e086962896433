// The note server's create page at `/`, in real headless Chromium against the real server: text
// and files encrypted in the browser (the server gets ciphertext only), the create token asked
// for, creating turned off by the operator, the strict CSP, phone and desktop widths, light and
// dark; and links crossing over: made on the page and revealed in the extension, and the reverse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { anchor, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { CreatePage } from './pages/CreatePage';
import { turnOnDetectionFor } from './pages/DetectionOptions';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';
import { RevealSurface } from './pages/RevealSurface';

const TOKEN = 'team-create-token-0123456789';
const P12 = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + (i >> 3)) & 0xff));

let server: RunningServer;
let plain: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  [server, plain] = await Promise.all([startServer(), launchPlain()]);
});
afterAll(async () => {
  await plain?.close();
  await server?.stop();
});

async function open(link: string, passphrase?: string) {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const revealed = await revealNote(createApi({ server: parsed.value.server }), parsed.value, passphrase);
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value;
}

describe('the create page at /', () => {
  it('encrypts text and a file in the browser, posts only ciphertext, and copies the link', async () => {
    const page = await CreatePage.open(plain.context, server.url);
    const violations: string[] = [];
    page.page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
    const posted: string[] = [];
    page.page.on('request', (r) => { if (r.method() === 'POST') posted.push(r.postData() ?? ''); });

    expect(await page.page.getByLabel('Label (only you see it)').count()).toBe(0);
    // The footer's promise, with the # as code, in the page's words.
    expect(await page.page.locator('.footer').textContent()).toBe('The key to each link lives only in the link, after the #, which browsers '
      + 'never send to a server. This server cannot read what it stores.');
    expect(await page.page.locator('.footer code').textContent()).toBe('#');
    await page.form.secret.fill('prod DB: postgres://admin:Tr0ub4dor@db/app');
    await page.form.attach([{ name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: P12 }]);
    await page.form.create(undefined, { passphrase: 'violet-harbour', expiry: '1 hour' });
    await page.form.createdHeading.waitFor();
    const link = await page.form.link();
    expect(link.startsWith(`${server.url}/n/`)).toBe(true);
    expect(link).toMatch(/#2p\./);
    expect(await page.form.copyStatus.textContent()).toBe('Link copied: paste it for the recipient. The clipboard is cleared in 1 minute.');
    expect(await page.page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // The server got one create, holding neither the text, the file, the passphrase nor the key.
    expect(posted).toHaveLength(1);
    for (const clear of ['Tr0ub4dor', 'client.p12', 'violet-harbour', link.split('.').at(-1) ?? '']) expect(posted[0]).not.toContain(clear);
    const revealed = await open(link, 'violet-harbour');
    expect(revealed.secret).toBe('prod DB: postgres://admin:Tr0ub4dor@db/app');
    expect(Buffer.from(revealed.files[0]?.bytes ?? []).equals(P12)).toBe(true);

    // Strict CSP, and nothing was refused under it.
    const response = await plain.context.request.get(`${server.url}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers()['content-security-policy']).toContain("connect-src 'self'");
    expect(violations).toEqual([]);
    await page.page.close();
  });

  it('fits a phone and a desktop, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [width, height, name] of [[390, 844, 'phone'], [1100, 900, 'desktop']] as const) {
        const page = await CreatePage.open(plain.context, server.url);
        await page.page.emulateMedia({ colorScheme: scheme });
        await page.page.setViewportSize({ width, height });
        await page.form.secret.fill('a secret');
        await page.form.attach([{ name: 'kubeconfig', mimeType: '', buffer: Buffer.from('apiVersion: v1\n') }]);
        // Nothing wider than the screen.
        expect(await page.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
        await screenshot(page.page, `create-page-${name}${scheme === 'dark' ? '-dark' : ''}`);
        await page.form.create(undefined);
        await page.form.createdHeading.waitFor();
        await screenshot(page.page, `create-page-created-${name}${scheme === 'dark' ? '-dark' : ''}`);
        await page.page.close();
      }
    }
  });

  it('asks for the create token when the server needs one, and says when it is wrong', async () => {
    const guarded = await startServer({ env: { CREATE_TOKEN: TOKEN } });
    try {
      const page = await CreatePage.open(plain.context, guarded.url);
      const token = page.page.getByLabel('Create token');
      await token.waitFor();
      await page.form.create('needs a token');
      expect(await page.form.alert.textContent()).toContain('This server needs its create token to make a link.');
      await expect.poll(() => page.page.evaluate(() => document.activeElement?.id)).toBe('create-token');
      await token.fill('not-the-right-token-at-all');
      await page.form.create(undefined);
      await page.form.alert.filter({ hasText: 'not accepted' }).waitFor();
      await screenshot(page.page, 'create-page-token');
      await token.fill(TOKEN);
      await page.form.create(undefined);
      await page.form.createdHeading.waitFor();
      expect((await open(await page.form.link())).secret).toBe('needs a token');
      await page.page.close();
    } finally {
      await guarded.stop();
    }
  });

  it('says so when the operator turned creating here off, and offers no form', async () => {
    const off = await startServer({ env: { WEB_CREATE: 'off' } });
    try {
      const page = await plain.context.newPage();
      await page.goto(`${off.url}/`);
      await page.getByText('Creating links on this page is turned off').waitFor();
      expect(await page.locator('textarea, input[type="file"]').count()).toBe(0);
      await screenshot(page, 'create-page-off');
      await page.close();
    } finally {
      await off.stop();
    }
  });
});

describe('links across the create page and the extension', () => {
  let ext: ExtensionBrowser;
  let site: ChatSite;
  beforeAll(async () => {
    [ext, site] = await Promise.all([launchWithExtension(), startChatSite()]);
    await new ExtensionWorker(ext).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
    await (await turnOnDetectionFor(ext, site.origin)).page.close();
  });
  afterAll(async () => {
    await ext?.close();
    await site?.stop();
  });

  it('a link made on the page is revealed in the extension\'s genuine reveal UI', async () => {
    const page = await CreatePage.open(plain.context, server.url);
    await page.form.create('made on the web page 7d1c');
    await page.form.createdHeading.waitFor();
    const link = await page.form.link();
    await page.page.close();

    site.room('web', [{ author: 'Ann', html: `here: ${anchor(link)}` }]);
    const chat = new ChatPage(await ext.context.newPage());
    await chat.open(`${site.origin}/web`);
    await chat.waitForButtons(1);
    await chat.buttons.first().click();
    const panel = await RevealSurface.waitFor(ext);
    expect(await panel.settledHeading()).toBe('Someone shared a secret with you');
    expect(await panel.reveal()).toBe('made on the web page 7d1c');
    await panel.close();
    await chat.page.close();
  });

  it('a link made in the extension, with a file, is revealed on the server\'s page', async () => {
    const popup = await Popup.open(ext);
    await popup.secret.fill('made in the popup 3e9a');
    await popup.attach([{ name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: P12 }]);
    await popup.create(undefined);
    await popup.createdHeading.waitFor();
    const link = await popup.link();
    await popup.page.close();

    const recipient = new RecipientPage(await plain.context.newPage());
    await recipient.open(link);
    expect(await recipient.settledHeading()).toBe('Someone shared a secret with you');
    expect(await recipient.reveal()).toBe('made in the popup 3e9a');
    await recipient.page.close();
  });
});
