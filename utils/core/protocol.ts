// The wire protocol of the note server: the single source of truth for clients and server.
// docs/PROTOCOL.md describes the same shapes in prose.
import { z } from 'zod/mini';
import { base64urlPattern, hasCanonicalEnd } from './base64url';

// Extension pages forbid eval; zod 4 would otherwise compile validators with `new Function`.
// zod/mini (small enough for the background script) has no messages of its own: the English ones
// are what people see in the server's 400s and in the organisation-settings problems.
z.config({ jitless: true, ...z.locales.en() });

export const PROTOCOL_VERSION = 1;
/** The most reads a sender may allow for one note. */
export const MAX_READS_LIMIT = 10;
/** Wrong passphrase attempts after which the server destroys a note. */
export const MAX_PASSPHRASE_ATTEMPTS = 20;
/** Wrong passphrase attempts a reader may make in a row before the note locks. */
export const FREE_PASSPHRASE_ATTEMPTS = 3;
/** The lock after the last free attempt; each later wrong attempt doubles it, up to the maximum. */
export const LOCKOUT_BASE_SECONDS = 60;
export const LOCKOUT_MAX_SECONDS = 3600;

export interface PassphraseLockout {
  /** Wrong attempts still allowed before the note is destroyed (0: it is destroyed). */
  attemptsLeft: number;
  /** Until when (ms since the epoch) no attempt is checked or counted; null when not locked. */
  lockedUntil: number | null;
}

/**
 * What the `wrongAttempts`-th wrong passphrase, made at `at` (ms), does to a note: from the
 * FREE_PASSPHRASE_ATTEMPTS-th on it locks the note for LOCKOUT_BASE_SECONDS × 2^(wrong − free),
 * at most LOCKOUT_MAX_SECONDS (60 s, 120 s, 240 s, … 3600 s); the MAX_PASSPHRASE_ATTEMPTS-th
 * destroys it. Server and clients compute it here, so they show the same numbers.
 */
export function passphraseLockout(wrongAttempts: number, at: number): PassphraseLockout {
  const attemptsLeft = Math.max(0, MAX_PASSPHRASE_ATTEMPTS - wrongAttempts);
  if (wrongAttempts < FREE_PASSPHRASE_ATTEMPTS || attemptsLeft === 0) return { attemptsLeft, lockedUntil: null };
  const seconds = Math.min(LOCKOUT_MAX_SECONDS, LOCKOUT_BASE_SECONDS * 2 ** (wrongAttempts - FREE_PASSPHRASE_ATTEMPTS));
  return { attemptsLeft, lockedUntil: at + seconds * 1000 };
}

/**
 * Exactly `bytes` bytes as canonical base64url (RFC 4648 §5, no padding, unused low bits of the
 * last character zero): one spelling per value, so a token matches only itself.
 */
export function base64urlBytes(bytes: number) {
  const length = Math.ceil((bytes * 4) / 3);
  const message = `must be ${length} characters of canonical base64url (${bytes} bytes)`;
  return z.string().check(z.length(length, message), z.regex(new RegExp(`^${base64urlPattern(bytes)}$`), message));
}

/** Base64url of any length (a ciphertext), canonical: refused when another spelling was used. */
export function base64urlText(minLength: number, maxLength?: number) {
  const text = z.string().check(z.minLength(minLength, `must be at least ${minLength} characters of base64url`));
  return (maxLength === undefined ? text : text.check(z.maxLength(maxLength, `must be at most ${maxLength} characters of base64url`))).check(
    z.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url (A-Z, a-z, 0-9, - and _, no padding)'),
    z.refine(hasCanonicalEnd, 'must be canonical base64url: its length is impossible, or the unused low bits of its last character are not zero'),
  );
}

const base64url = base64urlBytes;

/** Note id: 128 random bits, base64url (22 characters). */
export const NoteId = base64url(16);
/** A 256-bit token (read token, key proof, manage token), base64url (43 characters). */
export const Token = base64url(32);

const KdfName = z.enum(['hkdf-sha256', 'pbkdf2-sha256']);

/** The encrypted note as stored by the server. The server cannot read any of it. */
export const Envelope = z.strictObject({
  v: z.literal(1),
  alg: z.literal('A256GCM'),
  /** `hkdf-sha256`: link key only; `pbkdf2-sha256`: link key and a stretched passphrase. */
  kdf: KdfName,
  /**
   * PBKDF2 iterations, present exactly when kdf is pbkdf2-sha256. Fixed in format v1: a reader
   * derives its read token before it has the envelope, so the count cannot vary per note.
   */
  iter: z.optional(z.literal(600_000)),
  /** 96-bit AES-GCM nonce. */
  iv: base64url(12),
  /** AES-256-GCM ciphertext of the padded plaintext, with its 128-bit tag. */
  ct: base64urlText(22),
}).check(z.refine((e) => (e.kdf === 'pbkdf2-sha256') === (e.iter !== undefined), {
  message: 'iter is required with pbkdf2-sha256 and forbidden otherwise',
  path: ['iter'],
}));
export type Envelope = z.infer<typeof Envelope>;

export const CreateNoteRequest = z.strictObject({
  envelope: Envelope,
  /** Seconds until the note expires; one of the server's `expiryChoices`. */
  expiresIn: z.int().check(z.positive()),
  maxReads: z._default(z.int().check(z.minimum(1), z.maximum(MAX_READS_LIMIT)), 1),
  /** HKDF of the link key alone: proves the key without revealing it. */
  keyProof: Token,
  /** HKDF of the link key (and stretched passphrase): required to consume. */
  readToken: Token,
});
export type CreateNoteRequest = z.input<typeof CreateNoteRequest>;

