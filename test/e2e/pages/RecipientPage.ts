// Page object: the note server's recipient page at /n/:id.
import type { Locator, Page } from 'playwright-core';

export class RecipientPage {
  readonly heading: Locator;
  readonly revealButton: Locator;
  readonly passphrase: Locator;
  readonly secret: Locator;
  readonly copyButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
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

  /** Waits until the page has checked the link and settled on a heading other than "Checking". */
  async settledHeading(): Promise<string> {
    await this.page.waitForFunction(() => {
      const h = document.querySelector('h1');
      return h !== null && !h.textContent?.startsWith('Checking');
    });
    return (await this.heading.textContent()) ?? '';
  }

  async reveal(passphrase?: string): Promise<string> {
    if (passphrase !== undefined) await this.passphrase.fill(passphrase);
    await this.revealButton.click();
    await this.secret.waitFor();
    // textContent keeps every space and newline exactly.
    return (await this.secret.textContent()) ?? '';
  }
}
