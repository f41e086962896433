// The genuine reveal UI: the extension's own page, shown in the browser's side panel (or a small
// extension window), where no web page can draw over it, read it or take its keyboard focus. It
// shows what it is about to open, and only a click here reveals. Nothing shows until the
// background hands over the request for the id in this page's address.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AccessGate } from '@/components/AccessGate';
import { Fill, useT } from '@/components/I18n';
import { Logo } from '@/components/Logo';
import { SecurityPhraseStrip } from '@/components/SecurityPhraseStrip';
import { RevealView } from '@/components/RevealView';
import type { CopyResult } from '@/utils/clipboard/copy';
import type { MessageKey } from '@/utils/i18n/translate';
import type { PermissionsApi } from '@/utils/reveal/access';
import { say, sentenceOf } from '@/utils/reveal/flow';
import { recogniseLink } from '@/utils/reveal/readers';
import type { ReaderEnv } from '@/utils/reveal/readers/types';
import type { LauncherRefusal, RevealRequest } from '@/utils/reveal/requests';

export interface AppProps {
  requestId: string;
  /** Asks the background for this id's request; null when the id is unknown, used or stale. */
  claim: (id: string) => Promise<RevealRequest | null>;
  /** This browser's security phrase ('' when none is set). */
  phrase: () => Promise<string>;
  env: ReaderEnv;
  /** The browser's permissions, for access to other tools' servers (asked for at a click). */
  permissions: PermissionsApi;
  copy: (text: string) => Promise<CopyResult>;
  close: () => void;
}

type State = { name: 'claiming' } | { name: 'refused' } | { name: 'claimed'; request: RevealRequest };

export function App({ requestId, claim, phrase: loadPhrase, env, permissions, copy, close }: AppProps) {
  const [state, setState] = useState<State>({ name: 'claiming' });
  const [phrase, setPhrase] = useState<string>();
  const { t } = useT();

  useEffect(() => {
    void loadPhrase().then(setPhrase, () => setPhrase(''));
    claim(requestId).then(
      (request) => setState(request ? { name: 'claimed', request } : { name: 'refused' }),
      () => setState({ name: 'refused' }),
    );
  }, []);

  return (
    <div class="panel">
      <header class="panel-header">
        <span class="brand"><Logo size={18} /> {t('extension.name')}</span>
        <span class="grow muted small">{t('reveal.panelTitle')}</span>
        <button type="button" class="close" aria-label={t('reveal.close')} title={t('reveal.closeEsc')} onClick={close}>
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <SecurityPhraseStrip phrase={phrase} />
      <main>
        {/* Nothing to click until the phrase is drawn too: no line may move under the pointer. */}
        {state.name === 'claiming' || phrase === undefined ? <p class="muted" aria-busy="true">{t('reveal.opening')}</p> : null}
        {state.name === 'refused' && phrase !== undefined ? (
          <section class="reveal">
            <h1>{t('reveal.nothingToOpen')}</h1>
            <p class="notice warn" role="alert">{t('reveal.notOpenedThatWay')}</p>
          </section>
        ) : null}
        {state.name === 'claimed' && phrase !== undefined ? <Request request={state.request} phrase={phrase} env={env} permissions={permissions} copy={copy} /> : null}
      </main>
    </div>
  );
}

interface RequestProps {
  request: RevealRequest;
  phrase: string;
  env: ReaderEnv;
  permissions: PermissionsApi;
  copy: AppProps['copy'];
}

function Request({ request, phrase, env, permissions, copy }: RequestProps) {
  const i18n = useT();
  const { t } = i18n;
  const recognised = useMemo(() => (request.link ? recogniseLink(request.link) : undefined), [request]);
  const session = useMemo(() => (recognised?.ok ? recognised.value.session(env) : undefined), [recognised]);

  if (request.refused) return <Refused request={request} reason={request.refused} />;
  if (!recognised || !request.link) {
    return (
      <section class="reveal">
        <h1>{t('reveal.notALinkTitle')}</h1>
        <p class="notice warn" role="alert">{t('reveal.notALink')}</p>
        <Origin request={request} />
      </section>
    );
  }
  if (!recognised.ok || !session) {
    const error = recognised.ok ? undefined : recognised.error;
    return (
      <section class="reveal">
        <h1>{t('recipient.brokenTitle')}</h1>
        <p class="notice error" role="alert">{error ? say(i18n, sentenceOf(error)) : t('reveal.cannotOpen')}</p>
        {error?.site ? <p><a href={error.site} target="_blank" rel="noreferrer noopener">{t('reveal.openOnSite')}</a></p> : null}
        <Origin request={request} />
      </section>
    );
  }
  const target = recognised.value;
  const details: Array<[string, ComponentChildren]> = [];
  if (request.text !== undefined && request.text !== request.link) details.push([t('reveal.linkText'), <q class="link-text" dir="auto">{clip(request.text)}</q>]);
  details.push([t('reveal.foundOn'), <FoundOn request={request} />]);
  const view = (onSettled?: () => void) => (
    <RevealView target={target} session={session} confirm="click" copy={copy} details={details} watchKeyboard
      passphraseGuard={<PhraseGuard phrase={phrase} />} {...(onSettled ? { onSettled } : {})} />
  );
  // Another tool's server may need access first; it is given back once the secret is settled.
  if (target.tool === 'burnlink') return view();
  return <AccessGate target={target} permissions={permissions} details={details}>{view}</AccessGate>;
}

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/** The page the link was on, and how it was chosen there. */
function FoundOn({ request }: { request: RevealRequest }) {
  const { t } = useT();
  const where = request.foundOn ? <strong dir="auto">{request.foundOn}</strong> : t('reveal.aPage');
  return <Fill message={request.via === 'menu' ? t('reveal.foundRightClicked') : t('reveal.foundBeside')} parts={{ where }} />;
}

function Origin({ request }: { request: RevealRequest }) {
  const { t } = useT();
  return (
    <dl class="opening">
      {request.text ? [<dt key="t">{t('reveal.linkText')}</dt>, <dd key="d"><q class="link-text" dir="auto">{clip(request.text)}</q></dd>] : null}
      <dt>{t('reveal.foundOn')}</dt>
      <dd><FoundOn request={request} /></dd>
    </dl>
  );
}

/** Beside the passphrase field: where Burnlink asks, and where it never does. */
function PhraseGuard({ phrase }: { phrase: string }) {
  const { t } = useT();
  return (
    <p class="notice small phrase-guard" data-testid="phrase-guard">
      {phrase ? <><Fill message={t('reveal.phraseShown')} parts={{ phrase: <strong class="phrase" dir="auto">{phrase}</strong> }} />{' '}</> : null}
      {t('reveal.neverInPage')}
    </p>
  );
}

const REFUSALS: Record<LauncherRefusal, MessageKey> = {
  faded: 'reveal.refusal.faded',
  hidden: 'reveal.refusal.hidden',
  covered: 'reveal.refusal.covered',
  moved: 'reveal.refusal.moved',
  changed: 'reveal.refusal.changed',
  mismatch: 'reveal.refusal.mismatch',
};

function Refused({ request, reason }: { request: RevealRequest; reason: LauncherRefusal }) {
  const { t } = useT();
  return (
    <section class="reveal">
      <h1>{t('reveal.openedNothing')}</h1>
      <p class="notice warn" role="alert" data-testid="refusal">{t(REFUSALS[reason])}</p>
      <p>{t('reveal.refusalWhy')}</p>
      <Origin request={request} />
      <p class="muted small">{t('reveal.refusalAgain')}</p>
    </section>
  );
}
