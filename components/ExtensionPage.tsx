// The frame of every extension page: the browser's language (browser.i18n) for its words, and
// <html lang dir> to match, so a right-to-left language lays the page out right to left.
import type { ComponentChildren } from 'preact';
import { extensionTranslator } from '@/utils/i18n/extension';
import { I18nProvider } from './I18n';

export function ExtensionPage({ children }: { children: ComponentChildren }) {
  const translator = extensionTranslator();
  Object.assign(document.documentElement, { lang: translator.lang, dir: translator.dir });
  return <I18nProvider translator={translator}>{children}</I18nProvider>;
}
