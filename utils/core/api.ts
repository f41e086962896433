// Client of the note server API, shared by the extension and the recipient page.
// The environment (fetch) is passed in so tests need no global mocks.
import type { z } from 'zod/mini';
import {
  BatchStatusResponse,
  ConsumeResponse,
  CreateNoteResponse,
  ErrorBody,
  Health,
  PeekResponse,
  NoteStatus,
  type CreateNoteRequest,
  type ErrorCode,
} from './protocol';
import { err, ok, type Result } from './result';

/**
 * Why a request gave no answer to use: the server's error body (its code, and for `gone` the state
 * and time, for `wrong_passphrase` the attempts left, for it and `locked` until when the note is
 * locked), or `unreachable` / `bad_response` when no
 * usable answer came.
 */
export interface ApiError extends Pick<ErrorBody, 'state' | 'at' | 'attemptsLeft' | 'lockedUntil'> {
  code: ErrorCode | 'unreachable' | 'bad_response';
  /** A sentence for people that says what to do. */
  message: string;
  status?: number;
}

export type ApiResult<T> = Promise<Result<T, ApiError>>;

export interface ApiOptions {
  /** Server base URL (origin and optional path), as in a link. */
  server: string;
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned. */
  timeout?: number;
}

function messageFor(body: ErrorBody, status: number): string {
  return body.message || `The note server answered with an error (${status}).`;
}

/** An HTTP answer as it came: status and JSON body (undefined when the body is not JSON). */
export interface RawAnswer {
  status: number;
  ok: boolean;
  json: unknown;
}

export interface CallInit {
  method?: string;
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** Why no usable answer came: no answer at all, or one that is not Burnlink's protocol. */
export interface TransportError {
  code: 'unreachable' | 'bad_response';
  message: string;
  status?: number;
}

/** The sentence when a server answers something that is not Burnlink's protocol. */
export function badResponse(base: string, status?: number): TransportError {
  return {
    code: 'bad_response',
    status,
    message: status === undefined || status < 400
      ? `${base} did not answer like a Burnlink note server.`
      : `${base} did not answer like a Burnlink note server (HTTP ${status}).`,
  };
}

/**
 * Sends requests to one note server: JSON in and out, no cookies, no referrer, a timeout; an
 * `unreachable` error with a sentence when no answer came. The API clients are built on it.
 */
export function createTransport({ server, fetch: fetchImpl = globalThis.fetch.bind(globalThis), timeout = 15_000 }: ApiOptions) {
  const base = server.replace(/\/+$/, '');
  async function send(path: string, init: CallInit = {}): Promise<Result<RawAnswer, TransportError>> {
    let response: Response;
    try {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
      response = await fetchImpl(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeout),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
    } catch {
      return err({
        code: 'unreachable',
        message: `Could not reach the note server at ${base}. Check your connection and the server address, then try again.`,
      });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    return ok({ status: response.status, ok: response.ok, json });
  }
  return { base, send };
}

export function createApi(options: ApiOptions) {
  const { base, send } = createTransport(options);

  async function call<S extends z.ZodMiniType>(path: string, schema: S, init: CallInit = {}): ApiResult<z.infer<S>> {
    const sent = await send(path, init);
    if (!sent.ok) return sent;
    const { status, json } = sent.value;
    if (!sent.value.ok) {
      const body = ErrorBody.safeParse(json);
      if (!body.success) return err(badResponse(base, status));
      const { error, state, at, attemptsLeft, lockedUntil } = body.data;
      return err({ code: error, status, message: messageFor(body.data, status), state, at, attemptsLeft, lockedUntil });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return err(badResponse(base, status));
    return ok(parsed.data);
  }

  return {
    server: base,
    health: () => call('/api/health', Health),
    create: (request: CreateNoteRequest, createToken?: string) =>
      call('/api/notes', CreateNoteResponse, { method: 'POST', body: request, token: createToken }),
    /** Side-effect free: the state of a note, for a holder of its link key. */
    peek: (id: string, keyProof: string) =>
      call(`/api/notes/${encodeURIComponent(id)}/peek`, PeekResponse, { method: 'POST', body: { keyProof } }),
    /** Reads the note: counts one read, and deletes the ciphertext on the last one. */
    consume: (id: string, keyProof: string, readToken: string) =>
      call(`/api/notes/${encodeURIComponent(id)}/consume`, ConsumeResponse, { method: 'POST', body: { keyProof, readToken } }),
    status: (id: string, manageToken: string) =>
      call(`/api/notes/${encodeURIComponent(id)}`, NoteStatus, { token: manageToken }),
    statusBatch: (notes: Array<{ id: string; manageToken: string }>) =>
      call('/api/notes/status', BatchStatusResponse, { method: 'POST', body: { notes } }),
    revoke: (id: string, manageToken: string) =>
      call(`/api/notes/${encodeURIComponent(id)}`, NoteStatus, { method: 'DELETE', token: manageToken }),
  };
}

export type Api = ReturnType<typeof createApi>;
