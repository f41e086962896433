// What the notes API answers to create, peek and consume once a request is validated, apart from
// any HTTP framework: the Hono routes (notes.ts) and the direct node:http path for these three
// hot routes (../hot-path.ts) both answer with these functions, so they cannot drift apart.
import { createHash, randomBytes } from 'node:crypto';
import { toBase64url } from '../../utils/core/base64url';
import { ciphertextSize, paddedSize } from '../../utils/core/crypto';
import { durationLabel, formatBytes } from '../../utils/core/format';
import {
  NoteId,
  type ConsumeRequest,
  type CreateNoteRequest,
  type CreateNoteResponse,
  type PassphraseLockout,
  type PeekRequest,
} from '../../utils/core/protocol';
import { z } from 'zod';
import type { Config } from '../config';
import { GONE_MESSAGES, NOT_FOUND_MESSAGE, failure, type Answer } from '../errors';
import type { NoteStore } from '../store/store';

export interface NotesDeps {
  store: NoteStore;
  config: Config;
  now: () => number;
}

export const hash = (token: string) => createHash('sha256').update(token).digest();

/** The `:id` of a note's address. */
export const IdParam = z.object({ id: NoteId });

/** A padded plaintext size the client format can produce: refuses unpadded ciphertexts. */
function isBucket(bytes: number): boolean {
  return bytes >= 256 && paddedSize(bytes - 4) === bytes;
}

/** "1 minute", "4 minutes", "1 hour": how long until `until`, rounded up to whole minutes. */
function waitText(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The sentence of a 403 wrong_passphrase answer. */
function wrongPassphraseMessage({ attemptsLeft, lockedUntil }: PassphraseLockout, now: number): string {
  if (attemptsLeft === 0) return 'Wrong passphrase. That was the last attempt: the note has been destroyed. Ask the sender for a new link.';
  const left = `${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before the note is destroyed`;
  return lockedUntil === null
    ? `Wrong passphrase. ${left}.`
    : `Wrong passphrase. ${left}; the note is locked, so the next attempt can be made in ${waitText(lockedUntil, now)}.`;
}

/** Largest body of a peek, consume or status request (a full status batch is about 9 KB). */
export const SMALL_BODY_BYTES = 64 * 1024;
export const SMALL_BODY_TOO_LARGE = failure(413, 'too_large', 'The request is too large for this API.');

const json = (status: number, body: unknown): Answer => ({ status, json: JSON.stringify(body) });

/** The answers of the create, peek and consume routes for one server. */
export function noteAnswers({ store, config, now }: NotesDeps) {
  const maxCiphertext = ciphertextSize(config.maxNoteBytes);
  const tooLarge = failure(413, 'too_large', `The note is too large. This server accepts notes (text and files) up to ${formatBytes(config.maxNoteBytes)}.`);

  return {
    /** JSON and base64url overhead on top of the largest ciphertext: a larger body is refused unread. */
    maxCreateBody: Math.ceil((maxCiphertext * 4) / 3) + 4096,
    tooLarge,

    async create(body: z.output<typeof CreateNoteRequest>): Promise<Answer> {
      if (!config.expiryChoices.includes(body.expiresIn)) {
        return failure(400, 'bad_request', `The expiry must be one of: ${config.expiryChoices.map(durationLabel).join(', ')}.`);
      }
      if (body.maxReads > config.maxReads) return failure(400, 'bad_request', `A note may allow at most ${config.maxReads} reads on this server.`);
      const ctBytes = Math.floor((body.envelope.ct.length * 3) / 4);
      if (ctBytes > maxCiphertext) return tooLarge;
      if (!isBucket(ctBytes - 16)) return failure(400, 'bad_request', 'The request is invalid: envelope.ct: the ciphertext is not padded to a size bucket.');
      const id = toBase64url(randomBytes(16));
      const manageToken = toBase64url(randomBytes(32));
      const createdAt = now();
      const expiresAt = createdAt + body.expiresIn * 1000;
      const stored = await store.create({
        id,
        envelope: JSON.stringify(body.envelope),
        keyHash: hash(body.keyProof),
        readHash: hash(body.readToken),
        manageHash: hash(manageToken),
        passphrase: body.envelope.kdf === 'pbkdf2-sha256',
        createdAt,
        expiresAt,
        maxReads: body.maxReads,
      });
      if (stored.kind === 'full') {
        return failure(507, 'storage_full', 'This note server has no room for more notes right now. Try again later, or tell the people who run it.');
      }
      return json(201, { id, manageToken, createdAt, expiresAt, maxReads: body.maxReads } satisfies CreateNoteResponse);
    },

    async peek(id: string, body: z.output<typeof PeekRequest>): Promise<Answer> {
      const outcome = await store.peek(id, hash(body.keyProof), now());
      if (outcome.kind === 'not_found') return failure(404, 'not_found', NOT_FOUND_MESSAGE);
      const { kind: _, ...peek } = outcome;
      return json(200, peek);
    },

    async consume(id: string, { keyProof, readToken }: z.output<typeof ConsumeRequest>): Promise<Answer> {
      const at = now();
      const outcome = await store.consume(id, hash(keyProof), hash(readToken), at);
      switch (outcome.kind) {
        case 'ok':
          // The envelope is stored as validated JSON text: splice it in rather than parse it again.
          return { status: 200, json: `{"envelope":${outcome.envelope},"readsLeft":${outcome.readsLeft}}` };
        case 'not_found':
          return failure(404, 'not_found', NOT_FOUND_MESSAGE);
        case 'gone':
          return failure(410, 'gone', GONE_MESSAGES[outcome.state], { state: outcome.state, at: outcome.at });
        case 'wrong_passphrase': {
          const { attemptsLeft, lockedUntil } = outcome;
          return failure(403, 'wrong_passphrase', wrongPassphraseMessage(outcome, at), { attemptsLeft, lockedUntil });
        }
        case 'locked':
          return {
            ...failure(429, 'locked',
              `Too many wrong passphrases: this note is locked for ${waitText(outcome.lockedUntil, at)}. Nothing was checked or counted; try again then.`,
              { lockedUntil: outcome.lockedUntil }),
            headers: { 'retry-after': String(Math.max(1, Math.ceil((outcome.lockedUntil - at) / 1000))) },
          };
      }
    },
  };
}

export type NoteAnswers = ReturnType<typeof noteAnswers>;
