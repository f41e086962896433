// The popup's "new link" form: the secret, expiry, reads, an optional passphrase, an optional label
// for the sender's own list of sent links, and a size counter.
// It keeps what was typed until a link is created: a failure never loses the text.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatBytes, utf8Length } from '../utils/core/format';
import type { LinkRequest, ShareError } from '../utils/share/create-link';
import { LABEL_MAX } from '../utils/sent/wording';
import type { NoteDefaults } from '../utils/share/note-defaults';
import { generatePassphrase } from '../utils/share/passphrase';
import { durationLabel } from '../utils/core/format';
import { securityPhraseItem } from '../utils/storage';

export interface ShareFormProps {
  defaults: NoteDefaults;
  /** The server's limit in bytes of UTF-8, once known. */
  maxNoteBytes?: number;
  /** Creates the link; resolves to an error to show, or undefined when the form is done. */
  onCreate: (request: LinkRequest) => Promise<ShareError | undefined>;
  /** Shown with the error when the fix is in the options. */
  onOpenOptions: () => void;
  settingsErrors: ReadonlySet<ShareError['code']>;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function readsLabel(n: number): string {
  return n === 1 ? 'Once' : `${n} times`;
}

export function ShareForm({ defaults, maxNoteBytes, onCreate, onOpenOptions, settingsErrors }: ShareFormProps) {
  const [text, setText] = useState('');
  // Undefined until the user picks: then the defaults (which arrive late, from the server) apply.
  const [pickedExpiry, setPickedExpiry] = useState<number>();
  const [pickedReads, setPickedReads] = useState<number>();
  const [passphrase, setPassphrase] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShareError>();
  const textArea = useRef<HTMLTextAreaElement>(null);
  // Also when the form comes back after a link ("New link"), where autofocus would not apply.
  useLayoutEffect(() => textArea.current?.focus(), []);

  const expiresIn = pickedExpiry !== undefined && defaults.expiryChoices.includes(pickedExpiry) ? pickedExpiry : defaults.expiresIn;
  const maxReads = pickedReads !== undefined && pickedReads <= defaults.readsLimit ? pickedReads : defaults.maxReads;
  const bytes = utf8Length(text);

  const submit = async () => {
    if (busy) return;
    const refused = refusal(text, bytes, maxNoteBytes);
    if (refused) {
      setError(refused);
      if (refused.code === 'empty') textArea.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const failure = await onCreate({ secret: text, expiresIn, maxReads, passphrase, label: label.trim() });
    // On success the form is replaced by the link; only a failure comes back here.
    if (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form class="share-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={onKeyDown} aria-busy={busy}>
      <SecretField text={text} onInput={setText} textArea={textArea} bytes={bytes} maxNoteBytes={maxNoteBytes} />
      <div class="options-row">
        <div class="field">
          <label for="expiry">Expires after</label>
          <select id="expiry" value={expiresIn} onChange={(e) => setPickedExpiry(Number(e.currentTarget.value))}>
            {defaults.expiryChoices.map((s) => <option key={s} value={s}>{durationLabel(s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="reads">Can be read</label>
          <select id="reads" value={maxReads} onChange={(e) => setPickedReads(Number(e.currentTarget.value))}>
            {Array.from({ length: defaults.readsLimit }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{readsLabel(n)}</option>)}
          </select>
        </div>
      </div>
      <PassphraseField passphrase={passphrase} onInput={setPassphrase} />
      <LabelField label={label} onInput={setLabel} />
      {error ? (
        <div class="notice error" role="alert">
          <p>{error.message}</p>
          {settingsErrors.has(error.code) ? <button type="button" class="link" onClick={onOpenOptions}>Open options</button> : null}
        </div>
      ) : null}
      <div class="row submit-row">
        <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">{busy ? 'Creating link…' : 'Create link'}</button>
        <span class="muted small" aria-hidden="true">{isMac ? '⌘' : 'Ctrl'}+Enter</span>
      </div>
    </form>
  );
}

/** Why the form refuses to send the secret before asking anyone, if it does. */
function refusal(text: string, bytes: number, maxNoteBytes: number | undefined): ShareError | undefined {
  if (text.length === 0) return { code: 'empty', message: 'Type or paste the secret first.' };
  if (maxNoteBytes !== undefined && bytes > maxNoteBytes) {
    return {
      code: 'too_large',
      message: `The secret is ${formatBytes(bytes - maxNoteBytes)} too large: this server accepts up to ${formatBytes(maxNoteBytes)}. Shorten it or split it over several links.`,
    };
  }
  return undefined;
}

interface SecretFieldProps {
  text: string;
  onInput: (text: string) => void;
  textArea: RefObject<HTMLTextAreaElement | null>;
  bytes: number;
  maxNoteBytes: number | undefined;
}

/** The secret, and its size against the server's limit. */
function SecretField({ text, onInput, textArea, bytes, maxNoteBytes }: SecretFieldProps) {
  const tooLarge = maxNoteBytes !== undefined && bytes > maxNoteBytes;
  return (
    <div class="field">
      <label for="secret">Secret</label>
      <textarea
        id="secret"
        ref={textArea}
        rows={6}
        value={text}
        placeholder="Paste a password, an API key, a .env block…"
        spellcheck={false}
        autoComplete="off"
        aria-describedby="secret-size"
        aria-invalid={tooLarge || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p id="secret-size" class={`small size ${tooLarge ? 'over' : 'muted'}`}>
        {maxNoteBytes === undefined
          ? formatBytes(bytes)
          : tooLarge
            ? `${formatBytes(bytes)}: ${formatBytes(bytes - maxNoteBytes)} over this server's limit of ${formatBytes(maxNoteBytes)}`
            : `${formatBytes(bytes)} of ${formatBytes(maxNoteBytes)}`}
      </p>
    </div>
  );
}

/** An optional passphrase, typed or generated, and the reminder to send it apart. */
function PassphraseField({ passphrase, onInput }: { passphrase: string; onInput: (passphrase: string) => void }) {
  const [phrase, setPhrase] = useState('');
  useEffect(() => { void securityPhraseItem.getValue().then(setPhrase, () => undefined); }, []);
  return (
    <div class="field">
      <label for="passphrase">Passphrase <span class="muted optional">(optional)</span></label>
      {phrase ? (
        <p class="small muted phrase-line">Burnlink asks for passphrases only where it shows your security phrase: <strong data-testid="security-phrase">{phrase}</strong></p>
      ) : null}
      <div class="row nowrap">
        <input
          id="passphrase"
          type="text"
          class="grow mono"
          value={passphrase}
          autoComplete="off"
          spellcheck={false}
          aria-describedby={passphrase ? 'passphrase-reminder' : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        <button type="button" onClick={() => onInput(generatePassphrase())}>Generate</button>
      </div>
      {passphrase ? (
        <p id="passphrase-reminder" class="small muted">
          Send the passphrase another way than the link (say it in a call, or use another app). Without it the note cannot be opened.
        </p>
      ) : null}
    </div>
  );
}

/** The sender's own name for the link, for the Sent list and its receipt. */
function LabelField({ label, onInput }: { label: string; onInput: (label: string) => void }) {
  return (
    <div class="field">
      <label for="label">Label <span class="muted optional">(only you see it)</span></label>
      <input
        id="label"
        type="text"
        class="label-field"
        value={label}
        maxLength={LABEL_MAX}
        placeholder="e.g. staging DB for Alex"
        autoComplete="off"
        aria-describedby="label-help"
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p id="label-help" class="visually-hidden">Names the link in your Sent list and its read receipt. It stays in this browser.</p>
    </div>
  );
}
