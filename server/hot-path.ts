// The three hot routes, answered straight from node:http: POST /api/notes (create),
// /api/notes/:id/peek and /api/notes/:id/consume. Through Hono a small request cost the server
// four times what Node itself needs (web-standard Request, Headers and Response objects, the
// middleware chain, reading the body through web streams; bench/README.md has the profile);
// here the same checks run in the same order, on the same zod schemas, with the same answers
// (routes/note-answers.ts), headers, limits, logs and metrics. Everything else, including these
// paths with another method or an id that is not plain base64url, goes on to the Hono app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConsumeRequest, CreateNoteRequest, PeekRequest } from '../utils/core/protocol';
import type { z } from 'zod/mini';
import type { Config } from './config';
import { createOriginGuard } from './cors';
import { createTokenCheck } from './create-token';
import { BROKEN_BODY, INVALID_JSON, errorAnswer, type Answer } from './errors';
import { LIMIT_WHAT, clientAddressOf, overLimit, type Limit, type Limits } from './limits';
import { recordRequest, type Observers } from './observe';
import { IdParam, SMALL_BODY_BYTES, SMALL_BODY_TOO_LARGE, type NoteAnswers } from './routes/note-answers';
import { invalid } from './validate';

export interface HotPathDeps {
  answers: NoteAnswers;
  config: Config;
  limits: Limits;
  observers: Observers;
  /** The headers every answer carries (app.ts: securityHeaderList). */
  securityHeaders: Array<[string, string]>;
}

const READ_ROUTE = /^\/api\/notes\/([A-Za-z0-9_-]+)\/(peek|consume)$/;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
const utf8 = new TextDecoder();

type Parsed<S extends z.ZodMiniType> = { ok: true; value: z.output<S> } | { ok: false; answer: Answer };

/**
 * The body as the Hono routes read it: not read at all unless it says it is JSON (the schema then
 * sees `{}`), refused with 413 once longer than `max`, decoded as UTF-8, parsed, then validated.
 */
async function readBody<S extends z.ZodMiniType>(req: IncomingMessage, schema: S, max: number, tooLarge: Answer): Promise<Parsed<S>> {
  let value: unknown = {};
  const media = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (JSON_MEDIA.test(media)) {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        if (!Buffer.isBuffer(chunk)) continue;
        size += chunk.length;
        if (size > max) return { ok: false, answer: tooLarge };
        chunks.push(chunk);
      }
    } catch {
      return { ok: false, answer: BROKEN_BODY };
    }
    if (!req.complete) return { ok: false, answer: BROKEN_BODY };
    try {
      value = JSON.parse(utf8.decode(Buffer.concat(chunks, size)));
    } catch {
      return { ok: false, answer: INVALID_JSON };
    }
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, answer: invalid(parsed.error) };
}

/** A declared Content-Length over `max` (or not a number): refused before anything is read. */
const declaredTooLarge = (req: IncomingMessage, max: number) => {
  const declared = req.headers['content-length'];
  return declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > max);
};

export function hotPath({ answers, config, limits, observers, securityHeaders }: HotPathDeps) {
  const guard = createOriginGuard(config);
  const createToken = createTokenCheck(config, 'notes');
  const address = (req: IncomingMessage, limit: Limit) =>
    clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for']?.toString(), limit.trustedProxies);

  async function create(req: IncomingMessage, headers: Record<string, string>): Promise<Answer> {
    const verdict = guard(req.headers.origin, req.headers.host);
    Object.assign(headers, verdict.headers);
    if (verdict.refused) {
      delete headers['access-control-allow-origin'];
      return verdict.refused;
    }
    const limited = limits.create && await overLimit(limits.create, LIMIT_WHAT.notesCreate, address(req, limits.create));
    if (limited) return limited;
    if (declaredTooLarge(req, answers.maxCreateBody)) return answers.tooLarge;
    const refused = createToken(req.headers.authorization);
    if (refused) return refused;
    const body = await readBody(req, CreateNoteRequest, answers.maxCreateBody, answers.tooLarge);
    return body.ok ? answers.create(body.value) : body.answer;
  }

  async function read(req: IncomingMessage, id: string, action: 'peek' | 'consume'): Promise<Answer> {
    const limited = limits.consume && await overLimit(limits.consume, LIMIT_WHAT.notesRead, address(req, limits.consume));
    if (limited) return limited;
    if (declaredTooLarge(req, SMALL_BODY_BYTES)) return SMALL_BODY_TOO_LARGE;
    const param = IdParam.safeParse({ id });
    if (!param.success) return invalid(param.error);
    if (action === 'peek') {
      const body = await readBody(req, PeekRequest, SMALL_BODY_BYTES, SMALL_BODY_TOO_LARGE);
      return body.ok ? answers.peek(param.data.id, body.value) : body.answer;
    }
    const body = await readBody(req, ConsumeRequest, SMALL_BODY_BYTES, SMALL_BODY_TOO_LARGE);
    return body.ok ? answers.consume(param.data.id, body.value) : body.answer;
  }

  async function answer(req: IncomingMessage, res: ServerResponse, route: string, decide: (headers: Record<string, string>) => Promise<Answer>) {
    const start = performance.now();
    const headers: Record<string, string> = Object.fromEntries(securityHeaders);
    headers['access-control-allow-origin'] = '*';
    headers['cache-control'] = 'no-store';
    let answered: Answer;
    try {
      answered = await decide(headers);
    } catch (error) {
      answered = errorAnswer(error, observers.logger);
    }
    Object.assign(headers, answered.headers, { 'content-type': 'application/json' });
    if (!res.destroyed) res.writeHead(answered.status, headers).end(answered.json);
    recordRequest(observers, 'POST', route, answered.status, (performance.now() - start) / 1000);
  }

  /** Answers the request when it is one of the hot routes (true), else leaves it alone (false). */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || req.url === undefined) return false;
    const path = req.url.split('?', 1)[0];
    if (path === '/api/notes') {
      void answer(req, res, '/api/notes', (headers) => create(req, headers));
      return true;
    }
    const match = path?.match(READ_ROUTE);
    const [, id, action] = match ?? [];
    if (id === undefined || (action !== 'peek' && action !== 'consume')) return false;
    void answer(req, res, `/api/notes/:id/${action}`, () => read(req, id, action));
    return true;
  };
}
