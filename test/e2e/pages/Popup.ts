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

  /**
   * Waits until the footer no longer says "checking", and the popup knows whether to show again a
   * link made before it closed; returns what the footer says.
   */
  async serverChecked(): Promise<string> {
    await this.ui.until(() => {
      const footer = document.querySelector('.popup-footer');
      return footer !== null && !footer.textContent?.includes('checking')
        && document.querySelector('#panel-new[aria-busy="false"]') !== null;
    }, null);
    return this.ui.text(POPUP.footer);
  }

  /** Closes a "Link created" view that came back from before ("New link"), for an empty form. */
  async startFresh(): Promise<void> {
    const shown = await this.ui.evaluate(() => document.querySelector('#created-heading') !== null, null);
    if (!shown) return;
    await this.ui.click(POPUP.newLinkButton);
    await this.ui.until(() => document.querySelector('#secret') !== null, null);
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
  readonly attachButton: Locator;
  readonly attached: Locator;
  readonly copyAgainButton: Locator;
  readonly copyInstructionsButton: Locator;
  readonly clearAfter: Locator;

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
    this.attachButton = page.getByRole('button', { name: 'Attach files' });
    this.attached = page.getByRole('list', { name: 'Attached files' }).getByRole('listitem');
    this.copyAgainButton = page.getByRole('button', { name: 'Copy again' });
    this.copyInstructionsButton = page.locator('.created').getByRole('button', { name: 'Copy with instructions' });
    this.clearAfter = page.locator('.created').getByLabel('Clear the clipboard after');
  }

  /**
   * Opens the popup in a tab the size of the real popup, once it knows whether the server answers,
   * on an empty form: a "Link created" view that came back from before is closed with "New link".
   */
  static async open(browser: ExtensionBrowser): Promise<Popup> {
    const popup = await Popup.reopen(browser);
    await popup.startFresh();
    return popup;
  }

  /** Opens the popup as a person does after a click elsewhere closed it: whatever it shows first. */
  static async reopen(browser: ExtensionBrowser): Promise<Popup> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 370, height: 600 });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const popup = new Popup(page);
    await popup.serverChecked();
    return popup;
  }

  /** Attaches files through the "Attach files" button and the browser's file chooser. */
  async attach(files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.attachButton.click()]);
    await chooser.setFiles(files);
  }

  /** Drops files on the form, as a drag from the desktop does (a DataTransfer holding files). */
  async drop(files: Array<{ name: string; type: string; bytes: number[] }>): Promise<void> {
    await this.page.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      const form = document.querySelector('.share-form');
      if (!form) throw new Error('no form');
      form.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);
  }

  /** Pastes files into the text box, as after "Copy" in a file manager. */
  async pasteFiles(files: Array<{ name: string; type: string; bytes: number[] }>): Promise<void> {
    await this.secret.focus();
    await this.page.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, files);
  }

  /** Names of the attached files, in order. */
  async attachedNames(): Promise<string[]> {
    return this.attached.locator('.file-name').allTextContents();
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
