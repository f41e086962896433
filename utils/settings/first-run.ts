// The first-run page opens once, when Burnlink is installed (not on updates): it asks for the
// note server before the first link is made.
import { browser } from 'wxt/browser';

export const WELCOME_PATH = '/welcome.html';

/** Background listener for the first run. Call once, at the top level. */
export function registerFirstRun(): void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
  });
}
