// Page object: the note server's recipient page at /n/:id.
import type { Locator, Page } from 'playwright-core';

export class RecipientPage {
  readonly heading: Locator;
  readonly revealButton: Locator;
  readonly passphrase: Locator;
  readonly secret: Locator;
  readonly copyButton: Locator;
  readonly alert: Locator;
  /** "N tries left": wrong passphrases left before the note is destroyed. */
  readonly attempts: Locator;
  /** The notice of a lock: when the next try is possible. */
  readonly locked: Locator;

  /** `holdLabel`: the Reveal button's name in the page's language. */
  constructor(readonly page: Page, holdLabel = 'Hold to reveal') {
    this.heading = page.locator('h1');
    this.revealButton = page.getByRole('button', { name: holdLabel });
    this.passphrase = page.getByLabel('Passphrase');
    this.secret = page.getByTestId('secret');
    this.copyButton = page.getByRole('button', { name: 'Copy' });
    this.alert = page.getByRole('alert');
    this.attempts = page.getByTestId('attempts');
    this.locked = page.getByTestId('locked');
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

  /** Presses and holds Reveal, as a person does, until the secret shows; returns it exactly. */
  async reveal(passphrase?: string): Promise<string> {
    if (passphrase !== undefined) await this.passphrase.fill(passphrase);
    await this.hold();
    await this.secret.waitFor();
    // textContent keeps every space and newline exactly.
    return (await this.secret.textContent()) ?? '';
  }

  /** Holds the mouse down on Reveal until the page reacts (the secret, an error, a new heading). */
  async hold(): Promise<void> {
    const box = await this.revealButton.boundingBox();
    if (!box) throw new Error('the Reveal button is not visible');
    // What the page says: its heading, its alerts, the tries left. The hold lasts until that changes.
    const before = await this.page.evaluate(() => [document.querySelector('h1')?.textContent,
      ...Array.from(document.querySelectorAll('[role="alert"], [data-testid="attempts"]'), (a) => a.textContent)].join('\n'));
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    try {
      await this.page.waitForFunction((was) => document.querySelector('[data-testid="secret"]') !== null
        || (document.querySelector('button.hold')?.textContent !== 'Revealing…'
          && [document.querySelector('h1')?.textContent,
            ...Array.from(document.querySelectorAll('[role="alert"], [data-testid="attempts"]'), (a) => a.textContent)].join('\n') !== was),
      before);
    } finally {
      await this.page.mouse.up();
    }
  }
}
