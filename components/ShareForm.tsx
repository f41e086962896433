// The "new link" form of the popup and of the note server's create page: the secret's text and
// attached files, expiry, reads, an optional passphrase, an optional label for the sender's own
// list of sent links (popup only), and a size counter against the server's limit.
// It keeps what was typed and attached until a link is created: a failure never loses anything.
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MAX_PLAINTEXT_BYTES } from '../utils/core/crypto';
import { checkContent, payloadSize, type ContentInfo, type NoteFile } from '../utils/core/payload';
import type { ShareError } from '../utils/share/create-link';
import { contentErrorText, unreadableFileText } from '../utils/share/error-text';
import type { Translator } from '../utils/i18n/translate';
import { LABEL_MAX } from '../utils/sent/wording';
import type { NoteDefaults } from '../utils/share/note-defaults';
import { generatePassphrase } from '../utils/share/passphrase';
import { AttachedFiles, addFiles, pastedFiles, useFileDrop } from './AttachedFiles';
import { Fill, useT } from './I18n';
import './ShareForm.css';

/** What the form hands over when the sender creates the link: files already read into memory. */
export interface ShareDraft {
  text: string;
  files: NoteFile[];
  expiresIn: number;
  maxReads: number;
  /** '' for none. */
  passphrase: string;
  /** '' for none; always '' without the label field. */
  label: string;
}

/** Where the form starts: a new link like a revoked one, or a selection shared with options. */
export type ShareStart = Partial<Pick<ShareDraft, 'text' | 'expiresIn' | 'maxReads' | 'label'>>;

