// Words for the scripts Burnlink puts on web pages (the paste guard's prompt): the browser's
// language through browser.i18n, reached without the polyfill (utils/bare-api.ts). Only the
// translator's messages and plurals, not its dates and sizes: these scripts have a size budget.
import { bareApi } from '../bare-api';
import { messageName } from './chrome-messages';
import type { Translator } from './translate';

/** The part of a translator a page script needs. */
export type Words = Pick<Translator, 'lang' | 't' | 'plural'>;

export function pageWords(): Words {
  const get = (key: string, form?: Intl.LDMLPluralRule) => bareApi().i18n.getMessage(messageName(key, form));
  const lang = get('meta.lang') || 'en';
  const plurals = new Intl.PluralRules(lang);
  // As the translator fills them: a number in the language's digits, an unknown name left as it is.
  const fill = (message: string, params: Record<string, string | number> = {}) => message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? value.toLocaleString(lang) : value;
  });
  return {
    lang,
    t: (key, params) => fill(get(key) || key, params),
    // Every plural has exactly the forms its language's rules name (the catalogue test checks it).
    plural: (key, count, params) => fill(get(key, plurals.select(count)) || key, { count, ...params }),
  };
}
