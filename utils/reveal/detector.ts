// Finding note links in a live page and drawing a "Reveal safely" button beside each one.
// Runs in the content script: no network, no crypto, no framework, only the DOM and a regex.
import { isLinkShape, linkShapesIn, mayHoldLink, MIN_LINK_LENGTH } from './link-shape';

/** Tag of each button's host element on the page. */
export const BUTTON_TAG = 'burnlink-reveal';
const OUR_TAGS = new Set(['BURNLINK-REVEAL', 'BURNLINK-PANEL']);
/** Elements whose text is not page prose: code to run, styles, form values. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE', 'BURNLINK-REVEAL', 'BURNLINK-PANEL']);
const EDITABLE = '[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]';
const NOTE_ANCHORS = 'a[href*="/n/"]';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** XPathResult.UNORDERED_NODE_SNAPSHOT_TYPE */
const UNORDERED_NODE_SNAPSHOT_TYPE = 6;
/** Work per idle slice when the browser is busy and the idle callback timed out. */
const SLICE_MS = 4;

/**
 * Background → content: detection was turned off for some sites. Pages whose origin is not in
 * `keep` (`*` keeps every page) stop detecting and remove their buttons.
 */
export interface StopDetectorCommand {
  burnlinkDetector: 'stop';
  keep: string[];
}

export interface DetectorOptions {
  document: Document;
  /** A person clicked the button of `link`; `button` gets the focus back when the panel closes. */
  onReveal: (link: string, button: HTMLElement) => void;
  /** Set performance marks and measures (`burnlink:*`) for the benchmark. */
  marks?: boolean;
}

export interface Detector {
  /** Buttons currently drawn. */
  count(): number;
  stop(): void;
}

/** Text nodes long enough to hold a link, holding "/n/": the shorter test first, it is cheaper. */
const CANDIDATES = `.//text()[string-length() >= ${MIN_LINK_LENGTH}][contains(., "/n/")]`;

/**
 * Text nodes under `root` that may hold a note link. XPath selects them natively, so the page's
 * other text nodes never reach JavaScript: a TreeWalker hands every one of them to this isolated
 * world, which costs a wrapper object each (on a page of 200,000 text nodes, 70-90 ms against 20).
 */
export function textCandidates(doc: Document, root: Node): Text[] {
  const found = doc.evaluate(CANDIDATES, root, null, UNORDERED_NODE_SNAPSHOT_TYPE, null);
  const out: Text[] = [];
  for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Text);
  return out;
}

const BUTTON_CSS = `
  button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px;
    font: 600 11px/16px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: nowrap;
    color: #ffffff; background: #c2410c; border: 1px solid #9a3412; border-radius: 999px;
    padding: 0 7px 0 5px; cursor: pointer; vertical-align: baseline; }
  button:hover { background: #9a3412; }
  button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
  svg { width: 11px; height: 11px; flex: none; }`;
const FLAME = 'M12 2c.5 3.2-1.3 5-2.9 6.8C7.5 10.6 6 12.4 6 15a6 6 0 0 0 12 0c0-2.3-1-4.3-2.3-5.8.1 1.6-.5 2.9-1.7 3.6.3-3.9-.9-7.5-2-10.8Z';

