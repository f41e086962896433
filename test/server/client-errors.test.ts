// Requests broken by the client: what Node's HTTP parser refuses, and bodies whose framing breaks
// or that stop halfway. Each gets a 4xx with the protocol's JSON error body where Node lets the
// server write one, and none is logged or counted as an internal error (anyone could otherwise
// raise 5xx alerts at will).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../utils/core/protocol';
import { request } from '../helpers/http';
import { startServer, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

/** Sends raw bytes on a connection of their own; resolves with all the server sent back. */
function raw(parts: string[], { endAfter = true } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { answer += chunk; });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => { /* the server hangs up: the answer so far is what counts */ });
    for (const part of parts) socket.write(part);
    if (endAfter) socket.end();
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headers] = head.split('\r\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers: Object.fromEntries(headers.map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()])),
    body: ErrorBody.safeParse(JSON.parse(body || 'null')),
  };
}

const consumeHead = `POST /api/notes/${ID}/consume HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n`;

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['chunked framing that breaks mid-body', [`${consumeHead}Transfer-Encoding: chunked\r\n\r\n5\r\n{"key\r\nzz\r\nmore\r\n`], 400, 'bad_request'],
    ['two different Content-Lengths', [`${consumeHead}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`], 400, 'bad_request'],
    ['a NUL byte in a header', ['GET /api/health HTTP/1.1\r\nHost: test\r\nX-Note: a\u0000b\r\n\r\n'], 400, 'bad_request'],
    ['headers larger than Node accepts', [`GET /api/health HTTP/1.1\r\nHost: test\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`], 431, 'too_large'],
  ])('answers %s with %i and a JSON error body, then closes', async (_what, parts, status, code) => {
    const answer = parse(await raw(parts));
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body.success && answer.body.data).toMatchObject({ error: code, message: expect.stringMatching(/^The request .+\.$/) });
  });
});

describe('bodies that break or stop halfway', () => {
  it('answers a consume cut off mid-body without an internal error; the next request is served', async () => {
    // Announces 200 bytes, sends 30, hangs up.
    await raw([`${consumeHead}Content-Length: 200\r\n\r\n{"keyProof":"AAAAAAAAAAAAAAAAAA`]);
    expect((await request(server.url, '/api/health')).status).toBe(200);
  });

  it('never logs or counts any of the above as an internal error', async () => {
    await raw([`${consumeHead}Transfer-Encoding: chunked\r\n\r\n5\r\n{"key\r\nzz\r\n`]);
    await waitFor('the refused requests to be logged', () => server.output().includes('refused by the HTTP parser'));
    const log = server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log.filter((entry) => Number(entry.level) >= 50)).toEqual([]);
    expect(log.filter((entry) => entry.msg === 'request' && Number(entry.status) >= 500)).toEqual([]);
    const metrics = String((await request(server.url, '/metrics')).body);
    expect(metrics).not.toMatch(/burnlink_http_requests_total\{[^}]*status="5\d\d"/);
    expect(metrics).toMatch(/burnlink_http_requests_total\{[^}]*route="\/api\/notes\/:id\/consume"[^}]*status="400"[^}]*\} [1-9]/);
  });
});
