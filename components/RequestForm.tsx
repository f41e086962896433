// The popup's "Request a secret" form: a short note for whoever answers and an expiry. It keeps
// what was typed until the request is made: a failure never loses the note.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { utf8Length } from '../utils/core/format';
import { REQUEST_NOTE_MAX_BYTES } from '../utils/core/request/limits';
import type { NewRequest, RequestUiError } from '../utils/request/actions';
import { Fill, useT } from './I18n';

export interface RequestFormProps {
  /** Expiry choices in seconds, shortest first, and the one to preselect. */
  expiryChoices: number[];
  defaultExpiry: number;
  /** Makes the request; resolves to an error to show, or undefined when the form is done. */
  onCreate: (request: NewRequest) => Promise<RequestUiError | undefined>;
  onOpenOptions: () => void;
  settingsErrors: ReadonlySet<RequestUiError['code']>;
}

export function RequestForm({ expiryChoices, defaultExpiry, onCreate, onOpenOptions, settingsErrors }: RequestFormProps) {
  const tr = useT();
  const { t } = tr;
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestUiError>();
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => field.current?.focus(), []);

  const expiresIn = picked !== undefined && expiryChoices.includes(picked) ? picked : defaultExpiry;
  const bytes = utf8Length(note);
  const tooLong = bytes > REQUEST_NOTE_MAX_BYTES;

  const submit = async () => {
    if (busy) return;
    if (tooLong) {
      setError({ code: 'too_large', message: t('request.noteTooLong', { excess: tr.bytes(bytes - REQUEST_NOTE_MAX_BYTES), max: tr.bytes(REQUEST_NOTE_MAX_BYTES) }) });
      return;
    }
    setBusy(true);
    setError(undefined);
    const failure = await onCreate({ note: note.trim(), expiresIn });
    if (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <form class="request-form" aria-busy={busy} onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
      <p class="small muted">{t('request.intro')}</p>
      <div class="field">
        <label for="request-note">
          <Fill message={t('request.noteLabel')} parts={{ theySee: <span class="muted optional">{t('request.theySee')}</span> }} />
        </label>
        <textarea id="request-note" ref={field} rows={3} value={note} placeholder={t('request.notePlaceholder')}
          aria-describedby="request-note-help" aria-invalid={tooLong || undefined} onInput={(e) => setNote(e.currentTarget.value)} />
        <p id="request-note-help" class={`small size ${tooLong ? 'over' : 'muted'}`}>
          {tooLong ? t('request.noteSizeOver', { size: tr.bytes(bytes), max: tr.bytes(REQUEST_NOTE_MAX_BYTES) }) : t('request.noteHelp')}
        </p>
      </div>
      <div class="field">
        <label for="request-expiry">{t('request.answerableFor')}</label>
        <select id="request-expiry" value={expiresIn} onChange={(e) => setPicked(Number(e.currentTarget.value))}>
          {expiryChoices.map((s) => <option key={s} value={s}>{tr.duration(s)}</option>)}
        </select>
      </div>
      {error ? (
        <div class="notice error" role="alert">
          <p>{error.message}</p>
          {settingsErrors.has(error.code) ? <button type="button" class="link" onClick={onOpenOptions}>{t('share.openOptions')}</button> : null}
        </div>
      ) : null}
      <div class="row submit-row">
        <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? t('request.creating') : t('request.create')}
        </button>
      </div>
    </form>
  );
}
