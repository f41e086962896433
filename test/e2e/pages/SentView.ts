// Page object: the popup's "Sent" tab, the sender's list of links and what became of them.
import type { Locator, Page } from 'playwright-core';

export class SentView {
  readonly tab: Locator;
  readonly newTab: Locator;
  readonly panel: Locator;
  readonly heading: Locator;
  readonly items: Locator;
  readonly issues: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Sent/ });
    this.newTab = page.getByRole('tab', { name: 'New' });
    this.panel = page.getByRole('tabpanel', { name: /^Sent/ });
    this.heading = this.panel.getByRole('heading', { name: 'Sent links' });
    this.items = this.panel.getByRole('listitem');
    this.issues = this.panel.locator('.sent-issue');
    this.empty = this.panel.locator('.sent-empty');
  }

  /** Shows the Sent tab and waits until the servers have been asked. */
  async show(): Promise<void> {
    await this.tab.click();
    await this.settled();
  }

  async settled(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('.sent[aria-busy="false"]') !== null);
  }

  /** The row of the link with this title (its label, or "Link created 10:42"). */
  item(title: string | RegExp): SentItem {
    return new SentItem(this.items.filter({ has: this.page.getByRole('heading', { name: title, exact: true }) }));
  }

  titles(): Promise<string[]> {
    return this.items.getByRole('heading').allTextContents();
  }

  /** Waits until the row of `title` says `state` (the list follows the stored history). */
  async waitForState(title: string | RegExp, state: string | RegExp): Promise<void> {
    await this.item(title).state.filter({ hasText: state }).waitFor();
  }
}

export class SentItem {
  readonly state: Locator;
  readonly revokeButton: Locator;
  readonly forgetButton: Locator;
  readonly confirmation: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;
  readonly alert: Locator;

  constructor(readonly root: Locator) {
    this.state = root.locator('.sent-state');
    this.revokeButton = root.getByRole('button', { name: 'Revoke', exact: true });
    this.forgetButton = root.getByRole('button', { name: 'Forget' });
    this.confirmation = root.getByRole('group');
    this.confirmButton = root.getByRole('button', { name: 'Revoke link' });
    this.cancelButton = root.getByRole('button', { name: 'Cancel' });
    this.alert = root.getByRole('alert');
  }

  async stateText(): Promise<string> {
    return (await this.state.textContent()) ?? '';
  }
}
