// Reading a note's payload (docs/PROTOCOL.md §3.1): UTF-8 text (format 1), or text and files
// (format 2) after a header checked against its zod schema. Shared by every reader of Burnlink notes.
import { STRUCTURED_MARK, STRUCTURED_PREFIX, type NoteContent, type NoteFile } from './payload';
import { PayloadHeader } from './protocol';
import { err, ok, type Result } from './result';
import { decodeUtf8 } from './utf8';

export interface PayloadError {
  code: 'malformed' | 'unsupported';
  message: string;
}

const DAMAGED: PayloadError = { code: 'malformed', message: 'The note is damaged: its contents cannot be read.' };

/** The text and files in a decrypted payload. Files are views into `data`, not copies. */
export function decodePayload(data: Uint8Array): Result<NoteContent, PayloadError> {
  if (data[0] !== STRUCTURED_MARK) {
    const text = decodeUtf8(data);
    return text === undefined ? err({ code: 'malformed', message: 'The note is damaged: it is not valid text.' }) : ok({ text, files: [] });
  }
  if (data.length < STRUCTURED_PREFIX) return err(DAMAGED);
  if (data[1] !== 2) {
    return err({ code: 'unsupported', message: 'This note was made by a newer version of Burnlink. Update Burnlink, then open the link again.' });
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerEnd = STRUCTURED_PREFIX + view.getUint32(2);
  if (headerEnd > data.length) return err(DAMAGED);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(STRUCTURED_PREFIX, headerEnd)));
  } catch {
    return err(DAMAGED);
  }
  const header = PayloadHeader.safeParse(json);
  if (!header.success) return err(DAMAGED);
  const total = header.data.files.reduce((sum, f) => sum + f.size, 0);
  if (headerEnd + total !== data.length) return err(DAMAGED);
  let at = headerEnd;
  const files: NoteFile[] = header.data.files.map(({ name, type, size }) => {
    const bytes = data.subarray(at, at + size);
    at += size;
    return { name, type, bytes };
  });
  return ok({ text: header.data.text, files });
}

// Path separators, characters Windows forbids, and control characters (bidi overrides included,
// which could make "exe.txt" look like "txt.exe").
// eslint-disable-next-line no-control-regex -- control characters are exactly what it removes
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name to save a received file under: no folders, no characters a file system refuses, no
 * trailing dots or spaces, and never empty or only dots. `.env` stays `.env`: that is its name.
 * The browser adds its own checks on download.
 */
export function safeFileName(name: string): string {
  const cleaned = name.replace(UNSAFE, '_').trim().replace(/[\s.]+$/, '').slice(0, 200);
  return /^\.*$/.test(cleaned) ? 'file' : cleaned;
}
