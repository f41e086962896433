import { render } from 'preact';
import '@/assets/theme.css';
import './style.css';
import { browser } from 'wxt/browser';
import { ExtensionPage } from '@/components/ExtensionPage';
import { copyWithAutoClear } from '@/utils/clipboard/copy';
import { sendMessage } from '@/utils/messaging';
import { securityPhraseItem, settingsItem } from '@/utils/storage';
import { App } from './App';

// `r`: the request id the background opened this page for; `in`: side panel or window.
const params = new URLSearchParams(location.search);
const requestId = params.get('r') ?? '';
document.documentElement.dataset.surface = params.get('in') === 'window' ? 'window' : 'side-panel';

/**
 * The background's clipboard first: its clear still runs after this page is closed. This page's
 * own clipboard is the fallback, cleared only while the page stays open.
 */
async function copy(text: string) {
  const viaBackground = await sendMessage('copySecret', { text }).catch(() => ({ ok: false }));
  if (viaBackground.ok) return viaBackground;
  const { clipboardClearSeconds } = await settingsItem.getValue();
  return copyWithAutoClear(text, clipboardClearSeconds);
}

// Closing the side panel or the window takes this page, and the plaintext in it, away.
const close = () => window.close();
// On the key's release, so the key is not delivered to whatever gets the focus next.
let escapePressed = false;
document.addEventListener('keydown', (event) => { escapePressed = event.key === 'Escape'; });
document.addEventListener('keyup', (event) => {
  if (event.key === 'Escape' && escapePressed) close();
});

const root = document.getElementById('app');
if (root) {
  render(
    <ExtensionPage>
      <App
        requestId={requestId}
        claim={(id) => sendMessage('claimReveal', { id })}
        phrase={() => securityPhraseItem.getValue()}
        env={{ fetch: globalThis.fetch.bind(globalThis) }}
        permissions={browser.permissions}
        copy={copy}
        close={close}
      />
    </ExtensionPage>,
    root,
  );
}
