// The request store: what every backend keeps for request-a-secret, behind one small interface that
// the SQLite and Redis stores each implement beside their notes (sqlite/requests.ts,
// redis/requests.ts); the same contract suite runs against both.
//
// A request lives in one of these states (utils/core/request/protocol.ts):
//   waiting  --answer-->  answered  --fetch-->  read
//      |                     |
//      +--revoke / expiry----+-->  revoked / expired
// Ciphertext is deleted, not flagged: the requester's note when the request is answered, revoked
// or expires; the answer when it is fetched, revoked or expires. Answering moves the expiry: the
// answer waits for the requester as long as the request's whole lifetime, counted from the answer.
import type {
  ClosedRequestState,
  CreateRequestResponse,
  RequestPeekResponse,
  RequestState,
  RequestStatus,
} from '../../utils/core/request/protocol';
import type { CreateOutcome } from './store';

/** How long a request's tombstone (its state and times, no ciphertext) outlives its expiry. */
export const REQUEST_TOMBSTONE_MS = 7 * 24 * 3600 * 1000;

/** What create hands the store: the public fields, hashes of the tokens, and the sealed note. */
export interface NewRequest extends Pick<CreateRequestResponse, 'id' | 'createdAt' | 'expiresAt'> {
  /** The requester's sealed note as JSON text: opaque to the store. */
  note: string;
  /** SHA-256 of the answer token (shown by whoever answers) and of the fetch token (the requester's). */
  answerHash: Buffer;
  fetchHash: Buffer;
}

export type RequestPeekOutcome =
  | ({ kind: 'ok'; note: string | null } & Omit<RequestPeekResponse, 'note'>)
  | { kind: 'not_found' };

export type AnswerOutcome =
  | { kind: 'ok'; answeredAt: number; expiresAt: number }
  | { kind: 'not_found' }
  | { kind: 'gone'; state: ClosedRequestState; at: number | null }
  /** Storing the answer would pass the operator's cap on stored bytes; nothing changed. */
  | { kind: 'full' };

export type FetchOutcome =
  | { kind: 'ok'; answer: string; answeredAt: number }
  | { kind: 'not_found' }
  | { kind: 'not_answered' }
  | { kind: 'gone'; state: ClosedRequestState; at: number | null };

export interface RequestStore {
  /** Resolves once the request is durable, or with `full` (storing nothing) at the byte cap. */
  create(request: NewRequest): Promise<CreateOutcome>;
  /** Side-effect free view for whoever holds the request link; the note only while waiting. */
  peek(id: string, answerHash: Buffer, now: number): Promise<RequestPeekOutcome>;
  /**
   * Stores the one answer, atomically: of any number of concurrent answers, one succeeds. The same
   * answer sent again (a retry after a lost reply) gets the same success, not `gone`. Durable
   * before resolving.
   */
  answer(id: string, answerHash: Buffer, answer: string, now: number): Promise<AnswerOutcome>;
  /** Hands out the answer once and deletes it, durably before resolving. */
  fetch(id: string, fetchHash: Buffer, now: number): Promise<FetchOutcome>;
  /** Status for each (id, fetch hash) pair, null where unknown or the hash is wrong. */
  status(requests: Array<{ id: string; fetchHash: Buffer }>, now: number): Promise<Array<RequestStatus | null>>;
  /** Withdraws a waiting or answered request (deleting its ciphertext); its status, null when unknown. */
  revoke(id: string, fetchHash: Buffer, now: number): Promise<RequestStatus | null>;
  /** Deletes ciphertext of expired requests and tombstones past their time; returns how many requests. */
  sweep(now: number): Promise<number>;
}

/** The state a requester or answerer sees, with expiry applied at the time of asking. */
export function effectiveRequestState(state: RequestState, expiresAt: number, now: number): RequestState {
  return (state === 'waiting' || state === 'answered') && expiresAt <= now ? 'expired' : state;
}

/** Since when a request is in `state` (null while waiting). */
export function stateSince(state: RequestState, times: { expiresAt: number; answeredAt: number | null; readAt: number | null; revokedAt: number | null }): number | null {
  switch (state) {
    case 'waiting': return null;
    case 'answered': return times.answeredAt;
    case 'read': return times.readAt;
    case 'expired': return times.expiresAt;
    case 'revoked': return times.revokedAt;
  }
}

/** The expiry of an answered request: the request's lifetime again, counted from the answer. */
export const answerExpiry = (createdAt: number, expiresAt: number, answeredAt: number) => answeredAt + (expiresAt - createdAt);
