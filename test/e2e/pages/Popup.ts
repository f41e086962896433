// Page object: the toolbar popup (popup.html), opened as a tab. Its flows (PopupUi) are shared
// with the Firefox suite; the locators are for Chromium's finer checks.
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../fixtures';
import { playwrightDriver, type Driver } from './driver';

export const POPUP = {
  secret: '#secret',
  expiry: '#expiry',
  reads: '#reads',
  passphrase: '#passphrase',
  label: '#label',
  createButton: '.share-form button[type="submit"]',
  createdHeading: '#created-heading',
  copyStatus: '.created [role="status"]',
  link: '#link',
  newLinkButton: '.created button.primary',
  footer: '.popup-footer',
} as const;

export interface CreateOptions {
  passphrase?: string;
  label?: string;
  /** Visible text of the expiry choice, such as "1 hour". */
  expiry?: string;
  /** Visible text of the reads choice, such as "3 times". */
  reads?: string;
  /** Create with Ctrl+Enter in the text box instead of the button. */
  keyboard?: boolean;
}

/** The popup as a person uses it, in either browser. */
export class PopupUi {
  constructor(readonly ui: Driver) {}

  /** Waits until the footer no longer says "checking"; returns what it says. */
  async serverChecked(): Promise<string> {
    await this.ui.until(() => {
      const footer = document.querySelector('.popup-footer');
      return footer !== null && !footer.textContent?.includes('checking');
    }, null);
    return this.ui.text(POPUP.footer);
  }

  /** Types the secret and creates the link; resolves once the popup shows the link or an error. */
  async create(secret: string | undefined, options: CreateOptions = {}): Promise<void> {
    if (secret !== undefined) await this.ui.fill(POPUP.secret, secret);
    if (options.passphrase !== undefined) await this.ui.fill(POPUP.passphrase, options.passphrase);
    if (options.label !== undefined) await this.ui.fill(POPUP.label, options.label);
    if (options.expiry !== undefined) await this.ui.selectByLabel(POPUP.expiry, options.expiry);
    if (options.reads !== undefined) await this.ui.selectByLabel(POPUP.reads, options.reads);
    if (options.keyboard) {
      await this.ui.evaluate((selector) => (document.querySelector(selector) as HTMLElement | null)?.focus(), POPUP.secret);
      await this.ui.press('Control+Enter');
    } else {
      await this.ui.click(POPUP.createButton);
    }
    await this.ui.until(() => document.querySelector('#created-heading, [role="alert"]') !== null, null);
  }

  /** The link shown after creating one. */
  link(): Promise<string> {
    return this.ui.value(POPUP.link);
  }

  /** What the popup says about copying the new link. */
  copyMessage(): Promise<string> {
    return this.ui.text(POPUP.copyStatus);
  }
}

export class Popup extends PopupUi {
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
    super(playwrightDriver(page));
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
