// "It can be read once. Expires in 24 hours (10:42).": a link's terms as the popup's created view
// and the guard's prompt say them, in the browser's language.
import type { Translator } from '../i18n/translate';

export interface LinkTerms {
  /** Seconds, as chosen. */
  expiresIn: number;
  expiresAt: number;
  maxReads: number;
}

export function termsSentence({ t, plural, duration, clockTime }: Translator, terms: LinkTerms, now: number): string {
  const params = { duration: duration(terms.expiresIn), time: clockTime(terms.expiresAt, now) };
  return terms.maxReads === 1 ? t('share.readOnceExpires', params) : plural('share.readTimesExpires', terms.maxReads, params);
}
