// The window in which the requester reveals an answer: the extension's own page, which no web
// page can draw over, read or frame. The request it is about is in its address.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '@/assets/theme.css';
import './style.css';
import { AnswerReveal } from '@/components/AnswerReveal';
import { ExtensionPage } from '@/components/ExtensionPage';
import { useT } from '@/components/I18n';
import { Logo } from '@/components/Logo';
import { SecurityPhraseStrip } from '@/components/SecurityPhraseStrip';
import { copyWithAutoClear } from '@/utils/clipboard/copy';
import { sendMessage } from '@/utils/messaging';
import { isRequest, type RequestEntry, type RequestRef } from '@/utils/request/entry';
import { indexedDbKeyStore } from '@/utils/request/keys';
import { revealAnswer } from '@/utils/request/reveal';
import { refFromAddress } from '@/utils/request/surface';
import { requestsItem, securityPhraseItem, settingsItem } from '@/utils/storage';

const keys = indexedDbKeyStore();

/** The background's clipboard first: its clear still runs after this window is closed. */
async function copy(text: string) {
  const viaBackground = await sendMessage('copyAnswer', { text }).catch(() => ({ ok: false }));
  if (viaBackground.ok) return viaBackground;
  return copyWithAutoClear(text, (await settingsItem.getValue()).clipboardClearSeconds);
}

interface Loaded {
  /** Null when the request is not in the list. */
  entry: RequestEntry | null;
  /** '' when none is set. */
  phrase: string;
}

function Page({ target }: { target: RequestRef | undefined }) {
  const { t } = useT();
  /** Undefined while the list and the phrase are read: nothing to click before both are drawn. */
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    document.title = t('answerReveal.pageTitle');
    void Promise.all([
      requestsItem.getValue().then((entries) => (target && entries.find(isRequest(target))) ?? null),
      securityPhraseItem.getValue().catch(() => ''),
    ]).then(([entry, phrase]) => setLoaded({ entry, phrase }));
  }, []);

  const reveal = async () => {
    if (!target) return { ok: false as const, error: { code: 'not_listed' as const, message: t('answerReveal.error.notListed') } };
    const result = await revealAnswer(target, { keys, entries: () => requestsItem.getValue() });
    // Fetched once, now deleted on the server: the key pair can go, and the list says "revealed".
    // Handed out but lost or unreadable: deleted on the server all the same, so the key goes too.
    const readAt = result.ok ? Date.now() : result.error.consumedAt;
    if (readAt !== undefined) await sendMessage('answerRevealed', { ...target, readAt }).catch(() => undefined);
    return result;
  };

  return (
    <div class="window">
      <header class="window-header">
        <span class="brand"><Logo size={18} /> {t('extension.name')}</span>
        <span class="muted small">{t('answerReveal.keyHere')}</span>
      </header>
      <SecurityPhraseStrip phrase={loaded?.phrase} />
      <main>
        {loaded === undefined ? <p class="muted" aria-busy="true">{t('answerReveal.opening')}</p>
          : <AnswerReveal entry={loaded.entry} reveal={reveal} copy={copy} />}
      </main>
    </div>
  );
}

const target = refFromAddress(location.search);
const root = document.getElementById('app');
if (root) render(<ExtensionPage><Page target={target} /></ExtensionPage>, root);
