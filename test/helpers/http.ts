// Raw HTTP for the server tests: plain JSON requests, and request bodies the fetch client cannot
// make (streamed without a length, or announcing a length they never send).
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, the text otherwise. */
  body: unknown;
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with a JSON content type. */
  text?: string;
  headers?: Record<string, string>;
  /**
   * On a connection of its own, closed after the answer, instead of one kept alive in the pool.
   * For many requests at once on a busy machine: a pooled connection left idle longer than the
   * server's keep-alive timeout (5 s) while the test process was starved is closed by the server
   * just as the request goes out on it, and the request fails with "other side closed" or
   * ECONNRESET without ever reaching the server.
   */
  newConnection?: boolean;
}

export async function request(base: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
  const body = options.text ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.newConnection) return requestOnNewConnection(`${base}${path}`, options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body);
  const response = await fetch(`${base}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

function requestOnNewConnection(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sent = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request(url, { method, headers: sent, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) answer.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const isJson = answer.get('content-type')?.includes('application/json') ?? false;
        try {
          resolve({ status: res.statusCode ?? 0, headers: answer, body: isJson ? JSON.parse(text) : text });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface EarlyEnd {
  /** The server's answer, when one arrived before the server closed the connection. */
  status?: number;
  body?: string;
  /** Bytes the client had handed to the socket when the server answered or cut the connection. */
  sentBeforeEnd: number;
}

/**
 * POSTs up to `total` bytes of junk as fast as the server takes them. With `announcedLength` the
 * request claims that Content-Length and stops after `total` bytes; without it the body is
 * chunked, so only counting can stop it. Resolves when the server answers or closes the
 * connection: Node closes it right after an early answer, and the reset can overtake the answer
 * while the client is still writing, so an answer is not guaranteed to arrive.
 */
export function postOversized(base: string, path: string, total: number, announcedLength?: number): Promise<EarlyEnd> {
  return new Promise((resolve) => {
    let sent = 0;
    let ended: number | undefined;
    const end = () => { ended ??= sent; return ended; };
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (announcedLength !== undefined) headers['content-length'] = announcedLength;
    const req = http.request(`${base}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const sentBeforeEnd = end();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBeforeEnd });
      });
    });
    req.on('error', () => resolve({ sentBeforeEnd: end() }));
    req.flushHeaders();
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      // An announced length is never honoured: the server must answer without waiting for it.
      if (announcedLength === undefined && !req.destroyed) req.end();
    };
    pump();
  });
}

/** Status of a GET on a connection of its own, outside the client's keep-alive pool. */
export function statusOnNewConnection(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${path}`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}
