// "Scan this page for exposed secrets", in the popup: scans the tab the popup was opened over
// (activeTab: the click that opened the popup grants it). The page shows the marks; this says
// what was found, or that nothing was.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { scanMessage, scanTab } from '../utils/guard/scan-tab';

export function PageScan() {
  const [state, setState] = useState<{ kind: 'idle' | 'scanning' } | { kind: 'done' | 'failed'; message: string }>({ kind: 'idle' });
  const scan = async () => {
    setState({ kind: 'scanning' });
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const scanned = await scanTab(tab?.id);
    setState(scanned.ok ? { kind: 'done', message: scanMessage(scanned.value) } : { kind: 'failed', message: scanned.error });
  };
  return (
    <section class="page-scan" aria-label="Page scan">
      <button type="button" disabled={state.kind === 'scanning'} onClick={() => void scan()}>
        {state.kind === 'scanning' ? 'Scanning…' : 'Scan this page for exposed secrets'}
      </button>
      <p class={`small ${state.kind === 'failed' ? 'notice error' : 'muted'}`} role="status">
        {state.kind === 'done' || state.kind === 'failed' ? state.message : null}
      </p>
    </section>
  );
}
