// The three flows of request-a-secret every client shares: ask (make a key pair, register the
// request, build the link), answer (check the link, show the note, seal and post one answer), and
// receive (fetch the answer once and open it with the private key).
import type { CryptoError } from '../crypto';
import { err, ok, type Result } from '../result';
import type { RequestApi, RequestApiError } from './api';
import {
  exportPublicKey,
  generateRequestKeys,
  openAnswer,
  openRequestNote,
  requestSecrets,
  sealAnswer,
  sealRequestNote,
} from './crypto';
import { formatRequestLink, type RequestLink } from './link';
import type { AnswerEnvelope, AnswerResponse, CreateRequestResponse, RequestPeekResponse } from './protocol';

/** Why asking, answering or receiving failed: in this browser (crypto), or on the way to the server. */
export type RequestError = CryptoError | RequestApiError;

export interface AskOptions {
  /** The requester's note to whoever answers; may be empty. */
  note: string;
  /** Seconds; one of the server's expiry choices. */
  expiresIn: number;
  createToken?: string;
}

export interface AskedRequest {
  link: string;
  request: CreateRequestResponse;
  server: string;
  /** The private key is not extractable; keep the pair (IndexedDB) to open the answer later. */
  keys: CryptoKeyPair;
  publicKey: Uint8Array;
}

/** Makes a key pair, seals the note, registers the request; returns the link to hand out. */
export async function askForSecret(api: RequestApi, options: AskOptions): Promise<Result<AskedRequest, RequestError>> {
  const keys = await generateRequestKeys();
  const publicKey = await exportPublicKey(keys.publicKey);
  const { answerToken, noteKey } = await requestSecrets(publicKey);
  const note = await sealRequestNote(options.note, noteKey);
  if (!note.ok) return note;
  const created = await api.create({ note: note.value, expiresIn: options.expiresIn, answerToken }, options.createToken);
  if (!created.ok) return created;
  const link = formatRequestLink({ server: api.server, id: created.value.id, publicKey });
  return ok({ link, request: created.value, server: api.server, keys, publicKey });
}

export interface OpenedRequest {
  peek: RequestPeekResponse;
  /** The requester's note, decrypted; null once the request no longer waits. */
  note: string | null;
}

/** Side-effect free: the request's state and the requester's note, for whoever holds the link. */
export async function openRequest(api: RequestApi, link: RequestLink): Promise<Result<OpenedRequest, RequestError>> {
  const { answerToken, noteKey } = await requestSecrets(link.publicKey);
  const peek = await api.peek(link.id, answerToken);
  if (!peek.ok) return peek;
  if (peek.value.note === null) return ok({ peek: peek.value, note: null });
  const note = await openRequestNote(peek.value.note, noteKey);
  if (!note.ok) return note;
  return ok({ peek: peek.value, note: note.value });
}

/** Seals the answer's payload to the requester's key and posts it. One answer per request. */
export async function answerRequest(api: RequestApi, link: RequestLink, payload: Uint8Array): Promise<Result<AnswerResponse, RequestError>> {
  const sealed = await sealAnswer(payload, { publicKey: link.publicKey, requestId: link.id });
  if (!sealed.ok) return sealed;
  return postAnswer(api, link, sealed.value);
}

/**
 * Posts an answer already sealed. After a failure whose outcome is unknown (the reply was lost),
 * send the very same envelope again: the server answers a repeat of the answer it holds with the
 * same success, where a fresh seal of the same text would be refused as "already answered".
 */
export async function postAnswer(api: RequestApi, link: RequestLink, answer: AnswerEnvelope): Promise<Result<AnswerResponse, RequestError>> {
  const { answerToken } = await requestSecrets(link.publicKey);
  return api.answer(link.id, answerToken, answer);
}

export interface ReceiveOptions {
  id: string;
  fetchToken: string;
  privateKey: CryptoKey;
  publicKey: Uint8Array;
}

export interface ReceivedAnswer {
  /** The answer's payload (utils/core/payload: text, or text and files). */
  payload: Uint8Array;
  answeredAt: number;
}

/** Why receiving failed, and whether the server had already handed the answer out (and deleted it). */
export type ReceiveError = RequestError & { fetched: boolean };

/** Fetches the answer, which deletes it on the server, and decrypts it with the private key. */
export async function receiveAnswer(api: RequestApi, options: ReceiveOptions): Promise<Result<ReceivedAnswer, ReceiveError>> {
  const fetched = await api.fetchAnswer(options.id, options.fetchToken);
  if (!fetched.ok) return err({ ...fetched.error, fetched: false });
  const opened = await openAnswer(fetched.value.answer, { privateKey: options.privateKey, publicKey: options.publicKey, requestId: options.id });
  if (!opened.ok) return err({ ...opened.error, fetched: true });
  return ok({ payload: opened.value, answeredAt: fetched.value.answeredAt });
}
