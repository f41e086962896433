// UTF-8 text of a secret, exactly as it was written.

/**
 * Decodes UTF-8, keeping a leading byte order mark (U+FEFF) as text: it was part of what the
 * sender typed or pasted, and a TextDecoder's default would drop it. Undefined when the bytes are
 * not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
