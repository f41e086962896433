// The "Copy with instructions" section of the options page: the message put around a link, with
// its placeholders, a preview, and the way back to the default. Saved with its own button; an
// empty message turns "Copy with instructions" off.
import { useEffect, useState } from 'preact/hooks';
import { ok } from '../utils/core/result';
import { fillInstructions } from '../utils/share/instructions';
import { DEFAULT_INSTRUCTIONS, instructionsItem } from '../utils/storage';
import { fieldAria } from './Field';
import { Fill, useT } from './I18n';
import { useSave } from './useSave';

const MAX_TEMPLATE = 1000;
/** What fillInstructions() replaces, shown as written in the explanation. */
const PLACEHOLDERS = ['link', 'expires', 'reads'];
const EXAMPLE = { link: 'https://notes.example.com/n/FKxG4oAgwmYMtP2pVwdYDA#1.EKhC3nw…', maxReads: 1 };

export function InstructionsSettings({ now = Date.now }: { now?: () => number }) {
  const { t } = useT();
  const [template, setTemplate] = useState<string>();
  const { state, save, reset, generalError } = useSave(t('options.notSavedRetry'));

  useEffect(() => {
    void instructionsItem.getValue().then((v) => setTemplate(v.template));
  }, []);
  if (template === undefined) return null;

  const store = (next: string) => save(async () => {
    const trimmed = next.trim().slice(0, MAX_TEMPLATE);
    await instructionsItem.setValue({ template: trimmed });
    setTemplate(trimmed);
    return ok(t(trimmed === '' ? 'options.instructions.off' : 'options.saved'));
  });
  const at = now();

  return (
    <form class="instructions-settings" onSubmit={(e) => { e.preventDefault(); void store(template); }}>
      <p class="muted">
        <Fill message={t('options.instructions.intro')}
          parts={Object.fromEntries(PLACEHOLDERS.map((name) => [name, <code>{`{${name}}`}</code>]))} />
      </p>
      <div class="field">
        <label for="instructions">{t('options.instructions.message')}</label>
        <textarea id="instructions" dir="auto" rows={4} maxLength={MAX_TEMPLATE} value={template}
          {...fieldAria('instructions', undefined, false)}
          onInput={(e) => { setTemplate(e.currentTarget.value); reset(); }} />
        {template.trim() ? (
          <>
            <p class="muted small help">{t('options.instructions.preview')}</p>
            <pre class="instructions-preview small" dir="auto">{fillInstructions(template.trim(), { ...EXAMPLE, expiresAt: at + 24 * 3600_000 }, at)}</pre>
          </>
        ) : null}
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={state.kind === 'saving'}>{t('options.instructions.save')}</button>
        <button type="button" disabled={template === DEFAULT_INSTRUCTIONS} onClick={() => void store(DEFAULT_INSTRUCTIONS)}>{t('options.instructions.useDefault')}</button>
      </div>
      <div role="status">{state.kind === 'saved' ? <p class="small muted receipt-saved">{state.message}</p> : null}</div>
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </form>
  );
}
