// The note server's pages speak the visitor's language: the one they chose here before
// (remembered in this browser), else the first of the browser's languages Burnlink has. Only the
// chosen catalogue is downloaded.
import { LANGUAGES, isLanguage, matchLanguage, type Language } from '../../utils/i18n/languages';
import { catalogueTranslator, type Catalogue, type Translator } from '../../utils/i18n/translate';

const CHOSEN_KEY = 'burnlink.language';

// One chunk per language: the page fetches only the one it shows.
const LOADERS: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import('../../locales/en.json'),
  de: () => import('../../locales/de.json'),
  fr: () => import('../../locales/fr.json'),
  es: () => import('../../locales/es.json'),
  'pt-BR': () => import('../../locales/pt-BR.json'),
  ja: () => import('../../locales/ja.json'),
  'zh-CN': () => import('../../locales/zh-CN.json'),
  ru: () => import('../../locales/ru.json'),
  ar: () => import('../../locales/ar.json'),
};

export { LANGUAGES };

/** Storage may be missing or refuse (private windows, blocked cookies): the choice is then not kept. */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function initialLanguage(navigatorLanguages: readonly string[]): Language {
  const chosen = storage()?.getItem(CHOSEN_KEY);
  return chosen && isLanguage(chosen) ? chosen : matchLanguage(navigatorLanguages);
}

export function rememberLanguage(language: Language) {
  try {
    storage()?.setItem(CHOSEN_KEY, language);
  } catch {
    // Full or refused storage: the page still switches, it only forgets on the next visit.
  }
}

export async function loadTranslator(language: Language): Promise<Translator> {
  const catalogue = await LOADERS[language]();
  return catalogueTranslator(language, catalogue.default);
}

/** <html lang dir> follow the language, so screen readers, fonts and the layout's direction do. */
export function applyToDocument(translator: Translator, root: HTMLElement) {
  root.lang = translator.lang;
  root.dir = translator.dir;
}
