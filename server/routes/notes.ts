// The notes API: create, peek, consume, status (single and batch), revoke.
import { Hono } from 'hono';
import { z } from 'zod';
import { base64urlPattern } from '../../utils/core/base64url';
import {
  BatchStatusRequest,
  ConsumeRequest,
  CreateNoteRequest,
  PeekRequest,
} from '../../utils/core/protocol';
import type { Config } from '../config';
import { limitBody } from '../body-limit';
import { requireCreateToken } from '../create-token';
import { NOT_FOUND_MESSAGE, fail, reply } from '../errors';
import { validate } from '../validate';
import { IdParam, SMALL_BODY_BYTES, SMALL_BODY_TOO_LARGE, hash, noteAnswers, type NoteAnswers, type NotesDeps } from './note-answers';

export type { NotesDeps } from './note-answers';

const BEARER_MESSAGE = 'needs the manage token as "Bearer <token>", the token being 43 characters of canonical base64url';
const BearerHeader = z.object({
  authorization: z.string(BEARER_MESSAGE).regex(new RegExp(`^Bearer ${base64urlPattern(32)}$`), BEARER_MESSAGE),
});
const bearer = (header: string) => header.slice('Bearer '.length);

// Peek, consume and status carry a few tokens: refuse more unread.
const smallBody = limitBody(SMALL_BODY_BYTES, (c) => reply(c, SMALL_BODY_TOO_LARGE));

/** POST /: create a note. */
function createRoutes(answers: NoteAnswers, config: Config) {
  return new Hono().post('/',
    limitBody(answers.maxCreateBody, (c) => reply(c, answers.tooLarge)),
    requireCreateToken(config, 'notes'),
    validate('json', CreateNoteRequest),
    async (c) => reply(c, await answers.create(c.req.valid('json'))));
}

/** POST /:id/peek and /:id/consume: what a holder of the link may do. */
function readRoutes(answers: NoteAnswers) {
  return new Hono()
    .post('/:id/peek', smallBody, validate('param', IdParam), validate('json', PeekRequest),
      async (c) => reply(c, await answers.peek(c.req.valid('param').id, c.req.valid('json'))))
    .post('/:id/consume', smallBody, validate('param', IdParam), validate('json', ConsumeRequest),
      async (c) => reply(c, await answers.consume(c.req.valid('param').id, c.req.valid('json'))));
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
  const answers = noteAnswers(deps);
  return new Hono()
    .route('/', createRoutes(answers, deps.config))
    .route('/', manageRoutes(deps))
    .route('/', readRoutes(answers));
}
