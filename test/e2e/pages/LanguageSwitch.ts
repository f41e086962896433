// Page object: the language of a page (<html lang dir>) and the note server pages' language switch.
import type { Page } from 'playwright-core';

export class LanguageSwitch {
  constructor(readonly page: Page) {}

  get select() {
    return this.page.locator('select#language');
  }

  /** <html lang> and <html dir> as the page set them. */
  document() {
    return this.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  }

  /** Chooses a language by its tag and waits until the page has switched to it. */
  async choose(tag: string) {
    await this.select.selectOption(tag);
    await this.page.waitForFunction((wanted) => document.documentElement.lang === wanted, tag);
  }
}