export const CreateNoteResponse = z.object({
  id: NoteId,
  /** Random secret for status and revoke; returned only here, stored by the server as a hash. */
  manageToken: Token,
  createdAt: z.int(),
  expiresAt: z.int(),
  maxReads: z.int(),
});
export type CreateNoteResponse = z.infer<typeof CreateNoteResponse>;

export const ConsumeRequest = z.strictObject({ keyProof: Token, readToken: Token });
export type ConsumeRequest = z.infer<typeof ConsumeRequest>;

export const ConsumeResponse = z.object({
  envelope: Envelope,
  /** Reads still allowed after this one; 0 means the ciphertext is now deleted. */
  readsLeft: z.int().check(z.minimum(0)),
});
export type ConsumeResponse = z.infer<typeof ConsumeResponse>;

export const PeekRequest = z.strictObject({ keyProof: Token });

/** The states a note ends in, once it cannot be read any more (ErrorBody's `state` with `gone`). */
const ENDED_STATES = ['read', 'expired', 'revoked', 'destroyed'] as const;
/** `destroyed`: too many wrong passphrases. */
export const NoteState = z.enum(['pending', ...ENDED_STATES]);
export type NoteState = z.infer<typeof NoteState>;

/** What a holder of the link key may learn without consuming (side-effect free). */
export const PeekResponse = z.object({
  state: NoteState,
  expiresAt: z.int(),
  readsLeft: z.int().check(z.minimum(0)),
  passphrase: z.boolean(),
  /**
   * Until when wrong passphrases keep the note locked (no attempt is checked before then); null
   * when it is not locked. Servers before the lockouts do not send it.
   */
  lockedUntil: z._default(z.nullable(z.int()), null),
  /** Wrong passphrase attempts left before the note is destroyed. */
  attemptsLeft: z._default(z.int().check(z.minimum(0)), MAX_PASSPHRASE_ATTEMPTS),
  /**
   * When the note left `pending`: read, expired, revoked or destroyed at this time; null while it
   * is pending or where the server does not know. Servers before it do not send it.
   */
  at: z._default(z.nullable(z.int()), null),
});
export type PeekResponse = z.infer<typeof PeekResponse>;

/** What the sender (holder of the manage token) may learn. Nothing about the reader. */
export const NoteStatus = z.object({
  id: NoteId,
  state: NoteState,
  createdAt: z.int(),
  expiresAt: z.int(),
  reads: z.int().check(z.minimum(0)),
  maxReads: z.int(),
  /** Time of the last read, when there was one. */
  readAt: z.nullable(z.int()),
  /** Time of the revoke, when revoked. */
  revokedAt: z.nullable(z.int()),
});
export type NoteStatus = z.infer<typeof NoteStatus>;

export const BATCH_STATUS_LIMIT = 100;
export const BatchStatusRequest = z.strictObject({
  notes: z.array(z.strictObject({ id: NoteId, manageToken: Token })).check(z.minLength(1), z.maxLength(BATCH_STATUS_LIMIT)),
});
export type BatchStatusRequest = z.infer<typeof BatchStatusRequest>;
/** One entry per requested id, in order; null where the id is unknown or the token is wrong. */
export const BatchStatusResponse = z.object({ statuses: z.array(z.nullable(NoteStatus)) });
export type BatchStatusResponse = z.infer<typeof BatchStatusResponse>;

export const Health = z.object({
  service: z.literal('burnlink'),
  protocol: z.literal(PROTOCOL_VERSION),
  ok: z.boolean(),
  store: z.string(),
  /** Largest secret accepted, in bytes of UTF-8 (the server checks the padded ciphertext's bucket). */
  maxNoteBytes: z.int().check(z.positive()),
  /** Expiry choices in seconds, shortest first. */
  expiryChoices: z.array(z.int().check(z.positive())).check(z.minLength(1)),
  defaultExpiry: z.int().check(z.positive()),
  maxReads: z.int().check(z.positive()),
  /** Whether creating a note needs the operator's create token. */
  createTokenRequired: z.boolean(),
  /**
   * Whether the server's own page (`/`) lets people create notes in their browser. Off, notes
   * come only from clients such as the extension. Servers before the page do not send it: read as on.
   */
  webCreate: z.optional(z.boolean()),
});
export type Health = z.infer<typeof Health>;

export const ErrorCode = z.enum([
  'bad_request',
  'not_found',
  'gone',
  'wrong_passphrase',
  'locked',
  'too_large',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'method_not_allowed',
  'storage_full',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every error response has this body. */
export const ErrorBody = z.object({
  error: ErrorCode,
  /** A sentence for people. */
  message: z.string(),
  /** With `gone`: why the note cannot be read any more, and since when. */
  state: z.optional(z.enum(ENDED_STATES)),
  at: z.optional(z.nullable(z.int())),
  /** With `wrong_passphrase`: attempts left before the note is destroyed. */
  attemptsLeft: z.optional(z.int().check(z.minimum(0))),
  /**
   * With `wrong_passphrase`: until when the note is now locked (null: the next attempt may come at
   * once). With `locked`: until when it stays locked.
   */
  lockedUntil: z.optional(z.nullable(z.int())),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * The header of a note's payload in format 2 (text and files), inside the encryption: the server
 * never sees it. Readers ignore fields they do not know; a change that older readers must not
 * misread gets a new format number instead.
 */
export const PayloadHeader = z.object({
  text: z.string(),
  files: z.array(z.object({
    name: z.string().check(z.minLength(1), z.maxLength(1024)),
    type: z.string().check(z.maxLength(1024)),
    size: z.int().check(z.minimum(0)),
  })).check(z.maxLength(1000)),
});
export type PayloadHeader = z.infer<typeof PayloadHeader>;
