// How the Sent view words a sent link's state, in the reader's language. No zod and no API client
// here: the popup imports this file, and its bundle stays small.
import type { SentNote } from './entry';
import type { RefreshFailure } from './refresh';
import type { Translator } from '../i18n/translate';

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
export function shortDuration({ plural, t }: Translator, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('sent.underAMinute');
  if (minutes < 100) return plural('sent.minutesShort', minutes);
  const hours = Math.round(ms / 3_600_000);
  if (hours < 36) return plural('sent.hoursShort', hours);
  return plural('sent.daysShort', Math.round(ms / 86_400_000));
}

/** Whether `at` falls on the same day as `now`: "at 10:42" rather than "on 27 Nov, 10:42". */
export function sameDay(at: number, now: number): boolean {
  return new Date(at).toDateString() === new Date(now).toDateString();
}

/** The name of a link in the list: its label, or when it was created. */
export function sentTitle(tr: Translator, entry: Pick<SentNote, 'label' | 'createdAt'>, now: number): string {
  return entry.label || tr.t('sent.untitled', { time: tr.clockTime(entry.createdAt, now) });
}

/** What became of a sent link, as the Sent view says it. */
export function sentStatus(tr: Translator, entry: SentNote, now: number): SentStatus {
  const { t, plural } = tr;
  const reads = plural('sent.readsOf', entry.maxReads, { reads: entry.reads });
  switch (shownState(entry, now)) {
    case 'pending': {
      const left = shortDuration(tr, entry.expiresAt - now);
      return { tone: 'waiting', revocable: true, text: entry.reads === 0 ? t('sent.waiting', { left }) : t('sent.partlyRead', { reads, left }) };
    }
    case 'read': {
      const time = entry.readAt === null ? '' : tr.clockTime(entry.readAt, now);
      const read = entry.readAt === null ? t('sent.read') : t(sameDay(entry.readAt, now) ? 'sent.readAt' : 'sent.readOn', { time });
      return { tone: 'read', revocable: false, text: entry.maxReads === 1 ? read : t('sent.readWithReads', { read, reads }) };
    }
    case 'expired':
      return { tone: 'ended', revocable: false, text: entry.reads === 0 ? t('sent.expiredUnread') : t('sent.expiredAfter', { reads }) };
    case 'revoked':
      return { tone: 'ended', revocable: false, text: entry.reads === 0 ? t('sent.revoked') : t('sent.revokedAfter', { reads }) };
    case 'destroyed':
      return { tone: 'destroyed', revocable: false, text: t('sent.destroyed') };
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
export function refreshIssue({ t }: Translator, failure: Pick<RefreshFailure, 'server' | 'code'>): string {
  const host = serverHost(failure.server);
  return t(failure.code === 'unreachable' ? 'sent.unreachable' : 'sent.noStatus', { host });
}
