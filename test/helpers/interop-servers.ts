// Local stand-ins for other tools' servers, for the interop readers' tests: each answers with
// that tool's recorded responses (test/fixtures/interop/), burns what the tool burns, and sends
// the tool's own CORS headers, including what it gets wrong (PrivateBin answers a preflight with
// its HTML page; cryptgeon sends no CORS headers at all). Every request is recorded, so a test
// can assert which endpoints were called. Real node:http servers on loopback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ToolServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  /** Requests that read (and may burn) a secret, as opposed to checks. */
  consuming(): RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (req: RecordedRequest, res: http.ServerResponse, origin: string) => void;

async function start(handle: Handler, isConsuming: (r: RecordedRequest) => boolean): Promise<ToolServer> {
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      try {
        handle(recorded, res, origin);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    consuming: () => requests.filter(isConsuming),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
};

// ---------------------------------------------------------------------------------------------
// PrivateBin 2.0.6 (lib/Controller.php, lib/Request.php)

export interface PrivateBinPaste {
  id: string;
  /** The recorded response body, byte for byte. */
  response: string;
  burn: boolean;
}

const PRIVATEBIN_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE',
  'access-control-allow-headers': 'X-Requested-With, Content-Type',
  'access-control-expose-headers': 'X-Uncompressed-Content-Length',
};
const PRIVATEBIN_PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>PrivateBin</title></head><body><noscript>JavaScript is required.</noscript></body></html>';

/** A read is an API call only with X-Requested-With, or an Accept that wants JSON and not HTML. */
function isPrivateBinJson(req: RecordedRequest): boolean {
  if (req.headers['x-requested-with'] === 'JSONHttpRequest') return true;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html') && !accept.includes('application/xhtml+xml');
}

function privateBinId(url: string): string | undefined {
  const query = new URL(url, 'http://x').search.slice(1);
  const params = new URLSearchParams(query);
  const pasteid = params.get('pasteid');
  if (pasteid && /^[a-f0-9]{16}$/.test(pasteid)) return pasteid;
  return query.split('&').find((p) => /^[a-f0-9]{16}$/.test(p));
}

export function startPrivateBin(pastes: PrivateBinPaste[]): Promise<ToolServer> {
  const store = new Map(pastes.map((p) => [p.id, p]));
  return start((req, res) => {
    const id = privateBinId(req.url);
    // Preflights are not API calls: PHP serves the page, without any CORS header.
    if (req.method !== 'GET' || id === undefined || !isPrivateBinJson(req)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end(PRIVATEBIN_PAGE);
      return;
    }
    const paste = store.get(id);
    if (!paste) {
      json(res, 200, '{"status":1,"message":"Document does not exist, has expired or has been deleted."}', PRIVATEBIN_CORS);
      return;
    }
    if (paste.burn) store.delete(id);
    json(res, 200, paste.response, PRIVATEBIN_CORS);
  }, (r) => r.method === 'GET' && privateBinId(r.url) !== undefined && isPrivateBinJson(r));
}

// ---------------------------------------------------------------------------------------------
// Yopass 14 (pkg/server/server.go, server_stream.go), default --cors-allow-origin "*"

export interface YopassSecret {
  id: string;
  file: boolean;
  oneTime: boolean;
  /** Armored message (JSON answer) or binary OpenPGP (a 14.x file download). */
  armored?: string;
  binary?: Uint8Array;
}

export function startYopass(secrets: YopassSecret[], options: { prefetch?: boolean } = {}): Promise<ToolServer> {
  const store = new Map(secrets.map((s) => [`${s.file ? 'file' : 'secret'}/${s.id}`, s]));
  const cors = { 'access-control-allow-origin': '*' };
  return start((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const status = path.match(/^\/(secret|file)\/([^/]+)\/status$/);
    const read = path.match(/^\/(secret|file)\/([^/]+)$/);
    if (req.method === 'GET' && status && options.prefetch !== false) {
      const secret = store.get(`${status[1]}/${status[2]}`);
      if (!secret) return json(res, 404, { message: 'Secret not found' }, cors);
      return json(res, 200, { oneTime: secret.oneTime, requireAuth: false }, cors);
    }
    if (req.method === 'GET' && read) {
      const key = `${read[1]}/${read[2]}`;
      const secret = store.get(key);
      if (!secret) return json(res, 404, { message: 'Secret not found' }, cors);
      // One-time secrets are claimed before the answer is written.
      if (secret.oneTime) store.delete(key);
      if (secret.binary) {
        res.writeHead(200, {
          ...cors,
          'content-type': 'application/octet-stream',
          'access-control-expose-headers': 'Content-Length',
          'content-length': secret.binary.length,
        }).end(Buffer.from(secret.binary));
        return;
      }
      return json(res, 200, { expiration: 3600, message: secret.armored, one_time: secret.oneTime }, cors);
    }
    res.writeHead(404, { ...cors, 'content-type': 'text/plain' }).end('404 page not found');
  }, (r) => r.method === 'GET' && /^\/(secret|file)\/[^/]+$/.test(new URL(r.url, 'http://x').pathname));
}

