// The extension's _locales, made from the same catalogues at build time: browser.i18n then picks
// the browser's language and costs the popup nothing.
import type { Catalogue } from './translate';

export interface ChromeMessage { message: string }

/** browser.i18n message names allow [A-Za-z0-9_] only: "reveal.heading" is "reveal_heading". */
export function messageName(key: string, form?: Intl.LDMLPluralRule): string {
  return key.replaceAll('.', '_') + (form ? `__${form}` : '');
}

/** _locales folder names use an underscore: "pt-BR" is "pt_BR". */
export function localeFolder(tag: string): string {
  return tag.replace('-', '_');
}

/** messages.json for one catalogue. "$" starts a substitution in browser.i18n: written "$$". */
export function toChromeMessages(catalogue: Catalogue): Record<string, ChromeMessage> {
  const messages: Record<string, ChromeMessage> = {};
  const add = (name: string, text: string) => { messages[name] = { message: text.replaceAll('$', '$$$$') }; };
  for (const [key, entry] of Object.entries(catalogue)) {
    if (typeof entry === 'string') add(messageName(key), entry);
    else for (const [form, text] of Object.entries(entry)) add(`${messageName(key)}__${form}`, text);
  }
  return messages;
}
