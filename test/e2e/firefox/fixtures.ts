// Firefox test fixtures: Debian's Firefox ESR, headless, driven by Puppeteer over WebDriver BiDi,
// with the built Firefox (MV2) extension installed as a temporary add-on.
//
// Firefox lets the test reach its own browser window (with --remote-allow-system-access), so the
// tests use the browser's real context menu and real permission prompt where Chromium's suite has
// to fire listeners itself: see pages/FirefoxUi.ts.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { z } from 'zod';
import { BROWSERS, findFirefox } from '../../../scripts/find-browsers.mjs';
import { puppeteerDriver, type Driver } from '../pages/driver';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const FIREFOX_EXTENSION_DIR = path.join(ROOT, '.output/firefox-mv2');
/** The add-on id of the Firefox build (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'burnlink@burnlink.dev';

function firefoxPath(): string {
  const found = findFirefox();
  if (!found) throw new Error(BROWSERS.firefox.install);
  return found;
}

/** What a BiDi script call answers (only what the fixtures read). */
const evaluateResult = z.discriminatedUnion('type', [
  z.object({ type: z.literal('success'), result: z.object({ type: z.string(), value: z.unknown().optional() }) }),
  z.object({ type: z.literal('exception'), exceptionDetails: z.object({ text: z.string() }) }),
]);
const contextTree = z.object({
  contexts: z.array(z.object({ context: z.string(), url: z.string() })),
});

/** Puppeteer's BiDi connection, for the few commands it has no API for. */
function bidiConnection(browser: Browser): (method: string, params: object) => Promise<unknown> {
  const connection: unknown = Reflect.get(browser, 'connection');
  if (typeof connection !== 'object' || connection === null || !('send' in connection) || typeof connection.send !== 'function') {
    throw new Error('This Puppeteer does not expose its WebDriver BiDi connection; the Firefox fixtures need it.');
  }
  const send: (method: string, params: object) => unknown = connection.send.bind(connection);
  return async (method, params) => z.object({ result: z.unknown() }).parse(await send(method, params)).result;
}

export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`: fixed per run by a preference, so pages can be addressed. */
  origin: string;
  /** Opens an extension page (e.g. 'popup.html') in a new tab, loaded. */
  openExtensionPage: (file: string, viewport?: { width: number; height: number }) => Promise<Page>;
  /** Loads `url` in `page` (also extension pages, where Puppeteer's goto never resolves). */
  navigate: (page: Page, url: string) => Promise<void>;
  /**
   * Runs `fn` in the browser's own window (its menus, prompts and clipboard), with one argument
   * and a result of plain JSON.
   */
  inBrowserWindow: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
  /** Waits for a tab the extension opened itself on `file` (such as the first-run page). */
  waitForExtensionTab: (file: string) => Promise<Page>;
  /** A page of the extension kept open for the tests' calls into the extension (storage, background). */
  extensionPage: Page;
  close: () => Promise<void>;
}

export interface FirefoxOptions {
  colorScheme?: 'light' | 'dark';
  /** Extra preferences for the profile. */
  prefs?: Record<string, string | number | boolean>;
  /** Extra environment for the browser process (such as HOME, where Firefox looks for managed storage). */
  env?: Record<string, string>;
}

/** Launches headless Firefox ESR with the built extension installed. */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxExtension> {
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The Firefox extension is not built: run npm run build first (${FIREFOX_EXTENSION_DIR} is missing).`);
  }
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Lets the test reach the browser's own window: menus, prompts, the clipboard.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 800 },
    env: { ...process.env, ...options.env },
    extraPrefsFirefox: {
      // The extension's internal address is random per install unless fixed here.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // 0 dark, 1 light: what pages see as prefers-color-scheme.
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      // Nothing but loopback is reachable: no captive portal or connectivity checks.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      ...options.prefs,
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const send = bidiConnection(browser);
    const tree = contextTree.parse(await send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 }));
    const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!window) throw new Error('Firefox has no browser window');

    const inBrowserWindow = async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
      const answer = evaluateResult.parse(await send('script.callFunction', {
        functionDeclaration: `async (json) => JSON.stringify(await (${fn.toString()})(JSON.parse(json)) ?? null)`,
        arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
        target: { context: window.context },
        awaitPromise: true,
      }));
      if (answer.type === 'exception') throw new Error(`in the browser window: ${answer.exceptionDetails.text}`);
      return JSON.parse(z.string().parse(answer.result.value)) as R;
    };
    const navigate = async (page: Page, url: string) => {
      // Puppeteer waits for a load event BiDi does not report for moz-extension:// pages.
      // The frame's `_id` is its BiDi browsing context (internal to Puppeteer, hence checked).
      const context = z.string().parse(Reflect.get(page.mainFrame(), '_id'));
      await send('browsingContext.navigate', { context, url, wait: 'complete' });
    };
    const origin = `moz-extension://${uuid}`;
    const openExtensionPage = async (file: string, viewport?: { width: number; height: number }) => {
      const page = await browser.newPage();
      if (viewport) await page.setViewport(viewport);
      await navigate(page, `${origin}/${file}`);
      return page;
    };
    const waitForExtensionTab = async (file: string) => {
      const wanted = `${origin}/${file}`;
      const until = Date.now() + 15_000;
      for (;;) {
        // Puppeteer does not follow the address of moz-extension:// tabs: ask each page.
        for (const page of await browser.pages()) {
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(wanted)) return page;
        }
        if (Date.now() > until) throw new Error(`no tab of ${file} within 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // The options page: it only reads settings and asks the server's health, so it disturbs nothing.
    const extensionPage = await openExtensionPage('options.html');
    return {
      browser,
      origin,
      openExtensionPage,
      waitForExtensionTab,
      navigate,
      inBrowserWindow,
      extensionPage,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A driver over a page of the Firefox suite. */
export const ui = (page: Page): Driver => puppeteerDriver(page);
