// Page object: the "Link detection" section of the options page, and the browser's own site
// access setting that stands in for the permission prompt a test cannot click.
import type { Locator, Page, Worker } from 'playwright-core';
import { waitFor } from '../../helpers/wait';
import type { ExtensionBrowser } from '../fixtures';
import type { Driver } from './driver';

// The service worker's own `chrome` (promise-based in MV3, shaped like webextension-polyfill's).
declare const chrome: import('webextension-polyfill').Browser;

interface DeveloperPrivate {
  addHostPermission(extensionId: string, host: string, done: () => void): void;
}

/**
 * Grants `pattern` in Chrome's own extension settings (chrome://extensions, "Site access"), as a
 * person does there. A headless browser shows permission prompts nowhere a test can click them;
 * with the site already allowed by the person, the extension's own permissions.request (made by
 * the options page, on a real click) is granted without a prompt. The request is still made.
 */
export async function allowInBrowserSettings(ext: ExtensionBrowser, pattern: string): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://extensions/');
    await page.evaluate(([id, host]) => new Promise<void>((resolve) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate;
      api.addHostPermission(id, host, () => resolve());
    }), [ext.extensionId, pattern] as const);
  } finally {
    await page.close();
  }
}

/** What the worker sees: the detector's registration and the granted host access. */
export async function detectionState(worker: Worker): Promise<{ matches: string[]; origins: string[] }> {
  return worker.evaluate(async () => {
    const [script] = await chrome.scripting.getRegisteredContentScripts({ ids: ['burnlink-detector'] });
    const { origins = [] } = await chrome.permissions.getAll();
    return { matches: script?.matches ?? [], origins: origins.sort() };
  });
}

/** Waits until the detection state is `expected`. */
export async function waitForDetection(worker: Worker, expected: { matches: string[]; origins: string[] }, timeout = 15_000) {
  const want = JSON.stringify(expected);
  await waitFor(`detection state ${want}`, async () => JSON.stringify(await detectionState(worker)) === want, { timeoutMs: timeout, intervalMs: 50 });
}

export class DetectionOptions {
  readonly section: Locator;
  readonly siteInput: Locator;
  readonly addButton: Locator;
  readonly sites: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.section = page.locator('.detection-settings');
    this.siteInput = this.section.getByLabel('Site address');
    this.addButton = this.section.getByRole('button', { name: 'Add site' });
    this.sites = this.section.getByRole('list', { name: 'Chosen sites' }).getByRole('listitem');
    this.alert = this.section.getByRole('alert');
  }

  static async open(ext: ExtensionBrowser): Promise<DetectionOptions> {
    const options = new DetectionOptions(await ext.openExtensionPage('options.html'));
    await options.section.waitFor();
    return options;
  }

  mode(label: 'Off' | 'On every site' | 'Only on sites I choose'): Locator {
    return this.section.getByRole('radio', { name: label });
  }

  async choose(label: 'Off' | 'On every site' | 'Only on sites I choose') {
    await this.mode(label).check();
  }

  async addSite(site: string) {
    await this.siteInput.fill(site);
    await this.addButton.click();
  }
}

/** Turns detection on for one site through the options page, and waits for the detector. */
export async function turnOnDetectionFor(ext: ExtensionBrowser, origin: string): Promise<DetectionOptions> {
  const { protocol, hostname } = new URL(origin);
  const pattern = `${protocol}//${hostname}/*`;
  await allowInBrowserSettings(ext, pattern);
  const options = await DetectionOptions.open(ext);
  await options.choose('Only on sites I choose');
  await options.addSite(origin);
  await options.sites.filter({ hasText: `${protocol}//${hostname}` }).waitFor();
  await waitForDetection(ext.worker, { matches: [pattern], origins: [pattern] });
  return options;
}

/** The "Link detection" section as a person uses it, in either browser (options or first-run page). */
export class DetectionUi {
  constructor(readonly ui: Driver) {}

  /** Picks a mode; the browser may then ask the person for access. */
  async choose(mode: 'off' | 'all' | 'sites'): Promise<void> {
    await this.ui.click(`.detection-settings input[name="detection-mode"][value="${mode}"]`);
  }

  /** Types a site and clicks "Add site"; the browser then asks the person for access to it. */
  async addSite(site: string): Promise<void> {
    await this.ui.fill('#detection-site', site);
    await this.ui.click('.detection-settings .site-list button[type="submit"]');
  }

  /** The chosen sites as listed. */
  sites(): Promise<string[]> {
    return this.ui.evaluate(() => Array.from(document.querySelectorAll('.detection-settings .site-list li .grow')).map((s) => s.textContent ?? ''), null);
  }

  /** Waits until `site` is listed among the chosen sites. */
  async waitForSite(site: string): Promise<void> {
    await this.ui.until((s) => Array.from(document.querySelectorAll('.detection-settings .site-list li .grow')).some((e) => e.textContent === s), site);
  }
}