// ---------------------------------------------------------------------------------------------
// cryptgeon 2.9 (packages/backend/src/note/routes.rs): no CORS layer, no OPTIONS route

export interface CryptgeonNote {
  id: string;
  previewResponse: string;
  deleteResponse: string;
  views: number;
}

export function startCryptgeon(notes: CryptgeonNote[]): Promise<ToolServer> {
  const store = new Map(notes.map((n) => [n.id, { ...n }]));
  return start((req, res) => {
    const m = new URL(req.url, 'http://x').pathname.replace(/\/+$/, '').match(/^\/api\/notes\/([^/]+)$/);
    if (!m) return void res.writeHead(404).end();
    const note = store.get(m[1] ?? '');
    if (req.method === 'GET') return note ? json(res, 200, note.previewResponse) : void res.writeHead(404).end();
    if (req.method === 'DELETE') {
      if (!note) return void res.writeHead(404).end();
      note.views -= 1;
      if (note.views <= 0) store.delete(note.id);
      return json(res, 200, note.deleteResponse);
    }
    res.writeHead(405).end();
  }, (r) => r.method === 'DELETE');
}

// ---------------------------------------------------------------------------------------------
// Hemmelig v7 (api/routes/secrets.ts, api/app.ts): CORS only for its own trusted origins

export interface HemmeligSecret {
  id: string;
  secret: Uint8Array;
  salt: string;
  /** Reads left; null never burns. */
  views: number | null;
  title?: Uint8Array;
  passwordScheme?: 'derived' | 'legacy';
  /** hex(SHA-256(PBKDF2 key)) for `derived`, the password for `legacy`. */
  passwordCheck?: string;
  files?: Array<{ id: string; filename: string; token: string; bytes: Uint8Array }>;
}

const byteObject = (bytes: Uint8Array) => Object.fromEntries(Array.from(bytes, (b, i) => [String(i), b]));

export function startHemmelig(secrets: HemmeligSecret[]): Promise<ToolServer> {
  const store = new Map(secrets.map((s) => [s.id, { ...s }]));
  const files = new Map(secrets.flatMap((s) => (s.files ?? []).map((f) => [f.id, f] as const)));
  return start((req, res, origin) => {
    // Hono's cors({ origin: trustedOrigins, credentials: true }): other origins get no ACAO.
    const cors: Record<string, string> = req.headers.origin === origin
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : { vary: 'Origin' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const path = new URL(req.url, 'http://x').pathname;
    const check = path.match(/^\/api\/secrets\/([^/]+)\/check$/);
    const read = path.match(/^\/api\/secrets\/([^/]+)$/);
    const file = path.match(/^\/api\/files\/([^/]+)$/);
    if (req.method === 'GET' && check) {
      const s = store.get(check[1] ?? '');
      if (!s) return json(res, 404, { error: 'Secret not found' }, cors);
      return json(res, 200, {
        views: s.views,
        title: byteObject(s.title ?? new Uint8Array()),
        isPasswordProtected: s.passwordScheme !== undefined,
        passwordScheme: s.passwordScheme ?? null,
        ...(s.passwordScheme === 'derived' ? { salt: s.salt } : {}),
      }, cors);
    }
    if (req.method === 'POST' && read) {
      const s = store.get(read[1] ?? '');
      if (!s) return json(res, 404, { error: 'Secret not found' }, cors);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return json(res, 400, { error: 'Invalid JSON' }, cors);
      }
      if (s.passwordScheme === 'derived' && body.passwordVerifier !== s.passwordCheck) return json(res, 401, { error: 'Invalid password' }, cors);
      if (s.passwordScheme === 'legacy' && body.password !== s.passwordCheck) return json(res, 401, { error: 'Invalid password' }, cors);
      if (s.views !== null) {
        s.views -= 1;
        if (s.views <= 0) store.delete(s.id);
      }
      return json(res, 200, {
        id: s.id,
        secret: byteObject(s.secret),
        title: byteObject(s.title ?? new Uint8Array()),
        salt: s.salt,
        views: s.views,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        createdAt: new Date().toISOString(),
        isBurnable: true,
        ipRange: null,
        files: (s.files ?? []).map(({ id, filename, token }) => ({ id, filename, token })),
        burned: s.views === 0,
        deleteToken: 'd'.repeat(32),
      }, cors);
    }
    if (req.method === 'GET' && file) {
      const f = files.get(file[1] ?? '');
      if (!f || req.headers['x-hemmelig-file-token'] !== f.token) return json(res, 404, { error: 'File not found' }, cors);
      return void res.writeHead(200, { ...cors, 'content-type': 'application/octet-stream', 'content-length': f.bytes.length }).end(Buffer.from(f.bytes));
    }
    json(res, 404, { error: 'Not found' }, cors);
  }, (r) => r.method === 'POST' && /^\/api\/secrets\/[^/]+$/.test(new URL(r.url, 'http://x').pathname));
}

