// The security phrase in the first-run page and the options: shown, changed by typing, or replaced
// by a new random one. Saved on its own button; the background made one at install already.
import { useEffect, useState } from 'preact/hooks';
import { checkPhrase, generatePhrase, MAX_PHRASE_CHARS } from '../utils/reveal/security-phrase';
import { securityPhraseItem } from '../utils/storage';
import { Field, fieldAria } from './Field';

export function SecurityPhraseSettings() {
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
    if (!checked.ok) return setStatus({ kind: 'error', message: checked.error });
    try {
      await securityPhraseItem.setValue(checked.value);
    } catch {
      return setStatus({ kind: 'error', message: 'The browser did not save the phrase. Try again.' });
    }
    setSaved(checked.value);
    setDraft(checked.value);
    setStatus({ kind: 'saved' });
  };
  const error = status.kind === 'error' ? status.message : undefined;

  return (
    <form class="card security-phrase" aria-labelledby="phrase-heading" onSubmit={(e) => { e.preventDefault(); void save(draft); }} noValidate>
      <h2 id="phrase-heading">Your security phrase</h2>
      <p>
        Burnlink shows this phrase at the top of its own reveal panel, beside every passphrase box. Web pages cannot
        know it. <strong>A box that asks for a note’s passphrase without your phrase is not Burnlink:</strong> to open
        a note, Burnlink never asks for its passphrase inside a web page.
      </p>
      <p class="phrase-now" aria-live="polite">Your phrase: <strong data-testid="security-phrase">{saved}</strong></p>
      <Field id="securityPhrase" label="Change it" error={error}
        help={`A few emoji or words you will recognise, up to ${MAX_PHRASE_CHARS} characters.`}>
        <div class="row nowrap">
          <input id="securityPhrase" class="grow" autoComplete="off" spellcheck={false} value={draft}
            {...fieldAria('securityPhrase', error)}
            onInput={(e) => { setDraft(e.currentTarget.value); setStatus({ kind: 'idle' }); }} />
          <button type="submit" class="primary" disabled={draft.trim() === saved}>Save phrase</button>
        </div>
      </Field>
      <div class="row">
        <button type="button" onClick={() => void save(generatePhrase())}>New random phrase</button>
        <span role="status" class="small">{status.kind === 'saved' ? 'Saved. Burnlink shows the new phrase from now on.' : ''}</span>
      </div>
    </form>
  );
}
