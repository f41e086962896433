// How the popup words a request's state. No zod and no API client here: the popup imports this
// file, and its bundle stays small.
import { clockTime } from '../core/format';
import type { RequestState } from '../core/request/protocol';
import { serverHost, shortDuration } from '../sent/wording';

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

/** "at 10:42" today, "on 27 Nov, 10:42" another day. */
function when(at: number, now: number, locale?: string): string {
  return `${new Date(at).toDateString() === new Date(now).toDateString() ? 'at' : 'on'} ${clockTime(at, now, locale)}`;
}

/** What became of a request, as the Requests view says it. */
export function requestStatus(entry: Entry, now: number, locale?: string): RequestStatusText {
  const answered = entry.answeredAt === null ? 'Answered' : `Answered ${when(entry.answeredAt, now, locale)}`;
  switch (shownRequestState(entry, now)) {
    case 'waiting':
      return { tone: 'waiting', text: `Waiting · expires in ${shortDuration(entry.expiresAt - now)}` };
    case 'answered':
      return { tone: 'answered', text: `${answered} · reveal within ${shortDuration(entry.expiresAt - now)}` };
    case 'read':
      return { tone: 'read', text: entry.readAt === null ? 'Answer revealed' : `Answer revealed ${when(entry.readAt, now, locale)}` };
    case 'expired':
      return { tone: 'ended', text: entry.answeredAt === null ? 'Expired without an answer' : `${answered} · expired unrevealed` };
    case 'revoked':
      return { tone: 'ended', text: entry.answeredAt === null ? 'Withdrawn' : `${answered} · withdrawn unrevealed` };
  }
}

/** The name of a request in the list and in notifications: its note, or when it was made. */
export function requestTitle(entry: { note: string; createdAt: number }, now: number, locale?: string): string {
  const firstLine = entry.note.split('\n')[0]?.trim() ?? '';
  if (firstLine) return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
  return `Request made ${clockTime(entry.createdAt, now, locale)}`;
}

/** The sentence of the notification when an answer arrives. */
export function answerNotice(entry: { note: string; createdAt: number; answeredAt: number | null }, now: number): string {
  const at = entry.answeredAt === null ? '' : ` at ${clockTime(entry.answeredAt, now)}`;
  return `Someone answered '${requestTitle(entry, now)}'${at}. Open Burnlink to reveal it, and check with the person you asked that it came from them.`;
}

/** What the requester must keep in mind about any answer: the link's holder could have sent it. */
export const CHECK_WITH_SENDER =
  'Whoever holds the request link can answer it. Before you use the answer, check with the person you asked that it came from them.';

/** One quiet line about a server that could not be asked: its requests keep their last known state. */
export function requestRefreshIssue(failure: { server: string; code: string }): string {
  const host = serverHost(failure.server);
  return failure.code === 'unreachable'
    ? `Could not reach ${host}: its requests show their last known state.`
    : `${host} did not answer the status check: its requests show their last known state.`;
}
