// One interface for every tool whose one-time links Burnlink can reveal: recognise a link, check
// it without touching it where the tool allows that, then open it on a click and decrypt it here.
// A reader holds what it fetched in memory, so a password retry never fetches (and burns) again.
import type { Result } from '../../core/result';
import type { MessageKey, PluralKey } from '../../i18n/translate';

/** Values of a sentence's {placeholders}; a list is joined as the language joins one ("a and b"). */
export type WordParams = Record<string, string | number | string[]>;

/**
 * A sentence as the catalogues hold it (locales/), drawn in the person's language: a message, or
 * a plural chosen by `count`. Readers give these beside their English sentence.
 */
export type Words =
  | { key: MessageKey; params?: WordParams }
  | { plural: PluralKey; count: number; params?: WordParams };

export type ToolId = 'burnlink' | 'privatebin' | 'yopass' | 'cryptgeon' | 'hemmelig' | 'bitwarden-send';

/** What a reader needs from its surroundings; passed in, never taken from globals. */
export interface ReaderEnv {
  fetch: typeof fetch;
  /** Milliseconds before one request is abandoned (default 20 s). */
  timeoutMs?: number;
}

/** Whether the extension page can read the tool's API without a host permission, and why. */
export interface Access {
  /** Origins the reader sends requests to, e.g. `https://api.bitwarden.com`. */
  origins: string[];
  /**
   * `open`: the tool answers any origin (CORS) for the requests this reader makes.
   * `permission`: the browser blocks the answer unless the person grants access to `origins`.
   */
  cors: 'open' | 'permission';
  /** One sentence for the person: why access is or is not needed. */
  why: string;
  /** The same, in the catalogues. */
  whyWords?: Words;
}

export type ReaderErrorCode =
  /** A password is needed before (or, for PrivateBin, after) the fetch: ask for it. */
  | 'password_needed'
  /** The typed password does not open it; what was fetched is kept for another try. */
  | 'wrong_password'
  /** Already read, expired, deleted, or never there. */
  | 'gone'
  /** No answer: offline, the server is down, or the browser blocked it (CORS). */
  | 'unreachable'
  /** The tool refused (sign-in, IP restriction, emailed code): it must be opened on its own site. */
  | 'denied'
  /** The answer is not what this tool sends. */
  | 'bad_response'
  /** The ciphertext does not decrypt or authenticate with the link's key: damaged or tampered. */
  | 'damaged'
  /** Too many wrong passwords for now: nothing was tried; `lockedUntil` says when it may be. */
  | 'locked'
  /** A kind of secret this reader does not open; `site` says where to open it. */
  | 'unsupported';

export interface ReaderError {
  code: ReaderErrorCode;
  /** A plain sentence saying what happened and what to do (English). */
  message: string;
  /** The same sentence in the catalogues, where the reader has it: shown in the person's language. */
  words?: Words;
  /** Where to open it on its own site instead, when that is the way out. */
  site?: string;
  /** With `gone`: what became of it and since when, where the tool says. */
  gone?: Gone;
  /** With `wrong_password` and `locked`: tries left before the tool destroys it, where it counts them. */
  attemptsLeft?: number;
  /** With `wrong_password` and `locked`: no password is tried before this time (ms since epoch); null: none. */
  lockedUntil?: number | null;
}

/** Why a secret can no longer be read. `unknown`: the tool only says it is not there. */
export interface Gone {
  state: 'read' | 'expired' | 'revoked' | 'destroyed' | 'unknown';
  /** When that happened (ms since epoch), where the tool says. */
  at?: number | null;
}

/** The answer of a non-destructive check. */
export interface Precheck {
  /** False when the tool has no safe way to ask (PrivateBin): nothing was requested. */
  checked: boolean;
  /** Known before the fetch: the secret needs a password the link does not hold. */
  passwordNeeded?: boolean;
  /** Reads left, when the tool says; null for "no limit, until it expires". */
  views?: number | null;
  /** A sentence saying what the check found, e.g. "The secret is there and can be read once." */
  message: string;
  /** When it expires (ms since epoch), where the tool says. */
  expiresAt?: number;
  /** Wrong passwords still allowed before the tool destroys it, where it counts them. */
  attemptsLeft?: number;
  /** No password is tried before this time (ms since epoch), after wrong ones; null or absent: none. */
  lockedUntil?: number | null;
}

export interface RevealedFile {
  name: string;
  /** As the sender's browser labelled it; never trusted for display. */
  type: string;
  bytes: Uint8Array;
}

export interface Revealed {
  /** The secret text, always to be shown as text (never as HTML or rendered markdown). */
  text?: string;
  /** How the tool meant the text: `html` was converted to plain text, `markdown`/`code` are shown raw. */
  format: 'text' | 'markdown' | 'code' | 'html';
  files: RevealedFile[];
  /** A title the sender gave, if any (Hemmelig, Bitwarden Send's name). */
  title?: string;
  /** PrivateBin discussion comments, decrypted with the same key. */
  comments?: Array<{ nickname: string; text: string }>;
  /** The sender asked to mask the text until the person chooses to see it (Bitwarden Send). */
  hidden?: boolean;
  /** Sentences about what happened on the server, e.g. "PrivateBin deleted this paste." */
  notes: string[];
  /** The same notes in the catalogues, where the reader has them: shown in place of `notes`. */
  noteWords?: Words[];
}

/** A recognised link: what can be said about it before anything is requested. */
export interface ForeignLink {
  tool: ToolId;
  /** The tool's name as people know it. */
  toolName: string;
  /** The link as recognised; also where to open it on its own site. */
  href: string;
  /** Host of the tool's page, shown to the person (`paste.example.org`). */
  host: string;
  /** The secret's id, for display (shortened by the UI). */
  noteId: string;
  /** From the link alone: true/false when the link says, undefined when only the tool can tell. */
  passwordNeeded: boolean | undefined;
  /** Whether a non-destructive check exists for this tool. */
  canPrecheck: boolean;
  access: Access;
  /** What a click on Reveal will do, in a sentence or two, said before the click. */
  beforeClick: string;
  /** The same, in the catalogues. */
  beforeClickWords?: Words;
}

/** One person opening one link: holds what was fetched until it decrypts or is forgotten. */
export interface RevealSession {
  /** Non-destructive: never consumes a read. Without a safe check it requests nothing. */
  precheck(): Promise<Result<Precheck, ReaderError>>;
  /**
   * Opens the secret: fetches it (this is what burns it) unless it is already in memory, then
   * decrypts. Call again with a password after `password_needed` or `wrong_password`.
   */
  reveal(password?: string): Promise<Result<Revealed, ReaderError>>;
  /** Whether the fetched ciphertext is held in memory. */
  holdsCiphertext(): boolean;
  /** Drops what was fetched (the person gave up or closed the panel). */
  forget(): void;
}

export interface Recognised extends ForeignLink {
  session(env: ReaderEnv): RevealSession;
}

export interface Reader {
  tool: ToolId;
  toolName: string;
  /**
   * `undefined`: not this tool's link. An error: this tool's link, but one Burnlink cannot open
   * (the error says why and where to open it).
   */
  recognise(href: string): Result<Recognised, ReaderError> | undefined;
}
