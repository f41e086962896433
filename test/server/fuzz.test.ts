// Property tests with random and mutated input: the link parser, the envelope decoder, and every
// API body against a real server process. Never a throw, never a 5xx, never a hang; always a
// clear error. Seeds are fixed per run by fast-check and printed on failure, to replay.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../utils/core/base64url';
import { decryptNote, encryptNote } from '../../utils/core/crypto';
import { findLinks, formatLink, parseLink } from '../../utils/core/link';
import { Envelope, ErrorBody } from '../../utils/core/protocol';
import { createNote, type SealedNote } from '../helpers/notes';
import { startServer, type RunningServer } from '../helpers/server';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const validLink = fc.record({
  server: fc.constantFrom('https://notes.example.com', 'http://127.0.0.1:8787', 'https://example.org/burn/'),
  id: bytes(16).map(toBase64url),
  key: bytes(32),
  passphrase: fc.boolean(),
}).map(formatLink);

/** A string with characters inserted, deleted or replaced at random places. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ unit: 'binary', maxLength: 4 }));
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => edits.reduce((t, [at, op, s]) => {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    if (op === 'insert') return t.slice(0, i) + s + t.slice(i);
    if (op === 'delete') return t.slice(0, i) + t.slice(i + 1 + (at % 3));
    return t.slice(0, i) + s + t.slice(i + s.length);
  }, text));
}

describe('link parser', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    mutated(validLink),
    fc.tuple(fc.string({ maxLength: 40 }), validLink, fc.string({ maxLength: 40 })).map(([a, link, b]) => `${a}${link}${b}`),
  );

  it('parseLink never throws, and says what is wrong in a sentence whenever it refuses', () => {
    fc.assert(fc.property(anyText, (text) => {
      const result = parseLink(text);
      if (result.ok) {
        expect(result.value.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(result.value.key).toHaveLength(32);
      } else {
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    }), { numRuns: 4000 });
  });

  it('parseLink reads back every link formatLink makes, wrapped the way people paste it', () => {
    fc.assert(fc.property(validLink, fc.constantFrom(['', ''], ['<', '>'], ['(', ').'], ['"', '"'], [' ', '\n']), (link, [open, close]) => {
      const result = parseLink(`${open}${link}${close}`);
      expect(result.ok && formatLink(result.value)).toBe(link);
    }), { numRuns: 500 });
  });

  it('findLinks never throws, and reports each link where it is, with an id and a whole key', () => {
    fc.assert(fc.property(anyText, (text) => {
      for (const { link, index, length } of findLinks(text)) {
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index + length).toBeLessThanOrEqual(text.length);
        const found = text.slice(index, index + length);
        expect(found.startsWith(link.server)).toBe(true);
        expect(found).toContain(`/n/${link.id}#1${link.passphrase ? 'p' : ''}.${toBase64url(link.key)}`);
        expect(link.key).toHaveLength(32);
      }
    }), { numRuns: 4000 });
  });

  it('finds every link formatLink makes inside surrounding text, and parseLink opens what it finds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), validLink, fc.constantFrom(' ', '\n', ' (', '"'), (before, link, gap) => {
      const text = `${before}${gap}${link} and more`;
      const found = findLinks(text).map((f) => text.slice(f.index, f.index + f.length));
      expect(found).toContain(link);
      const parsed = parseLink(link);
      expect(parsed.ok && formatLink(parsed.value)).toBe(link);
    }), { numRuns: 1000 });
  });
});

describe('envelope decoder', () => {
  let sealed: { envelope: Envelope; linkKey: Uint8Array; secret: string };
  beforeAll(async () => {
    const secret = 'fuzzed secret ✓';
    const result = await encryptNote(secret);
    if (!result.ok) throw new Error(result.error.message);
    sealed = { envelope: result.value.envelope, linkKey: result.value.linkKey, secret };
  });

  const field = fc.constantFrom('v', 'alg', 'kdf', 'iter', 'iv', 'ct', 'extra');
  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 64 }), fc.constantFrom(600_000, 'pbkdf2-sha256', 'hkdf-sha256', 1, 'A256GCM'));
  const change = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), field }),
    fc.record({ kind: fc.constant('set' as const), field, value: anyValue }),
    fc.record({ kind: fc.constant('flip' as const), field: fc.constantFrom('iv', 'ct'), at: fc.nat(), to: fc.constantFrom(...'AZaz09-_+/=.'.split('')) }),
    fc.record({ kind: fc.constant('cut' as const), field: fc.constantFrom('iv', 'ct'), at: fc.nat() }),
  );

  it('never throws on mutated envelopes; opens only the untouched secret, otherwise says why in a sentence', async () => {
    await fc.assert(fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
      const candidate: Record<string, unknown> = { ...sealed.envelope };
      for (const c of changes) {
        if (c.kind === 'drop') delete candidate[c.field];
        else if (c.kind === 'set') candidate[c.field] = c.value;
        else {
          const text = String(candidate[c.field] ?? '');
          const i = text.length === 0 ? 0 : c.at % text.length;
          candidate[c.field] = c.kind === 'flip' ? text.slice(0, i) + c.to + text.slice(i + 1) : text.slice(0, i);
        }
      }
      const parsed = Envelope.safeParse(candidate);
      if (!parsed.success) {
        expect(parsed.error.issues.length).toBeGreaterThan(0);
        return;
      }
      const opened = await decryptNote(parsed.data, sealed.linkKey);
      if (opened.ok) expect(opened.value).toBe(sealed.secret);
      else expect(opened.error.message.length).toBeGreaterThan(10);
    }), { numRuns: 1500 });
  });

  it('never throws on arbitrary JSON or a wrong key', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), bytes(32), async (value, key) => {
      expect(Envelope.safeParse(value).success).toBe(false);
      const opened = await decryptNote(sealed.envelope, key);
      expect(opened.ok).toBe(false);
    }), { numRuns: 500 });
  });
});

describe('every API body against a real server', () => {
  let server: RunningServer;
  let note: SealedNote;
  let create: Record<string, unknown>;
  beforeAll(async () => {
    server = await startServer();
    // A note that mutated consumes aim at (one may well burn it: later ones then get 410).
    note = await createNote(server.url, 'target of the fuzzer', { maxReads: 2 });
    const fresh = await encryptNote('a valid body to mutate');
    if (!fresh.ok) throw new Error(fresh.error.message);
    const { envelope, keyProof, readToken } = fresh.value;
    create = { envelope, expiresIn: 3600, maxReads: 1, keyProof, readToken };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  afterAll(async () => {
    agent.destroy();
    await server?.stop();
  });

  type Body = { text: string; contentType: string };
  const json = (value: unknown): Body => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json' });

  const hugeString = fc.constantFrom(1_000, 50_000, 70_000, 800_000).chain((n) => fc.constantFrom('A', 'é', '🔥', '+/=').map((c) => c.repeat(n / c.length)));
  const weirdString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('', ' ', '\u0000', '\uD800', '====', '+/+/', 'A'.repeat(43), 'A'.repeat(22), '../../etc/passwd', '%00', '{}', 'null'),
    bytes(32).map((b) => `${toBase64url(b).slice(0, 42)}=`),
  );
  const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 4, arbitrary: weirdString },
    { weight: 1, arbitrary: hugeString },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, true, null, [], {}) },
  );

  /** Mutates a valid object: drops, replaces or adds fields, at the top or one level down. */
  function mutatedObject(base: () => Record<string, unknown>): fc.Arbitrary<unknown> {
    const step = fc.record({
      op: fc.constantFrom('drop', 'set', 'add', 'nested'),
      pick: fc.nat(),
      name: fc.string({ maxLength: 12 }),
      value: anyValue,
    });
    return fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => {
      const out: Record<string, unknown> = structuredClone(base());
      for (const { op, pick, name, value } of steps) {
        const keys = Object.keys(out);
        const key = keys[pick % Math.max(1, keys.length)] ?? name;
        if (op === 'drop') delete out[key];
        else if (op === 'set') out[key] = value;
        else if (op === 'add') out[name] = value;
        else {
          const inner = out[key];
          if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
            const innerKeys = Object.keys(inner);
            out[key] = { ...inner, [innerKeys[pick % Math.max(1, innerKeys.length)] ?? name]: value };
          } else {
            out[key] = { [name]: value };
          }
        }
      }
      return out;
    });
  }

  const body = (base: () => Record<string, unknown>): fc.Arbitrary<Body> => fc.oneof(
    { weight: 6, arbitrary: mutatedObject(base).map(json) },
    { weight: 2, arbitrary: anyValue.map(json) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: mutated(fc.constant(JSON.stringify(base()))).map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=latin1')
      .map((contentType) => ({ text: JSON.stringify(base()), contentType })) },
    // Deeply nested JSON, as text: JSON.stringify itself would overflow the stack on it.
    { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 30_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => ({
      text: `{"keyProof":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`, contentType: 'application/json',
    })) },
  );
  const idSegment = fc.oneof(
    { weight: 8, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%ff', '%2e%2e', '%2F', `${'A'.repeat(22)}%00`, 'A'.repeat(21), 'A'.repeat(23), `${'A'.repeat(21)}=`) },
  );
  // Header values can only carry visible Latin-1 (HTTP clients refuse anything else).
  const headerChar = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c));
  const headerText = fc.oneof(fc.string({ unit: headerChar, maxLength: 80 }), fc.constantFrom('A'.repeat(43), `${'A'.repeat(42)}=`, '', 'Bearer'));
  const bearer = fc.oneof(fc.constant(undefined), headerText.map((s) => `Bearer ${s}`), headerText);

  type Case = { method: string; path: string; body?: Body; authorization?: string };
  // Built once the target note exists (the valid bodies refer to it).
  const makeCases = (): fc.Arbitrary<Case> => fc.oneof(
    body(() => create).map((b) => ({ method: 'POST', path: '/api/notes', body: b })),
    body(() => ({ keyProof: note.keyProof, readToken: note.readToken })).chain((b) => idSegment.map((id) => ({ method: 'POST', path: `/api/notes/${id || note.id}/consume`, body: b }))),
    body(() => ({ keyProof: note.keyProof })).chain((b) => idSegment.map((id) => ({ method: 'POST', path: `/api/notes/${id || note.id}/peek`, body: b }))),
    body(() => ({ notes: [{ id: note.id, manageToken: note.manageToken }] })).map((b) => ({ method: 'POST', path: '/api/notes/status', body: b })),
    fc.tuple(fc.constantFrom('GET', 'DELETE'), idSegment, bearer).map(([method, id, authorization]) => ({ method, path: `/api/notes/${id || note.id}`, authorization })),
  );

  /**
   * Sends one request with node:http, in chunks, and stops sending once the server answers:
   * a server refusing a huge body answers before reading it whole and hangs up, and a client
   * that kept writing into the closed connection would lose that answer (fetch does).
   */
  type Answer = { status: number; type: string; text: string } | { reset: true };
  function send(c: Case, retry = true): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const body = c.body === undefined ? undefined : Buffer.from(c.body.text);
      const headers: Record<string, string | number> = {};
      if (c.body && c.body.contentType !== '') headers['content-type'] = c.body.contentType;
      if (body) headers['content-length'] = body.length;
      if (c.authorization !== undefined) headers.authorization = c.authorization;
      let answered = false;
      let responded = false;
      // A connection the server may hang up on (huge body, or a retry) is not shared.
      const own = !retry || (body?.length ?? 0) > 32 * 1024;
      const req = http.request(`${server.url}${c.path}`, { method: c.method, headers, agent: own ? false : agent }, (res) => {
        responded = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => {
          answered = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text });
        });
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no answer in 5 s to ${c.method} ${c.path.slice(0, 80)}`));
      }, 5000);
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered || responded) return;
        clearTimeout(timer);
        // A kept-alive connection the server closed just before we reused it: the request never
        // reached the server, so send it again once.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(c, false));
        // The server answers at once, before reading the body, when the path, method or size is
        // wrong (404, 405, 413) and stops reading a large body soon after; a client still sending
        // then may see the hang-up before the answer. api.test.ts checks those answers
        // deterministically.
        else if ((body?.length ?? 0) > 32 * 1024 && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) resolve({ reset: true });
        else reject(new Error(`${error.message} (${error.code}) on ${c.method} ${c.path.slice(0, 80)} with ${body?.length ?? 0} bytes, sent ${sent}, reused ${req.reusedSocket}`));
      });
      let sent = 0;
      const pump = () => {
        while (body && sent < body.length && !responded && !req.destroyed) {
          const chunk = body.subarray(sent, sent + 16 * 1024);
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!responded && !req.destroyed) req.end();
      };
      pump();
    });
  }

  const seen = new Map<string, number>();
  function check(c: Case, answer: Answer) {
    const key = 'reset' in answer ? 'reset' : String(answer.status);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if ('reset' in answer) return;
    const what = `${c.method} ${c.path.slice(0, 80)} ${c.body?.text.slice(0, 200) ?? ''}`;
    expect(answer.status, what).toBeLessThan(500);
    expect(answer.type, what).toMatch(/^application\/json/);
    const parsed: unknown = JSON.parse(answer.text);
    if (answer.status >= 400) {
      const error = ErrorBody.safeParse(parsed);
      expect(error.success, `${what} → ${answer.text}`).toBe(true);
      expect(error.data?.message.trim().length, what).toBeGreaterThan(10);
    }
  }

  it('answers thousands of random and mutated requests without a 5xx or a hang, always with a JSON error that says what is wrong', async () => {
    // Eight requests at a time: a run sends one batch; fast-check shrinks a failing batch.
    await fc.assert(fc.asyncProperty(fc.array(makeCases(), { minLength: 8, maxLength: 8 }), async (batch) => {
      const answers = await Promise.all(batch.map((c) => send(c)));
      batch.forEach((c, i) => {
        const answer = answers[i];
        if (answer) check(c, answer);
      });
    }), { numRuns: 300, endOnFailure: true });
    // The inputs reached past validation too: notes were created, read, found gone, refused as too large.
    const tally = Object.fromEntries(seen);
    for (const status of ['200', '201', '400', '404', '410', '413']) expect(tally, status).toHaveProperty(status);
    expect(tally.reset ?? 0, JSON.stringify(tally)).toBeLessThan(((tally['413'] ?? 0) + (tally.reset ?? 0)) / 2);
    expect(await send({ method: 'GET', path: '/api/health' })).toMatchObject({ status: 200 });
    expect(server.output()).not.toMatch(/internal error/);
  });
});
