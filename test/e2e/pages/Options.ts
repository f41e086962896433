// Page object: the options page (options.html).
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../fixtures';

export class Options {
  readonly server: Locator;
  readonly createToken: Locator;
  readonly defaultExpiry: Locator;
  readonly defaultReads: Locator;
  readonly clipboardClear: Locator;
  readonly saveButton: Locator;
  readonly saved: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
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
