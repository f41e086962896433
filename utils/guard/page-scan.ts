// "Scan this page for exposed secrets": finds credential-shaped strings in the page's text, marks
// each one (the CSS Custom Highlight API, which leaves the page's DOM alone) with a label of its
// kind, and shows a summary with a count. Injected on demand through activeTab by the popup or the
// context menu (entrypoints/page-scan.content.ts): no standing access to any page. Its words are
// in the browser's language (the translator is passed in).
import type { Translator } from '../i18n/translate';
import { kindKey } from './kind-names';
import { glimpse } from './paste-guard';
import { pageText } from './page-text';
import type { RuleId } from './rules';
import { findSecrets } from './scan';

/** What a scan found: how many, and of which kinds. */
export interface ScanSummary {
  count: number;
  /** Which rules found how many, in the order found (named through kindKey). */
  kinds: { rule: RuleId; count: number }[];
}

/** One finding, as the page shows it. */
interface Found {
  range: Range;
  rule: RuleId;
  text: string;
}

/** Tag of the scan's host element (labels and summary) on the page. */
export const SCAN_TAG = 'burnlink-scan';
/** Name of the highlight in the page's highlight registry. */
export const HIGHLIGHT = 'burnlink-secret';

const CSS = `
  :host { all: initial; }
  .mark { position: absolute; z-index: 2147483646; transform: translate(-50%, -75%); min-width: 15px; height: 15px; box-sizing: border-box;
    padding: 0 4px; border-radius: 8px; background: #b91c1c; color: #ffffff; text-align: center;
    font: 700 10px/15px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; pointer-events: none; }
  .summary { position: fixed; z-index: 2147483647; top: 12px; right: 12px; width: min(360px, calc(100vw - 24px)); max-height: calc(100vh - 24px);
    overflow: auto; box-sizing: border-box; padding: 12px 14px; border-radius: 10px; border: 1px solid #d5d9e0; background: #ffffff; color: #1b1f24;
    box-shadow: 0 10px 30px rgba(0, 0, 0, 0.25); font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  h2 { font-size: 14px; margin-block: 0 6px; margin-inline: 0 24px; }
  p { margin: 0 0 8px; }
  ol { margin: 0; padding: 0; padding-inline-start: 20px; }
  li { margin: 0 0 4px; }
  button { font: inherit; color: #2563eb; background: none; border: 0; padding: 0; cursor: pointer; text-align: start; }
  button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
  code { font: 12px ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; overflow-wrap: anywhere; color: inherit; }
  .close { position: absolute; top: 6px; inset-inline-end: 8px; font-size: 16px; line-height: 1; color: inherit; padding: 2px 6px; }
  .muted { color: #5b6573; font-size: 12px; }
  @media (prefers-color-scheme: dark) {
    .summary { background: #16181d; color: #e8eaee; border-color: #363c47; }
    button { color: #60a5fa; }
    .muted { color: #9aa4b2; }
    .mark { background: #f87171; color: #16181d; }
  }`;

/** The close button's sign; its name (aria-label) is in words. */
const CLOSE_SIGN = '×';

