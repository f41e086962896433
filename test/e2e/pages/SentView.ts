// Page object: the popup's "Sent" tab, the sender's list of links and what became of them. Its
// flows (SentUi) are shared with the Firefox suite; the locators are for Chromium's finer checks.
import type { Locator, Page } from 'playwright-core';
import { playwrightDriver, type Driver } from './driver';

/** A string matches as a part of the text, a pattern as itself (sent to the page as source). */
type Match = string | RegExp;
type PageMatch = { text: string } | { source: string; flags: string };
const toPage = (match: Match): PageMatch => (typeof match === 'string' ? { text: match } : { source: match.source, flags: match.flags });

/** The Sent tab as a person uses it, in either browser. */
export class SentUi {
  constructor(readonly ui: Driver) {}

  /** Shows the Sent tab and waits until the servers have been asked. */
  async show(): Promise<void> {
    await this.ui.click('#tab-sent');
    await this.settled();
  }

  async settled(): Promise<void> {
    await this.ui.until(() => document.querySelector('.sent[aria-busy="false"]') !== null, null);
  }

  /**
   * Waits until the row titled `title` (its label, or "Link created 10:42"; the whole title) says
   * `state`. The list follows the stored history.
   */
  async waitForState(title: Match, state: Match, timeout?: number): Promise<void> {
    await this.ui.until(([t, s]) => {
      const matches = (m: PageMatch, text: string) => ('text' in m ? text.includes(m.text) : new RegExp(m.source, m.flags).test(text));
      return Array.from(document.querySelectorAll('.sent-item')).some((item) => {
        const heading = item.querySelector('.sent-title')?.textContent ?? '';
        const whole = 'text' in t ? heading === t.text : matches(t, heading);
        return whole && matches(s, item.querySelector('.sent-state')?.textContent ?? '');
      });
    }, [toPage(title), toPage(state)] as const, timeout);
  }
}

export class SentView extends SentUi {
  readonly tab: Locator;
  readonly newTab: Locator;
  readonly panel: Locator;
  readonly heading: Locator;
  readonly items: Locator;
  readonly issues: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    super(playwrightDriver(page));
    this.tab = page.getByRole('tab', { name: /^Sent/ });
    this.newTab = page.getByRole('tab', { name: 'New' });
    this.panel = page.getByRole('tabpanel', { name: /^Sent/ });
    this.heading = this.panel.getByRole('heading', { name: 'Sent links' });
    this.items = this.panel.getByRole('listitem');
    this.issues = this.panel.locator('.sent-issue');
    this.empty = this.panel.locator('.sent-empty');
  }

  /** The row of the link with this title (its label, or "Link created 10:42"). */
  item(title: string | RegExp): SentItem {
    return new SentItem(this.items.filter({ has: this.page.getByRole('heading', { name: title, exact: true }) }));
  }

  titles(): Promise<string[]> {
    return this.items.getByRole('heading').allTextContents();
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
  readonly copyButton: Locator;
  readonly copyInstructionsButton: Locator;
  readonly regenerateButton: Locator;
  readonly forgetLinkButton: Locator;
  readonly copied: Locator;

  constructor(readonly root: Locator) {
    this.state = root.locator('.sent-state');
    this.revokeButton = root.getByRole('button', { name: 'Revoke', exact: true });
    this.forgetButton = root.getByRole('button', { name: 'Forget', exact: true });
    this.confirmation = root.getByRole('group');
    this.confirmButton = root.getByRole('button', { name: 'Revoke link' });
    this.cancelButton = root.getByRole('button', { name: 'Cancel' });
    this.alert = root.getByRole('alert');
    this.copyButton = root.getByRole('button', { name: 'Copy link' });
    this.copyInstructionsButton = root.getByRole('button', { name: 'Copy with instructions' });
    this.regenerateButton = root.getByRole('button', { name: 'Revoke and make a new link' });
    this.forgetLinkButton = root.getByRole('button', { name: 'Forget link' });
    this.copied = root.locator('.sent-copied');
  }

  async stateText(): Promise<string> {
    return (await this.state.textContent()) ?? '';
  }
}
