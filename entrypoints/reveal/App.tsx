// The isolated reveal panel's page: framed by the content script inside a closed shadow root.
// It shows nothing until the background hands over the link for its one-time panel id.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AccessGate } from '@/components/AccessGate';
import { Logo } from '@/components/Logo';
import { OtherToolReveal } from '@/components/OtherToolReveal';
import { RevealView } from '@/components/RevealView';
import type { Api } from '@/utils/core/api';
import type { CopyResult } from '@/utils/clipboard/copy';
import { parseLink, type LinkError, type NoteLink } from '@/utils/core/link';
import type { Result } from '@/utils/core/result';
import type { PermissionsApi } from '@/utils/reveal/access';
import { recogniseLink } from '@/utils/reveal/readers';
import type { ReaderEnv, Recognised } from '@/utils/reveal/readers/types';

export interface AppProps {
  panelId: string;
  /** Asks the background for this panel's link; null when the id is unknown, used or stale. */
  claim: (panelId: string) => Promise<{ link: string } | null>;
  apiFor: (server: string) => Api;
  /** What other tools' readers fetch with. */
  env: ReaderEnv;
  /** The browser's permissions, for access to other tools' servers (asked for at a click). */
  permissions: PermissionsApi;
  copy: (text: string) => Promise<CopyResult>;
  close: () => void;
}

type State =
  | { name: 'claiming' }
  | { name: 'refused' }
  | { name: 'claimed'; link: Result<NoteLink, LinkError> }
  | { name: 'other'; target: Recognised };

/** Burnlink's own link, another tool's link its reader recognises, or (for the error) Burnlink's parse. */
function claimed(link: string): State {
  const parsed = parseLink(link);
  if (parsed.ok) return { name: 'claimed', link: parsed };
  const other = recogniseLink(link);
  return other?.ok && other.value.tool !== 'burnlink' ? { name: 'other', target: other.value } : { name: 'claimed', link: parsed };
}

export function App({ panelId, claim, apiFor, env, permissions, copy, close }: AppProps) {
  const [state, setState] = useState<State>({ name: 'claiming' });

  useEffect(() => {
    claim(panelId).then(
      (answer) => setState(answer ? claimed(answer.link) : { name: 'refused' }),
      () => setState({ name: 'refused' }),
    );
  }, []);

  const server = state.name === 'claimed' && state.link.ok ? new URL(state.link.value.server).host
    : state.name === 'other' ? state.target.host : undefined;
  return (
    <div class="panel">
      <header class="panel-header">
        <span class="brand"><Logo size={18} /> Burnlink</span>
        <span class="muted small grow" title="This panel is the extension's own page: the website cannot read it.">
          {server ? <>{state.name === 'other' ? `${state.target.toolName} on` : 'Note on'} <strong>{server}</strong></> : 'Isolated from this page'}
        </span>
        <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={close}>
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <main>
        {state.name === 'claiming' ? <p class="muted" aria-busy="true">Opening…</p> : null}
        {state.name === 'refused' ? (
          <section class="reveal">
            <h1>This panel cannot open</h1>
            <p class="notice warn" role="alert">
              It was not opened by a click on “Reveal safely”, or it was already used. Close it and
              click “Reveal safely” beside the link again.
            </p>
          </section>
        ) : null}
        {state.name === 'claimed' ? <RevealView link={state.link} apiFor={apiFor} copy={copy} /> : null}
        {state.name === 'other' ? <Other target={state.target} env={env} permissions={permissions} copy={copy} /> : null}
      </main>
    </div>
  );
}

/** Another tool's link: access to its server first where that is needed, then its reader. */
function Other({ target, env, permissions, copy }: { target: Recognised; env: ReaderEnv; permissions: PermissionsApi; copy: AppProps['copy'] }) {
  const session = useMemo(() => target.session(env), [target]);
  return (
    <AccessGate target={target} permissions={permissions}>
      {(done) => <OtherToolReveal target={target} session={session} copy={copy} onSettled={done} />}
    </AccessGate>
  );
}
