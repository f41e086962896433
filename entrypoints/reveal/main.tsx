import { render } from 'preact';
import '@/assets/theme.css';
import './style.css';
import { createApi } from '@/utils/core/api';
import { copyWithAutoClear } from '@/utils/clipboard/copy';
import { sendMessage } from '@/utils/messaging';
import { settingsItem } from '@/utils/storage';
import { App } from './App';

// The panel id arrives in the fragment; it is worthless once claimed, and is dropped at once.
const panelId = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

const close = () => void sendMessage('closePanel', { panelId }).catch(() => undefined);

/**
 * The background's clipboard first: its clear still runs after the panel is closed. This frame's
 * own clipboard (allowed by the panel's allow="clipboard-write") is the fallback, cleared only
 * while the panel stays open.
 */
async function copy(text: string) {
  const viaBackground = await sendMessage('copySecret', { text }).catch(() => ({ ok: false }));
  if (viaBackground.ok) return viaBackground;
  const { clipboardClearSeconds } = await settingsItem.getValue();
  return copyWithAutoClear(text, clipboardClearSeconds);
}

// On the key's release, not its press: the frame is removed on close, and a key still held down
// would then be delivered to a frame that no longer exists.
let escapePressed = false;
document.addEventListener('keydown', (event) => { escapePressed = event.key === 'Escape'; });
document.addEventListener('keyup', (event) => {
  if (event.key === 'Escape' && escapePressed) close();
});

// The panel's frame takes the height of what it shows (up to the window's height).
let sentHeight = 0;
new ResizeObserver(([entry]) => {
  const height = Math.ceil(entry?.borderBoxSize[0]?.blockSize ?? 0);
  if (height === 0 || height === sentHeight) return;
  sentHeight = height;
  void sendMessage('resizePanel', { panelId, height }).catch(() => undefined);
}).observe(document.documentElement);

const root = document.getElementById('app');
if (root) {
  render(
    <App
      panelId={panelId}
      claim={(id) => sendMessage('claimPanel', { panelId: id })}
      apiFor={(server) => createApi({ server })}
      env={{ fetch: globalThis.fetch.bind(globalThis) }}
      permissions={browser.permissions}
      copy={copy}
      close={close}
    />,
    root,
  );
}
