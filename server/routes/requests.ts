// The request-a-secret API: create a request, peek at it and answer it (whoever holds the request
// link), status, fetch and revoke (the requester, with the fetch token). docs/PROTOCOL.md §7.5.
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { base64urlPattern, toBase64url } from '../../utils/core/base64url';
import { ciphertextSize, paddedSize } from '../../utils/core/crypto';
import { durationLabel, formatBytes } from '../../utils/core/format';
import {
  AnswerRequest,
  BatchRequestStatusRequest,
  CreateRequestRequest,
  RequestId,
  RequestPeekRequest,
  type AnswerResponse,
  type ClosedRequestState,
  type CreateRequestResponse,
  type RequestErrorBody,
  type RequestErrorCode,
} from '../../utils/core/request/protocol';
import {
  ANSWER_GONE_MESSAGES,
  NOT_ANSWERED_MESSAGE,
  REQUEST_CLOSED_MESSAGES,
  REQUEST_NOT_FOUND_MESSAGE,
} from '../../utils/core/request/wording';
import { limitBody } from '../body-limit';
import type { Config } from '../config';
import { requireCreateToken } from '../create-token';
import type { RequestStore } from '../store/requests';
import { validate } from '../validate';

export interface RequestsDeps {
  requests: RequestStore;
  config: Config;
  now: () => number;
}

const hash = (token: string) => createHash('sha256').update(token).digest();

const IdParam = z.object({ id: RequestId });
const BEARER_MESSAGE = 'needs the fetch token as "Bearer <token>", the token being 43 characters of canonical base64url';
const BearerHeader = z.object({
  authorization: z.string(BEARER_MESSAGE).regex(new RegExp(`^Bearer ${base64urlPattern(32)}$`), BEARER_MESSAGE),
});
/** The hash of the fetch token in an `Authorization: Bearer` header. */
const bearer = (header: { authorization: string }) => hash(header.authorization.slice('Bearer '.length));

/** Bytes of a base64url text, decoded. */
const decodedBytes = (text: string) => Math.floor((text.length * 3) / 4);
/** A padded plaintext size the client format can produce: refuses unpadded ciphertexts. */
const isBucket = (bytes: number) => bytes >= 256 && paddedSize(bytes - 4) === bytes;

function fail(c: Context, status: ContentfulStatusCode, error: RequestErrorCode, message: string, extra: Partial<RequestErrorBody> = {}) {
  return c.json({ error, message, ...extra } satisfies RequestErrorBody, status);
}

const gone = (c: Context, messages: Record<ClosedRequestState, string>, outcome: { state: ClosedRequestState; at: number | null }) =>
  fail(c, 410, 'gone', messages[outcome.state], { state: outcome.state, at: outcome.at });
const notFound = (c: Context) => fail(c, 404, 'not_found', REQUEST_NOT_FOUND_MESSAGE);
const storageFull = (c: Context) =>
  fail(c, 507, 'storage_full', 'This note server has no room for more right now. Try again later, or tell the people who run it.');

// Create, peek, status and revoke carry a small note or a few tokens: refuse more unread.
const smallBody = limitBody(64 * 1024, (c) => fail(c, 413, 'too_large', 'The request is too large for this API.'));

/** POST /: register a request. */
function createRoutes({ requests, config, now }: RequestsDeps) {
  return new Hono().post('/', smallBody, requireCreateToken(config, 'requests'), validate('json', CreateRequestRequest), async (c) => {
    const body = c.req.valid('json');
    if (!config.expiryChoices.includes(body.expiresIn)) {
      return fail(c, 400, 'bad_request', `The expiry must be one of: ${config.expiryChoices.map(durationLabel).join(', ')}.`);
    }
    if (![256, 512].includes(decodedBytes(body.note.ct) - 16)) {
      return fail(c, 400, 'bad_request', 'The request is invalid: note.ct: the note is not padded to 256 or 512 bytes.');
    }
    const id = toBase64url(randomBytes(16));
    const fetchToken = toBase64url(randomBytes(32));
    const createdAt = now();
    const expiresAt = createdAt + body.expiresIn * 1000;
    const stored = await requests.create({
      id, note: JSON.stringify(body.note), answerHash: hash(body.answerToken), fetchHash: hash(fetchToken), createdAt, expiresAt,
    });
    if (stored.kind === 'full') return storageFull(c);
    return c.json({ id, fetchToken, createdAt, expiresAt } satisfies CreateRequestResponse, 201);
  });
}

