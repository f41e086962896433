// The note server's own pages: the recipient page at /n/:id, the answer page of a request at
// /r/:id, and the page that makes one-time links at /.
import { Logo } from '../../components/Logo';
import { AnswerView } from '../../components/AnswerView';
import { Fill, useT } from '../../components/I18n';
import { createApi } from '../../utils/core/api';
import { createRequestApi } from '../../utils/core/request/api';
import { supportsRequests } from '../../utils/core/request/crypto';
import { parseRequestLink } from '../../utils/core/request/link';
import { CreatePage } from './CreatePage';
import { RecipientPage } from './RecipientPage';

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
  return (
    <div class="page">
      <Brand />
      <RecipientPage location={location} history={history} clearAfterSeconds={CLIPBOARD_CLEAR_SECONDS} />
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

function Brand() {
  const { t } = useT();
  return <p class="brand"><Logo size={20} /> {t('extension.name')}</p>;
}

/** The page at `/`: make a link here, against this server (its address, base path included). */
function Home({ location }: Pick<AppProps, 'location'>) {
  const { t } = useT();
  const server = new URL('.', location.href).href.replace(/\/+$/, '');
  return (
    <div class="page">
      <Brand />
      <div class="card">
        <CreatePage api={createApi({ server, timeout: 120_000 })} clearAfterSeconds={CLIPBOARD_CLEAR_SECONDS} />
      </div>
      <p class="muted small footer"><Fill message={t('create.footer')} parts={{ hash: <code>#</code> }} /></p>
    </div>
  );
}
