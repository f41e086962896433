// A note server in a fetch function, for unit tests of the clients: health and create, with the
// protocol's own schemas, and a record of what was posted (to prove what the server got to see).
import { CreateNoteRequest, type Health } from '../../utils/core/protocol';

export interface FakeServerOptions {
  health?: Partial<Health>;
  /** Answer every create with this error (status, code, message). */
  failCreate?: { status: number; error: string; message: string };
  /** With failCreate: only from this create on (0-based); the ones before succeed. */
  failFrom?: number;
  /** Throw like a refused connection. */
  down?: boolean;
}

export interface FakeNoteServer {
  url: string;
  fetch: typeof fetch;
  /** Bodies of the create requests, parsed, with the authorization header. */
  posted: Array<{ body: CreateNoteRequest; authorization: string | null }>;
  /** Ids of the notes revoked (DELETE with their manage token). */
  revoked: string[];
}

export function fakeNoteServer(options: FakeServerOptions = {}, url = 'https://notes.example.com'): FakeNoteServer {
  const health: Health = {
    service: 'burnlink', protocol: 1, ok: true, store: 'memory', maxNoteBytes: 512 * 1024,
    expiryChoices: [300, 3600, 86_400, 604_800], defaultExpiry: 86_400, maxReads: 10, createTokenRequired: false, webCreate: true,
    ...options.health,
  };
  const posted: FakeNoteServer['posted'] = [];
  const revoked: string[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (options.down) throw new TypeError('fetch failed');
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/api/health') return json(health);
    if (request.method === 'POST' && path === '/api/notes') {
      const parsed = CreateNoteRequest.safeParse(await request.json());
      if (!parsed.success) return json({ error: 'bad_request', message: 'The request is invalid.' }, 400);
      posted.push({ body: parsed.data, authorization: request.headers.get('authorization') });
      if (options.failCreate && posted.length > (options.failFrom ?? 0)) {
        return json({ error: options.failCreate.error, message: options.failCreate.message }, options.failCreate.status);
      }
      const createdAt = Date.now();
      // The first note is A…A, the next ones A…BA, A…CA, …: distinct canonical ids, same shape.
      return json({
        id: `${'A'.repeat(20)}${'ABCDEFGHIJKLMNOP'[(posted.length - 1) % 16]}A`, manageToken: 'M'.repeat(43), createdAt,
        expiresAt: createdAt + parsed.data.expiresIn * 1000, maxReads: parsed.data.maxReads,
      }, 201);
    }
    const note = /^\/api\/notes\/([A-Za-z0-9_-]{22})$/.exec(path);
    if (request.method === 'DELETE' && note && request.headers.get('authorization') === `Bearer ${'M'.repeat(43)}`) {
      revoked.push(note[1]!);
      return json({ id: note[1], state: 'revoked', createdAt: 0, expiresAt: 0, reads: 0, maxReads: 1, readAt: null, revokedAt: Date.now() });
    }
    return json({ error: 'not_found', message: 'There is nothing at this address.' }, 404);
  };
  return { url, fetch: fakeFetch, posted, revoked };
}
