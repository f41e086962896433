// Sentences about a request's state, shared by the server's error bodies and the clients.
import type { ClosedRequestState } from './protocol';

export const REQUEST_NOT_FOUND_MESSAGE =
  'There is no request at this link. It may have been answered, expired or withdrawn, or the link is incomplete.';

/** Why a request can no longer be answered, as the answerer is told. */
export const REQUEST_CLOSED_MESSAGES: Record<ClosedRequestState, string> = {
  answered: 'This request was already answered. A request takes one answer only: if that was not you, tell the person who asked.',
  read: 'This request was already answered, and the answer was read. A request takes one answer only.',
  expired: 'This request expired. Ask the person who sent it for a new request link.',
  revoked: 'The person who asked withdrew this request. Ask them for a new link if they still need the secret.',
};

/** Why an answer can no longer be fetched, as the requester is told. */
export const ANSWER_GONE_MESSAGES: Record<ClosedRequestState, string> = {
  answered: 'The answer is waiting.',
  read: 'This answer was already revealed: it could be revealed once, and is now deleted.',
  expired: 'This request expired before its answer was revealed. Ask again with a new request.',
  revoked: 'You withdrew this request: its answer, if any, was deleted.',
};

export const NOT_ANSWERED_MESSAGE = 'Nobody has answered this request yet.';
