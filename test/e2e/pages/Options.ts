// Page object: the options page (options.html). What both browsers check (OptionsUi) goes through
// a driver; the locators are for Chromium's finer checks.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from '../fixtures';
import { playwrightDriver, type Driver } from './driver';

/** The note server's fields and the defaults for new links, by their ids. */
export type OptionsField = 'server' | 'createToken' | 'defaultExpiry' | 'defaultReads' | 'clipboardClearSeconds';

/** The options page as a person sees it, in either browser. */
export class OptionsUi {
  constructor(readonly ui: Driver) {}

  /** Waits for the form. */
  async ready(): Promise<void> {
    await this.ui.waitFor('#server');
  }

  /** What the page says about the organisation's settings; '' when it says nothing. */
  async managedNotice(): Promise<string> {
    return (await this.ui.isVisible('.notice.managed')) ? this.ui.text('.notice.managed') : '';
  }

  value(field: OptionsField): Promise<string> {
    return this.ui.value(`#${field}`);
  }

  /** Whether the field can be changed (an organisation's setting cannot). */
  editable(field: OptionsField): Promise<boolean> {
    return this.ui.evaluate((id) => {
      const control = document.getElementById(id);
      if (control instanceof HTMLInputElement) return !control.readOnly && !control.disabled;
      return control instanceof HTMLSelectElement && !control.disabled;
    }, field);
  }

  /** The help line under a field. */
  help(field: OptionsField): Promise<string> {
    return this.ui.text(`#${field}-help`);
  }
}

/**
 * The managed-settings suites of both browsers set one policy: a server, its create token, links
 * read 3 times and kept 1 hour. The options page shows each as set by the organisation and locked,
 * and leaves the clipboard delay to the person.
 */
export async function expectOrganisationPolicy(options: OptionsUi, server: string): Promise<void> {
  expect(await options.managedNotice()).toContain('Your organisation manages some of these settings');
  expect(await options.value('server')).toBe(server);
  expect(await options.editable('server')).toBe(false);
  expect(await options.help('server')).toMatch(/^Set by your organisation\./);
  expect(await options.editable('createToken')).toBe(false);
  expect(await options.value('defaultReads')).toBe('3');
  expect(await options.editable('defaultReads')).toBe(false);
  expect(await options.value('defaultExpiry')).toBe('3600');
  expect(await options.editable('defaultExpiry')).toBe(false);
  // What the organisation left alone stays the person's.
  expect(await options.editable('clipboardClearSeconds')).toBe(true);
}

export class Options extends OptionsUi {
  readonly server: Locator;
  readonly createToken: Locator;
  readonly defaultExpiry: Locator;
  readonly defaultReads: Locator;
  readonly clipboardClear: Locator;
  readonly saveButton: Locator;
  readonly saved: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    super(playwrightDriver(page));
    this.server = page.getByLabel('Server address');
    this.createToken = page.getByLabel('Create token');
    this.defaultExpiry = page.getByLabel('Expire after', { exact: true });
    this.defaultReads = page.getByLabel('Can be read', { exact: true });
    this.clipboardClear = page.getByLabel('Clear the clipboard after');
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saved = page.locator('.notice.ok');
    this.alert = page.getByRole('alert');
  }

  static async open(browser: ExtensionBrowser): Promise<Options> {
    const page = await browser.openExtensionPage('options.html');
    const options = new Options(page);
    await options.server.waitFor();
    // Every section has read its settings: nothing moves under a click any more.
    await page.getByLabel('Message', { exact: true }).waitFor();
    return options;
  }

  /** Saves; resolves to the sentence shown, a confirmation or an error. */
  async save(): Promise<{ ok: boolean; message: string }> {
    await this.saveButton.click();
    await this.saved.or(this.alert).first().waitFor();
    const ok = await this.saved.isVisible();
    return { ok, message: (await (ok ? this.saved : this.alert).textContent()) ?? '' };
  }
}
