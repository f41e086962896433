// Page object: the toolbar popup (popup.html), opened as a tab.
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../fixtures';

export class Popup {
  readonly secret: Locator;
  readonly size: Locator;
  readonly expiry: Locator;
  readonly reads: Locator;
  readonly passphrase: Locator;
  readonly label: Locator;
  readonly generateButton: Locator;
  readonly createButton: Locator;
  readonly alert: Locator;
  readonly createdHeading: Locator;
  readonly copyStatus: Locator;
  readonly linkField: Locator;
  readonly qrButton: Locator;
  readonly qr: Locator;
  readonly newLinkButton: Locator;
  readonly footer: Locator;

  constructor(readonly page: Page) {
    this.secret = page.getByLabel('Secret');
    this.size = page.locator('#secret-size');
    this.expiry = page.getByLabel('Expires after');
    this.reads = page.getByLabel('Can be read');
    this.passphrase = page.getByLabel('Passphrase');
    this.label = page.getByLabel('Label (only you see it)');
    this.generateButton = page.getByRole('button', { name: 'Generate' });
    this.createButton = page.getByRole('button', { name: 'Create link' });
    this.alert = page.getByRole('alert');
    this.createdHeading = page.getByRole('heading', { name: 'Link created' });
    this.copyStatus = page.locator('.created [role="status"]');
    this.linkField = page.getByLabel('One-time link');
    this.qrButton = page.getByRole('button', { name: /QR code/ });
    this.qr = page.getByRole('img', { name: 'QR code of the one-time link' });
    this.newLinkButton = page.getByRole('button', { name: 'New link' });
    this.footer = page.locator('.popup-footer');
  }

  /** Opens the popup in a tab the size of the real popup, once it knows whether the server answers. */
  static async open(browser: ExtensionBrowser): Promise<Popup> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 370, height: 600 });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const popup = new Popup(page);
    await popup.serverChecked();
    return popup;
  }

  /** Waits until the footer no longer says "checking". */
  async serverChecked(): Promise<string> {
    await this.page.waitForFunction(() => {
      const footer = document.querySelector('.popup-footer');
      return footer !== null && !footer.textContent?.includes('checking');
    });
    return (await this.footer.textContent()) ?? '';
  }

  /** Types the secret and creates the link; resolves once the popup shows the link or an error. */
  async create(secret: string | undefined, options: { passphrase?: string; label?: string; expiry?: string; reads?: string; keyboard?: boolean } = {}) {
    if (secret !== undefined) await this.secret.fill(secret);
    if (options.passphrase !== undefined) await this.passphrase.fill(options.passphrase);
    if (options.label !== undefined) await this.label.fill(options.label);
    if (options.expiry !== undefined) await this.expiry.selectOption({ label: options.expiry });
    if (options.reads !== undefined) await this.reads.selectOption({ label: options.reads });
    if (options.keyboard) {
      await this.secret.focus();
      await this.page.keyboard.press('Control+Enter');
    } else {
      await this.createButton.click();
    }
    await this.createdHeading.or(this.alert).first().waitFor();
  }

  async link(): Promise<string> {
    return this.linkField.inputValue();
  }

  /** Whatever is on the clipboard now (the page has focus; the test context may read it). */
  async clipboard(): Promise<string> {
    await this.page.bringToFront();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Fits the screenshot to the popup's content, as the browser sizes a real popup. */
  async fitToContent(): Promise<void> {
    const height = await this.page.evaluate(() => Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().height ?? 600));
    await this.page.setViewportSize({ width: 370, height: Math.min(height, 600) });
  }
}
