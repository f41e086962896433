// The languages Burnlink speaks, and which one a person gets. No imports: the recipient page, the
// extension and the build all use it.

/** BCP 47 tags, one catalogue each in locales/<tag>.json. English is the fallback. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ru', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

export function isLanguage(tag: string): tag is Language {
  return (LANGUAGES as readonly string[]).includes(tag);
}

/** Which way the language's text runs, for <html dir>. */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(baseOf(tag)) ? 'rtl' : 'ltr';
}

function baseOf(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}

/**
 * The first of the person's preferred languages (navigator.languages order) that Burnlink has:
 * the exact tag, else the same language in another region ("pt-PT" reads pt-BR, "zh-TW" reads
 * zh-CN, "en-GB" reads en); English when none matches.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const exact = LANGUAGES.find((language) => language.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const sameBase = LANGUAGES.find((language) => baseOf(language) === baseOf(tag));
    if (sameBase) return sameBase;
  }
  return FALLBACK_LANGUAGE;
}

/** A language's own name in that language ("Deutsch", "日本語"), for the language switch. */
export function languageName(tag: Language): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
