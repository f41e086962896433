// The confirmation a right-click share shows in the page. Its contents are in a closed shadow
// root, which neither the page nor Playwright's locators can enter: what it says is read the way
// a screen reader reads it, from the browser's accessibility tree.
import type { Page } from 'playwright-core';

export const CONFIRMATION_TAG = 'burnlink-share-confirmation';

export class PageConfirmation {
  constructor(readonly page: Page) {}

  /** Whether the confirmation's host element is in the page. */
  async shown(): Promise<boolean> {
    return (await this.page.locator(CONFIRMATION_TAG).count()) === 1;
  }

  /** What the page's own scripts can see of it: null when its shadow root is closed. */
  async shadowRootSeenByPage(): Promise<unknown> {
    return this.page.evaluate((tag) => document.querySelector(tag)?.shadowRoot ?? null, CONFIRMATION_TAG);
  }

  /** Every name and text in the page's accessibility tree, joined: what a screen reader can reach. */
  async accessibleText(): Promise<string> {
    const session = await this.page.context().newCDPSession(this.page);
    try {
      const { nodes } = await session.send('Accessibility.getFullAXTree');
      return nodes.map((n) => (typeof n.name?.value === 'string' ? n.name.value : '')).filter(Boolean).join('\n');
    } finally {
      await session.detach();
    }
  }
}
