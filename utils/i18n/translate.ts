// One translator for every surface: messages by key with {named} placeholders, plurals chosen by
// Intl.PluralRules (CLDR categories, so Russian's few/many and Arabic's six forms work), numbers
// and dates through Intl. Where the messages come from is passed in: the extension reads its
// _locales through browser.i18n, the note server's pages a catalogue they loaded.
import type english from '../../locales/en.json';
import { clockTime, relativeTime } from '../core/format';
import { textDirection } from './languages';

type English = typeof english;
/** Keys of plain messages, checked against the English catalogue. */
export type MessageKey = { [K in keyof English]: English[K] extends string ? K : never }[keyof English];
/** Keys of messages with plural forms ({ "one": …, "other": … }). */
export type PluralKey = Exclude<keyof English, MessageKey>;
export type Params = Record<string, string | number>;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
/** A language's catalogue as stored in locales/<tag>.json. */
export type Catalogue = Record<string, string | PluralForms>;
/** Finds a message, or one plural form of it; undefined when the catalogue has none. */
export type Lookup = (key: string, form?: Intl.LDMLPluralRule) => string | undefined;

export interface Translator {
  /** The BCP 47 tag of the catalogue in use (not merely the one asked for). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, params?: Params): string;
  /** The plural form for `count`; `{count}` in it is the number, formatted for the language. */
  plural(key: PluralKey, count: number, params?: Params): string;
  /** "in 5 hours", "3 minutes ago". */
  relativeTime(at: number, now: number): string;
  /** "10:42" today, otherwise a short date and time. */
  clockTime(at: number, now: number): string;
  /** "512 bytes", "4.5 kB", "1.0 MB", in the language's words and digits. */
  bytes(count: number): string;
  /** "5 minutes", "24 hours", "7 days" for a span in seconds. */
  duration(seconds: number): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The {names} a message uses, for the catalogue test. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

export function createTranslator(lang: string, lookup: Lookup): Translator {
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const fill = (message: string, params: Params = {}) => message.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
  return {
    lang,
    dir: textDirection(lang),
    // A missing message shows its key: visible in a screenshot, and the catalogue test fails first.
    t: (key, params) => fill(lookup(key) ?? key, params),
    plural: (key, count, params) => {
      const message = lookup(key, plurals.select(count)) ?? lookup(key, 'other') ?? key;
      return fill(message, { count, ...params });
    },
    relativeTime: (at, now) => relativeTime(at, now, lang),
    clockTime: (at, now) => clockTime(at, now, lang),
    bytes: (count) => formatBytes(lang, count),
    duration: (seconds) => formatDuration(lang, seconds),
  };
}

function unit(lang: string, name: string, value: number, display: 'long' | 'short', digits = 0): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: display, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

function formatBytes(lang: string, count: number): string {
  if (count < 1024) return unit(lang, 'byte', count, 'long');
  if (count < 1000 * 1024) return unit(lang, 'kilobyte', count / 1024, 'short', count < 10 * 1024 ? 1 : 0);
  return unit(lang, 'megabyte', count / (1024 * 1024), 'short', 1);
}

function formatDuration(lang: string, seconds: number): string {
  // A day reads as 24 hours: what people choose for a link's life.
  if (seconds === 86_400) return unit(lang, 'hour', 24, 'long');
  for (const [name, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds % size === 0) return unit(lang, name, seconds / size, 'long');
  }
  return unit(lang, 'second', seconds, 'long');
}

/** A translator over a catalogue held in memory (the note server's pages, tests). */
export function catalogueTranslator(lang: string, catalogue: Catalogue): Translator {
  return createTranslator(lang, (key, form) => {
    const entry = catalogue[key];
    if (entry === undefined) return undefined;
    if (typeof entry === 'string') return form ? undefined : entry;
    return form ? entry[form] : undefined;
  });
}
