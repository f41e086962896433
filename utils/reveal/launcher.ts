// The in-page "Reveal safely" button is only a launcher: a click on it opens the genuine UI beside
// the page, nothing else. Before it does, the click is checked as a person saw it: the button
// really visible (not faded, hidden, covered or moved away from its link) and the link's text, where
// it reads as an address, the address it opens. The page cannot restyle the button either: its
// style comes back at once. Runs in the content script: small, no imports.
import type { LauncherRefusal } from './requests';

/** Inline and !important: page style sheets cannot hide, move or restyle the button's host. */
export const HOST_STYLE = 'all: initial !important; display: inline-block !important; margin: 0 0 0 0.3em !important; vertical-align: baseline !important;';
/** Below this opacity (the product of the button's and all its ancestors'), it counts as faded. */
export const MIN_OPACITY = 0.6;
/** Smaller than this (CSS pixels) on either side, it counts as hidden. */
const MIN_SIDE = 8;
/** A press checked longer ago than this no longer vouches for the click. */
const PRESS_MS = 5000;
/** How long a click waits for the browser's fresh verdict before it counts as not seen. */
const LOOK_MS = 1500;
/** IntersectionObserver v2: report whether anything is drawn over the target (at most every 100 ms). */
const TRACK_VISIBILITY = { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit;

type VisibilityEntry = IntersectionObserverEntry & { isVisible: boolean };
const seenClearly = (e: IntersectionObserverEntry) => e.isIntersecting && (e as VisibilityEntry).isVisible;

export interface LaunchTarget {
  /** The button's host element on the page. */
  host: HTMLElement;
  /** What holds the link: the `<a>` whose address it is, or the text node it is written in. */
  source: Node;
  /** What the button was drawn after: the source, or the `<a>` around a text node. */
  after: Node;
  link: string;
}

type Point = { x: number; y: number };

/** Where a host may be: inside a page's own shadow roots too. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}

/** The opacity a person sees: the element's, times every ancestor's (and their opacity() filters). */
export function effectiveOpacity(el: Element, win: Window): number {
  let opacity = 1;
  for (let at: Element | null = el; at; at = parentOf(at)) {
    const style = win.getComputedStyle(at);
    opacity *= Number(style.opacity);
    for (const m of style.filter.matchAll(/opacity\(([\d.]+)(%?)\)/g)) opacity *= Number(m[1]) / (m[2] ? 100 : 1);
  }
  return opacity;
}

/** `notes.example.com/n/x` from `https://Notes.Example.com/n/x`: what is compared of an address. */
function bare(address: string): string {
  const rest = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = rest.search(/[/?#]/);
  return slash < 0 ? rest.toLowerCase() : rest.slice(0, slash).toLowerCase() + rest.slice(slash);
}

/** Text that reads as a web address: `https://…`, `www.…`, `host.tld/…`, `localhost:8787/…`. */
const ADDRESS = /^(?:https?:\/\/)?(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:[/?#]\S*)?$/i;

/**
 * Whether a link's visible text agrees with the address it opens: text that is not an address
 * ("the staging key") agrees; an address must be the start of the link (chat apps shorten long
 * links with "…").
 */
export function textMatches(text: string, href: string): boolean {
  const shown = text.trim();
  if (!ADDRESS.test(shown.replace(/(?:…|\.\.\.)$/, ''))) return true;
  return bare(href).startsWith(bare(shown.replace(/(?:…|\.\.\.)$/, '')));
}

/** Whether the browser can tell what is drawn over an element (Chrome; Firefox cannot). */
export const tracksVisibility = () => typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * Where the browser cannot tell (Firefox), the launcher hit-tests once more with every element of
 * the page taking clicks, so an overlay that lets them through is hit too: set on the root for
 * that one test, this attribute switches on a user style sheet the background puts in the page
 * (user `!important` beats anything the page's own styles say).
 */
export const PROBE_ATTRIBUTE = 'data-burnlink-probe';
const probed = `:root[${PROBE_ATTRIBUTE}]`;
export const PROBE_CSS = `${probed}, ${probed} *, ${probed} *::before, ${probed} *::after { pointer-events: auto !important; }
${probed} { --burnlink-probe: on !important; }`;

/** The topmost element at `at` with every element taking clicks; undefined when the style sheet is not (yet) there. */
function hitThrough(root: Document | ShadowRoot, doc: Document, at: Point): Element | undefined {
  const html = doc.documentElement;
  html.setAttribute(PROBE_ATTRIBUTE, '');
  try {
    if ((doc.defaultView ?? window).getComputedStyle(html).getPropertyValue('--burnlink-probe').trim() !== 'on') return undefined;
    return root.elementsFromPoint(at.x, at.y)[0];
  } finally {
    html.removeAttribute(PROBE_ATTRIBUTE);
  }
}

/**
 * The browser's verdict on a button as it is drawn now: a new observer reports with the next
 * frame, where one watching since the button was drawn may be up to 100 ms behind, so a
 * click-through overlay laid over the button just before the click is seen too. True where the
 * browser cannot tell.
 */
export function seenClearlyNow(host: Element): Promise<boolean> {
  if (!tracksVisibility()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (clear: boolean) => { clearTimeout(timer); once.disconnect(); resolve(clear); };
    const once = new IntersectionObserver((entries) => done(entries.every(seenClearly)), TRACK_VISIBILITY);
    const timer = setTimeout(() => done(false), LOOK_MS);
    once.observe(host);
  });
}

/**
 * Watches the buttons of one page: puts their style back when the page changes it, and (where
 * the browser can tell, Chrome's IntersectionObserver v2) whether anything is drawn over them,
 * including overlays that let clicks through (`pointer-events: none`, the top layer), which a hit
 * test does not see.
 */
export function createLauncherGuard(doc: Document, hostTag: string) {
  const win = doc.defaultView ?? window;
  /** The browser's last verdict on each button: really visible, nothing over it. */
  const seen = new WeakMap<Element, boolean>();
  /** The verdict at the last press of each button, for the click that follows it. */
  const pressed = new WeakMap<Element, { at: number; refusal: LauncherRefusal | undefined }>();
  const visibility = tracksVisibility()
    ? new IntersectionObserver((entries) => { for (const e of entries) seen.set(e.target, seenClearly(e)); }, TRACK_VISIBILITY)
    : undefined;

  const restore = (host: Element) => {
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    for (const name of host.getAttributeNames()) if (name !== 'style') host.removeAttribute(name);
  };
  const styles = new MutationObserver((records) => { for (const r of records) restore(r.target as Element); });

  function check({ host, source, after, link }: LaunchTarget, point?: Point): LauncherRefusal | undefined {
    if (!host.isConnected || !after.isConnected) return 'moved';
    let before = host.previousSibling;
    while (before?.nodeName === hostTag) before = before.previousSibling;
    if (before !== after) return 'moved';
    const anchor = source.nodeName === 'A' ? (source as HTMLAnchorElement) : undefined;
    if (!source.isConnected) return 'changed';
    if (anchor ? anchor.href !== link : !(after.textContent ?? '').includes(link)) return 'changed';
    if (anchor && !textMatches(anchor.innerText, link)) return 'mismatch';

    restore(host);
    if (!host.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return 'hidden';
    const box = host.getBoundingClientRect();
    if (box.width < MIN_SIDE || box.height < MIN_SIDE || box.bottom <= 0 || box.right <= 0
      || box.top >= win.innerHeight || box.left >= win.innerWidth) return 'hidden';
    if (effectiveOpacity(host, win) < MIN_OPACITY) return 'faded';
    // Where the person pressed; for the keyboard, the middle of the button.
    const inside = point && point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom;
    const at = inside ? point : { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const root = host.getRootNode() as Document | ShadowRoot;
    if (root.elementsFromPoint(at.x, at.y)[0] !== host) return 'covered';
    if (visibility ? seen.get(host) === false : hitThrough(root, doc, at) !== host) return 'covered';
    return undefined;
  }

  return {
    watch(host: HTMLElement) {
      styles.observe(host, { attributes: true });
      visibility?.observe(host);
    },
    unwatch(host: HTMLElement) {
      visibility?.unobserve(host);
    },
    /** A trusted press on a button: judged now, before the page can tidy up before the click. */
    press(target: LaunchTarget, event: PointerEvent) {
      pressed.set(target.host, { at: event.timeStamp, refusal: check(target, { x: event.clientX, y: event.clientY }) });
    },
    /** Why a trusted click on a button must open nothing, or undefined when it may launch. */
    judge(target: LaunchTarget, event: MouseEvent): LauncherRefusal | undefined {
      // A keyboard "click" has no pointer (detail 0): judge the button as it is now.
      const press = event.detail > 0 ? pressed.get(target.host) : undefined;
      pressed.delete(target.host);
      const before = press && event.timeStamp - press.at < PRESS_MS ? press.refusal : undefined;
      return before ?? check(target, event.detail > 0 ? { x: event.clientX, y: event.clientY } : undefined);
    },
    stop() {
      styles.disconnect();
      visibility?.disconnect();
    },
  };
}

export type LauncherGuard = ReturnType<typeof createLauncherGuard>;
