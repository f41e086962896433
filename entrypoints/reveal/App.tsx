// The genuine reveal UI: the extension's own page, shown in the browser's side panel (or a small
// extension window), where no web page can draw over it, read it or take its keyboard focus. It
// shows what it is about to open, and only a click here reveals. Nothing shows until the
// background hands over the request for the id in this page's address.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AccessGate } from '@/components/AccessGate';
import { Logo } from '@/components/Logo';
import { RevealView } from '@/components/RevealView';
import type { CopyResult } from '@/utils/clipboard/copy';
import type { PermissionsApi } from '@/utils/reveal/access';
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
        <span class="brand"><Logo size={18} /> Burnlink</span>
        <span class="grow muted small">Reveal</span>
        <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={close}>
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <SecurityPhrase phrase={phrase} />
      <main>
        {/* Nothing to click until the phrase is drawn too: no line may move under the pointer. */}
        {state.name === 'claiming' || phrase === undefined ? <p class="muted" aria-busy="true">Opening…</p> : null}
        {state.name === 'refused' && phrase !== undefined ? (
          <section class="reveal">
            <h1>Nothing to open here</h1>
            <p class="notice warn" role="alert">
              This panel opens when you click “Reveal safely” beside a link, or right-click a link and
              choose “Reveal safely”. It was not opened that way, or it was already used: do that again.
            </p>
          </section>
        ) : null}
        {state.name === 'claimed' && phrase !== undefined ? <Request request={state.request} phrase={phrase} env={env} permissions={permissions} copy={copy} /> : null}
      </main>
    </div>
  );
}

/** The phrase, always at the top: a look-alike drawn by a web page cannot know it. */
function SecurityPhrase({ phrase }: { phrase: string | undefined }) {
  if (phrase === undefined) return <div class="phrase-strip" />;
  return (
    <div class="phrase-strip" title="Web pages cannot know your security phrase: a panel without it is not Burnlink.">
      {phrase
        ? <>Your security phrase <strong class="phrase" data-testid="security-phrase">{phrase}</strong></>
        : <span class="muted">No security phrase is set: choose one in Burnlink's options.</span>}
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
  const recognised = useMemo(() => (request.link ? recogniseLink(request.link) : undefined), [request]);
  const session = useMemo(() => (recognised?.ok ? recognised.value.session(env) : undefined), [recognised]);

  if (request.refused) return <Refused request={request} reason={request.refused} />;
  if (!recognised || !request.link) {
    return (
      <section class="reveal">
        <h1>Not a link Burnlink can open</h1>
        <p class="notice warn" role="alert">This is not a one-time link of Burnlink or of a tool Burnlink knows. Nothing was opened.</p>
        <Origin request={request} />
      </section>
    );
  }
  if (!recognised.ok || !session) {
    const error = recognised.ok ? undefined : recognised.error;
    return (
      <section class="reveal">
        <h1>This link is broken</h1>
        <p class="notice error" role="alert">{error?.message ?? 'This link cannot be opened.'}</p>
        {error?.site ? <p><a href={error.site} target="_blank" rel="noreferrer noopener">Open it on its own site</a></p> : null}
        <Origin request={request} />
      </section>
    );
  }
  const target = recognised.value;
  const details: Array<[string, ComponentChildren]> = [];
  if (request.text !== undefined && request.text !== request.link) details.push(['Link text', <q class="link-text">{clip(request.text)}</q>]);
  details.push(['Found on', foundOn(request)]);
  const view = (onSettled?: () => void) => (
    <RevealView target={target} session={session} confirm="click" copy={copy} details={details}
      passphraseGuard={<PhraseGuard phrase={phrase} />} {...(onSettled ? { onSettled } : {})} />
  );
  // Another tool's server may need access first; it is given back once the secret is settled.
  if (target.tool === 'burnlink') return view();
  return <AccessGate target={target} permissions={permissions} details={details}>{view}</AccessGate>;
}

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

function foundOn(request: RevealRequest): ComponentChildren {
  const where = request.foundOn ? <strong>{request.foundOn}</strong> : 'a page';
  return request.via === 'menu' ? <>{where}, the link you right-clicked</> : <>{where}, beside the link you clicked</>;
}

function Origin({ request }: { request: RevealRequest }) {
  return (
    <dl class="opening">
      {request.text ? [<dt key="t">Link text</dt>, <dd key="d"><q class="link-text">{clip(request.text)}</q></dd>] : null}
      <dt>Found on</dt>
      <dd>{foundOn(request)}</dd>
    </dl>
  );
}

/** Beside the passphrase field: where Burnlink asks, and where it never does. */
function PhraseGuard({ phrase }: { phrase: string }) {
  return (
    <p class="notice small phrase-guard" data-testid="phrase-guard">
      {phrase ? <>Your security phrase <strong class="phrase">{phrase}</strong> is shown: this is Burnlink's own panel. </> : null}
      To open a note, Burnlink never asks for its passphrase inside a web page: a box on a page that asks for it is not Burnlink.
    </p>
  );
}

const REFUSALS: Record<LauncherRefusal, string> = {
  faded: 'The “Reveal safely” button, or something around it, had been made nearly transparent when it was clicked.',
  hidden: 'The “Reveal safely” button was hidden, clipped or off screen when it was clicked.',
  covered: 'Something else on the page was drawn over the “Reveal safely” button where it was clicked.',
  moved: 'The “Reveal safely” button had been moved away from the link it belongs to.',
  changed: 'The link beside the button changed after Burnlink drew the button.',
  mismatch: 'The link’s text shows one address, but the link opens another.',
};

function Refused({ request, reason }: { request: RevealRequest; reason: LauncherRefusal }) {
  return (
    <section class="reveal">
      <h1>Burnlink opened nothing</h1>
      <p class="notice warn" role="alert" data-testid="refusal">{REFUSALS[reason]}</p>
      <p>
        A page can do this to make you open a different secret than the one you meant. Nothing was
        requested from any server.
      </p>
      <Origin request={request} />
      <p class="muted small">
        If you trust the page, scroll the link into view and click “Reveal safely” again, or right-click the
        link itself and choose “Reveal safely”.
      </p>
    </section>
  );
}
