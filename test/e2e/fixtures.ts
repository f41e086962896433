// Browser test fixtures: a real headless Chromium with the built extension loaded.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { BROWSERS, findChromium } from '../../scripts/find-browsers.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
/** Screenshots land here (ignored by git); look at them after a run. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-features=DialMediaRouteProvider',
];

function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(BROWSERS.chromium.install);
  return found;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens an extension page (e.g. 'popup.html') as a tab. */
  openExtensionPage: (file: string) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Launches Chromium with the built Chrome MV3 extension loaded. `lang` is the browser's UI
 * language, which picks the extension's catalogue (browser.i18n). `display` (an X display such as
 * ':99') launches it headed on that display instead, as one window of 1280 × 900 at the top left,
 * sized by the window rather than an emulated viewport.
 */
export async function launchWithExtension(options: { colorScheme?: 'light' | 'dark'; args?: string[]; lang?: string; display?: string } = {}): Promise<ExtensionBrowser> {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The extension is not built: run npm run build first (${EXTENSION_DIR} is missing).`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: options.display === undefined,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.display === undefined ? { width: 1100, height: 800 } : null,
    locale: options.lang,
    ...(options.display === undefined ? {} : { env: { ...process.env, DISPLAY: options.display } }),
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...FLAGS,
      ...(options.display === undefined ? [] : ['--window-position=0,0', '--window-size=1280,900']),
      ...(options.lang ? [`--lang=${options.lang}`] : []), ...(options.args ?? [])],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return {
    context,
    worker,
    extensionId,
    openExtensionPage: async (file) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    },
    close: () => context.close(),
  };
}

/**
 * Launches Chromium without any extension: a recipient who does not have Burnlink. `locale` is
 * the browser's language (navigator.languages, Accept-Language).
 */
export async function launchPlain(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS });
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: 900, height: 700 }, locale: options.locale });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return { browser, context, close: () => browser.close() };
}

/** Saves a screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
