// The offscreen document's clipboard (Chrome MV3). It never has focus, so navigator.clipboard
// refuses to write; document.execCommand('copy') works with the clipboardWrite permission. The
// text goes in through the copy event rather than a selected textarea, which would turn \r\n
// into \n: the link, or whatever is copied, arrives exactly.

export interface CopyDocument {
  addEventListener(type: 'copy', listener: (event: ClipboardEvent) => void): void;
  removeEventListener(type: 'copy', listener: (event: ClipboardEvent) => void): void;
  execCommand(command: 'copy'): boolean;
}

/** Writes `text` (may be empty, to clear) through a copy event; true when the browser took it. */
export function writeThroughCopyEvent(doc: CopyDocument, text: string): boolean {
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    written = true;
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy') && written;
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}

/**
 * Copies text and clears the clipboard `clearAfterSeconds` later (0: never). A new copy replaces
 * the pending clear: the clear must not wipe a newer link 30 seconds early.
 */
export function createOffscreenClipboard(
  doc: CopyDocument,
  timers: { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
) {
  let pending: unknown;
  return (text: string, clearAfterSeconds: number): boolean => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
    const written = writeThroughCopyEvent(doc, text);
    if (written && clearAfterSeconds > 0) {
      pending = timers.set(() => {
        pending = undefined;
        writeThroughCopyEvent(doc, '');
      }, clearAfterSeconds * 1000);
    }
    return written;
  };
}
