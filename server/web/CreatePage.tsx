// The note server's page at `/`: make a one-time link without the extension. The same form and
// "Link created" view as the popup, the same core: text and files are encrypted here, in the
// browser, and only ciphertext is posted to this server. It asks for the create token when the
// operator set one, and says so when the operator turned creating here off.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../components/I18n';
import { LinkCreated, type CreatedLinkView } from '../../components/LinkCreated';
import { ShareForm, type ShareDraft } from '../../components/ShareForm';
import { copyWithAutoClear, type CopyResult } from '../../utils/clipboard/copy';
import type { Api } from '../../utils/core/api';
import { shareNote } from '../../utils/core/note';
import type { Health } from '../../utils/core/protocol';
import { problemText } from '../../utils/i18n/problems';
import type { ShareError } from '../../utils/share/create-link';
import { pageErrorText } from '../../utils/share/error-text';
import { noteDefaults } from '../../utils/share/note-defaults';

export interface CreatePageProps {
  api: Api;
  /** Seconds after which a copied link is cleared from the clipboard. */
  clearAfterSeconds: number;
}

type Phase =
  | { name: 'checking' }
  | { name: 'unreachable'; problem: { code: string; message: string } }
  | { name: 'off' }
  | { name: 'form'; health: Health }
  | { name: 'created'; health: Health; link: CreatedLinkView; copied: CopyResult; passphrase?: string };

export function CreatePage({ api, clearAfterSeconds }: CreatePageProps) {
  const tr = useT();
  const { t } = tr;
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [token, setToken] = useState('');
  const [formKey, setFormKey] = useState(0);

  const check = async () => {
    setPhase({ name: 'checking' });
    const health = await api.health();
    if (!health.ok) return setPhase({ name: 'unreachable', problem: health.error });
    setPhase(health.value.webCreate === false ? { name: 'off' } : { name: 'form', health: health.value });
  };
  useEffect(() => { void check(); }, []);

  if (phase.name === 'checking') return <p class="muted" aria-busy="true">{t('share.pageChecking')}</p>;
  if (phase.name === 'unreachable') {
    return (
      <section aria-labelledby="create-heading">
        <h1 id="create-heading">{t('share.pageHeading')}</h1>
        <p class="notice error" role="alert">{problemText(tr, phase.problem, api.server)}</p>
        <button type="button" onClick={() => void check()}>{t('common.tryAgain')}</button>
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
      return { code: 'unauthorized', message: t('share.pageTokenMissing') };
    }
    const shared = await shareNote(api, { text: draft.text, files: draft.files }, {
      expiresIn: draft.expiresIn,
      maxReads: draft.maxReads,
      passphrase: draft.passphrase || undefined,
      createToken: token.trim() || undefined,
    });
    if (!shared.ok) return { code: shared.error.code, message: pageErrorText(tr, shared.error) };
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
      <h1 id="create-heading">{t('share.pageHeading')}</h1>
      <p class="muted">{t('share.pageIntro')}</p>
      <ShareForm key={formKey} defaults={noteDefaults({ defaultExpiry: health.defaultExpiry, defaultReads: 1 }, health)}
        maxNoteBytes={health.maxNoteBytes} onCreate={onCreate} withLabel={false}>
        {health.createTokenRequired ? <TokenField token={token} onInput={setToken} /> : null}
      </ShareForm>
    </section>
  );
}

/** The page when the operator turned creating here off: what this server is, and where to go. */
function CreatingOff() {
  const { t } = useT();
  return (
    <section aria-labelledby="create-heading">
      <h1 id="create-heading">{t('share.offHeading')}</h1>
      <p>{t('share.offAbout')}</p>
      <p class="notice warn">{t('share.offNotice')}</p>
    </section>
  );
}

/** The operator's create token, when the server needs one: never part of the link. */
function TokenField({ token, onInput }: { token: string; onInput: (token: string) => void }) {
  const { t } = useT();
  return (
    <div class="field">
      <label for="create-token">{t('share.tokenLabel')}</label>
      <input id="create-token" type="password" class="token-field" autoComplete="off" spellcheck={false} value={token}
        aria-describedby="create-token-help" onInput={(e) => onInput(e.currentTarget.value)} />
      <p id="create-token-help" class="muted small help">{t('share.tokenHelp')}</p>
    </div>
  );
}
