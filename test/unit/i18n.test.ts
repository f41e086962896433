// The catalogues: every language has every message, with the same placeholders and exactly the
// plural forms its grammar needs (CLDR, through Intl); the translator picks and fills them.
import { describe, expect, it } from 'vitest';
import { readCatalogue, readCatalogues } from '../../utils/i18n/catalogues';
import { messageName, toChromeMessages } from '../../utils/i18n/chrome-messages';
import { LANGUAGES, matchLanguage, textDirection } from '../../utils/i18n/languages';
import { catalogueTranslator, placeholders, type Catalogue } from '../../utils/i18n/translate';

const english = readCatalogue('en');
const others = readCatalogues().filter(([language]) => language !== 'en');

/** The {names} a message uses; for plurals, those of all its forms together. */
function namesIn(entry: Catalogue[string] | undefined): string[] {
  if (entry === undefined) return [];
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return [...new Set(texts.flatMap((text) => placeholders(text ?? '')))].sort();
}

describe('catalogues', () => {
  it.each(others)('%s has exactly the English keys', (_language, catalogue) => {
    const missing = Object.keys(english).filter((key) => !(key in catalogue));
    const extra = Object.keys(catalogue).filter((key) => !(key in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(others)('%s: each message has the English placeholders, and plurals stay plurals', (_language, catalogue) => {
    const differing = Object.keys(english).filter((key) => key in catalogue && (
      JSON.stringify(namesIn(catalogue[key])) !== JSON.stringify(namesIn(english[key]))
      || typeof catalogue[key] !== typeof english[key]));
    expect(differing).toEqual([]);
  });

  it.each(readCatalogues())('%s: each plural has exactly the forms the language needs', (language, catalogue) => {
    const needed = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    const wrong = Object.entries(catalogue).filter(([, entry]) => typeof entry !== 'string'
      && JSON.stringify(Object.keys(entry).sort()) !== JSON.stringify(needed)).map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it.each(readCatalogues())('%s: names its own language and has no empty message', (language, catalogue) => {
    expect(catalogue['meta.lang']).toBe(language);
    const empty = Object.entries(catalogue).filter(([, entry]) =>
      (typeof entry === 'string' ? [entry] : Object.values(entry)).some((text) => !text?.trim())).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('gives browser.i18n valid, distinct message names (case-insensitively, as browsers compare them)', () => {
    const names = Object.keys(toChromeMessages(english));
    expect(names.filter((name) => !/^[A-Za-z0-9_]+$/.test(name))).toEqual([]);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it('escapes "$" for browser.i18n, which would read it as a substitution', () => {
    expect(toChromeMessages({ 'a.b': 'costs $5', 'c.d': { one: '$1 left', other: '{count} left' } })).toEqual({
      a_b: { message: 'costs $$5' }, c_d__one: { message: '$$1 left' }, c_d__other: { message: '{count} left' },
    });
    expect(messageName('web.language', 'few')).toBe('web_language__few');
  });
});

describe('translator', () => {
  const plural = { one: '{count} попытка', few: '{count} попытки', many: '{count} попыток', other: '{count} попытки' };
  const russian = catalogueTranslator('ru', { 'x.left': plural, 'x.hi': 'Привет, {name}' });

  it.each([[1, '1 попытка'], [3, '3 попытки'], [5, '5 попыток'], [21, '21 попытка'], [1.5, '1,5 попытки']])(
    'Russian plural for %s is "%s"', (count, expected) => {
      // @ts-expect-error: a key of this test's own catalogue, not of the English one.
      expect(russian.plural('x.left', count)).toBe(expected);
    });

  it('fills named placeholders and formats numbers for the language', () => {
    const german = catalogueTranslator('de', { greeting: '{name} hat {n} Notizen' });
    // @ts-expect-error: a key of this test's own catalogue.
    expect(german.t('greeting', { name: 'Ana', n: 12345 })).toBe('Ana hat 12.345 Notizen');
  });

  it('shows the key itself for a missing message (never an empty label)', () => {
    expect(catalogueTranslator('fr', {}).t('web.language')).toBe('web.language');
  });

  it('formats dates and relative times in its language', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0);
    expect(catalogueTranslator('de', english).relativeTime(now + 5 * 3_600_000, now)).toBe('in 5 Stunden');
    expect(catalogueTranslator('ja', english).relativeTime(now - 3 * 60_000, now)).toBe('3 分前');
  });
});

describe('language choice', () => {
  it.each([
    [['de-DE', 'en'], 'de'], [['pt-PT'], 'pt-BR'], [['zh-TW', 'en'], 'zh-CN'], [['en-GB'], 'en'],
    [['ar-EG'], 'ar'], [['nl-NL', 'fr-CA'], 'fr'], [['nl'], 'en'], [[], 'en'], [['PT-br'], 'pt-BR'],
  ])('%j reads %s', (preferred, expected) => {
    expect(matchLanguage(preferred)).toBe(expected);
  });

  it('runs Arabic right to left and the others left to right', () => {
    expect(LANGUAGES.filter((language) => textDirection(language) === 'rtl')).toEqual(['ar']);
  });
});