/** POST /:id/peek and /:id/answer: what a holder of the request link may do. */
function answerRoutes({ requests, config, now }: RequestsDeps) {
  const maxCiphertext = ciphertextSize(config.maxNoteBytes);
  const maxBody = Math.ceil((maxCiphertext * 4) / 3) + 4096;
  const tooLarge = (c: Context) =>
    fail(c, 413, 'too_large', `The answer is too large. This server accepts answers (text and files) up to ${formatBytes(config.maxNoteBytes)}.`);

  return new Hono()
    .post('/:id/peek', smallBody, validate('param', IdParam), validate('json', RequestPeekRequest), async (c) => {
      const outcome = await requests.peek(c.req.valid('param').id, hash(c.req.valid('json').answerToken), now());
      if (outcome.kind === 'not_found') return notFound(c);
      // The note is stored as validated JSON text: splice it in rather than parse it again.
      c.header('content-type', 'application/json');
      return c.body(`{"state":"${outcome.state}","expiresAt":${outcome.expiresAt},"at":${outcome.at ?? 'null'},"note":${outcome.note ?? 'null'}}`, 200);
    })

    .post('/:id/answer', limitBody(maxBody, tooLarge), validate('param', IdParam), validate('json', AnswerRequest), async (c) => {
      const { answerToken, answer } = c.req.valid('json');
      const ctBytes = decodedBytes(answer.ct);
      if (ctBytes > maxCiphertext) return tooLarge(c);
      if (!isBucket(ctBytes - 16)) {
        return fail(c, 400, 'bad_request', 'The request is invalid: answer.ct: the ciphertext is not padded to a size bucket.');
      }
      const outcome = await requests.answer(c.req.valid('param').id, hash(answerToken), JSON.stringify(answer), now());
      switch (outcome.kind) {
        case 'ok':
          return c.json({ answeredAt: outcome.answeredAt, expiresAt: outcome.expiresAt } satisfies AnswerResponse, 201);
        case 'not_found':
          return notFound(c);
        case 'gone':
          return gone(c, REQUEST_CLOSED_MESSAGES, outcome);
        case 'full':
          return storageFull(c);
      }
    });
}

/** POST /status, GET /:id, POST /:id/fetch, DELETE /:id: what the requester may do with the fetch token. */
function requesterRoutes({ requests, now }: RequestsDeps) {
  return new Hono()
    .post('/status', smallBody, validate('json', BatchRequestStatusRequest), async (c) => {
      const asked = c.req.valid('json').requests.map((r) => ({ id: r.id, fetchHash: hash(r.fetchToken) }));
      return c.json({ statuses: await requests.status(asked, now()) });
    })

    .get('/:id', validate('param', IdParam), validate('header', BearerHeader), async (c) => {
      const [status] = await requests.status([{ id: c.req.valid('param').id, fetchHash: bearer(c.req.valid('header')) }], now());
      return status ? c.json(status) : notFound(c);
    })

    .post('/:id/fetch', smallBody, validate('param', IdParam), validate('header', BearerHeader), async (c) => {
      const outcome = await requests.fetch(c.req.valid('param').id, bearer(c.req.valid('header')), now());
      switch (outcome.kind) {
        case 'ok':
          // The answer is stored as validated JSON text: splice it in rather than parse it again.
          c.header('content-type', 'application/json');
          return c.body(`{"answer":${outcome.answer},"answeredAt":${outcome.answeredAt}}`, 200);
        case 'not_found':
          return notFound(c);
        case 'not_answered':
          return fail(c, 409, 'not_answered', NOT_ANSWERED_MESSAGE);
        case 'gone':
          return gone(c, ANSWER_GONE_MESSAGES, outcome);
      }
    })

    .delete('/:id', validate('param', IdParam), validate('header', BearerHeader), async (c) => {
      const status = await requests.revoke(c.req.valid('param').id, bearer(c.req.valid('header')), now());
      return status ? c.json(status) : notFound(c);
    });
}

export function requestsRoutes(deps: RequestsDeps) {
  return new Hono()
    .route('/', createRoutes(deps))
    .route('/', requesterRoutes(deps))
    .route('/', answerRoutes(deps));
}
