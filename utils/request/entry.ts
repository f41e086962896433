// The requester's list of requests made in this browser: what is needed to show their state, to
// fetch an answer and to withdraw them. It holds the fetch token, never a key, the link or an answer:
// the key pair lives in IndexedDB (keys.ts), the answer only in the reveal UI while it is shown.
import { z } from 'zod/mini';
import { Token } from '../core/protocol';
import { REQUEST_NOTE_MAX_BYTES } from '../core/request/limits';
import { RequestId, RequestState, type RequestStatus } from '../core/request/protocol';
import { shownRequestState } from './wording';

/** Entries are forgotten this long after they end (expire, are read or withdrawn). */
export const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;

export const RequestEntry = z.strictObject({
  server: z.url(),
  id: RequestId,
  /** Status, fetch and revoke: returned once by the server, kept only here. */
  fetchToken: Token,
  /** The requester's note, as typed (the server holds it only encrypted, and only until answered). */
  note: z.string().check(z.maxLength(REQUEST_NOTE_MAX_BYTES)),
  createdAt: z.int(),
  expiresAt: z.int(),
  /** Last known state from the server. */
  state: RequestState,
  answeredAt: z.nullable(z.int()),
  readAt: z.nullable(z.int()),
  /** When the server was last asked. */
  checkedAt: z.nullable(z.int()),
});
export type RequestEntry = z.infer<typeof RequestEntry>;

export type NewRequestEntry = Pick<RequestEntry, 'server' | 'id' | 'fetchToken' | 'note' | 'createdAt' | 'expiresAt'>;

/** Which request an entry is: ids are only unique per server. */
export interface RequestRef {
  server: string;
  id: string;
}

export const isRequest = (ref: RequestRef) => (entry: RequestRef): boolean => entry.server === ref.server && entry.id === ref.id;
export const refKey = (ref: RequestRef) => `${ref.server} ${ref.id}`;

/**
 * A list entry for a request just made. Validates strictly: an object carrying anything else (a
 * key, the link, an answer) is refused rather than stored.
 */
export function requestEntry(request: NewRequestEntry): RequestEntry {
  return RequestEntry.parse({ ...request, state: 'waiting', answeredAt: null, readAt: null, checkedAt: null });
}

/** Whether the server may still change the request's state (so it is worth asking). */
export function isOpen(entry: Pick<RequestEntry, 'state' | 'expiresAt'>, now: number): boolean {
  const state = shownRequestState(entry, now);
  return state === 'waiting' || state === 'answered';
}

/** Applies a server status to an entry (null: the server no longer knows it). */
export function applyRequestStatus(entry: RequestEntry, status: RequestStatus | null, now: number): RequestEntry {
  if (status === null) return { ...entry, state: shownRequestState(entry, now), checkedAt: now };
  return {
    ...entry,
    state: status.state,
    expiresAt: status.expiresAt,
    answeredAt: status.answeredAt,
    readAt: status.readAt,
    checkedAt: now,
  };
}

/** Drops entries a week after they ended. */
export function pruneRequests(entries: RequestEntry[], now: number): RequestEntry[] {
  return entries.filter((e) => isOpen(e, now) || Math.max(e.expiresAt, e.readAt ?? 0) + PRUNE_AFTER_MS > now);
}
