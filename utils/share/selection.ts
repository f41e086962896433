// Reading the user's selection from a page, byte for byte. The context menu's `selectionText`
// collapses runs of whitespace and newlines, which breaks SSH keys and .env blocks, so the text is
// read in the page through `activeTab` + `scripting` instead.
import { err, ok, type Result } from '../core/result';

/**
 * Runs inside the page (serialised by `scripting.executeScript`: it must not use anything from
 * outside its own body). A selection inside a text field is not part of the document selection.
 */
function selectedTextInPage(): string {
  const field = document.activeElement;
  if (field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && /^(text|search|url|tel|email)$/.test(field.type))) {
    const { selectionStart: start, selectionEnd: end, value } = field;
    if (start !== null && end !== null && end > start) return value.slice(start, end);
  }
  return getSelection()?.toString() ?? '';
}

/** The slice of `browser.scripting` this needs (so tests can pass a fake). */
export interface ScriptingLike {
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] } | { tabId: number; allFrames: true };
    func: () => string;
  }): Promise<Array<{ result?: unknown; frameId?: number }>>;
}

export type SelectionError = { code: 'no_access' | 'empty'; message: string };

export const NO_ACCESS_MESSAGE =
  'Burnlink cannot read this page (browser pages and extension stores are off limits). Copy the text and paste it into the Burnlink popup instead.';
export const EMPTY_MESSAGE = 'Select the text to share first, then use "Share as one-time link" again.';

/**
 * The selected text of a tab: of the frame the context menu was opened in, or else of the first
 * frame that has a selection. `fallback` is the context menu's `selectionText`, used only when the
 * selection cannot be read from the page and it has no whitespace that could have been collapsed
 * (a single token, which `selectionText` keeps intact).
 */
export async function readSelection(
  scripting: ScriptingLike,
  target: { tabId: number; frameId?: number },
  fallback?: string,
): Promise<Result<string, SelectionError>> {
  const usableFallback = fallback !== undefined && fallback.length > 0 && !/\s/.test(fallback) ? fallback : undefined;
  let texts: string[];
  try {
    const results = await scripting.executeScript({
      target: target.frameId === undefined ? { tabId: target.tabId, allFrames: true } : { tabId: target.tabId, frameIds: [target.frameId] },
      func: selectedTextInPage,
    });
    // The top frame first: its selection is the one the user most likely means.
    texts = [...results]
      .sort((a, b) => (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : 0))
      .map((r) => (typeof r.result === 'string' ? r.result : ''));
  } catch {
    return usableFallback === undefined ? err({ code: 'no_access', message: NO_ACCESS_MESSAGE }) : ok(usableFallback);
  }
  // Nothing found can also mean a frame the extension may not read (another site's iframe).
  const text = texts.find((t) => t.length > 0) ?? usableFallback;
  return text === undefined ? err({ code: 'empty', message: EMPTY_MESSAGE }) : ok(text);
}
