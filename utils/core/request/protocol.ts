// The wire protocol of request-a-secret: the requester registers a request, whoever holds the
// request link answers it once, the requester fetches the answer once. The single source of truth
// for these shapes; docs/PROTOCOL.md §7 describes them in prose.
import { z } from 'zod/mini';
import { ErrorCode, NoteId, Token, base64urlBytes as base64url, base64urlText } from '../protocol';

/** Request id: 128 random bits chosen by the server, base64url (22 characters), like a note id. */
export const RequestId = NoteId;
/** An X25519 public key, raw (32 bytes), base64url (43 characters). */
export const PublicKey = base64url(32);

export { REQUEST_NOTE_MAX_BYTES } from './limits';

/**
 * The requester's note to whoever answers ("staging DB password for Alex"), encrypted under a key
 * derived from the requester's public key: the server stores it and cannot read it.
 */
export const SealedRequestNote = z.strictObject({
  v: z.literal(1),
  alg: z.literal('A256GCM'),
  iv: base64url(12),
  /** AES-256-GCM of the padded note (256 or 512 bytes) with its tag. */
  ct: base64urlText(22, 700),
});
export type SealedRequestNote = z.infer<typeof SealedRequestNote>;

/** An answer, encrypted to the requester's public key. The server cannot read any of it. */
export const AnswerEnvelope = z.strictObject({
  v: z.literal(1),
  alg: z.literal('A256GCM'),
  /** Key agreement: the answerer's ephemeral X25519 key with the requester's. */
  kex: z.literal('X25519'),
  /** The answerer's ephemeral public key, raw. */
  epk: PublicKey,
  iv: base64url(12),
  /** AES-256-GCM of the padded payload (the same buckets as notes) with its tag. */
  ct: base64urlText(22),
});
export type AnswerEnvelope = z.infer<typeof AnswerEnvelope>;

export const CreateRequestRequest = z.strictObject({
  note: SealedRequestNote,
  /** Seconds the request may be answered for; one of the server's `expiryChoices`. */
  expiresIn: z.int().check(z.positive()),
  /** HKDF of the requester's public key: what an answerer must show. */
  answerToken: Token,
});
export type CreateRequestRequest = z.infer<typeof CreateRequestRequest>;

export const CreateRequestResponse = z.object({
  id: RequestId,
  /** Random secret for status, fetch and revoke; returned only here, stored by the server as a hash. */
  fetchToken: Token,
  createdAt: z.int(),
  expiresAt: z.int(),
});
export type CreateRequestResponse = z.infer<typeof CreateRequestResponse>;

const CLOSED_STATES = ['answered', 'read', 'expired', 'revoked'] as const;
/**
 * `waiting`: not answered yet. `answered`: an answer waits for the requester. `read`: the
 * requester fetched it (and it is deleted). `expired`: nobody answered in time, or the answer was
 * not fetched in time. `revoked`: the requester withdrew it.
 */
export const RequestState = z.enum(['waiting', ...CLOSED_STATES]);
export type RequestState = z.infer<typeof RequestState>;
/** A state in which a request can no longer be answered. */
export const ClosedRequestState = z.enum(CLOSED_STATES);
export type ClosedRequestState = z.infer<typeof ClosedRequestState>;

export const RequestPeekRequest = z.strictObject({ answerToken: Token });

/** What a holder of the request link may learn without answering (side-effect free). */
export const RequestPeekResponse = z.object({
  state: RequestState,
  expiresAt: z.int(),
  /** When the request left `waiting` (answered, revoked, expired); null while waiting. */
  at: z.nullable(z.int()),
  /** The requester's note, only while the request is waiting. */
  note: z.nullable(SealedRequestNote),
});
export type RequestPeekResponse = z.infer<typeof RequestPeekResponse>;

export const AnswerRequest = z.strictObject({ answerToken: Token, answer: AnswerEnvelope });
export type AnswerRequest = z.infer<typeof AnswerRequest>;

export const AnswerResponse = z.object({
  answeredAt: z.int(),
  /** Until when the answer waits for the requester. */
  expiresAt: z.int(),
});
export type AnswerResponse = z.infer<typeof AnswerResponse>;

export const FetchAnswerResponse = z.object({
  answer: AnswerEnvelope,
  answeredAt: z.int(),
});
export type FetchAnswerResponse = z.infer<typeof FetchAnswerResponse>;

/** What the requester (holder of the fetch token) may learn. Nothing about who answered. */
export const RequestStatus = z.object({
  id: RequestId,
  state: RequestState,
  createdAt: z.int(),
  expiresAt: z.int(),
  answeredAt: z.nullable(z.int()),
  readAt: z.nullable(z.int()),
  revokedAt: z.nullable(z.int()),
});
export type RequestStatus = z.infer<typeof RequestStatus>;

export const REQUEST_BATCH_LIMIT = 100;
export const BatchRequestStatusRequest = z.strictObject({
  requests: z.array(z.strictObject({ id: RequestId, fetchToken: Token })).check(z.minLength(1), z.maxLength(REQUEST_BATCH_LIMIT)),
});
export type BatchRequestStatusRequest = z.infer<typeof BatchRequestStatusRequest>;
/** One entry per requested id, in order; null where the id is unknown or the token is wrong. */
export const BatchRequestStatusResponse = z.object({ statuses: z.array(z.nullable(RequestStatus)) });
export type BatchRequestStatusResponse = z.infer<typeof BatchRequestStatusResponse>;

/** The error codes of the request endpoints: the notes' codes, and `not_answered` (fetch too early). */
export const RequestErrorCode = z.enum([...ErrorCode.options, 'not_answered']);
export type RequestErrorCode = z.infer<typeof RequestErrorCode>;

/** Every error of a request endpoint has this body: the notes' ErrorBody with request states. */
export const RequestErrorBody = z.object({
  error: RequestErrorCode,
  message: z.string(),
  /** With `gone`: why the request can no longer be answered or fetched, and since when. */
  state: z.optional(ClosedRequestState),
  at: z.optional(z.nullable(z.int())),
});
export type RequestErrorBody = z.infer<typeof RequestErrorBody>;