export interface ShareFormProps {
  defaults: NoteDefaults;
  /** The server's limit on text and files together, in bytes, once known. */
  maxNoteBytes?: number;
  /** Creates the link; resolves to an error to show, or undefined when the form is done. */
  onCreate: (draft: ShareDraft) => Promise<ShareError | undefined>;
  /** Shown with the error when the fix is in the options (the popup). */
  onOpenOptions?: () => void;
  settingsErrors?: ReadonlySet<ShareError['code']>;
  start?: ShareStart;
  /** The popup's label for the Sent list; the create page has no list. */
  withLabel?: boolean;
  /** More fields before the submit button (the create page's create token). */
  children?: ComponentChildren;
  /** The extension's security phrase, shown beside the passphrase (none on the create page). */
  phrase?: string;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function readsLabel({ t, plural }: Translator, n: number): string {
  return n === 1 ? t('share.readsOnce') : plural('share.readsTimes', n);
}

const infoOf = (text: string, files: File[]): ContentInfo => ({
  text,
  files: files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
});

export function ShareForm({ defaults, maxNoteBytes, onCreate, onOpenOptions, settingsErrors, start = {}, withLabel = true, children, phrase }: ShareFormProps) {
  const tr = useT();
  const { t } = tr;
  const [text, setText] = useState(start.text ?? '');
  // Undefined until the user picks: then the defaults (which arrive late, from the server) apply.
  const [pickedExpiry, setPickedExpiry] = useState<number | undefined>(start.expiresIn);
  const [pickedReads, setPickedReads] = useState<number | undefined>(start.maxReads);
  const [passphrase, setPassphrase] = useState('');
  const [label, setLabel] = useState(start.label ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShareError>();
  const attached = useAttachments(maxNoteBytes, () => { if (error?.code === 'empty') setError(undefined); });
  const { files, attach } = attached;
  const drop = useFileDrop(busy, attach);
  const textArea = useRef<HTMLTextAreaElement>(null);
  // Also when the form comes back after a link ("New link"), where autofocus would not apply.
  useLayoutEffect(() => textArea.current?.focus(), []);

  const expiresIn = pickedExpiry !== undefined && defaults.expiryChoices.includes(pickedExpiry) ? pickedExpiry : defaults.expiresIn;
  const maxReads = pickedReads !== undefined && pickedReads <= defaults.readsLimit ? pickedReads : defaults.maxReads;
  const content = infoOf(text, files);
  const bytes = payloadSize(content);

  const submit = async () => {
    if (busy) return;
    const limit = maxNoteBytes ?? MAX_PLAINTEXT_BYTES;
    const checked = checkContent(content, limit);
    if (!checked.ok) {
      setError({ code: checked.error.code, message: contentErrorText(tr, checked.error, content, limit) });
      if (checked.error.code === 'empty') textArea.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const read = await readFiles(tr, files);
    const failure = read.ok
      ? await onCreate({ text, files: read.files, expiresIn, maxReads, passphrase, label: withLabel ? label.trim() : '' })
      : { code: 'malformed' as const, message: read.message };
    // On success the form is replaced by the link; only a failure comes back here.
    if (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <form
      class={`share-form${drop.dragging ? ' dragging' : ''}`}
      onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}
      {...drop.handlers}
      aria-busy={busy}
    >
      <SecretField text={text} onInput={setText} onPasteFiles={attach} textArea={textArea} bytes={bytes} maxNoteBytes={maxNoteBytes} withFiles={files.length > 0} />
      <AttachedFiles files={files} disabled={busy} onPick={attach} onRemove={attached.remove} />
      {attached.refused.length > 0 ? (
        <div class="notice error small attach-refused" role="alert">{attached.refused.map((r) => <p key={r}>{r}</p>)}</div>
      ) : null}
      <p class="visually-hidden" role="status">{attached.announcement}</p>
      <ExpiryAndReads defaults={defaults} expiresIn={expiresIn} maxReads={maxReads} onExpiry={setPickedExpiry} onReads={setPickedReads} />
      <PassphraseField passphrase={passphrase} onInput={setPassphrase} phrase={phrase} />
      {withLabel ? <LabelField label={label} onInput={setLabel} /> : null}
      {children}
      {error ? (
        <div class="notice error" role="alert">
          <p>{error.message}</p>
          {onOpenOptions && settingsErrors?.has(error.code) ? <button type="button" class="link" onClick={onOpenOptions}>{t('share.openOptions')}</button> : null}
        </div>
      ) : null}
      <SubmitRow busy={busy} />
      {drop.dragging ? <div class="drop-hint" aria-hidden="true">{t('share.dropHint')}</div> : null}
    </form>
  );
}

function SubmitRow({ busy }: { busy: boolean }) {
  const { t } = useT();
  return (
    <div class="row submit-row">
      <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">{busy ? t('share.creating') : t('share.create')}</button>
      <span class="muted small" aria-hidden="true">{t(isMac ? 'keys.cmdEnter' : 'keys.ctrlEnter')}</span>
    </div>
  );
}

/** The attached files; what was just refused (empty, too large) and what a screen reader is told. */
function useAttachments(maxNoteBytes: number | undefined, onAttach: () => void) {
  const tr = useT();
  const [files, setFiles] = useState<File[]>([]);
  /** Files just refused, said beside the files rather than at the bottom. */
  const [refused, setRefused] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const attach = (picked: File[]) => {
    if (picked.length === 0) return;
    const added = addFiles(tr, files, picked, maxNoteBytes);
    setFiles(added.files);
    const names = added.files.filter((f) => !files.includes(f)).map((f) => f.name);
    setAnnouncement(names.length > 0 ? tr.t('share.attached', { names: new Intl.ListFormat(tr.lang).format(names) }) : '');
    setRefused(added.refused);
    onAttach();
  };
  const remove = (file: File) => {
    setFiles(files.filter((f) => f !== file));
    setRefused([]);
    setAnnouncement(tr.t('share.removed', { name: file.name }));
  };
  return { files, attach, remove, refused, announcement };
}

interface ExpiryAndReadsProps {
  defaults: NoteDefaults;
  expiresIn: number;
  maxReads: number;
  onExpiry: (seconds: number) => void;
  onReads: (reads: number) => void;
}

function ExpiryAndReads({ defaults, expiresIn, maxReads, onExpiry, onReads }: ExpiryAndReadsProps) {
  const tr = useT();
  return (
    <div class="options-row">
      <div class="field">
        <label for="expiry">{tr.t('share.expiresAfter')}</label>
        <select id="expiry" value={expiresIn} onChange={(e) => onExpiry(Number(e.currentTarget.value))}>
          {defaults.expiryChoices.map((s) => <option key={s} value={s}>{tr.duration(s)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="reads">{tr.t('share.canBeRead')}</label>
        <select id="reads" value={maxReads} onChange={(e) => onReads(Number(e.currentTarget.value))}>
          {Array.from({ length: defaults.readsLimit }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{readsLabel(tr, n)}</option>)}
        </select>
      </div>
    </div>
  );
}

/** The bytes of every attached file; a sentence when one could not be read (moved, deleted). */
async function readFiles(tr: Translator, files: File[]): Promise<{ ok: true; files: NoteFile[] } | { ok: false; message: string }> {
  const read: NoteFile[] = [];
  for (const file of files) {
    try {
      read.push({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      return { ok: false, message: unreadableFileText(tr, file.name) };
    }
  }
  return { ok: true, files: read };
}

interface SecretFieldProps {
  text: string;
  onInput: (text: string) => void;
  onPasteFiles: (files: File[]) => void;
  textArea: RefObject<HTMLTextAreaElement | null>;
  /** Text and files together, as the server counts them. */
  bytes: number;
  maxNoteBytes: number | undefined;
  withFiles: boolean;
}

/** The secret's text, and the size of text and files against the server's limit. */
function SecretField({ text, onInput, onPasteFiles, textArea, bytes, maxNoteBytes, withFiles }: SecretFieldProps) {
  const { t } = useT();
  const tooLarge = maxNoteBytes !== undefined && bytes > maxNoteBytes;
  return (
    <div class="field">
      <label for="secret">{t('share.secret')}</label>
      <textarea
        id="secret"
        ref={textArea}
        rows={6}
        value={text}
        placeholder={t(withFiles ? 'share.placeholderWithFiles' : 'share.placeholder')}
        spellcheck={false}
        autoComplete="off"
        aria-describedby="secret-size"
        aria-invalid={tooLarge || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onPaste={(e) => pastedFiles(e, onPasteFiles)}
      />
      <p id="secret-size" class={`small size ${tooLarge ? 'over' : 'muted'}`}>
        <SizeLine bytes={bytes} maxNoteBytes={maxNoteBytes} withFiles={withFiles} />
      </p>
    </div>
  );
}

/** "5.1 kB of 64 kB": text and files against the server's limit, once it is known. */
function SizeLine({ bytes, maxNoteBytes, withFiles }: { bytes: number; maxNoteBytes: number | undefined; withFiles: boolean }) {
  const { t, bytes: size } = useT();
  const line = maxNoteBytes === undefined
    ? size(bytes)
    : bytes > maxNoteBytes
      ? t('share.sizeOver', { size: size(bytes), excess: size(bytes - maxNoteBytes), limit: size(maxNoteBytes) })
      : t('share.sizeOf', { size: size(bytes), limit: size(maxNoteBytes) });
  return <>{withFiles ? t('share.textAndFiles', { size: line }) : line}</>;
}

/** An optional passphrase, typed or generated, and the reminder to send it apart. */
function PassphraseField({ passphrase, onInput, phrase }: { passphrase: string; onInput: (passphrase: string) => void; phrase?: string }) {
  const { t } = useT();
  return (
    <div class="field">
      <label for="passphrase"><Fill message={t('share.passphraseLabel')} parts={{ optional: <span class="muted optional">{t('share.optional')}</span> }} /></label>
      {phrase ? (
        <p class="small muted phrase-line">
          <Fill message={t('share.phraseLine')} parts={{ phrase: <strong data-testid="security-phrase">{phrase}</strong> }} />
        </p>
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
        <button type="button" onClick={() => onInput(generatePassphrase())}>{t('share.generate')}</button>
      </div>
      {passphrase ? (
        <p id="passphrase-reminder" class="small muted">{t('share.passphraseReminder')}</p>
      ) : null}
    </div>
  );
}

/** The sender's own name for the link, for the Sent list and its receipt. */
function LabelField({ label, onInput }: { label: string; onInput: (label: string) => void }) {
  const { t } = useT();
  return (
    <div class="field">
      <label for="label"><Fill message={t('share.labelLabel')} parts={{ onlyYou: <span class="muted optional">{t('share.onlyYou')}</span> }} /></label>
      <input
        id="label"
        type="text"
        class="label-field"
        value={label}
        maxLength={LABEL_MAX}
        placeholder={t('share.labelPlaceholder')}
        autoComplete="off"
        aria-describedby="label-help"
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p id="label-help" class="visually-hidden">{t('share.labelHelp')}</p>
    </div>
  );
}
