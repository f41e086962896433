// How the Sent view words a sent link's state. No zod and no API client here: the
// popup imports this file, and its bundle stays small.
import type { SentNote } from './entry';
import type { RefreshFailure, Transition } from './refresh';
import { clockTime } from '../core/format';

/** The longest label a sender may give a link (it stays in this browser). */
export const LABEL_MAX = 80;

type StateOf = Pick<SentNote, 'state' | 'expiresAt'>;

/** The state to show now: a pending entry past its expiry is expired even before the server says so. */
export function shownState(entry: StateOf, now: number): SentNote['state'] {
  return entry.state === 'pending' && entry.expiresAt <= now ? 'expired' : entry.state;
}

/** How a state looks: waiting (can still be read), read, ended (expired, revoked) or destroyed. */
export type SentTone = 'waiting' | 'read' | 'ended' | 'destroyed';

export interface SentStatus {
  tone: SentTone;
  /** "Waiting · expires in 5 h", "Read at 10:42", "2 of 3 reads · expires in 5 h", "Expired unread". */
  text: string;
  /** Whether the sender can still revoke it. */
  revocable: boolean;
}

/** "5 h", "45 min", "3 d", "under a minute": time left, short enough for a list row. */
export function shortDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 100) return `${minutes} min`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 36) return `${hours} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** "at 10:42" today, "on 27 Nov, 10:42" another day. */
function when(at: number, now: number, locale?: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return `${sameDay ? 'at' : 'on'} ${clockTime(at, now, locale)}`;
}

/** The name of a link in the list and in receipts: its label, or when it was created. */
export function sentTitle(entry: Pick<SentNote, 'label' | 'createdAt'>, now: number, locale?: string): string {
  return entry.label || `Link created ${clockTime(entry.createdAt, now, locale)}`;
}

/** What became of a sent link, as the Sent view says it. */
export function sentStatus(entry: SentNote, now: number, locale?: string): SentStatus {
  const reads = `${entry.reads} of ${entry.maxReads} reads`;
  switch (shownState(entry, now)) {
    case 'pending': {
      const expires = `expires in ${shortDuration(entry.expiresAt - now)}`;
      return { tone: 'waiting', revocable: true, text: entry.reads === 0 ? `Waiting · ${expires}` : `${reads} · ${expires}` };
    }
    case 'read': {
      const at = entry.readAt === null ? 'Read' : `Read ${when(entry.readAt, now, locale)}`;
      return { tone: 'read', revocable: false, text: entry.maxReads === 1 ? at : `${at} · ${reads}` };
    }
    case 'expired':
      return { tone: 'ended', revocable: false, text: entry.reads === 0 ? 'Expired unread' : `Expired after ${reads}` };
    case 'revoked':
      return { tone: 'ended', revocable: false, text: entry.reads === 0 ? 'Revoked' : `Revoked after ${reads}` };
    case 'destroyed':
      return { tone: 'destroyed', revocable: false, text: 'Destroyed (wrong passphrases)' };
  }
}

/** "notes.example.com" for "https://notes.example.com/". */
export function serverHost(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

/** One quiet line about a server that could not be asked: its links keep their last known state. */
export function refreshIssue(failure: Pick<RefreshFailure, 'server' | 'code'>): string {
  const host = serverHost(failure.server);
  return failure.code === 'unreachable'
    ? `Could not reach ${host}: its links show their last known state.`
    : `${host} did not answer the status check: its links show their last known state.`;
}

/** The sentence of a read receipt notification. */
export function receiptMessage({ entry, kind }: Transition, now: number): string {
  const name = entry.label ? `'${entry.label}'` : `created ${clockTime(entry.createdAt, now)}`;
  if (kind === 'expired') return `Your link ${name} expired unread.`;
  if (kind === 'destroyed') return `Your link ${name} was destroyed after too many wrong passphrases. Nobody read it.`;
  const at = entry.readAt === null ? '' : ` at ${clockTime(entry.readAt, now)}`;
  const of = entry.maxReads > 1 ? ` (${entry.reads} of ${entry.maxReads} reads)` : '';
  return `Your link ${name} was read${at}${of}.`;
}
