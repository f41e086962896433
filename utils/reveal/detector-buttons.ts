// The "Reveal safely" buttons the link detector draws beside note links: one per link, after the
// link (or the text that holds it), in a closed shadow root the page cannot restyle or read. Each
// is a launcher only (utils/reveal/launcher.ts): a click opens the genuine UI beside the page.
import { createLauncherGuard, HOST_STYLE, seenClearlyNow, type LauncherGuard, type LaunchTarget } from './launcher';
import type { LauncherRefusal } from './requests';

/** Tag of each button's host element on the page. */
const BUTTON_TAG = 'burnlink-reveal';

const BUTTON_CSS = `
  button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px;
    font: 600 11px/16px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: nowrap;
    color: #ffffff; background: #c2410c; border: 1px solid #9a3412; border-radius: 999px;
    padding: 0 7px 0 5px; cursor: pointer; vertical-align: baseline; }
  button:hover { background: #9a3412; }
  button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
  svg { width: 11px; height: 11px; flex: none; }`;
const FLAME = 'M12 2c.5 3.2-1.3 5-2.9 6.8C7.5 10.6 6 12.4 6 15a6 6 0 0 0 12 0c0-2.3-1-4.3-2.3-5.8.1 1.6-.5 2.9-1.7 3.6.3-3.9-.9-7.5-2-10.8Z';
const SVG = 'http://www.w3.org/2000/svg';

/** What a click on a button asks for: the link, its text as the page shows it, or why not. */
export interface Launch {
  text: string;
  refused?: LauncherRefusal;
}

/** A person clicked the button of `link`. */
export type OnReveal = (link: string, launch: Launch) => void;

/** The button's words, in the browser's language (English where no catalogue is reachable). */
export interface ButtonWords {
  label: string;
  title: string;
}

const ENGLISH: ButtonWords = {
  label: 'Reveal safely',
  title: 'Open this note in Burnlink’s own panel beside the page. Nothing is read until you press “Reveal secret” there.',
};

/** Longest link text passed on: enough to compare, never a page's worth. */
const MAX_TEXT = 300;

/** One button's host element, for `link` held by `source`, drawn after `after`. */
function revealButton(doc: Document, link: string, source: Node, after: Node, guard: LauncherGuard, onReveal: OnReveal, words: ButtonWords): HTMLElement {
  const host = doc.createElement(BUTTON_TAG);
  // Inline and !important: the page's style sheets cannot hide, move or restyle it.
  host.setAttribute('style', HOST_STYLE);
  const target: LaunchTarget = { host, source, after, link };
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = BUTTON_CSS;
  const b = doc.createElement('button');
  b.type = 'button';
  b.title = words.title;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', FLAME);
  svg.append(path);
  b.append(svg, words.label);
  b.addEventListener('pointerdown', (event) => { if (event.isTrusted) guard.press(target, event); });
  b.addEventListener('click', (event) => {
    // Only a person's click: page scripts can call click() or dispatch events, never trusted ones.
    if (!event.isTrusted) return;
    event.preventDefault();
    event.stopPropagation();
    const text = (source.nodeName === 'A' ? (source as HTMLElement).innerText : link).trim().slice(0, MAX_TEXT);
    const refused = guard.judge(target, event);
    if (refused) {
      onReveal(link, { text, refused });
      return;
    }
    // Seen as drawn at the click, not only as last reported: then it may launch.
    void seenClearlyNow(host).then((clear) => onReveal(link, clear ? { text } : { text, refused: 'covered' }));
  });
  root.append(style, b);
  return host;
}

/** The buttons drawn on one page. */
export interface RevealButtons {
  /** Gives `node` one button per link, after `after` (the node itself, or the link around it). */
  draw(node: Node, after: ChildNode, links: string[]): void;
  count(): number;
  removeAll(): void;
}

export function createRevealButtons(doc: Document, onReveal: OnReveal, words: ButtonWords = ENGLISH): RevealButtons {
  /** Which links each anchor or text node was given buttons for, and those buttons. */
  const drawn = new WeakMap<Node, { links: string; hosts: HTMLElement[] }>();
  const all = new Set<HTMLElement>();
  const guard = createLauncherGuard(doc, BUTTON_TAG.toUpperCase());
  const remove = (host: HTMLElement) => { guard.unwatch(host); host.remove(); all.delete(host); };
  return {
    draw(node, after, links) {
      const key = links.join(' ');
      const old = drawn.get(node);
      if (old && old.links === key && old.hosts.every((h) => h.isConnected)) return;
      old?.hosts.forEach(remove);
      const hosts = links.map((link) => revealButton(doc, link, node, after, guard, onReveal, words));
      drawn.set(node, { links: key, hosts });
      after.after(...hosts);
      for (const host of hosts) { all.add(host); guard.watch(host); }
    },
    count: () => all.size,
    removeAll: () => { [...all].forEach(remove); guard.stop(); },
  };
}
