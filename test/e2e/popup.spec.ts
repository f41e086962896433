// The toolbar popup, in real headless Chromium with the built extension and a real note server.
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPath } from '../../components/QrCode';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { peekNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { revealInNewTab } from './notes';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Popup } from './pages/Popup';

// The service worker's own `chrome`: only what these tests call.
declare const chrome: { commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> } };

/** The server's limit in these tests: small, so "too large" is cheap to reach. */
const MAX_NOTE_BYTES = 4096;
const SECRET = 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n  trailing spaces   \nünïcödé ✓ 🔑';

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } }),
    launchWithExtension(),
  ]);
  worker = new ExtensionWorker(browser);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('popup', () => {
  it('creates a link, copies it at once, and the recipient reveals exactly the text', async () => {
    const popup = await Popup.open(browser);
    expect(await popup.serverChecked()).toContain(`127.0.0.1:${server.port}`);
    // The text box has focus on open, and the size counter knows the server's limit.
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('secret');
    expect(await popup.size.textContent()).toBe('0 bytes of 4.0 kB');
    await popup.fitToContent();
    await screenshot(popup.page, 'popup-empty');

    await popup.secret.fill(SECRET);
    expect(await popup.size.textContent()).toBe(`${new TextEncoder().encode(SECRET).length} bytes of 4.0 kB`);
    await popup.create(undefined, { keyboard: true });
    await popup.createdHeading.waitFor();
    expect(await popup.copyStatus.textContent()).toBe('Link copied: paste it for the recipient.');
    await expect.poll(() => popup.page.getByText('It can be read once. Expires in 24 hours').count()).toBe(1);
    const link = await popup.link();
    expect(parseLink(link).ok).toBe(true);
    expect(await popup.clipboard()).toBe(link);

    // The QR code is the link's.
    await popup.qrButton.click();
    const drawn = await popup.qr.locator('path').getAttribute('d');
    expect(drawn).toBe(qrPath(encode(link, { ecc: 'M', border: 2 }).data));
    await popup.fitToContent();
    await screenshot(popup.page, 'popup-created');

    expect(await revealInNewTab(browser.context, link)).toBe(SECRET);

    // The form comes back empty: the text was cleared after the success.
    await popup.newLinkButton.click();
    expect(await popup.secret.inputValue()).toBe('');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('secret');
    await popup.page.close();
  });

  it('uses the chosen expiry and reads', async () => {
    const popup = await Popup.open(browser);
    expect(await popup.expiry.locator('option').allTextContents()).toEqual(['5 minutes', '1 hour', '24 hours', '7 days']);
    expect(await popup.expiry.inputValue()).toBe(String(24 * 3600));
    expect(await popup.reads.inputValue()).toBe('1');
    await popup.create('read me twice', { expiry: '5 minutes', reads: '2 times' });
    const link = parseLink(await popup.link());
    if (!link.ok) throw new Error(link.error.message);
    const peek = await peekNote(createApi({ server: server.url }), link.value);
    if (!peek.ok) throw new Error(peek.error.message);
    expect(peek.value.readsLeft).toBe(2);
    expect(Math.abs(peek.value.expiresAt - Date.now() - 300_000)).toBeLessThan(30_000);
    await expect.poll(() => popup.page.getByText('It can be read 2 times. Expires in 5 minutes').count()).toBe(1);
    await popup.page.close();
  });

  it('generates a passphrase, reminds to send it apart, and the recipient needs it', async () => {
    const popup = await Popup.open(browser);
    await popup.secret.fill('behind a passphrase');
    await popup.generateButton.click();
    const passphrase = await popup.passphrase.inputValue();
    expect(passphrase).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await popup.page.getByText('Send the passphrase another way than the link').waitFor();
    await popup.create(undefined);
    const link = await popup.link();
    expect(link).toContain('#1p.');
    expect(await popup.page.locator('.passphrase').textContent()).toBe(passphrase);
    expect(await revealInNewTab(browser.context, link, passphrase)).toBe('behind a passphrase');
    await popup.page.close();
  });

  it('refuses a secret over the server\'s limit before sending anything, and keeps it', async () => {
    const popup = await Popup.open(browser);
    const big = 'x'.repeat(MAX_NOTE_BYTES + 100);
    await popup.secret.fill(big);
    expect(await popup.size.textContent()).toBe('4.1 kB: 100 bytes over this server\'s limit of 4.0 kB');
    await popup.create(undefined);
    expect(await popup.alert.textContent()).toContain('The secret is 100 bytes too large');
    expect(await popup.secret.inputValue()).toBe(big);
    await popup.page.close();
  });

  it('says clearly when the server is down and keeps the text; creates once it is back', async () => {
    const popup = await Popup.open(browser);
    await popup.secret.fill(SECRET);
    const { port, dataDir } = server;
    await server.stop();
    await popup.create(undefined);
    expect(await popup.alert.textContent()).toContain(`Could not reach the note server at 127.0.0.1:${port}`);
    await expect.poll(() => popup.page.getByRole('button', { name: 'Open options' }).count()).toBe(1);
    expect(await popup.secret.inputValue()).toBe(SECRET);
    await popup.page.waitForFunction(() => document.querySelector('.popup-footer')?.textContent?.includes('not reachable'));
    await popup.fitToContent();
    await screenshot(popup.page, 'popup-error');

    server = await startServer({ port, dataDir, env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } });
    await popup.create(undefined);
    await popup.createdHeading.waitFor();
    expect(await revealInNewTab(browser.context, await popup.link())).toBe(SECRET);
    await popup.page.close();
  });

  it('can be used with the keyboard alone, every control labelled', async () => {
    const popup = await Popup.open(browser);
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      order.push(await popup.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.id || el?.textContent?.trim() || '';
      }));
      await popup.page.keyboard.press('Tab');
    }
    expect(order).toEqual(['secret', 'Attach files', 'expiry', 'reads', 'passphrase', 'Generate', 'label']);
    expect(await popup.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Create link');
    // Enter on the focused "Create link" button submits; with an empty text box it says why.
    await popup.page.keyboard.press('Enter');
    expect(await popup.alert.textContent()).toContain('Type or paste the secret, or attach a file.');
    await popup.page.close();
  });
});

