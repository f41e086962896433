// Requests that fail because of the client, not the server: Node's HTTP parser refusing what it
// cannot parse (huge headers, conflicting lengths, a NUL in a header, broken chunked framing), and
// a request body that stops or breaks halfway. They get the protocol's JSON error body where Node
// lets us write one, and are never logged or counted as internal errors.
import { IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Context } from 'hono';
import type { ErrorBody } from '../utils/core/protocol';
import type { Logger } from './logger';

interface Refusal {
  status: number;
  reason: string;
  body: ErrorBody;
}

/** What to answer for an error of Node's parser or connection handling (`clientError`). */
export function refusalFor(code: string | undefined): Refusal | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, reason: 'Request Header Fields Too Large', body: { error: 'too_large', message: 'The request headers are too large for this server.' } };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', body: { error: 'bad_request', message: 'The request took too long to arrive. Send it again.' } };
  }
  return { status: 400, reason: 'Bad Request', body: { error: 'bad_request', message: 'The request is not valid HTTP, so the server could not read it.' } };
}

/**
 * Answers Node's parser refusals with a JSON error body (Node's own answer has none), then closes
 * the connection, as Node does. Only while nothing was written on the connection yet: an answer
 * already under way is cut off.
 */
export function answerClientErrors(server: Server, logger?: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const refusal = refusalFor(error.code);
    if (refusal && socket.writable && socket.bytesWritten === 0) {
      const body = JSON.stringify(refusal.body);
      socket.write(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\ncontent-type: application/json\r\n`
        + `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\n`
        + `connection: close\r\n\r\n${body}`);
      logger?.info({ status: refusal.status, code: error.code }, 'refused by the HTTP parser');
    }
    socket.destroy();
  });
}

/**
 * Whether the request's body stopped or broke before it was read whole (the client hung up, or
 * its chunked framing was invalid): the failure of reading it is the client's.
 */
export function requestBroken(c: Context): boolean {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env) || !(env.incoming instanceof IncomingMessage)) return false;
  const incoming = env.incoming;
  return !incoming.complete && (incoming.destroyed || incoming.errored !== null);
}
