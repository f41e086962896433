// Page object: the "Secret guard" section of the options page, and what the worker sees of it.
import type { Locator, Page, Worker } from 'playwright-core';
import type { ExtensionBrowser } from '../fixtures';
import { allowInBrowserSettings } from './DetectionOptions';

// The service worker's own `chrome` (promise-based in MV3, shaped like webextension-polyfill's).
declare const chrome: import('webextension-polyfill').Browser;

export type GuardMode = 'Off' | 'On every site' | 'Only on sites I choose';

export class GuardOptions {
  readonly section: Locator;
  readonly siteInput: Locator;
  readonly addButton: Locator;
  readonly sites: Locator;
  readonly alert: Locator;
  readonly rules: Locator;

  constructor(readonly page: Page) {
    this.section = page.locator('.guard-settings');
    this.siteInput = this.section.getByLabel('Site to guard');
    this.addButton = this.section.getByRole('button', { name: 'Add site' });
    this.sites = this.section.getByRole('list', { name: 'Guarded sites' }).getByRole('listitem');
    this.alert = this.section.getByRole('alert');
    this.rules = this.section.locator('.guard-rules');
  }

  static async open(ext: ExtensionBrowser): Promise<GuardOptions> {
    const options = new GuardOptions(await ext.openExtensionPage('options.html'));
    await options.section.waitFor();
    return options;
  }

  mode(label: GuardMode): Locator {
    return this.section.getByRole('radio', { name: label });
  }

  async addSite(site: string) {
    await this.siteInput.fill(site);
    await this.addButton.click();
  }

  /** The checkbox of one kind of secret ("GitHub personal access token"). */
  rule(name: string): Locator {
    return this.rules.getByRole('checkbox', { name });
  }
}

/** What the worker sees: the guard's registration and the granted host access. */
export async function guardState(worker: Worker): Promise<{ matches: string[]; origins: string[]; runAt?: string; allFrames?: boolean }> {
  return worker.evaluate(async () => {
    const [script] = await chrome.scripting.getRegisteredContentScripts({ ids: ['burnlink-guard'] });
    const { origins = [] } = await chrome.permissions.getAll();
    return { matches: script?.matches ?? [], origins: origins.sort(), runAt: script?.runAt, allFrames: script?.allFrames };
  });
}

/** Waits (polling) until the guard's registration covers exactly `matches`. */
export async function waitForGuard(worker: Worker, matches: string[], timeout = 15_000): Promise<void> {
  const want = JSON.stringify(matches);
  const until = Date.now() + timeout;
  for (;;) {
    const seen = JSON.stringify((await guardState(worker)).matches);
    if (seen === want) return;
    if (Date.now() > until) throw new Error(`the guard stayed registered for ${seen}, expected ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Turns the guard on for one site through the options page, and waits for its registration. */
export async function turnOnGuardFor(ext: ExtensionBrowser, origin: string): Promise<GuardOptions> {
  const { protocol, hostname } = new URL(origin);
  const pattern = `${protocol}//${hostname}/*`;
  await allowInBrowserSettings(ext, pattern);
  const options = await GuardOptions.open(ext);
  await options.mode('Only on sites I choose').check();
  await options.addSite(origin);
  await options.sites.filter({ hasText: `${protocol}//${hostname}` }).waitFor();
  await waitForGuard(ext.worker, [pattern]);
  return options;
}
