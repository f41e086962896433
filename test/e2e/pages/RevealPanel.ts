// Page object: the isolated reveal panel over a page. Its host's shadow root is closed, so the
// test reaches the frame the way the browser lists it, not through the page's DOM.
// Press keys in the panel before taking a screenshot, not after: after Playwright's screenshot,
// a key sent to the out-of-process frame is now and then never acknowledged, and press() hangs.
import type { Frame, Locator, Page } from 'playwright-core';
import { waitFor } from '../../helpers/wait';

/** Frames already handed out: a closed panel's frame may still be listed for a moment. */
const seen = new WeakSet<Frame>();
const isReveal = (frame: Frame) => !seen.has(frame) && !frame.isDetached() && frame.url().includes('/reveal.html');

export class RevealPanel {
  readonly heading: Locator;
  readonly header: Locator;
  readonly revealButton: Locator;
  readonly passphrase: Locator;
  readonly secret: Locator;
  readonly copyButton: Locator;
  readonly closeButton: Locator;
  readonly alert: Locator;
  readonly status: Locator;

  constructor(readonly page: Page, readonly frame: Frame) {
    this.heading = frame.locator('h1');
    this.header = frame.locator('.panel-header');
    this.revealButton = frame.getByRole('button', { name: 'Reveal secret' });
    this.passphrase = frame.getByLabel('Passphrase');
    this.secret = frame.getByTestId('secret');
    this.copyButton = frame.getByRole('button', { name: 'Copy' });
    this.closeButton = frame.getByRole('button', { name: 'Close' });
    this.alert = frame.getByRole('alert');
    this.status = frame.getByRole('status');
  }

  /** Waits for a panel to open on `page` and its frame to load. */
  static async waitFor(page: Page, timeout = 15_000): Promise<RevealPanel> {
    await page.waitForFunction(() => document.querySelector('burnlink-panel') !== null, undefined, { timeout });
    // Polled: an out-of-process frame's address is known a moment after it loads.
    const frame = await waitFor('the panel\'s reveal frame', () => page.frames().find(isReveal), { timeoutMs: timeout, intervalMs: 50 })
      .catch((error: unknown) => {
        const frames = page.frames().map((f) => `${f.url()}${f.isDetached() ? ' (detached)' : ''}${seen.has(f) ? ' (seen)' : ''}`);
        throw new Error(`${error instanceof Error ? error.message : String(error)}; frames: ${frames.join(', ')}`);
      });
    seen.add(frame);
    await frame.waitForLoadState('load');
    return new RevealPanel(page, frame);
  }

  /** Number of panels on the page (0 once closed). */
  count(): Promise<number> {
    return this.page.locator('burnlink-panel').count();
  }

  /** Waits until the panel has claimed and checked its link and settled on a heading. */
  async settledHeading(): Promise<string> {
    await this.frame.waitForFunction(() => {
      const h = document.querySelector('h1');
      return h !== null && !h.textContent?.startsWith('Checking');
    });
    await this.fitted();
    return (await this.heading.textContent()) ?? '';
  }

  async reveal(passphrase?: string): Promise<string> {
    if (passphrase !== undefined) await this.passphrase.fill(passphrase);
    await this.revealButton.click();
    await this.secret.waitFor();
    await this.fitted();
    return (await this.secret.textContent()) ?? '';
  }

  /** Waits until the frame has grown to its content and painted (the panel follows its content). */
  async fitted() {
    await this.frame.waitForFunction(() => innerHeight + 1 >= document.documentElement.scrollHeight);
    await this.frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async waitUntilClosed() {
    await this.page.waitForFunction(() => document.querySelector('burnlink-panel') === null);
  }
}
