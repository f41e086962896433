// The language switch at the foot of the note server's pages. Each language is named in itself,
// so a person finds theirs whatever the page shows now.
import { useT } from '../../components/I18n';
import { LANGUAGES, isLanguage, languageName, type Language } from '../../utils/i18n/languages';

export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (language: Language) => void }) {
  const { t } = useT();
  return (
    <p class="language-switch small">
      <label for="language">{t('web.language')}</label>{' '}
      <select id="language" value={value} onChange={(e) => { const chosen = e.currentTarget.value; if (isLanguage(chosen)) onChange(chosen); }}>
        {LANGUAGES.map((language) => <option key={language} value={language} lang={language}>{languageName(language)}</option>)}
      </select>
    </p>
  );
}