/** The style that colours the highlight; a constructed sheet, which the page's CSP does not block. */
const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT}) { background-color: #fde047; color: #1b1f24; text-decoration: underline 2px #b91c1c; }`;

interface Globals {
  burnlinkClearScan?: () => void;
  Highlight?: new (...ranges: Range[]) => unknown;
}

/**
 * The paste guard's glimpse of a secret (utils/guard/paste-guard.ts), its counts in the
 * translator's language: the first line of a block, the first two characters of a password, the
 * ends of a token.
 */
function glimpseIn({ plural }: Translator, secret: string, password: boolean): string {
  const lines = secret.split('\n');
  if (lines.length > 1) return plural('scan.glimpseLines', lines.length, { start: (lines[0] ?? '').trim().slice(0, 40) });
  if (password || secret.length < 12) return plural('scan.glimpseCharacters', secret.length, { start: secret.slice(0, 2) });
  return glimpse(secret);
}

/** Scans the document, marks what it found, shows the summary in the translator's language, and returns it. */
export function scanPage(doc: Document, translator: Translator): ScanSummary {
  const globals = globalThis as unknown as Globals;
  globals.burnlinkClearScan?.();

  const page = pageText(doc);
  const findings = findSecrets(page.text);
  const ranges = findings.map((f) => {
    const range = doc.createRange();
    const start = page.locate(f.start);
    const end = page.locate(f.end);
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return { range, rule: f.rule, text: page.text.slice(f.start, f.end) };
  });

  const kinds = new Map<RuleId, number>();
  for (const f of findings) kinds.set(f.rule, (kinds.get(f.rule) ?? 0) + 1);
  const summary: ScanSummary = { count: findings.length, kinds: [...kinds].map(([rule, count]) => ({ rule, count })) };

  const cleanups: (() => void)[] = [];
  cleanups.push(highlight(doc, ranges.map((r) => r.range)));
  cleanups.push(show(doc, summary, ranges, translator, () => clear()));
  const clear = () => {
    cleanups.forEach((c) => c());
    if (globals.burnlinkClearScan === clear) globals.burnlinkClearScan = undefined;
  };
  globals.burnlinkClearScan = clear;
  return summary;
}

/** Marks the ranges with the CSS Custom Highlight API; returns how to take the marks away. */
function highlight(doc: Document, ranges: Range[]): () => void {
  const registry = (globalThis as unknown as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightClass = (globalThis as unknown as Globals).Highlight;
  if (!registry || !HighlightClass || ranges.length === 0) return () => undefined;
  registry.set(HIGHLIGHT, new HighlightClass(...ranges));
  let undoStyle = () => undefined as void;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    undoStyle = () => { doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet); };
  } catch {
    const style = doc.createElement('style');
    style.textContent = HIGHLIGHT_CSS;
    (doc.head ?? doc.documentElement).append(style);
    undoStyle = () => style.remove();
  }
  return () => {
    registry.delete(HIGHLIGHT);
    undoStyle();
  };
}

/** The labels beside each finding and the summary card; returns how to take them away. */
function show(doc: Document, summary: ScanSummary, found: Found[], translator: Translator, close: () => void): () => void {
  const { t, plural } = translator;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
    const node = Object.assign(doc.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const host = doc.createElement(SCAN_TAG);
  host.setAttribute('style', 'all: initial !important; position: absolute !important; inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  root.append(el('style', { textContent: CSS }));

  // A numbered mark at the start of each finding, matching the list in the summary.
  const view = doc.defaultView;
  found.forEach(({ range }, i) => {
    const rect = range.getClientRects()[0];
    if (!rect) return;
    const mark = el('div', { className: 'mark', textContent: String(i + 1) });
    mark.setAttribute('aria-hidden', 'true');
    mark.style.left = `${rect.left + (view?.scrollX ?? 0)}px`;
    mark.style.top = `${rect.top + (view?.scrollY ?? 0)}px`;
    root.append(mark);
  });

  const closeButton = el('button', { type: 'button', className: 'close', textContent: CLOSE_SIGN });
  closeButton.setAttribute('aria-label', t('scan.close'));
  closeButton.addEventListener('click', (event) => { if (event.isTrusted) close(); });
  const card = el('section', { className: 'summary', lang: translator.lang, dir: translator.dir }, closeButton);
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', t('scan.label'));
  if (summary.count === 0) {
    card.append(el('h2', { textContent: t('scan.noneTitle') }), el('p', { className: 'muted', textContent: t('scan.noneText') }));
  } else {
    card.append(
      el('h2', { textContent: plural('scan.foundTitle', summary.count) }),
      el('p', { className: 'muted', textContent: plural('scan.foundText', summary.count) }),
      el('ol', {}, ...found.map(({ range, text, rule }) => {
        const go = el('button', { type: 'button' }, el('code', { textContent: glimpseIn(translator, text, rule === 'password-assignment') }));
        go.addEventListener('click', () => range.startContainer.parentElement?.scrollIntoView({ block: 'center' }));
        // The secret's glimpse sits where the language puts it in "{kind}: {value}"; it keeps its own direction.
        const [before = '', after = ''] = t('scan.finding', { kind: t(kindKey(rule)) }).split('{value}');
        go.dir = 'ltr';
        return el('li', {}, before, go, after);
      })),
    );
  }
  root.append(card);
  (doc.body ?? doc.documentElement).append(host);
  closeButton.focus({ preventScroll: true });
  const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') close(); };
  card.addEventListener('keydown', onKey);
  return () => host.remove();
}
