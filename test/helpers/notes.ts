// Notes made with the real client crypto, posted and read with raw requests (so tests can set
// headers and see every status), keeping what only the client knows.
import { decryptNote, encryptNote } from '../../utils/core/crypto';
import { Envelope } from '../../utils/core/protocol';
import { request, type RawResponse } from './http';

export interface SealedNote {
  id: string;
  manageToken: string;
  keyProof: string;
  readToken: string;
  envelope: Envelope;
  linkKey: Uint8Array;
  secret: string;
  passphrase?: string;
}

export interface CreateOptions {
  maxReads?: number;
  /** Seal with a passphrase too (the read token then needs it). */
  passphrase?: string;
  expiresIn?: number;
  headers?: Record<string, string>;
  /** Post it on a connection of its own (see `request`). */
  newConnection?: boolean;
}

/** A sealed note not yet posted: the create body and what the reader will need. */
export async function sealNote(secret: string, { maxReads = 1, expiresIn = 3600, passphrase }: CreateOptions = {}) {
  const sealed = await encryptNote(secret, { passphrase });
  if (!sealed.ok) throw new Error(sealed.error.message);
  const { envelope, keyProof, readToken, linkKey } = sealed.value;
  return { body: { envelope, expiresIn, maxReads, keyProof, readToken }, envelope, keyProof, readToken, linkKey, secret, passphrase };
}

/** Creates a note; throws with the server's answer unless it is 201. */
export async function createNote(base: string, secret: string, options: CreateOptions = {}): Promise<SealedNote> {
  const sealed = await sealNote(secret, options);
  const response = await request(base, '/api/notes', { json: sealed.body, headers: options.headers, newConnection: options.newConnection });
  const body = response.body;
  if (response.status !== 201 || typeof body !== 'object' || body === null || !('id' in body) || !('manageToken' in body)) {
    throw new Error(`create answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { ...sealed, id: String(body.id), manageToken: String(body.manageToken) };
}

export function consumeNote(base: string, note: Pick<SealedNote, 'id' | 'keyProof' | 'readToken'>, headers: Record<string, string> = {}, { newConnection = false } = {}): Promise<RawResponse> {
  return request(base, `/api/notes/${note.id}/consume`, { json: { keyProof: note.keyProof, readToken: note.readToken }, headers, newConnection });
}

/** Decrypts the envelope of a 200 consume answer with the note's link key. */
export async function openConsumed(response: RawResponse, note: SealedNote): Promise<string> {
  const body = response.body;
  if (typeof body !== 'object' || body === null || !('envelope' in body)) throw new Error(`no envelope in ${JSON.stringify(body)}`);
  const opened = await decryptNote(Envelope.parse(body.envelope), note.linkKey, note.passphrase);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}
