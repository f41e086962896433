// fakeBrowser has no browser.i18n: this gives it the messages the build makes from a catalogue
// (the same _locales names and escaping), so background code speaks that language in unit tests
// as it does in a browser set to it.
import { fakeBrowser } from 'wxt/testing';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { toChromeMessages } from '../../utils/i18n/chrome-messages';
import type { Language } from '../../utils/i18n/languages';

/** The browser's language from now on (the extension's translator keeps the first one it sees). */
export function browserLanguage(language: Language): void {
  const messages = toChromeMessages(readCatalogue(language));
  // browser.i18n turns "$$" back into "$", and answers '' for a name it does not know.
  fakeBrowser.i18n.getMessage = (name: string) => messages[name]?.message.replaceAll('$$', '$') ?? '';
}
