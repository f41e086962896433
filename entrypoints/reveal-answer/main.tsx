// The window in which the requester reveals an answer: the extension's own page, which no web
// page can draw over, read or frame. The request it is about is in its address.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '@/assets/theme.css';
import './style.css';
import { AnswerReveal } from '@/components/AnswerReveal';
import { ExtensionPage } from '@/components/ExtensionPage';
import { Logo } from '@/components/Logo';
import { copyWithAutoClear } from '@/utils/clipboard/copy';
import { sendMessage } from '@/utils/messaging';
import { isRequest, type RequestEntry, type RequestRef } from '@/utils/request/entry';
import { indexedDbKeyStore } from '@/utils/request/keys';
import { revealAnswer } from '@/utils/request/reveal';
import { refFromAddress } from '@/utils/request/surface';
import { requestsItem, settingsItem } from '@/utils/storage';

const keys = indexedDbKeyStore();

/** The background's clipboard first: its clear still runs after this window is closed. */
async function copy(text: string) {
  const viaBackground = await sendMessage('copyAnswer', { text }).catch(() => ({ ok: false }));
  if (viaBackground.ok) return viaBackground;
  return copyWithAutoClear(text, (await settingsItem.getValue()).clipboardClearSeconds);
}

function Page({ target }: { target: RequestRef | undefined }) {
  /** Undefined while the list is read; null when the request is not in it. */
  const [entry, setEntry] = useState<RequestEntry | null>();
  useEffect(() => {
    void requestsItem.getValue().then((entries) => setEntry((target && entries.find(isRequest(target))) ?? null));
  }, []);

  const reveal = async () => {
    if (!target) return { ok: false as const, error: { code: 'not_listed' as const, message: 'This window was opened without a request.' } };
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
        <span class="brand"><Logo size={18} /> Burnlink</span>
        <span class="muted small">Only this browser holds the key to this answer.</span>
      </header>
      <main>
        {entry === undefined ? <p class="muted" aria-busy="true">Opening…</p>
          : <AnswerReveal entry={entry} reveal={reveal} copy={copy} />}
      </main>
    </div>
  );
}

const target = refFromAddress(location.search);
const root = document.getElementById('app');
if (root) render(<ExtensionPage><Page target={target} /></ExtensionPage>, root);
