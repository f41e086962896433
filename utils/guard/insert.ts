// Putting text where a held paste would have gone, in a way editors accept. Runs in the content
// script. Rich editors (ProseMirror, Quill, Slack's composer, Lexical, Draft) handle paste events
// themselves and keep their own model of the text: they get a paste event carrying the text, as
// text expanders do it (not in Firefox, see pasteEventsCarryData). Plain fields, and editors that
// leave a paste to the browser, get the browser's own insertText command, which fires the
// beforeinput and input events editors and frameworks listen to and keeps the undo history.

/** Where the paste was aimed: the element, and the caret or selection in it at that moment. */
export interface PasteTarget {
  element: HTMLElement;
  /** For inputs and textareas. */
  field?: { start: number; end: number; direction: 'forward' | 'backward' | 'none' };
  /** For contenteditable. */
  range?: Range;
}

/** Text fields a paste goes into; password fields are left alone: a secret belongs there. */
const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'tel', '']);

export function isTextField(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  return element instanceof HTMLInputElement && TEXT_INPUTS.has(element.type) && !element.readOnly && !element.disabled;
}

/** The element a paste at `target` edits: a text field, or the editing host of a contenteditable. */
export function editableOf(target: EventTarget | null): HTMLElement | undefined {
  if (!(target instanceof Element)) return undefined;
  if (isTextField(target)) return target;
  if (target instanceof HTMLElement && target.isContentEditable) {
    let host: HTMLElement = target;
    while (host.parentElement?.isContentEditable) host = host.parentElement;
    return host;
  }
  return undefined;
}

/** Notes where the caret or selection is in `element`, so the text can go there later. */
export function capture(element: HTMLElement): PasteTarget {
  if (isTextField(element)) {
    return {
      element,
      field: { start: element.selectionStart ?? element.value.length, end: element.selectionEnd ?? element.value.length, direction: element.selectionDirection ?? 'none' },
    };
  }
  const selection = element.ownerDocument.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
  return { element, range: range && element.contains(range.commonAncestorContainer) ? range.cloneRange() : undefined };
}

/** Gives the element its focus and the caret back, where they were at the paste. */
export function restore(target: PasteTarget): void {
  const { element, field, range } = target;
  element.focus({ preventScroll: true });
  if (field && isTextField(element)) {
    element.setSelectionRange(field.start, field.end, field.direction);
  } else if (range) {
    const selection = element.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
}

/**
 * Inserts `text` at the target as if it had been pasted. `html`, when given, goes along in the
 * paste event for editors that keep formatting (used by "Paste anyway" to keep the original).
 */
export function insertText(target: PasteTarget, text: string, html?: string): void {
  restore(target);
  const { element } = target;
  const doc = element.ownerDocument;
  if (pasteEventsCarryData(doc)) {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    if (html !== undefined) data.setData('text/html', html);
    // Untrusted, so Burnlink's own paste listener lets it through.
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    // An editor that handles pastes itself takes the text from the event and cancels it.
    const focused = doc.activeElement instanceof HTMLElement && element.contains(doc.activeElement) ? doc.activeElement : element;
    if (!focused.dispatchEvent(paste)) return;
  }
  // Deprecated, yet the one way to insert that editors and the undo history accept.
  if (doc.execCommand('insertText', false, text)) return;
  insertDirectly(target, text);
}

/**
 * Whether the page can read a paste event's data made here. Not in Firefox: data a content script
 * puts in a DataTransfer stays hidden from the page (its principal is the extension's), so an
 * editor would cancel the event and insert nothing; there the browser's command does it all.
 * (`wrappedJSObject` is Firefox's door from a content script to the page's own objects.)
 */
function pasteEventsCarryData(doc: Document): boolean {
  return !('wrappedJSObject' in (doc.defaultView ?? {}));
}

/** Last resort, where the browser's command is refused: change the DOM and say so with an input event. */
function insertDirectly(target: PasteTarget, text: string): void {
  const { element } = target;
  if (isTextField(element)) {
    const start = element.selectionStart ?? element.value.length;
    element.setRangeText(text, start, element.selectionEnd ?? start, 'end');
  } else {
    const selection = element.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    if (!range) return;
    range.deleteContents();
    const node = element.ownerDocument.createTextNode(text);
    range.insertNode(node);
    range.setStartAfter(node);
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
}
