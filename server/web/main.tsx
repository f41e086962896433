import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../../assets/theme.css';
import './style.css';
import { App } from './App';
import { I18nProvider } from '../../components/I18n';
import type { Language } from '../../utils/i18n/languages';
import type { Translator } from '../../utils/i18n/translate';
import { LanguageSwitch } from './LanguageSwitch';
import { applyToDocument, initialLanguage, loadTranslator, rememberLanguage } from './i18n';

// Made once: switching the language re-renders the words, never the page's state (a revealed
// secret, a key already dropped from the address bar).
const app = <App location={window.location} history={window.history} />;

function Root({ first, language: firstLanguage }: { first: Translator; language: Language }) {
  const [translator, setTranslator] = useState(first);
  const [language, setLanguage] = useState(firstLanguage);
  const choose = async (chosen: Language) => {
    rememberLanguage(chosen);
    setLanguage(chosen);
    const next = await loadTranslator(chosen);
    applyToDocument(next, document.documentElement);
    setTranslator(next);
  };
  return (
    <I18nProvider translator={translator}>
      {app}
      <LanguageSwitch value={language} onChange={(chosen) => void choose(chosen)} />
    </I18nProvider>
  );
}

async function start(root: HTMLElement) {
  const language = initialLanguage(navigator.languages);
  const translator = await loadTranslator(language);
  applyToDocument(translator, document.documentElement);
  render(<Root first={translator} language={language} />, root);
}

const root = document.getElementById('app');
if (root) void start(root);

// Pasting another link into this tab may change only the fragment: start over with it.
window.addEventListener('hashchange', () => window.location.reload());