// ---------------------------------------------------------------------------------------------
// Bitwarden Send, self-hosted layout: vault at `/`, API at `/api`, identity at `/identity`
// (bitwarden/server SendsController.cs, the send_access token grant). CORS: the vault only.

export interface BitwardenSend {
  accessId: string;
  /** The SendAccessResponseModel body. */
  response: string;
  /** base64 PBKDF2 hash of the password, when the Send has one. */
  passwordHash?: string;
  /** Sends that mail the recipient a code: the token grant answers email_required. */
  emailOtp?: boolean;
  maxAccessCount?: number;
}

export function startBitwarden(sends: BitwardenSend[], options: { v2?: boolean } = {}): Promise<ToolServer> {
  const store = new Map(sends.map((s) => [s.accessId, { ...s, accessCount: 0 }]));
  const tokens = new Map<string, string>();
  return start((req, res, origin) => {
    const cors: Record<string, string> = req.headers.origin === origin ? { 'access-control-allow-origin': origin } : {};
    if (req.method === 'OPTIONS') return void res.writeHead(200, cors).end();
    const path = new URL(req.url, 'http://x').pathname;
    const tokenError = (type: string, error = 'invalid_grant') => json(res, 400, { error, error_description: type, send_access_error_type: type }, cors);
    const access = (send: ReturnType<typeof store.get>) => {
      if (!send) return json(res, 404, { message: 'Resource not found.' }, cors);
      if (send.maxAccessCount !== undefined && send.accessCount >= send.maxAccessCount) return json(res, 404, { message: 'Resource not found.' }, cors);
      send.accessCount += 1;
      return json(res, 200, send.response, cors);
    };
    if (req.method === 'POST' && path === '/identity/connect/token' && options.v2 !== false) {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'send_access' || form.get('client_id') !== 'send') return tokenError('invalid_request', 'invalid_request');
      const send = store.get(form.get('send_id') ?? '');
      if (!send) return tokenError('send_id_invalid');
      if (send.emailOtp) return tokenError('email_required', 'invalid_request');
      if (send.passwordHash !== undefined) {
        const hash = form.get('password_hash_b64');
        if (hash === null) return tokenError('password_hash_b64_required', 'invalid_request');
        if (hash !== send.passwordHash) return tokenError('password_hash_b64_invalid');
      }
      const token = `tok-${send.accessId}-${tokens.size}`;
      tokens.set(token, send.accessId);
      return json(res, 200, { access_token: token, expires_in: 300, token_type: 'Bearer', scope: 'api.send.access' }, cors);
    }
    if (req.method === 'POST' && path === '/api/sends/access' && options.v2 !== false) {
      const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      const accessId = tokens.get(bearer);
      if (!accessId) return void res.writeHead(401, cors).end();
      return access(store.get(accessId));
    }
    const v1 = path.match(/^\/api\/sends\/access\/([^/]+)$/);
    if (req.method === 'POST' && v1) {
      const send = store.get(v1[1] ?? '');
      if (!send) return json(res, 404, { message: 'Resource not found.' }, cors);
      let body: { password?: unknown } = {};
      try { body = JSON.parse(req.body || '{}') as { password?: unknown }; } catch { /* an empty body */ }
      if (send.emailOtp) return void res.writeHead(401, cors).end();
      if (send.passwordHash !== undefined) {
        if (body.password === undefined) return void res.writeHead(401, cors).end();
        if (body.password !== send.passwordHash) return json(res, 400, { message: 'Invalid password.' }, cors);
      }
      return access(send);
    }
    res.writeHead(404, cors).end();
  }, (r) => r.method === 'POST' && /^\/api\/sends\/access(\/[^/]+)?$/.test(new URL(r.url, 'http://x').pathname));
}
