// Page object: the note server's recipient page at /n/:id. Its flows are the reveal view's
// (RevealView.ts), shared with the Firefox suite; the locators are for Chromium's finer checks.
import type { Locator, Page } from 'playwright-core';
import { playwrightDriver } from './driver';
import { RevealViewUi } from './RevealView';

export class RecipientPage extends RevealViewUi {
  readonly heading: Locator;
  readonly revealButton: Locator;
  readonly passphrase: Locator;
  readonly secret: Locator;
  readonly copyButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    super(playwrightDriver(page));
    this.heading = page.locator('h1');
    this.revealButton = page.getByRole('button', { name: 'Reveal secret' });
    this.passphrase = page.getByLabel('Passphrase');
    this.secret = page.getByTestId('secret');
    this.copyButton = page.getByRole('button', { name: 'Copy' });
    this.alert = page.getByRole('alert');
  }

  async open(link: string) {
    await this.page.goto(link);
  }
}