describe('popup: keyboard shortcuts', () => {
  it('has both shortcuts set on a fresh profile, the ones the README gives', async () => {
    // An empty shortcut is what Chrome leaves when a suggested key is already the browser's.
    const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
    const shortcuts = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
    expect(shortcuts).toMatchObject({ '_execute_action': 'Alt+Shift+U', 'share-selection': 'Alt+Shift+L' });
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    expect(readme).toContain('toolbar popup (Alt+Shift+U)');
    expect(readme).toContain('(Alt+Shift+L)');
  });

  it('shows extension pages at the designed text size, not Chrome\'s 75 %', async () => {
    const popup = await Popup.open(browser);
    // The body's own size: the theme's 14 px root, not the 75 % Chrome sets on extension pages.
    const sizes = await popup.page.evaluate(() => [getComputedStyle(document.documentElement).fontSize, getComputedStyle(document.body).fontSize]);
    expect(sizes).toEqual(['14px', '14px']);
    await popup.page.close();
  });
});

describe('popup: create token', () => {
  it('says the server needs a create token, and works once it is set', async () => {
    const token = 'operator-token-1234567890';
    const guarded = await startServer({ env: { CREATE_TOKEN: token } });
    try {
      await worker.storeSettings({ server: guarded.url });
      const popup = await Popup.open(browser);
      await popup.page.getByText('This note server needs a create token.').waitFor();
      await popup.create('needs the token');
      expect(await popup.alert.textContent()).toContain('only accepts notes with its create token');
      expect(await popup.secret.inputValue()).toBe('needs the token');

      await worker.storeSettings({ server: guarded.url, createToken: token });
      await popup.page.reload();
      await popup.serverChecked();
      await popup.create('needs the token');
      await popup.createdHeading.waitFor();
      expect(await revealInNewTab(browser.context, await popup.link())).toBe('needs the token');
      await popup.page.close();
    } finally {
      await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
      await guarded.stop();
    }
  });
});

describe('popup: dark theme', () => {
  it('follows the system theme', async () => {
    const dark = await launchWithExtension({ colorScheme: 'dark' });
    try {
      const darkWorker = new ExtensionWorker(dark);
      await darkWorker.storeSettings({ server: server.url, clipboardClearSeconds: 60 });
      let popup = await Popup.open(dark);
      expect(await popup.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
      await popup.fitToContent();
      await screenshot(popup.page, 'popup-empty-dark');
      await popup.create('dark secret', { passphrase: 'correct horse battery' });
      await popup.createdHeading.waitFor();
      expect(await popup.copyStatus.textContent()).toBe('Link copied: paste it for the recipient. The clipboard is cleared in 1 minute.');
      await popup.qrButton.click();
      await popup.fitToContent();
      await screenshot(popup.page, 'popup-created-dark');
      await popup.page.close();

      await darkWorker.storeSettings({ server: 'http://127.0.0.1:9' });
      popup = await Popup.open(dark);
      await popup.create('dark secret');
      await popup.alert.waitFor();
      await popup.fitToContent();
      await screenshot(popup.page, 'popup-error-dark');
      await popup.page.close();
    } finally {
      await dark.close();
    }
  });
});
