// Copy a secret, then clear the clipboard after a delay where the browser allows it.

export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

export interface CopyResult {
  ok: boolean;
  /** Seconds until the clipboard is cleared, when a clear is scheduled. */
  clearsInSeconds?: number;
}

/**
 * Writes `text`, then overwrites it with an empty string after `clearAfterSeconds` (0: never).
 * Clearing may fail silently when the page has lost focus: browsers allow clipboard writes only
 * from a focused document.
 */
export async function copyWithAutoClear(
  text: string,
  clearAfterSeconds: number,
  clipboard: ClipboardLike = navigator.clipboard,
  setTimer: (run: () => void, ms: number) => unknown = setTimeout,
): Promise<CopyResult> {
  try {
    await clipboard.writeText(text);
  } catch {
    return { ok: false };
  }
  if (clearAfterSeconds <= 0) return { ok: true };
  setTimer(() => { clipboard.writeText('').catch(() => undefined); }, clearAfterSeconds * 1000);
  return { ok: true, clearsInSeconds: clearAfterSeconds };
}
