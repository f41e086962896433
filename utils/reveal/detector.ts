// Finding one-time links in a live page (Burnlink's own and other tools'), now and as it changes,
// and asking for a "Reveal safely" button beside each one (utils/reveal/detector-buttons.ts draws
// them). Runs in the content script: no network, no crypto, no framework, only the DOM and regexes.
import { createRevealButtons, type ButtonWords, type OnReveal, type RevealButtons } from './detector-buttons';
import { isLinkShape, linkShapesIn, mayHoldLink } from './link-shape';
import { MIN_OTHER_LINK_LENGTH, mayHoldOtherLink, OTHER_LINK_MARKERS, otherLinkShape, otherLinksIn } from './other-link-shapes';

const OUR_TAGS = new Set(['BURNLINK-REVEAL']);
/** Elements whose text is not page prose: code to run, styles, form values. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'TITLE', 'BURNLINK-REVEAL']);
const EDITABLE = '[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]';
/** What a Burnlink link always holds, then what another tool's link holds (besides `://`). */
const MARKERS = ['/n/', ...OTHER_LINK_MARKERS];
const NOTE_ANCHORS = MARKERS.map((m) => `a[href*="${m}"]`).join();
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
  onReveal: OnReveal;
  /** Set performance marks and measures (`burnlink:*`) for the benchmark. */
  marks?: boolean;
  /** The button's words in the browser's language; English when not given. */
  words?: ButtonWords;
}

export interface Detector {
  /** Buttons currently drawn. */
  count(): number;
  stop(): void;
}

/** Text nodes long enough to hold a link, holding "://" and a marker: the cheaper tests first. */
const CANDIDATES = `.//text()[string-length() >= ${MIN_OTHER_LINK_LENGTH}][contains(., "://")][${MARKERS.map((m) => `contains(., "${m}")`).join(' or ')}]`;

/** Whether a resolved `href` is a one-time link of Burnlink or of another tool. */
const isRevealable = (href: string) => isLinkShape(href) || otherLinkShape(href) !== undefined;
const mayHold = (text: string) => mayHoldLink(text) || mayHoldOtherLink(text);

/** Every one-time link in a text, in the order they appear. */
function linksIn(text: string): string[] {
  const ours = linkShapesIn(text);
  const others = otherLinksIn(text);
  if (others.length === 0) return ours;
  return [...ours, ...others].sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

/**
 * Text nodes under `root` that may hold a note link. XPath selects them natively, so the page's
 * other text nodes never reach JavaScript: a TreeWalker hands every one of them to this isolated
 * world, which costs a wrapper object each (on a page of 200,000 text nodes, 70-90 ms against 20).
 */
function textCandidates(doc: Document, root: Node): Text[] {
  const found = doc.evaluate(CANDIDATES, root, null, UNORDERED_NODE_SNAPSHOT_TYPE, null);
  const out: Text[] = [];
  for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Text);
  return out;
}

/** Scanning: which anchors and text nodes hold note links, and where their buttons go. */
function createScanner(doc: Document, buttons: RevealButtons) {
  function checkAnchor(a: HTMLAnchorElement) {
    if (isRevealable(a.href) && !a.closest(EDITABLE)) buttons.draw(a, a, [a.href]);
  }

  function checkText(text: Text) {
    const parent = text.parentElement;
    if (!parent || SKIP.has(parent.nodeName)) return;
    const links = linksIn(text.data);
    if (links.length === 0) return;
    // Never inside an editor: the person is typing there, and editors own their DOM.
    if (parent.closest(EDITABLE)) return;
    const anchor = parent.closest('a');
    // The anchor's own button covers it; a link text inside another link gets its button after it.
    if (anchor && isRevealable(anchor.href)) return;
    buttons.draw(text, anchor ?? text, links);
  }

  function scanElement(el: Element, text?: string) {
    if (OUR_TAGS.has(el.nodeName)) return;
    if (el.nodeName === 'A') checkAnchor(el as HTMLAnchorElement);
    for (const a of el.querySelectorAll<HTMLAnchorElement>(NOTE_ANCHORS)) checkAnchor(a);
    if (text !== undefined && !mayHold(text)) return;
    for (const t of textCandidates(doc, el)) checkText(t);
  }

  function added(node: Node) {
    if (!node.isConnected) return;
    if (node.nodeType === TEXT_NODE) {
      checkText(node as Text);
    } else if (node.nodeType === ELEMENT_NODE && !OUR_TAGS.has(node.nodeName)) {
      const el = node as Element;
      // One native call answers "no" for almost every chat message.
      const text = el.textContent ?? '';
      if (mayHold(text)) scanElement(el, text);
      else if (el.nodeName === 'A') checkAnchor(el as HTMLAnchorElement);
      else if (el.firstElementChild) for (const a of el.querySelectorAll<HTMLAnchorElement>(NOTE_ANCHORS)) checkAnchor(a);
    }
  }

  function handle(record: MutationRecord) {
    const target = record.target;
    if (record.type === 'characterData') {
      if (target.nodeType === TEXT_NODE && target.isConnected) checkText(target as Text);
    } else if (record.type === 'attributes') {
      if (target.nodeName === 'A' && target.isConnected) checkAnchor(target as HTMLAnchorElement);
    } else {
      for (const node of record.addedNodes) added(node);
    }
  }

  return { scanElement, handle };
}

/** Starts detecting on `document.body`, now and as the page changes, in idle time. */
export function startDetector({ document: doc, onReveal, marks = false, words }: DetectorOptions): Detector {
  const mark = (name: string) => { if (marks) performance.mark(`burnlink:${name}`); };
  const buttons = createRevealButtons(doc, onReveal, words);
  const scanner = createScanner(doc, buttons);
  let queue: MutationRecord[] = [];
  let scheduled = false;

  function flush(deadline?: IdleDeadline) {
    scheduled = false;
    const started = performance.now();
    const hasTime = () => (deadline && !deadline.didTimeout ? deadline.timeRemaining() > 1 : performance.now() - started < SLICE_MS);
    let i = 0;
    while (i < queue.length && hasTime()) scanner.handle(queue[i++] as MutationRecord);
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
  if (doc.body) scanner.scanElement(doc.body);
  mark('scan:end');
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href'] });

  return {
    count: () => buttons.count(),
    stop() {
      observer.disconnect();
      queue = [];
      buttons.removeAll();
    },
  };
}
