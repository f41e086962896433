// Page object of the reveal view (components/RevealView.tsx), shared by both browsers: the same
// view is the note server's recipient page (Reveal is pressed and held there) and the extension's
// genuine reveal UI (a click).
import type { Driver } from './driver';

export const REVEAL_VIEW = {
  heading: 'h1',
  passphrase: '#passphrase',
  /** The extension's Reveal button. */
  revealButton: '.reveal button[type="submit"]',
  /** The recipient page's press-and-hold Reveal button. */
  holdButton: '.reveal button.hold',
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

  /**
   * Reveals (after typing the passphrase, if given) as a person does: a click on "Reveal secret",
   * or on the recipient page, holding "Hold to reveal" down until the page answers. Returns the
   * secret shown.
   */
  async reveal(passphrase?: string): Promise<string> {
    if (passphrase !== undefined) await this.ui.fill(REVEAL_VIEW.passphrase, passphrase);
    if (await this.ui.isVisible(REVEAL_VIEW.holdButton)) {
      await this.ui.hold(REVEAL_VIEW.holdButton, () => document.querySelector('[data-testid="secret"], [role="alert"]') !== null);
    } else {
      await this.ui.click(REVEAL_VIEW.revealButton);
    }
    await this.ui.waitFor(REVEAL_VIEW.secret);
    // textContent keeps every space and newline exactly.
    return this.ui.text(REVEAL_VIEW.secret);
  }
}
