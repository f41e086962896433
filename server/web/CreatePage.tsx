// The note server's page at `/`: make a one-time link without the extension. The same form and
// "Link created" view as the popup, the same core: text and files are encrypted here, in the
// browser, and only ciphertext is posted to this server. It asks for the create token when the
// operator set one, and says so when the operator turned creating here off.
import { useEffect, useState } from 'preact/hooks';
import { LinkCreated, type CreatedLinkView } from '../../components/LinkCreated';
import { ShareForm, type ShareDraft } from '../../components/ShareForm';
import { copyWithAutoClear, type CopyResult } from '../../utils/clipboard/copy';
import type { Api } from '../../utils/core/api';
import { shareNote, type NoteError } from '../../utils/core/note';
import type { Health } from '../../utils/core/protocol';
import type { ShareError } from '../../utils/share/create-link';
import { noteDefaults } from '../../utils/share/note-defaults';

export interface CreatePageProps {
  api: Api;
  /** Seconds after which a copied link is cleared from the clipboard. */
  clearAfterSeconds: number;
}

type Phase =
  | { name: 'checking' }
  | { name: 'unreachable'; message: string }
  | { name: 'off' }
  | { name: 'form'; health: Health }
  | { name: 'created'; health: Health; link: CreatedLinkView; copied: CopyResult; passphrase?: string };

/** A failed create in one sentence for someone on this page: what happened and what to do. */
function failureMessage(error: NoteError): string {
  switch (error.code) {
    case 'unauthorized':
      return 'The create token was not accepted. Check it with the people who run this server, then try again.';
    case 'unreachable':
      return 'Could not reach this note server. Check your connection, then try again: your text and files are still here.';
    case 'too_large':
      return `${error.message} Shorten the text, leave out a file, or split it over several links.`;
    default:
      return error.message;
  }
}

export function CreatePage({ api, clearAfterSeconds }: CreatePageProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [token, setToken] = useState('');
  const [formKey, setFormKey] = useState(0);

  const check = async () => {
    setPhase({ name: 'checking' });
    const health = await api.health();
    if (!health.ok) return setPhase({ name: 'unreachable', message: health.error.message });
    setPhase(health.value.webCreate === false ? { name: 'off' } : { name: 'form', health: health.value });
  };
  useEffect(() => { void check(); }, []);

  if (phase.name === 'checking') return <p class="muted" aria-busy="true">Checking this note server…</p>;
  if (phase.name === 'unreachable') {
    return (
      <section aria-labelledby="create-heading">
        <h1 id="create-heading">Make a one-time link</h1>
        <p class="notice error" role="alert">{phase.message}</p>
        <button type="button" onClick={() => void check()}>Try again</button>
      </section>
    );
  }
  if (phase.name === 'off') return <CreatingOff />;
  const { health } = phase;
  if (phase.name === 'created') {
    return (
      <LinkCreated created={phase.link} copied={phase.copied} passphrase={phase.passphrase}
        onCopy={async () => setPhase({ ...phase, copied: await copyWithAutoClear(phase.link.link, clearAfterSeconds) })}
        onNew={() => { setFormKey(formKey + 1); setPhase({ name: 'form', health }); }} />
    );
  }

  const onCreate = async (draft: ShareDraft): Promise<ShareError | undefined> => {
    if (health.createTokenRequired && token.trim() === '') {
      document.getElementById('create-token')?.focus();
      return { code: 'unauthorized', message: 'This server needs its create token to make a link. Type the token the people who run it gave you.' };
    }
    const shared = await shareNote(api, { text: draft.text, files: draft.files }, {
      expiresIn: draft.expiresIn,
      maxReads: draft.maxReads,
      passphrase: draft.passphrase || undefined,
      createToken: token.trim() || undefined,
    });
    if (!shared.ok) return { code: shared.error.code, message: failureMessage(shared.error) };
    const { link, note } = shared.value;
    setPhase({
      name: 'created',
      health,
      link: { link, expiresIn: draft.expiresIn, expiresAt: note.expiresAt, maxReads: note.maxReads },
      copied: await copyWithAutoClear(link, clearAfterSeconds),
      passphrase: draft.passphrase || undefined,
    });
    return undefined;
  };

  return (
    <section aria-labelledby="create-heading">
      <h1 id="create-heading">Make a one-time link</h1>
      <p class="muted">
        Share a password, a key or a file. It is encrypted in this browser; the server keeps only
        what it cannot read, and deletes it once it has been read.
      </p>
      <ShareForm key={formKey} defaults={noteDefaults({ defaultExpiry: health.defaultExpiry, defaultReads: 1 }, health)}
        maxNoteBytes={health.maxNoteBytes} onCreate={onCreate} withLabel={false}>
        {health.createTokenRequired ? <TokenField token={token} onInput={setToken} /> : null}
      </ShareForm>
    </section>
  );
}

/** The page when the operator turned creating here off: what this server is, and where to go. */
function CreatingOff() {
  return (
    <section aria-labelledby="create-heading">
      <h1 id="create-heading">A Burnlink note server</h1>
      <p>
        This server keeps encrypted one-time notes: secrets such as passwords and API keys that
        someone shared as a self-destructing link. Each note can be read once, then it is deleted.
      </p>
      <p class="notice warn">Creating links on this page is turned off by the people who run this server. Use the Burnlink extension, or open the full link you were given to read a note.</p>
    </section>
  );
}

/** The operator's create token, when the server needs one: never part of the link. */
function TokenField({ token, onInput }: { token: string; onInput: (token: string) => void }) {
  return (
    <div class="field">
      <label for="create-token">Create token</label>
      <input id="create-token" type="password" class="token-field" autoComplete="off" spellcheck={false} value={token}
        aria-describedby="create-token-help" onInput={(e) => onInput(e.currentTarget.value)} />
      <p id="create-token-help" class="muted small help">This server makes links only for people with its token. It is sent to this server, never put in the link.</p>
    </div>
  );
}
