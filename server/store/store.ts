// The one interface every storage backend implements; the same test suite runs against each.
// Shapes that reach the wire are the protocol's (utils/core/protocol.ts): a store answers in them.
import { timingSafeEqual } from 'node:crypto';
import type {
  ConsumeResponse,
  CreateNoteResponse,
  ErrorBody,
  NoteState,
  NoteStatus,
  PassphraseLockout,
  PeekResponse,
} from '../../utils/core/protocol';
import type { RequestStore } from './requests';

/** What create hands the store: the public fields of the note, hashes of its tokens, and the envelope. */
export interface NewNote extends Pick<CreateNoteResponse, 'id' | 'createdAt' | 'expiresAt' | 'maxReads'> {
  /** The envelope as JSON text: opaque to the store. */
  envelope: string;
  /** SHA-256 of the key proof, read token and manage token. */
  keyHash: Buffer;
  readHash: Buffer;
  manageHash: Buffer;
  passphrase: PeekResponse['passphrase'];
}

/** A state in which a note can no longer be read (the `state` of a 410 answer). */
export type GoneState = NonNullable<ErrorBody['state']>;

export type ConsumeOutcome =
  | { kind: 'ok'; envelope: string; readsLeft: ConsumeResponse['readsLeft'] }
  | { kind: 'not_found' }
  | { kind: 'gone'; state: GoneState; at: number | null }
  | { kind: 'wrong_passphrase' } & PassphraseLockout
  /** Too many wrong passphrases: nothing was checked or counted. */
  | { kind: 'locked'; lockedUntil: number };

/** `full`: storing the note would pass the operator's cap on stored bytes; nothing was stored. */
export type CreateOutcome = { kind: 'ok' } | { kind: 'full' };

export type PeekOutcome = ({ kind: 'ok' } & PeekResponse) | { kind: 'not_found' };

export interface NoteStore {
  /** Name reported by /api/health. */
  readonly kind: string;
  /** Request-a-secret, kept in the same backend (requests.ts). */
  readonly requests: RequestStore;
  /** Resolves once the note is durable, or with `full` (storing nothing) when the byte cap is reached. */
  create(note: NewNote): Promise<CreateOutcome>;
  /**
   * Counts one read when both hashes match, atomically; deletes the ciphertext on the last read,
   * durably before resolving. A wrong key hash changes nothing. A wrong read hash on a passphrase
   * note counts a wrong attempt (see passphraseLockout); while the note is locked nothing is
   * checked or counted.
   */
  consume(id: string, keyHash: Buffer, readHash: Buffer, now: number): Promise<ConsumeOutcome>;
  /** Side-effect free view for a holder of the key. */
  peek(id: string, keyHash: Buffer, now: number): Promise<PeekOutcome>;
  /** Status for each (id, manage hash) pair, null where unknown or the hash is wrong. */
  status(notes: Array<{ id: string; manageHash: Buffer }>, now: number): Promise<Array<NoteStatus | null>>;
  /** Revokes a pending note (deleting its ciphertext); returns its status, null when unknown. */
  revoke(id: string, manageHash: Buffer, now: number): Promise<NoteStatus | null>;
  /**
   * Deletes the ciphertext of notes past their expiry, and the tombstones of notes expired more
   * than NOTE_TOMBSTONE_MS ago; returns how many notes it deleted for good.
   */
  sweep(now: number): Promise<number>;
  /** Bytes of ciphertext held now: what the byte cap counts (envelopes of notes not yet burned, requests' notes and answers). */
  storedBytes(): Promise<number>;
  /** Whether the store answers (for /api/health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreLimits {
  /** Cap on stored ciphertext bytes (see storedBytes); 0 means no cap. */
  maxBytes?: number;
}

/**
 * How long a note's tombstone outlives its expiry: until then, reads of a note that was read,
 * expired, revoked or destroyed say so (410), and its sender's status still answers; after, the
 * note is unknown (404). The ciphertext itself is deleted at the burn or at the expiry.
 */
export const NOTE_TOMBSTONE_MS = 7 * 24 * 3600 * 1000;

/**
 * The store cannot be reached or cannot write (Redis away, connection lost, disk failing): the
 * request is answered 503 with this sentence, not counted as a bug. `happened` says whether the
 * operation may have taken effect all the same: `no` when it certainly did not, `unknown` when
 * it was sent and its answer lost.
 */
export class StoreUnavailable extends Error {
  constructor(message: string, readonly happened: 'no' | 'unknown', options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/** Bytes a stored envelope counts for against the cap. */
export const envelopeBytes = (envelope: string) => Buffer.byteLength(envelope);

/** What an absent hash is compared with: as long as a SHA-256, like every hash the stores keep. */
const ABSENT = Buffer.alloc(32);

/**
 * Compares a stored hash with the hash of what the client sent, in constant time. Without a
 * stored hash (an unknown id) it compares with a dummy all the same and answers false, so that
 * an unknown id takes the path, and the time, of a known id with a wrong token: the answers to
 * both are the same 404, and their timing must not tell them apart either.
 */
export function sameHash(stored: Buffer | null | undefined, given: Buffer, equal: (a: Buffer, b: Buffer) => boolean = timingSafeEqual): boolean {
  const known = stored !== null && stored !== undefined && stored.length === given.length;
  const same = equal(known ? stored : given.length === ABSENT.length ? ABSENT : Buffer.alloc(given.length), given);
  return known && same;
}

/** The state a sender or reader sees, with expiry applied at the time of asking. */
export function effectiveState(state: NoteState, expiresAt: number, now: number): NoteState {
  return state === 'pending' && expiresAt <= now ? 'expired' : state;
}

/** The lock a note is under at `now`: its time, or null when there is none (or it has passed). */
export const lockAt = (lockedUntil: number | null, now: number): number | null =>
  (lockedUntil !== null && lockedUntil > now ? lockedUntil : null);

export { MAX_PASSPHRASE_ATTEMPTS, passphraseLockout } from '../../utils/core/protocol';
