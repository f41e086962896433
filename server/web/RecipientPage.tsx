// The recipient page's own part (/n/:id): the reveal view for the Burnlink link in the address,
// press-and-hold, or why the link cannot be opened; where a passphrase may be typed; the footer.
import { useMemo } from 'preact/hooks';
import { Fill, useT } from '../../components/I18n';
import { RevealView } from '../../components/RevealView';
import { copyWithAutoClear } from '../../utils/clipboard/copy';
import { parseLink } from '../../utils/core/link';
import { noteLinkText } from '../../utils/i18n/problems';
import { burnlink } from '../../utils/reveal/readers/burnlink';

export interface RecipientPageProps {
  location: Pick<Location, 'href' | 'pathname'>;
  history: Pick<History, 'replaceState'>;
  /** Seconds after which a copied secret is cleared from the clipboard. */
  clearAfterSeconds: number;
}

export function RecipientPage({ location, history, clearAfterSeconds }: RecipientPageProps) {
  const i18n = useT();
  const { t } = i18n;
  const opened = useMemo(() => {
    const recognised = burnlink.recognise(location.href);
    // Drop the key from the address bar and this history entry once it is in memory.
    if (recognised?.ok) history.replaceState(null, '', location.pathname);
    return recognised;
  }, []);
  // Why a link of Burnlink's shape cannot be opened, by the link check's own code.
  const broken = useMemo(() => {
    const parsed = parseLink(location.href);
    return parsed.ok ? undefined : parsed.error;
  }, []);
  const session = useMemo(() => (opened?.ok ? opened.value.session({ fetch: globalThis.fetch.bind(globalThis) }) : undefined), [opened]);
  return (
    <>
      <div class="card">
        {opened?.ok && session ? (
          <RevealView
            target={opened.value}
            session={session}
            confirm="hold"
            copy={(text) => copyWithAutoClear(text, clearAfterSeconds)}
            passphraseGuard={<PassphraseGuidance host={opened.value.host} />}
          />
        ) : (
          <section class="reveal" aria-live="polite">
            <h1>{t('recipient.brokenTitle')}</h1>
            <p class="notice error" role="alert">
              {opened && !opened.ok && broken ? noteLinkText(i18n, broken) : t('recipient.incomplete')}
            </p>
          </section>
        )}
      </div>
      <p class="muted small footer">{t('recipient.footer')}</p>
    </>
  );
}

/** Where a passphrase may be typed, and where never. */
function PassphraseGuidance({ host }: { host: string }) {
  const { t } = useT();
  return (
    <p class="notice small" id="passphrase-guidance">
      <Fill message={t('recipient.passphraseWhere')} parts={{ host: <strong>{host}</strong> }} />
    </p>
  );
}
