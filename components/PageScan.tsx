// "Scan this page for exposed secrets", in the popup: scans the tab the popup was opened over
// (activeTab: the click that opened the popup grants it). The page shows the marks; this says
// what was found, or that nothing was.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { kindKey } from '../utils/guard/kind-names';
import type { ScanSummary } from '../utils/guard/page-scan';
import { scanTab } from '../utils/guard/scan-tab';
import type { Translator } from '../utils/i18n/translate';
import { useT } from './I18n';

/** "3 exposed secrets on this page: 2 × GitHub personal access token, AWS access key ID." */
export function scanSentence({ t, plural }: Translator, summary: ScanSummary): string {
  if (summary.count === 0) return t('popup.scanNothing');
  const kinds = summary.kinds.map(({ rule, count }) => (count === 1 ? t(kindKey(rule)) : t('popup.scanKindCount', { count, kind: t(kindKey(rule)) })));
  return plural('popup.scanFound', summary.count, { kinds: kinds.join(t('popup.listSeparator')) });
}

export function PageScan() {
  const tr = useT();
  const [state, setState] = useState<{ kind: 'idle' | 'scanning' } | { kind: 'done' | 'failed'; message: string }>({ kind: 'idle' });
  const scan = async () => {
    setState({ kind: 'scanning' });
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const scanned = await scanTab(tab?.id);
    setState(scanned.ok ? { kind: 'done', message: scanSentence(tr, scanned.value) } : { kind: 'failed', message: tr.t('popup.cannotScan') });
  };
  return (
    <section class="page-scan" aria-label={tr.t('popup.pageScan')}>
      <button type="button" disabled={state.kind === 'scanning'} onClick={() => void scan()}>
        {state.kind === 'scanning' ? tr.t('popup.scanning') : tr.t('popup.scan')}
      </button>
      <p class={`small ${state.kind === 'failed' ? 'notice error' : 'muted'}`} role="status">
        {state.kind === 'done' || state.kind === 'failed' ? state.message : null}
      </p>
    </section>
  );
}
