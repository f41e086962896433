// The confirmation a right-click share shows in the page itself, beside the system notification
// (which many people have turned off): a small box in a closed shadow root, bottom right, that
// says whether the link was copied. It carries no link and no secret, so the page learns nothing
// it could not already see. Gone after a few seconds, on its Close button or on Escape. Its words
// come translated from here, in the browser's language: the page gets text, no translator.
import { extensionTranslator } from '../i18n/extension';
import type { Translator } from '../i18n/translate';
import type { Notice } from './share-selection';

/** The element that holds the confirmation (its contents are in a closed shadow root). */
export const CONFIRMATION_TAG = 'burnlink-share-confirmation';

/** How long the confirmation stays, in milliseconds. */
export const CONFIRMATION_MS = 8000;

/** What the confirmation says, already in the person's language, and which way it reads. */
export interface ConfirmationWords {
  heading: string;
  message: string;
  close: string;
  lang: string;
  dir: string;
}

/** The slice of `browser.scripting` this needs (so tests can pass a fake). */
export interface ConfirmScripting {
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] };
    func: (tag: string, words: ConfirmationWords, tone: string, ms: number) => void;
    args: [string, ConfirmationWords, string, number];
  }): Promise<unknown>;
}

/** The confirmation's words for a notice. */
export function confirmationWords(notice: Notice, { t, lang, dir }: Translator): ConfirmationWords {
  return { heading: t('confirm.heading', { title: notice.title }), message: notice.message, close: t('confirm.close'), lang, dir };
}

/**
 * Runs inside the page (serialised by `scripting.executeScript`: it must not use anything from
 * outside its own body). Text is set as text, never as HTML.
 */
function showConfirmation(tag: string, words: ConfirmationWords, tone: string, ms: number): void {
  document.querySelector(tag)?.remove();
  const host = document.createElement(tag);
  host.setAttribute('style', 'all: initial !important; position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `
    .box { box-sizing: border-box; width: min(360px, calc(100vw - 32px)); padding-block: 12px; padding-inline: 14px 12px; display: flex; gap: 10px; align-items: flex-start;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1c1f24; background: #ffffff;
      border: 1px solid #d5d9e0; border-inline-start: 4px solid #1f7a4d; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
    .box.error { border-inline-start-color: #b42318; }
    .text { flex: 1; min-width: 0; }
    strong { display: block; font-weight: 650; margin-bottom: 2px; }
    p { margin: 0; color: #3d4450; }
    button { font: inherit; flex: none; min-height: 28px; padding: 2px 10px; border-radius: 6px; cursor: pointer;
      color: inherit; background: transparent; border: 1px solid #d5d9e0; }
    button:focus-visible { outline: 2px solid #1d5fd1; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .box { color: #e8eaee; background: #1f2329; border-color: #3a404a; border-inline-start-color: #3fb67a; }
      .box.error { border-inline-start-color: #f0605d; }
      p { color: #b8bec8; }
      button { border-color: #3a404a; }
      button:focus-visible { outline-color: #7aa7ff; }
    }`;
  const box = document.createElement('div');
  box.className = tone === 'error' ? 'box error' : 'box';
  box.lang = words.lang;
  box.dir = words.dir;
  // Read out by screen readers without taking focus from what the person was doing.
  box.setAttribute('role', tone === 'error' ? 'alert' : 'status');
  const text = document.createElement('div');
  text.className = 'text';
  const heading = document.createElement('strong');
  heading.textContent = words.heading;
  const body = document.createElement('p');
  body.textContent = words.message;
  text.append(heading, body);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = words.close;
  box.append(text, close);
  root.append(style, box);
  const remove = () => {
    host.remove();
    document.removeEventListener('keydown', onKey, true);
  };
  const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') remove(); };
  close.addEventListener('click', remove);
  document.addEventListener('keydown', onKey, true);
  setTimeout(remove, ms);
  document.documentElement.append(host);
}

/** Shows the outcome in the tab's top frame; says nothing when the page cannot be scripted. */
export async function confirmInPage(
  scripting: ConfirmScripting, tabId: number | undefined, notice: Notice, ok: boolean, translator: Translator = extensionTranslator(),
): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  try {
    await scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: showConfirmation,
      args: [CONFIRMATION_TAG, confirmationWords(notice, translator), ok ? 'ok' : 'error', CONFIRMATION_MS],
    });
  } catch {
    // A page the extension may not script (the browser's own pages, the web store): the
    // notification is all there is.
  }
}
