// The security phrase in the first-run page and the options: shown, changed by typing, or replaced
// by a new random one. Saved on its own button; the background made one at install already.
import { useEffect, useState } from 'preact/hooks';
import { checkPhrase, generatePhrase, MAX_PHRASE_CHARS, phraseProblemText } from '../utils/reveal/security-phrase';
import { securityPhraseItem } from '../utils/storage';
import { Field, fieldAria } from './Field';
import { Fill, useT } from './I18n';

export function SecurityPhraseSettings() {
  const tr = useT();
  const { t, plural } = tr;
  const [saved, setSaved] = useState<string>();
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<{ kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    void securityPhraseItem.getValue().then(async (phrase) => {
      // The background makes one at install; should it not have, make it now.
      const current = phrase || generatePhrase();
      if (!phrase) await securityPhraseItem.setValue(current);
      setSaved(current);
      setDraft(current);
    });
  }, []);
  if (saved === undefined) return null;

  const save = async (value: string) => {
    const checked = checkPhrase(value);
    if (!checked.ok) return setStatus({ kind: 'error', message: phraseProblemText(tr, checked.error) });
    try {
      await securityPhraseItem.setValue(checked.value);
    } catch {
      return setStatus({ kind: 'error', message: t('options.phrase.notSaved') });
    }
    setSaved(checked.value);
    setDraft(checked.value);
    setStatus({ kind: 'saved' });
  };
  const error = status.kind === 'error' ? status.message : undefined;

  return (
    <form class="card security-phrase" aria-labelledby="phrase-heading" onSubmit={(e) => { e.preventDefault(); void save(draft); }} noValidate>
      <h2 id="phrase-heading">{t('options.phrase.heading')}</h2>
      <p>
        <Fill message={t('options.phrase.intro')} parts={{ warning: <strong>{t('options.phrase.warning')}</strong> }} />
      </p>
      <p class="phrase-now" aria-live="polite">
        <Fill message={t('options.phrase.current')} parts={{ phrase: <strong data-testid="security-phrase" dir="auto">{saved}</strong> }} />
      </p>
      <Field id="securityPhrase" label={t('options.phrase.change')} error={error}
        help={plural('options.phrase.help', MAX_PHRASE_CHARS)}>
        <div class="row nowrap">
          <input id="securityPhrase" class="grow" dir="auto" autoComplete="off" spellcheck={false} value={draft}
            {...fieldAria('securityPhrase', error)}
            onInput={(e) => { setDraft(e.currentTarget.value); setStatus({ kind: 'idle' }); }} />
          <button type="submit" class="primary" disabled={draft.trim() === saved}>{t('options.phrase.save')}</button>
        </div>
      </Field>
      <div class="row">
        <button type="button" onClick={() => void save(generatePhrase())}>{t('options.phrase.random')}</button>
        <span role="status" class="small">{status.kind === 'saved' ? t('options.phrase.saved') : ''}</span>
      </div>
    </form>
  );
}
