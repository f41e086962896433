// The popup's "Request a secret" form: a short note for whoever answers and an expiry. It keeps
// what was typed until the request is made: a failure never loses the note.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { durationLabel, formatBytes, utf8Length } from '../utils/core/format';
import { REQUEST_NOTE_MAX_BYTES } from '../utils/core/request/limits';
import type { NewRequest, RequestUiError } from '../utils/request/actions';

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
      setError({ code: 'too_large', message: `The note is ${formatBytes(bytes - REQUEST_NOTE_MAX_BYTES)} too long: the most is ${REQUEST_NOTE_MAX_BYTES} bytes. Shorten it.` });
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
      <p class="small muted">
        Ask someone to send you a secret that only this browser can open. You get a link to send them; they answer on a
        web page, with or without Burnlink.
      </p>
      <div class="field">
        <label for="request-note">What do you need? <span class="muted optional">(they see this)</span></label>
        <textarea id="request-note" ref={field} rows={3} value={note} placeholder="e.g. the staging DB password, for Alex's onboarding"
          aria-describedby="request-note-help" aria-invalid={tooLong || undefined} onInput={(e) => setNote(e.currentTarget.value)} />
        <p id="request-note-help" class={`small size ${tooLong ? 'over' : 'muted'}`}>
          {tooLong ? `${bytes} of ${REQUEST_NOTE_MAX_BYTES} bytes: too long` : 'Say who you are and what it is for: the link cannot prove who made it.'}
        </p>
      </div>
      <div class="field">
        <label for="request-expiry">Can be answered for</label>
        <select id="request-expiry" value={expiresIn} onChange={(e) => setPicked(Number(e.currentTarget.value))}>
          {expiryChoices.map((s) => <option key={s} value={s}>{durationLabel(s)}</option>)}
        </select>
      </div>
      {error ? (
        <div class="notice error" role="alert">
          <p>{error.message}</p>
          {settingsErrors.has(error.code) ? <button type="button" class="link" onClick={onOpenOptions}>Open options</button> : null}
        </div>
      ) : null}
      <div class="row submit-row">
        <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? 'Making the request…' : 'Create request link'}
        </button>
      </div>
    </form>
  );
}