/** Starts detecting on `document.body`, now and as the page changes. */
export function startDetector({ document: doc, onReveal, marks = false }: DetectorOptions): Detector {
  const mark = (name: string) => { if (marks) performance.mark(`burnlink:${name}`); };
  /** Which links each anchor or text node was given buttons for, and those buttons. */
  const drawn = new WeakMap<Node, { links: string; hosts: HTMLElement[] }>();
  const allHosts = new Set<HTMLElement>();
  let queue: MutationRecord[] = [];
  let scheduled = false;

  function button(link: string): HTMLElement {
    const host = doc.createElement(BUTTON_TAG);
    // Inline and !important: the page's style sheets cannot hide, move or restyle it.
    host.setAttribute('style', 'all: initial !important; display: inline-block !important; margin: 0 0 0 0.3em !important; vertical-align: baseline !important;');
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = BUTTON_CSS;
    const b = doc.createElement('button');
    b.type = 'button';
    b.title = 'Open this Burnlink note in an isolated panel. Nothing is read until you press Reveal there.';
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', FLAME);
    svg.append(path);
    b.append(svg, 'Reveal safely');
    b.addEventListener('click', (event) => {
      // Only a person's click: page scripts can call click() or dispatch events, never trusted ones.
      if (!event.isTrusted) return;
      event.preventDefault();
      event.stopPropagation();
      onReveal(link, b);
    });
    root.append(style, b);
    allHosts.add(host);
    return host;
  }

  /** Gives `node` one button per link, after `anchor` (the node itself, or the link around it). */
  function draw(node: Node, after: ChildNode, links: string[]) {
    const key = links.join(' ');
    const old = drawn.get(node);
    if (old && old.links === key && old.hosts.every((h) => h.isConnected)) return;
    for (const h of old?.hosts ?? []) { h.remove(); allHosts.delete(h); }
    const hosts = links.map(button);
    drawn.set(node, { links: key, hosts });
    after.after(...hosts);
  }

  function checkAnchor(a: HTMLAnchorElement) {
    if (isLinkShape(a.href) && !a.closest(EDITABLE)) draw(a, a, [a.href]);
  }

  function checkText(text: Text) {
    const parent = text.parentElement;
    if (!parent || SKIP.has(parent.nodeName)) return;
    const links = linkShapesIn(text.data);
    if (links.length === 0) return;
    // Never inside an editor: the person is typing there, and editors own their DOM.
    if (parent.closest(EDITABLE)) return;
    const anchor = parent.closest('a');
    if (anchor) {
      // The anchor's own button covers it; a link text inside another link gets its button after it.
      if (isLinkShape(anchor.href)) return;
      draw(text, anchor, links);
    } else {
      draw(text, text, links);
    }
  }

  function scanElement(el: Element, text?: string) {
    if (OUR_TAGS.has(el.nodeName)) return;
    if (el.nodeName === 'A') checkAnchor(el as HTMLAnchorElement);
    for (const a of el.querySelectorAll<HTMLAnchorElement>(NOTE_ANCHORS)) checkAnchor(a);
    if (text !== undefined && !mayHoldLink(text)) return;
    for (const t of textCandidates(doc, el)) checkText(t);
  }

  function handle(record: MutationRecord) {
    if (record.type === 'characterData') {
      const target = record.target;
      if (target.nodeType === TEXT_NODE && target.isConnected) checkText(target as Text);
      return;
    }
    if (record.type === 'attributes') {
      if (record.target.nodeName === 'A' && record.target.isConnected) checkAnchor(record.target as HTMLAnchorElement);
      return;
    }
    for (const node of record.addedNodes) {
      if (!node.isConnected) continue;
      if (node.nodeType === TEXT_NODE) {
        checkText(node as Text);
      } else if (node.nodeType === ELEMENT_NODE && !OUR_TAGS.has(node.nodeName)) {
        const el = node as Element;
        // One native call answers "no" for almost every chat message.
        const text = el.textContent ?? '';
        if (mayHoldLink(text)) scanElement(el, text);
        else if (el.nodeName === 'A') checkAnchor(el as HTMLAnchorElement);
        else if (el.firstElementChild) for (const a of el.querySelectorAll<HTMLAnchorElement>(NOTE_ANCHORS)) checkAnchor(a);
      }
    }
  }

  function flush(deadline?: IdleDeadline) {
    scheduled = false;
    const started = performance.now();
    const hasTime = () => (deadline && !deadline.didTimeout ? deadline.timeRemaining() > 1 : performance.now() - started < SLICE_MS);
    let i = 0;
    while (i < queue.length && hasTime()) handle(queue[i++] as MutationRecord);
    queue = queue.slice(i);
    if (marks) performance.measure('burnlink:flush', { start: started });
    if (queue.length > 0) schedule();
    else mark('flushed');
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // Idle time only, so typing and scrolling never wait for us; a busy page still gets a turn.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 300 });
    else setTimeout(flush, 50);
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) queue.push(r);
    schedule();
  });

  mark('scan:start');
  if (doc.body) scanElement(doc.body);
  mark('scan:end');
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href'],
  });

  return {
    count: () => allHosts.size,
    stop() {
      observer.disconnect();
      queue = [];
      for (const h of allHosts) h.remove();
      allHosts.clear();
    },
  };
}
