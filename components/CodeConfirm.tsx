// The no-holding way to confirm a reveal on a web page: type a short code shown on screen. Works
// with screen readers and switch access; a scanner that fills every field with junk and presses
// every button does not type the code it was shown.
import { useMemo, useState } from 'preact/hooks';
import { Fill, useT } from './I18n';

const CODE_DIGITS = 4;

function randomCode(): string {
  const values = crypto.getRandomValues(new Uint32Array(CODE_DIGITS));
  return Array.from(values, (v) => String(v % 10)).join('');
}

export interface CodeConfirmProps {
  disabled?: boolean;
  /** Open from the start (after a press that was too short). */
  open: boolean;
  onConfirm: () => void;
}

export function CodeConfirm({ disabled, open, onConfirm }: CodeConfirmProps) {
  const { t } = useT();
  const code = useMemo(randomCode, []);
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState(false);
  const submit = () => {
    if (disabled) return;
    if (typed.replace(/\s+/g, '') !== code) {
      setWrong(true);
      return;
    }
    setWrong(false);
    setTyped('');
    onConfirm();
  };
  return (
    <details class="code-confirm" open={open}>
      <summary>{t('reveal.codeSummary')}</summary>
      <p class="small">
        <Fill message={t('reveal.codeInstructions')}
          parts={{ code: <strong class="code" dir="ltr" aria-label={code.split('').join(' ')}>{code}</strong> }} />
      </p>
      <div class="row nowrap">
        <label class="visually-hidden" for="reveal-code">{t('reveal.codeLabel')}</label>
        <input id="reveal-code" class="grow" inputMode="numeric" autoComplete="off" spellcheck={false} maxLength={12}
          value={typed} aria-invalid={wrong ? true : undefined} aria-describedby={wrong ? 'reveal-code-error' : undefined}
          onInput={(e) => { setTyped(e.currentTarget.value); setWrong(false); }}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); submit(); } }} />
        <button type="button" disabled={disabled} onClick={submit}>{t('reveal.codeButton')}</button>
      </div>
      {wrong ? <p id="reveal-code-error" class="notice error small" role="alert">{t('reveal.codeWrong')}</p> : null}
    </details>
  );
}
