// The notes API: create, peek, consume, status (single and batch), revoke.
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { base64urlPattern, toBase64url } from '../../utils/core/base64url';
import { ciphertextSize, paddedSize } from '../../utils/core/crypto';
import {
  BatchStatusRequest,
  ConsumeRequest,
  CreateNoteRequest,
  NoteId,
  PeekRequest,
  type CreateNoteResponse,
  type PassphraseLockout,
} from '../../utils/core/protocol';
import type { Config } from '../config';
import { limitBody } from '../body-limit';
import { requireCreateToken } from '../create-token';
import { GONE_MESSAGES, NOT_FOUND_MESSAGE, fail } from '../errors';
import type { NoteStore } from '../store/store';
import { validate } from '../validate';
import { durationLabel, formatBytes } from '../../utils/core/format';

export interface NotesDeps {
  store: NoteStore;
  config: Config;
  now: () => number;
}

const hash = (token: string) => createHash('sha256').update(token).digest();

const IdParam = z.object({ id: NoteId });
const BEARER_MESSAGE = 'needs the manage token as "Bearer <token>", the token being 43 characters of canonical base64url';
const BearerHeader = z.object({
  authorization: z.string(BEARER_MESSAGE).regex(new RegExp(`^Bearer ${base64urlPattern(32)}$`), BEARER_MESSAGE),
});
const bearer = (header: string) => header.slice('Bearer '.length);

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

// Peek, consume and status carry a few tokens (a full status batch is about 9 KB): refuse more unread.
const smallBody = limitBody(64 * 1024, (c) => fail(c, 413, 'too_large', 'The request is too large for this API.'));

/** POST /: create a note. */
function createRoutes({ store, config, now }: NotesDeps) {
  const maxCiphertext = ciphertextSize(config.maxNoteBytes);
  // JSON and base64url overhead on top of the ciphertext; anything larger is refused unread.
  const maxBody = Math.ceil((maxCiphertext * 4) / 3) + 4096;
  const tooLarge = (c: Context) =>
    fail(c, 413, 'too_large', `The note is too large. This server accepts notes (text and files) up to ${formatBytes(config.maxNoteBytes)}.`);

  return new Hono().post('/',
    limitBody(maxBody, tooLarge),
    requireCreateToken(config, 'notes'),
    validate('json', CreateNoteRequest),
    async (c) => {
      const body = c.req.valid('json');
      if (!config.expiryChoices.includes(body.expiresIn)) {
        return fail(c, 400, 'bad_request', `The expiry must be one of: ${config.expiryChoices.map(durationLabel).join(', ')}.`);
      }
      if (body.maxReads > config.maxReads) {
        return fail(c, 400, 'bad_request', `A note may allow at most ${config.maxReads} reads on this server.`);
      }
      const ctBytes = Math.floor((body.envelope.ct.length * 3) / 4);
      if (ctBytes > maxCiphertext) return tooLarge(c);
      if (!isBucket(ctBytes - 16)) {
        return fail(c, 400, 'bad_request', 'The request is invalid: envelope.ct: the ciphertext is not padded to a size bucket.');
      }
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
        return fail(c, 507, 'storage_full', 'This note server has no room for more notes right now. Try again later, or tell the people who run it.');
      }
      return c.json({ id, manageToken, createdAt, expiresAt, maxReads: body.maxReads } satisfies CreateNoteResponse, 201);
    });
}

/** POST /:id/peek and /:id/consume: what a holder of the link may do. */
function readRoutes({ store, now }: NotesDeps) {
  return new Hono()
    .post('/:id/peek', smallBody, validate('param', IdParam), validate('json', PeekRequest), async (c) => {
      const outcome = await store.peek(c.req.valid('param').id, hash(c.req.valid('json').keyProof), now());
      if (outcome.kind === 'not_found') return fail(c, 404, 'not_found', NOT_FOUND_MESSAGE);
      const { kind: _, ...peek } = outcome;
      return c.json(peek);
    })

    .post('/:id/consume', smallBody, validate('param', IdParam), validate('json', ConsumeRequest), async (c) => {
      const { keyProof, readToken } = c.req.valid('json');
      const at = now();
      const outcome = await store.consume(c.req.valid('param').id, hash(keyProof), hash(readToken), at);
      switch (outcome.kind) {
        case 'ok':
          // The envelope is stored as validated JSON text: splice it in rather than parse it again.
          c.header('content-type', 'application/json');
          return c.body(`{"envelope":${outcome.envelope},"readsLeft":${outcome.readsLeft}}`, 200);
        case 'not_found':
          return fail(c, 404, 'not_found', NOT_FOUND_MESSAGE);
        case 'gone':
          return fail(c, 410, 'gone', GONE_MESSAGES[outcome.state], { state: outcome.state, at: outcome.at });
        case 'wrong_passphrase': {
          const { attemptsLeft, lockedUntil } = outcome;
          return fail(c, 403, 'wrong_passphrase', wrongPassphraseMessage(outcome, at), { attemptsLeft, lockedUntil });
        }
        case 'locked':
          c.header('retry-after', String(Math.max(1, Math.ceil((outcome.lockedUntil - at) / 1000))));
          return fail(c, 429, 'locked',
            `Too many wrong passphrases: this note is locked for ${waitText(outcome.lockedUntil, at)}. Nothing was checked or counted; try again then.`,
            { lockedUntil: outcome.lockedUntil });
      }
    });
}

/** POST /status, GET /:id, DELETE /:id: what the sender may do with the manage token. */
function manageRoutes({ store, now }: NotesDeps) {
  return new Hono()
    .post('/status', smallBody, validate('json', BatchStatusRequest), async (c) => {
      const { notes } = c.req.valid('json');
      const statuses = await store.status(notes.map((n) => ({ id: n.id, manageHash: hash(n.manageToken) })), now());
      return c.json({ statuses });
    })

    .get('/:id', validate('param', IdParam), validate('header', BearerHeader), async (c) => {
      const [status] = await store.status(
        [{ id: c.req.valid('param').id, manageHash: hash(bearer(c.req.valid('header').authorization)) }], now());
      return status ? c.json(status) : fail(c, 404, 'not_found', NOT_FOUND_MESSAGE);
    })

    .delete('/:id', validate('param', IdParam), validate('header', BearerHeader), async (c) => {
      const status = await store.revoke(c.req.valid('param').id, hash(bearer(c.req.valid('header').authorization)), now());
      return status ? c.json(status) : fail(c, 404, 'not_found', NOT_FOUND_MESSAGE);
    });
}

export function notesRoutes(deps: NotesDeps) {
  return new Hono()
    .route('/', createRoutes(deps))
    .route('/', manageRoutes(deps))
    .route('/', readRoutes(deps));
}
