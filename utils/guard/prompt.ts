// The paste guard's prompt: a small card beside the field, in a closed shadow root the page cannot
// read or restyle. Only trusted clicks (a person's mouse or keyboard) choose; a page script that
// clicks its buttons does nothing. The held text is not in it: only the kinds of secret and a
// masked glimpse of each.
import type { Words } from '../i18n/page-words';
// Minified into the script by the build: the page scripts have a size budget.
import CSS from './prompt.css?inline';

/** Tag of the prompt's host element on the page. */
export const PROMPT_TAG = 'burnlink-guard';

export type PromptChoice = 'link' | 'passphrase' | 'anyway' | 'never' | 'cancel';

export interface PromptOptions {
  document: Document;
  /** In the browser's language. */
  words: Words;
  /** Where the paste went (the caret, else the field), to place the card beside it. */
  anchor: DOMRect;
  /** "a GitHub personal access token", one per secret found. */
  kinds: string[];
  /** A masked glimpse of each secret: "ghp_…Q2x9". */
  glimpses: string[];
  /** `app.slack.com`, for "Never on app.slack.com". */
  site: string;
  /** "Expires in 1 day, read once", when known. */
  terms?: string;
  onChoice(choice: PromptChoice): void;
}

export interface Prompt {
  /** Shows a state: working (buttons off), a failure (buttons on again), or the terms. */
  busy(message: string): void;
  failed(message: string): void;
  setTerms(terms: string): void;
  /** Shows an extension page (the passphrase step) inside the card. */
  showFrame(src: string, title: string): void;
  close(): void;
  /** The host element, for tests of the page's view of it. */
  readonly host: HTMLElement;
}

const FLAME = 'M12 2c.5 3.2-1.3 5-2.9 6.8C7.5 10.6 6 12.4 6 15a6 6 0 0 0 12 0c0-2.3-1-4.3-2.3-5.8.1 1.6-.5 2.9-1.7 3.6.3-3.9-.9-7.5-2-10.8Z';

/** "This paste holds a GitHub token.", "This paste holds 2 secrets: a GitHub token and an npm token." */
export function describeKinds({ lang, t, plural }: Words, kinds: string[]): string {
  if (kinds.length === 1) return t('guard.prompt.holdsOne', { kind: kinds[0] ?? '' });
  // The language's own way of listing ("a, b and c", "a、b、c"), each kind once.
  return plural('guard.prompt.holdsMany', kinds.length, { kinds: new Intl.ListFormat(lang).format(new Set(kinds)) });
}

type Child = Node | string;
type MakeElement = <K extends keyof HTMLElementTagNameMap>(tag: K, props?: Partial<HTMLElementTagNameMap[K]>, ...children: Child[]) => HTMLElementTagNameMap[K];

function elementMaker(doc: Document): MakeElement {
  return (tag, props = {}, ...children) => {
    const node = Object.assign(doc.createElement(tag), props);
    node.append(...children);
    return node;
  };
}

function flameIcon(doc: Document): SVGSVGElement {
  const icon = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', FLAME);
  icon.append(path);
  return icon;
}

/** The card: what was found, a glimpse of each secret, the choices, the terms and a status line. */
function promptCard(doc: Document, el: MakeElement, options: PromptOptions) {
  const { t } = options.words;
  const site = options.site;
  const button = (label: string, choice: PromptChoice, className = '') => {
    const b = el('button', { type: 'button', className, textContent: label });
    b.addEventListener('click', (event) => {
      // A page script's click is not a person's choice.
      if (!event.isTrusted || b.disabled) return;
      options.onChoice(choice);
    });
    return b;
  };
  const asLink = button(t('guard.prompt.asLink'), 'link', 'primary');
  const anyway = button(t('guard.prompt.anyway'), 'anyway');
  const never = button(t('guard.prompt.never', { site }), 'never');
  never.title = t('guard.prompt.neverTitle', { site });
  const passphrase = button(t('guard.prompt.passphrase'), 'passphrase', 'plain');
  const close = button('×', 'cancel', 'close');
  close.setAttribute('aria-label', t('guard.prompt.close'));

  const terms = el('span', { className: 'muted', textContent: options.terms ?? '' });
  const status = el('p', { className: 'status' });
  status.setAttribute('role', 'status');
  const list = options.glimpses.length > 1
    ? el('ul', {}, ...options.glimpses.map((g) => el('li', {}, el('code', { textContent: g }))))
    : el('p', {}, el('code', { textContent: options.glimpses[0] ?? '' }));
  // Left to right or right to left as its words run (an Arabic prompt on an English page).
  const card = el('div', { className: 'card', dir: 'auto' },
    close,
    el('div', { className: 'head' }, flameIcon(doc), t('guard.prompt.heading')),
    el('p', { textContent: `${describeKinds(options.words, options.kinds)} ${t('guard.prompt.unseen')}` }),
    list,
    el('div', { className: 'row' }, asLink, anyway, never),
    el('p', { className: 'row muted extra' }, passphrase, terms),
    status,
  );
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', t('guard.prompt.label'));
  return { card, terms, status, asLink, passphrase, choices: [asLink, anyway, never, passphrase] };
}

/** Below the caret, or above it when the card would not fit under it. */
function placeCard(card: HTMLElement, anchor: DOMRect, view: Window | null): void {
  const width = card.offsetWidth;
  const height = card.offsetHeight;
  const vw = view?.innerWidth ?? 800;
  const vh = view?.innerHeight ?? 600;
  const left = Math.max(8, Math.min(anchor.left, vw - width - 8));
  const below = anchor.bottom + 8;
  const top = below + height <= vh - 8 ? below : Math.max(8, anchor.top - height - 8);
  card.style.left = `${left}px`;
  card.style.top = `${top}px`;
}

/** Opens the prompt; one at a time per page. */
export function openPrompt(options: PromptOptions): Prompt {
  const doc = options.document;
  const el = elementMaker(doc);
  const host = doc.createElement(PROMPT_TAG);
  // Inline and !important: the page's style sheets cannot hide, move or restyle it.
  host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  const { card, terms, status, asLink, passphrase, choices } = promptCard(doc, el, options);
  root.append(el('style', { textContent: CSS }), card);
  const place = () => placeCard(card, options.anchor, doc.defaultView);

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && event.isTrusted) {
      event.stopPropagation();
      options.onChoice('cancel');
    }
  };
  card.addEventListener('keydown', onKey);

  (doc.body ?? doc.documentElement).append(host);
  place();
  asLink.focus({ preventScroll: true });

  const setButtons = (enabled: boolean) => choices.forEach((b) => { b.disabled = !enabled; });
  return {
    host,
    busy(message) {
      setButtons(false);
      status.className = 'status';
      status.textContent = message;
    },
    failed(message) {
      setButtons(true);
      status.className = 'status error';
      status.textContent = message;
    },
    setTerms(text) {
      terms.textContent = text;
    },
    showFrame(src, title) {
      const frame = el('iframe', { src, title });
      frame.referrerPolicy = 'no-referrer';
      card.append(frame);
      // The frame's own button makes the link now.
      choices.splice(choices.indexOf(asLink), 1);
      choices.splice(choices.indexOf(passphrase), 1);
      asLink.disabled = true;
      passphrase.disabled = true;
      place();
      frame.focus();
    },
    close() {
      card.removeEventListener('keydown', onKey);
      host.remove();
    },
  };
}
