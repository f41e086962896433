// The translator for a tree of components: the extension's pages give browser.i18n's, the note
// server's pages the catalogue of the language chosen there. Shared components ask with useT().
import { createContext, Fragment, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../utils/i18n/translate';

const TranslatorContext = createContext<Translator | undefined>(undefined);

export function I18nProvider({ translator, children }: { translator: Translator; children: ComponentChildren }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

export function useT(): Translator {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error('useT() outside an I18nProvider: wrap the page in one');
  return translator;
}

/**
 * A translated sentence with elements inside it: each {name} left in `message` (t() leaves the
 * ones it was not given) becomes parts[name], so the words around it stay in the language's order.
 */
export function Fill({ message, parts }: { message: string; parts: Record<string, ComponentChildren> }) {
  const pieces = message.split(/\{(\w+)\}/);
  return <>{pieces.map((piece, i) => <Fragment key={i}>{i % 2 === 1 && piece in parts ? parts[piece] : i % 2 === 1 ? `{${piece}}` : piece}</Fragment>)}</>;
}
