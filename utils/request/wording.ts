// How the popup words a request's state. No zod and no API client here: the popup imports this
// file, and its bundle stays small.
import type { RequestState } from '../core/request/protocol';
import type { Translator } from '../i18n/translate';
import { sameDay, serverHost, shortDuration } from '../sent/wording';

interface StateOf {
  state: RequestState;
  expiresAt: number;
}

/** The state to show now: an open request past its expiry is expired even before the server says so. */
export function shownRequestState(entry: StateOf, now: number): RequestState {
  return (entry.state === 'waiting' || entry.state === 'answered') && entry.expiresAt <= now ? 'expired' : entry.state;
}

/** How a state looks: waiting for an answer, an answer to reveal, done, or ended without one. */
export type RequestTone = 'waiting' | 'answered' | 'read' | 'ended';

export interface RequestStatusText {
  tone: RequestTone;
  /** "Waiting · expires in 5 h", "Answered at 10:42 · reveal within 23 h", ... */
  text: string;
}

interface Entry extends StateOf {
  answeredAt: number | null;
  readAt: number | null;
}

/** What became of a request, as the Requests view says it. */
export function requestStatus(tr: Translator, entry: Entry, now: number): RequestStatusText {
  const { t } = tr;
  const at = (time: number, today: 'request.answeredAt' | 'request.revealedAt', other: 'request.answeredOn' | 'request.revealedOn') =>
    t(sameDay(time, now) ? today : other, { time: tr.clockTime(time, now) });
  const answered = entry.answeredAt === null ? t('request.answered') : at(entry.answeredAt, 'request.answeredAt', 'request.answeredOn');
  const left = shortDuration(tr, entry.expiresAt - now);
  switch (shownRequestState(entry, now)) {
    case 'waiting':
      return { tone: 'waiting', text: t('request.waiting', { left }) };
    case 'answered':
      return { tone: 'answered', text: t('request.revealWithin', { answered, left }) };
    case 'read':
      return { tone: 'read', text: entry.readAt === null ? t('request.revealed') : at(entry.readAt, 'request.revealedAt', 'request.revealedOn') };
    case 'expired':
      return { tone: 'ended', text: entry.answeredAt === null ? t('request.expiredUnanswered') : t('request.expiredUnrevealed', { answered }) };
    case 'revoked':
      return { tone: 'ended', text: entry.answeredAt === null ? t('request.withdrawn') : t('request.withdrawnUnrevealed', { answered }) };
  }
}

/** The first line of a request's note, shortened for a list row; undefined when it has none. */
export function noteTitle(note: string): string | undefined {
  const firstLine = note.split('\n')[0]?.trim() ?? '';
  if (!firstLine) return undefined;
  return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
}

/** The name of a request in the popup's list: its note, or when it was made. */
export function requestListTitle(tr: Translator, entry: { note: string; createdAt: number }, now: number): string {
  return noteTitle(entry.note) ?? tr.t('request.untitled', { time: tr.clockTime(entry.createdAt, now) });
}

/** One quiet line about a server that could not be asked: its requests keep their last known state. */
export function requestRefreshIssue({ t }: Translator, failure: { server: string; code: string }): string {
  const host = serverHost(failure.server);
  return t(failure.code === 'unreachable' ? 'request.unreachable' : 'request.noStatus', { host });
}

/** A request that could not be made, in the requester's language; the fixes are in Burnlink's options. */
export function askErrorText({ t }: Translator, error: { code: string; message: string }, server: string | undefined): string {
  const host = server ? serverHost(server) : '';
  switch (error.code) {
    case 'unreachable': return t('share.unreachable', { host });
    case 'bad_response': return t('share.badResponse', { host });
    case 'not_found': return t('request.serverTooOld', { host });
    case 'unauthorized': return t('request.unauthorized');
    case 'rate_limited': return t('share.rateLimited');
    case 'no_background': return t('popup.noAnswerRequest');
    default: return error.message;
  }
}
