// Limits of request-a-secret that zod-free code (the popup) needs too.

/** The most bytes of UTF-8 a requester's note may have: it always fits a 512-byte padding bucket. */
export const REQUEST_NOTE_MAX_BYTES = 500;
