// Page object of the reveal view (components/RevealView.tsx), shared by both browsers: the same
// view is the note server's recipient page and the extension's reveal panel.
import type { Driver } from './driver';

export const REVEAL_VIEW = {
  heading: 'h1',
  passphrase: '#passphrase',
  revealButton: '.reveal button[type="submit"]',
  secret: '[data-testid="secret"]',
  alert: '[role="alert"]',
} as const;

export class RevealViewUi {
  constructor(readonly ui: Driver) {}

  /** Waits until the view has checked the link and settled on a heading other than "Checking". */
  async settledHeading(): Promise<string> {
    await this.ui.until(() => {
      const h = document.querySelector('h1');
      return h !== null && !h.textContent?.startsWith('Checking');
    }, null);
    return this.ui.text(REVEAL_VIEW.heading);
  }

  /** Clicks "Reveal secret" (after typing the passphrase, if given) and returns the secret shown. */
  async reveal(passphrase?: string): Promise<string> {
    if (passphrase !== undefined) await this.ui.fill(REVEAL_VIEW.passphrase, passphrase);
    await this.ui.click(REVEAL_VIEW.revealButton);
    await this.ui.waitFor(REVEAL_VIEW.secret);
    // textContent keeps every space and newline exactly.
    return this.ui.text(REVEAL_VIEW.secret);
  }
}
