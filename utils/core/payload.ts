// What a note holds inside its encryption (docs/PROTOCOL.md §3.1): text alone, as format 1 (the
// UTF-8 text itself, like every note made before files), or text and files, as format 2. Writing
// picks format 1 whenever it can, so text notes stay readable by every Burnlink. No zod here: the
// popup sizes and checks what it is about to send with this file (reading is payload-read.ts).
import { formatBytes } from './format';
import { err, ok, type Result } from './result';

/** First byte of a format 2 payload: never the first byte of UTF-8 text. */
export const STRUCTURED_MARK = 0xff;
export type PayloadFormat = 1 | 2;
/** Bytes before the header: the mark, the format and the header's length (uint32, big-endian). */
export const STRUCTURED_PREFIX = 6;
export const MAX_FILES = 100;
/** In UTF-16 code units, as `File.name` counts them. */
export const MAX_FILE_NAME = 255;
export const MAX_FILE_TYPE = 255;

/** A file inside a note: its name and type as the sender's browser gave them, and its bytes. */
export interface NoteFile {
  name: string;
  /** A MIME type, or '' when the browser did not know; never trusted to display the file. */
  type: string;
  bytes: Uint8Array;
}

/** Everything a note carries: text ('' when there is none) and files (none for a text note). */
export interface NoteContent {
  text: string;
  files: NoteFile[];
}

/** A file as far as sizing and checking need it: its bytes need not have been read yet. */
export interface FileInfo {
  name: string;
  type: string;
  size: number;
}

export interface ContentInfo {
  text: string;
  files: FileInfo[];
}

/** The header of a format 2 payload, as JSON: the text and each file's name, type and size, in order. */
export interface PayloadHeaderShape {
  text: string;
  files: FileInfo[];
}

const encoder = new TextEncoder();

/** Format 1 for text alone, format 2 as soon as there is a file. */
export function payloadFormat(content: { files: readonly unknown[] }): PayloadFormat {
  return content.files.length === 0 ? 1 : 2;
}

function header(content: ContentInfo): Uint8Array {
  const shape: PayloadHeaderShape = {
    text: content.text,
    files: content.files.map(({ name, type, size }) => ({ name, type, size })),
  };
  return encoder.encode(JSON.stringify(shape));
}

/** Bytes of the payload before padding: what the server's `maxNoteBytes` limits. */
export function payloadSize(content: ContentInfo): number {
  if (payloadFormat(content) === 1) return encoder.encode(content.text).length;
  return STRUCTURED_PREFIX + header(content).length + content.files.reduce((sum, f) => sum + f.size, 0);
}

export type ContentErrorCode = 'empty' | 'empty_file' | 'too_many_files' | 'name_too_long' | 'too_large';
export interface ContentError {
  code: ContentErrorCode;
  /** A sentence for the sender: what is wrong and what to do. */
  message: string;
  /** The file the error is about, when it is about one. */
  file?: string;
}

/**
 * Whether `content` can be sent to a server that accepts `maxBytes` of payload: something to
 * share, no empty file, not too many, not too large. Resolves to the payload size.
 */
export function checkContent(content: ContentInfo, maxBytes: number): Result<number, ContentError> {
  if (content.text.length === 0 && content.files.length === 0) {
    return err({ code: 'empty', message: 'Type or paste the secret, or attach a file.' });
  }
  const empty = content.files.find((f) => f.size === 0);
  if (empty) {
    return err({ code: 'empty_file', file: empty.name, message: `"${empty.name}" is empty (0 bytes): there is nothing in it to share. Remove it, or attach the file you meant.` });
  }
  if (content.files.length > MAX_FILES) {
    return err({ code: 'too_many_files', message: `${content.files.length} files are attached; a link can carry at most ${MAX_FILES}. Put them in one zip file.` });
  }
  const long = content.files.find((f) => f.name.length > MAX_FILE_NAME);
  if (long) {
    return err({ code: 'name_too_long', file: long.name, message: `A file name is longer than ${MAX_FILE_NAME} characters ("${long.name.slice(0, 40)}…"). Rename the file, then attach it again.` });
  }
  const size = payloadSize(content);
  if (size > maxBytes) return err(tooLarge(content, size, maxBytes));
  return ok(size);
}

function tooLarge(content: ContentInfo, size: number, maxBytes: number): ContentError {
  const limit = formatBytes(maxBytes);
  const big = content.files.find((f) => f.size > maxBytes);
  if (big) {
    return { code: 'too_large', file: big.name, message: `"${big.name}" is ${formatBytes(big.size - maxBytes)} too large: this note server accepts up to ${limit} per link. Share a smaller file, or ask the server's operator to raise the limit.` };
  }
  if (content.files.length === 0) {
    return { code: 'too_large', message: `The secret is ${formatBytes(size - maxBytes)} too large: this note server accepts up to ${limit}. Shorten it or split it over several links.` };
  }
  return { code: 'too_large', message: `The text and files come to ${formatBytes(size)}, ${formatBytes(size - maxBytes)} more than this note server accepts per link (${limit}). Remove a file, or share some of them by another link.` };
}

/** The plaintext bytes of a note (before padding). Check the content first: this only encodes. */
export function encodePayload(content: NoteContent): Uint8Array {
  const files = content.files.map(({ name, type, bytes }) => ({ name, type, size: bytes.length }));
  if (payloadFormat(content) === 1) return encoder.encode(content.text);
  const head = header({ text: content.text, files });
  const out = new Uint8Array(payloadSize({ text: content.text, files }));
  out[0] = STRUCTURED_MARK;
  out[1] = 2;
  new DataView(out.buffer).setUint32(2, head.length);
  out.set(head, STRUCTURED_PREFIX);
  let at = STRUCTURED_PREFIX + head.length;
  for (const file of content.files) {
    out.set(file.bytes, at);
    at += file.bytes.length;
  }
  return out;
}
