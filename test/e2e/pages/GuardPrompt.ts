// Page object: the paste guard's prompt over a page. Its shadow root is closed: the test reads and
// clicks it as a person would, through ClosedShadow.
import type { Frame, Page } from 'playwright-core';
import { ClosedShadow } from './ClosedShadow';

/** Frames already handed out: a closed prompt's frame may still be listed for a moment. */
const seenFrames = new WeakSet<Frame>();

export class GuardPrompt {
  private constructor(readonly page: Page, private readonly shadow: ClosedShadow) {}

  /** Waits for the prompt to appear on `page`. */
  static async waitFor(page: Page, timeout = 15_000): Promise<GuardPrompt> {
    return new GuardPrompt(page, await ClosedShadow.waitFor(page, 'burnlink-guard', timeout));
  }

  /** Whether a prompt is on the page now. */
  static async isShown(page: Page): Promise<boolean> {
    return page.evaluate(() => document.querySelector('burnlink-guard') !== null);
  }

  /** The prompt's text, as a person reads it. */
  text(): Promise<string> {
    return this.shadow.text();
  }

  /** Clicks the button whose text is `name`, with the mouse. */
  click(name: string): Promise<void> {
    return this.shadow.click(name);
  }

  /** Waits until the prompt is gone. */
  async waitUntilClosed(timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('burnlink-guard') === null, undefined, { timeout });
    await this.shadow.detach();
  }

  /** The passphrase step's frame, once "Add a passphrase…" was chosen. */
  async passphraseFrame(timeout = 15_000): Promise<Frame> {
    const until = Date.now() + timeout;
    const isOurs = (f: Frame) => !seenFrames.has(f) && !f.isDetached() && f.url().includes('/guard-passphrase.html');
    let frame = this.page.frames().find(isOurs);
    while (!frame) {
      if (Date.now() > until) throw new Error(`no passphrase frame; frames: ${this.page.frames().map((f) => f.url()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      frame = this.page.frames().find(isOurs);
    }
    seenFrames.add(frame);
    await frame.waitForLoadState('load');
    return frame;
  }
}
