// The options page and the first-run page: a note server is saved only after its health endpoint
// says it is a Burnlink server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { FirstRunUi } from './pages/FirstRun';
import { Options } from './pages/Options';

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;
/** An ordinary web site: answers 200 with HTML on every path, /api/health included. */
let website: http.Server;
let websiteUrl: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchWithExtension()]);
  worker = new ExtensionWorker(browser);
  website = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>Intranet</title><h1>Welcome to the intranet</h1>');
  });
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => website?.close(resolve));
});

describe('first-run page', () => {
  let welcome: Page;

  it('opens on install, with the local server prefilled', async () => {
    welcome = browser.context.pages().find((p) => p.url().endsWith('/welcome.html'))
      ?? await browser.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/welcome.html') });
    await welcome.setViewportSize({ width: 900, height: 760 });
    await welcome.getByRole('heading', { name: 'Welcome to Burnlink' }).waitFor();
    await expect.poll(() => welcome.locator('.intro li').count()).toBe(3);
    expect(await welcome.getByLabel('Server address').inputValue()).toBe('http://127.0.0.1:8787');
    await expect.poll(() => welcome.getByRole('heading', { name: 'Link detection' }).count()).toBe(1);
    await screenshot(welcome, 'welcome');
  });

  it('refuses an address that is not a Burnlink server', async () => {
    const refused = await new FirstRunUi(playwrightDriver(welcome)).save(websiteUrl);
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('not a Burnlink note server') });
    expect(await welcome.getByRole('alert').textContent()).toContain('not a Burnlink note server');
    expect(await worker.stored('onboarded')).toBeUndefined();
  });

  it('checks and saves a good one', async () => {
    // The button is named for what it does, for people using a screen reader too.
    expect(await welcome.getByRole('button', { name: 'Check and save' }).count()).toBe(1);
    const saved = await new FirstRunUi(playwrightDriver(welcome)).save(`${server.url}/`);
    expect(saved).toEqual({ ok: true, message: expect.stringContaining(`127.0.0.1:${server.port} is a Burnlink note server`) });
    expect((await worker.storedSettings())?.server).toBe(server.url);
    expect(await worker.stored('onboarded')).toBe(true);
    await screenshot(welcome, 'welcome-saved');
  });
});

describe('options page', () => {
  it.each([
    ['an ordinary web site', () => websiteUrl, 'answered, but it is not a Burnlink note server'],
    ['a closed port', () => 'http://127.0.0.1:9', 'Could not reach http://127.0.0.1:9'],
    ['not an address', () => 'my burnlink server', 'is not a web address'],
    ['plain http to another computer', () => 'http://burnlink.example.com', 'Use https://'],
  ])('refuses %s with a message, and saves nothing', async (_kind, url, message) => {
    await worker.storeSettings({ server: server.url, defaultExpiry: 3600 });
    const options = await Options.open(browser);
    await options.server.fill(url());
    await options.defaultExpiry.selectOption({ label: '7 days' });
    const saved = await options.save();
    expect(saved.ok).toBe(false);
    expect(saved.message).toContain(message);
    expect(await options.server.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => options.page.evaluate(() => document.activeElement?.id)).toBe('server');
    expect(await worker.storedSettings()).toMatchObject({ server: server.url, defaultExpiry: 3600 });
    if (_kind === 'an ordinary web site') await screenshot(options.page, 'options-refused');
    await options.page.close();
  });

  it('saves a good server and the defaults for new links', async () => {
    await worker.storeSettings({ server: 'http://127.0.0.1:9' });
    const options = await Options.open(browser);
    await options.server.fill(` ${server.url}/ `);
    const saved = await options.save();
    expect(saved).toEqual({ ok: true, message: expect.stringContaining(`Saved. 127.0.0.1:${server.port} is a Burnlink note server`) });
    // Now the server's own choices are offered.
    expect(await options.defaultExpiry.locator('option').allTextContents()).toEqual(['5 minutes', '1 hour', '24 hours', '7 days']);
    await options.defaultExpiry.selectOption({ label: '1 hour' });
    await options.defaultReads.selectOption({ label: '3 times' });
    await options.clipboardClear.selectOption({ label: '5 minutes' });
    expect((await options.save()).ok).toBe(true);
    expect(await worker.storedSettings()).toMatchObject({
      server: server.url, defaultExpiry: 3600, defaultReads: 3, clipboardClearSeconds: 300,
    });
    await options.page.reload();
    await options.server.waitFor();
    expect(await options.server.inputValue()).toBe(server.url);
    expect(await options.defaultReads.inputValue()).toBe('3');
    await expect.poll(() => options.page.getByRole('heading', { name: 'Link detection' }).count()).toBe(1);
    await expect.poll(() => options.page.getByRole('heading', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    await screenshot(options.page, 'options');
    await options.page.close();
  });

  it('asks for the create token when the server requires one', async () => {
    const token = 'operator-token-1234567890';
    const guarded = await startServer({ env: { CREATE_TOKEN: token } });
    try {
      await worker.storeSettings({ server: server.url });
      const options = await Options.open(browser);
      await options.server.fill(guarded.url);
      const refused = await options.save();
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain('only accepts notes with its create token');
      await expect.poll(() => options.page.evaluate(() => document.activeElement?.id)).toBe('createToken');
      expect((await worker.storedSettings())?.server).toBe(server.url);

      await options.createToken.fill(token);
      expect((await options.save()).ok).toBe(true);
      expect(await worker.storedSettings()).toMatchObject({ server: guarded.url, createToken: token });
      await options.page.close();
    } finally {
      await guarded.stop();
    }
  });
});
