// Sentences about a note's state, shared by the server's error bodies and the clients.
import type { NoteState } from './protocol';

export const NOT_FOUND_MESSAGE =
  'There is no note at this link. It may have been read, expired or revoked, or the link is incomplete.';

export const GONE_MESSAGES: Record<Exclude<NoteState, 'pending'>, string> = {
  read: 'This note was already read. It could be read only once: ask the sender for a new link.',
  expired: 'This note expired before anyone read it. Ask the sender for a new link.',
  revoked: 'The sender revoked this link. Ask them for a new one.',
  destroyed: 'This note was destroyed after too many wrong passphrases. Ask the sender for a new link.',
};
