// The two flows every client shares: seal-and-post a secret, and consume-and-open a link.
import type { Api, ApiError } from './api';
import { decryptNote, deriveNoteKeys, encryptNote, type CryptoError } from './crypto';
import { formatLink, type NoteLink } from './link';
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

/** Encrypts `secret` locally and posts only the ciphertext; returns the one-time link. */
export async function shareSecret(api: Api, secret: string, options: ShareOptions): Promise<Result<SharedNote, NoteError>> {
  const sealed = await encryptNote(secret, { passphrase: options.passphrase });
  if (!sealed.ok) return sealed;
  const { envelope, linkKey, keyProof, readToken } = sealed.value;
  const created = await api.create(
    { envelope, expiresIn: options.expiresIn, maxReads: options.maxReads ?? 1, keyProof, readToken },
    options.createToken,
  );
  if (!created.ok) return created;
  const link = formatLink({ server: api.server, id: created.value.id, key: linkKey, passphrase: options.passphrase !== undefined });
  return ok({ link, note: created.value, server: api.server });
}

/** Without reading it: is the note still there, and does it need a passphrase? */
export async function peekNote(api: Api, link: NoteLink): Promise<Result<PeekResponse, ApiError>> {
  const { keyProof } = await deriveNoteKeys(link.key);
  return api.peek(link.id, keyProof);
}

export interface RevealedNote extends Pick<ConsumeResponse, 'readsLeft'> {
  secret: string;
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
  const opened = await decryptNote(consumed.value.envelope, link.key, passphrase,
    withPassphrase === link.passphrase ? keys : undefined);
  if (!opened.ok) return opened;
  return ok({ secret: opened.value, readsLeft: consumed.value.readsLeft });
}
