// Page object: the note server's create page at `/`. Its form and "Link created" view are the
// popup's components, so the popup's page object drives them.
import type { BrowserContext, Page } from 'playwright-core';
import { Popup } from './Popup';

export class CreatePage {
  /** The share form and the created view, as in the popup. */
  readonly form: Popup;

  constructor(readonly page: Page) {
    this.form = new Popup(page);
  }

  /** Opens `/` of the server and waits until the form (or a sentence instead of it) is there. */
  static async open(context: BrowserContext, server: string): Promise<CreatePage> {
    const page = await context.newPage();
    await page.goto(`${server}/`);
    await page.locator('#secret').or(page.getByRole('alert')).first().waitFor();
    return new CreatePage(page);
  }
}
