// The extension's translator: browser.i18n reads the _locales the build made from locales/, in
// the browser's language. Only extension pages and the background import this.
import { browser } from 'wxt/browser';
import { messageName } from './chrome-messages';
import { createTranslator, type Translator } from './translate';

declare module 'wxt/browser' {
  // Message names are made from the catalogues' keys (chrome-messages.ts), not listed one by one.
  interface WxtI18n {
    getMessage(messageName: string): string;
  }
}

let translator: Translator | undefined;

export function extensionTranslator(): Translator {
  // Each catalogue names its own language, so plurals and dates follow the catalogue the browser
  // picked (a Portuguese browser in Portugal reads pt-BR, and formats like it).
  translator ??= createTranslator(browser.i18n.getMessage('meta_lang') || 'en',
    (key, form) => browser.i18n.getMessage(messageName(key, form)) || undefined);
  return translator;
}
