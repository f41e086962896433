// The note server's own pages: the recipient page at /n/:id, the answer page of a request at
// /r/:id, and the page that makes one-time links at /.
import { useMemo } from 'preact/hooks';
import { Logo } from '../../components/Logo';
import { AnswerView } from '../../components/AnswerView';
import { useT } from '../../components/I18n';
import { RevealView } from '../../components/RevealView';
import { copyWithAutoClear } from '../../utils/clipboard/copy';
import { createApi } from '../../utils/core/api';
import { createRequestApi } from '../../utils/core/request/api';
import { supportsRequests } from '../../utils/core/request/crypto';
import { parseRequestLink } from '../../utils/core/request/link';
import { burnlink } from '../../utils/reveal/readers/burnlink';
import { CreatePage } from './CreatePage';

/** Seconds after which a copied secret is cleared from the clipboard on this page (1 minute, as the extension's default). */
const CLIPBOARD_CLEAR_SECONDS = 60;

interface AppProps {
  location: Pick<Location, 'href' | 'pathname'>;
  history: Pick<History, 'replaceState'>;
}

export function App({ location, history }: AppProps) {
  if (/^\/r\//.test(location.pathname)) return <Answer location={location} history={history} />;
  if (!/^\/n\//.test(location.pathname)) return <Home location={location} />;
  return <Recipient location={location} history={history} />;
}

function Recipient({ location, history }: AppProps) {
  const opened = useMemo(() => {
    const recognised = burnlink.recognise(location.href);
    // Drop the key from the address bar and this history entry once it is in memory.
    if (recognised?.ok) history.replaceState(null, '', location.pathname);
    return recognised;
  }, []);
  const session = useMemo(() => (opened?.ok ? opened.value.session({ fetch: globalThis.fetch.bind(globalThis) }) : undefined), [opened]);
  return (
    <div class="page">
      <Brand />
      <div class="card">
        {opened?.ok && session ? (
          <RevealView
            target={opened.value}
            session={session}
            confirm="hold"
            copy={(text) => copyWithAutoClear(text, CLIPBOARD_CLEAR_SECONDS)}
            passphraseGuard={<PassphraseGuidance host={opened.value.host} />}
          />
        ) : (
          <section class="reveal" aria-live="polite">
            <h1>This link is broken</h1>
            <p class="notice error" role="alert">
              {opened && !opened.ok ? opened.error.message : 'This is not a complete Burnlink link. Copy the whole link, including the part after #, and open it again.'}
            </p>
          </section>
        )}
      </div>
      <p class="muted small footer">
        Decrypted in your browser. The note server only ever stores ciphertext and never sees the key.
      </p>
    </div>
  );
}

/** The answer page of a request link: the requester's note, and the one answer, encrypted here. */
function Answer({ location, history }: AppProps) {
  const { t } = useT();
  const link = parseRequestLink(location.href);
  // Drop the key from the address bar and this history entry once it is in memory.
  if (link.ok) history.replaceState(null, '', location.pathname);
  return (
    <div class="page">
      <Brand />
      <div class="card">
        <AnswerView
          link={link}
          api={(server) => createRequestApi({ server })}
          maxBytes={async (server) => {
            const health = await createApi({ server, timeout: 8000 }).health();
            return health.ok ? health.value.maxNoteBytes : undefined;
          }}
          supported={supportsRequests}
        />
      </div>
      <p class="muted small footer">{t('answer.footer')}</p>
    </div>
  );
}

/** Where a passphrase may be typed, and where never. */
function PassphraseGuidance({ host }: { host: string }) {
  return (
    <p class="notice small" id="passphrase-guidance">
      Type the passphrase only here, on <strong>{host}</strong> (check the address bar), or in the Burnlink
      extension's own side panel or window, which shows your security phrase. Burnlink never asks for a
      note’s passphrase inside another web page, such as a chat or a mail.
    </p>
  );
}

function Brand() {
  return <p class="brand"><Logo size={20} /> Burnlink</p>;
}

/** The page at `/`: make a link here, against this server (its address, base path included). */
function Home({ location }: Pick<AppProps, 'location'>) {
  const server = new URL('.', location.href).href.replace(/\/+$/, '');
  return (
    <div class="page">
      <Brand />
      <div class="card">
        <CreatePage api={createApi({ server, timeout: 120_000 })} clearAfterSeconds={CLIPBOARD_CLEAR_SECONDS} />
      </div>
      <p class="muted small footer">
        The key to each link lives only in the link, after the <code>#</code>, which browsers never
        send to a server. This server cannot read what it stores.
      </p>
    </div>
  );
}
