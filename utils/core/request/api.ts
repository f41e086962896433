// Client of the request-a-secret endpoints, shared by the extension and the answer page.
import type { z } from 'zod/mini';
import { badResponse, createTransport, type ApiOptions, type CallInit } from '../api';
import { err, ok, type Result } from '../result';
import {
  AnswerResponse,
  BatchRequestStatusResponse,
  CreateRequestResponse,
  FetchAnswerResponse,
  RequestErrorBody,
  RequestPeekResponse,
  RequestStatus,
  type AnswerEnvelope,
  type CreateRequestRequest,
} from './protocol';

/** Why a request endpoint gave no answer to use: the server's error body, or no usable answer. */
export interface RequestApiError extends Pick<RequestErrorBody, 'state' | 'at'> {
  code: RequestErrorBody['error'] | 'unreachable' | 'bad_response';
  /** A sentence for people that says what to do. */
  message: string;
  status?: number;
}

export type RequestApiResult<T> = Promise<Result<T, RequestApiError>>;

const path = (id: string, action = '') => `/api/requests/${encodeURIComponent(id)}${action}`;

export function createRequestApi(options: ApiOptions) {
  const { base, send } = createTransport(options);

  async function call<S extends z.ZodMiniType>(url: string, schema: S, init: CallInit = {}): RequestApiResult<z.infer<S>> {
    const sent = await send(url, init);
    if (!sent.ok) return sent;
    const { status, json } = sent.value;
    if (!sent.value.ok) {
      const body = RequestErrorBody.safeParse(json);
      if (!body.success) return err(badResponse(base, status));
      const { error, message, state, at } = body.data;
      return err({ code: error, status, message: message || `The note server answered with an error (${status}).`, state, at });
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? ok(parsed.data) : err(badResponse(base, status));
  }

  return {
    server: base,
    /** Registers a request; the answer holds the fetch token, given only this once. */
    create: (request: CreateRequestRequest, createToken?: string) =>
      call('/api/requests', CreateRequestResponse, { method: 'POST', body: request, token: createToken }),
    /** Side-effect free: the request's state and, while it waits, the requester's note. */
    peek: (id: string, answerToken: string) =>
      call(path(id, '/peek'), RequestPeekResponse, { method: 'POST', body: { answerToken } }),
    /** Answers the request; only one answer is ever accepted. */
    answer: (id: string, answerToken: string, answer: AnswerEnvelope) =>
      call(path(id, '/answer'), AnswerResponse, { method: 'POST', body: { answerToken, answer } }),
    /** Fetches the answer and deletes it on the server: it can be fetched once. */
    fetchAnswer: (id: string, fetchToken: string) =>
      call(path(id, '/fetch'), FetchAnswerResponse, { method: 'POST', token: fetchToken }),
    status: (id: string, fetchToken: string) => call(path(id), RequestStatus, { token: fetchToken }),
    statusBatch: (requests: Array<{ id: string; fetchToken: string }>) =>
      call('/api/requests/status', BatchRequestStatusResponse, { method: 'POST', body: { requests } }),
    /** Withdraws a request that waits (or whose answer waits): its note or answer is deleted. */
    revoke: (id: string, fetchToken: string) => call(path(id), RequestStatus, { method: 'DELETE', token: fetchToken }),
  };
}

export type RequestApi = ReturnType<typeof createRequestApi>;
