// The two flows every client shares: seal-and-post a note, and consume-and-open a link.
import type { Api, ApiError } from './api';
import { decryptBytes, deriveNoteKeys, encryptBytes, type CryptoError } from './crypto';
import { formatLink, type NoteLink } from './link';
import { encodePayload, payloadFormat, type NoteContent, type NoteFile } from './payload';
import { decodePayload } from './payload-read';
import type { ConsumeResponse, CreateNoteRequest, CreateNoteResponse, PeekResponse } from './protocol';
import { err, ok, type Result } from './result';

/** Why making or reading a note failed: in this browser (crypto), or on the way to the server. */
export type NoteError = CryptoError | ApiError;

export interface ShareOptions extends Pick<CreateNoteRequest, 'expiresIn' | 'maxReads'> {
  passphrase?: string;
  createToken?: string;
}

export interface SharedNote {
  link: string;
  note: CreateNoteResponse;
  server: string;
}

/** Encrypts a text secret locally and posts only the ciphertext; returns the one-time link. */
export function shareSecret(api: Api, secret: string, options: ShareOptions): Promise<Result<SharedNote, NoteError>> {
  return shareNote(api, { text: secret, files: [] }, options);
}

/**
 * Encrypts text and files locally (as payload format 1 when there are no files, 2 otherwise) and
 * posts only the ciphertext; returns the one-time link. Check the content against the server's
 * limit first (checkContent in utils/core/payload.ts): this refuses only what the format cannot hold.
 */
export async function shareNote(api: Api, content: NoteContent, options: ShareOptions): Promise<Result<SharedNote, NoteError>> {
  if (content.text.length === 0 && content.files.length === 0) {
    return err({ code: 'empty', message: 'There is nothing to share: the secret is empty.' });
  }
  const sealed = await encryptBytes(encodePayload(content), { passphrase: options.passphrase });
  if (!sealed.ok) return sealed;
  const { envelope, linkKey, keyProof, readToken } = sealed.value;
  const created = await api.create(
    { envelope, expiresIn: options.expiresIn, maxReads: options.maxReads ?? 1, keyProof, readToken },
    options.createToken,
  );
  if (!created.ok) return created;
  const link = formatLink({
    server: api.server,
    id: created.value.id,
    key: linkKey,
    passphrase: options.passphrase !== undefined,
    version: payloadFormat(content),
  });
  return ok({ link, note: created.value, server: api.server });
}

/** Without reading it: is the note still there, and does it need a passphrase? */
export async function peekNote(api: Api, link: NoteLink): Promise<Result<PeekResponse, ApiError>> {
  const { keyProof } = await deriveNoteKeys(link.key);
  return api.peek(link.id, keyProof);
}

export interface RevealedNote extends Pick<ConsumeResponse, 'readsLeft'> {
  /** The text ('' when the note holds only files). */
  secret: string;
  /** Attached files, in the sender's order; none for a text note. */
  files: NoteFile[];
}

/**
 * Consumes the note (this counts as a read) and decrypts it. A wrong passphrase is refused by
 * the server before anything is counted, because the read token depends on it.
 */
export async function revealNote(api: Api, link: NoteLink, passphrase?: string): Promise<Result<RevealedNote, NoteError>> {
  if (link.passphrase && (passphrase === undefined || passphrase.length === 0)) {
    return err({ code: 'passphrase_required', message: 'Type the passphrase the sender gave you.' });
  }
  const keys = await deriveNoteKeys(link.key, link.passphrase ? passphrase : undefined);
  const consumed = await api.consume(link.id, keys.keyProof, keys.readToken);
  if (!consumed.ok) return consumed;
  // The envelope, not the link, says whether the passphrase is part of the key.
  const withPassphrase = consumed.value.envelope.kdf === 'pbkdf2-sha256';
  const opened = await decryptBytes(consumed.value.envelope, link.key, passphrase,
    withPassphrase === link.passphrase ? keys : undefined);
  if (!opened.ok) return opened;
  // The payload says what it holds, whatever the link's version claims.
  const content = decodePayload(opened.value);
  if (!content.ok) return content;
  return ok({ secret: content.value.text, files: content.value.files, readsLeft: consumed.value.readsLeft });
}
