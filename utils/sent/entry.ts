// The sender's history of created links: what is needed to show read receipts and to revoke.
// It holds the manage token (status and revoke) but never the link key, the link or the secret.
import { z } from 'zod/mini';
import { NoteId, NoteState, Token, type NoteStatus } from '../core/protocol';
import { LABEL_MAX, shownState } from './wording';
import { mergeRefresh } from '../merge-refresh';

/** Entries are forgotten this long after they expire. */
export const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;

export const SentNote = z.strictObject({
  server: z.url(),
  id: NoteId,
  manageToken: Token,
  /** Typed by the sender, kept only here, never sent. */
  label: z.string().check(z.maxLength(LABEL_MAX)),
  createdAt: z.int(),
  expiresAt: z.int(),
  maxReads: z.int().check(z.minimum(1)),
  /** Last known state from the server. */
  state: NoteState,
  reads: z.int().check(z.minimum(0)),
  readAt: z.nullable(z.int()),
  /** When the server was last asked. */
  checkedAt: z.nullable(z.int()),
});
export type SentNote = z.infer<typeof SentNote>;

export type NewSentNote = Pick<SentNote, 'server' | 'id' | 'manageToken' | 'label' | 'createdAt' | 'expiresAt' | 'maxReads'>;

/**
 * A history entry for a freshly created note. Validates strictly: an object carrying anything
 * else (a key, the link, the plaintext) is refused rather than stored.
 */
export function sentEntry(note: NewSentNote): SentNote {
  return SentNote.parse({ ...note, state: 'pending', reads: 0, readAt: null, checkedAt: null });
}

/** Drops entries a week past their expiry. */
export function prune(entries: SentNote[], now: number): SentNote[] {
  return entries.filter((e) => e.expiresAt + PRUNE_AFTER_MS > now);
}

export function isWaiting(entry: SentNote, now: number): boolean {
  return shownState(entry, now) === 'pending';
}

/** Applies a server status to an entry (null: the server no longer knows it). */
export function applyStatus(entry: SentNote, status: NoteStatus | null, now: number): SentNote {
  if (status === null) {
    // Swept by the server: it can only have expired or been read before; keep what we knew.
    return { ...entry, state: shownState(entry, now), checkedAt: now };
  }
  return { ...entry, state: status.state, reads: status.reads, readAt: status.readAt, checkedAt: now };
}

/** Groups entries by server, so each server gets one batch request. */
export function byServer(entries: SentNote[]): Map<string, SentNote[]> {
  const groups = new Map<string, SentNote[]>();
  for (const e of entries) groups.set(e.server, [...(groups.get(e.server) ?? []), e]);
  return groups;
}

/** Which link an entry is: note ids are only unique per server. */
export interface SentRef {
  server: string;
  id: string;
}

export const isSent = (ref: SentRef) => (entry: SentRef): boolean => entry.server === ref.server && entry.id === ref.id;

const refKey = (entry: SentRef) => `${entry.server} ${entry.id}`;
const sameStatus = (a: SentNote, b: SentNote) =>
  a.state === b.state && a.reads === b.reads && a.readAt === b.readAt && a.checkedAt === b.checkedAt;

/**
 * Folds a refresh that started from `before` into the history as it is now (`current`): an entry
 * added, revoked or forgotten while the servers were being asked keeps that change; the others
 * take the refreshed state, and those the refresh pruned go.
 */
export const mergeRefreshed = (before: SentNote[], refreshed: SentNote[], current: SentNote[]): SentNote[] =>
  mergeRefresh(before, refreshed, current, refKey, sameStatus);
