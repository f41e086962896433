// docs/protocol.schema.json is what a client in another language reads: it must be the current
// output of the zod schemas, and what the real server sends and accepts must validate against it
// (checked with Ajv, an independent JSON Schema implementation), while what it refuses must not.
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE, protocolSchema, schemaText } from '../../scripts/protocol-schema';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import type { NoteStore } from '../../server/store/store';
import { sealNote } from '../helpers/notes';

describe('the committed JSON Schema', () => {
  it('is the current output of the zod schemas (run `npm run schema` after changing them)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8'), 'docs/protocol.schema.json is stale: run `npm run schema`').toBe(schemaText());
  });
});

describe('what the server sends and accepts validates against it', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(protocolSchema());
  const valid = (shape: string, value: unknown) => {
    const check = ajv.getSchema(`https://burnlink.invalid/protocol/v1/schema.json#/$defs/${shape}`);
    if (!check) throw new Error(`no shape ${shape}`);
    const ok = check(value);
    return ok ? true : ajv.errorsText(check.errors);
  };

  let store: NoteStore;
  let call: (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown }>;
  beforeAll(() => {
    const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off', RATE_LIMIT_MANAGE: 'off' });
    if (!loaded.ok) throw new Error(loaded.error);
    store = openSqliteStore({ file: ':memory:' });
    const app = createApp({ store, config: loaded.value });
    call = async (path, init) => {
      const response = await app.request(path, init);
      return { status: response.status, body: await response.json() };
    };
  });
  afterAll(() => store.close());
  const post = (body: unknown, headers: Record<string, string> = {}): RequestInit =>
    ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('through a note\'s life: create, peek, status, batch status, consume, health, and the errors on the way', async () => {
    const sealed = await sealNote('validated', { maxReads: 2 });
    expect(valid('CreateNoteRequest', sealed.body)).toBe(true);
    const { maxReads: _, ...withoutMaxReads } = sealed.body;
    expect(valid('CreateNoteRequest', withoutMaxReads)).toBe(true);

    const created = await call('/api/notes', post(sealed.body));
    expect(created.status).toBe(201);
    expect(valid('CreateNoteResponse', created.body)).toBe(true);
    const { id, manageToken } = created.body as { id: string; manageToken: string };

    const answers: Array<[string, Promise<{ status: number; body: unknown }>, number]> = [
      ['PeekResponse', call(`/api/notes/${id}/peek`, post({ keyProof: sealed.keyProof })), 200],
      ['NoteStatus', call(`/api/notes/${id}`, { headers: { authorization: `Bearer ${manageToken}` } }), 200],
      ['BatchStatusResponse', call('/api/notes/status', post({ notes: [{ id, manageToken }, { id, manageToken: sealed.keyProof }] })), 200],
      ['Health', call('/api/health'), 200],
    ];
    for (const [shape, answer, status] of answers) {
      const { status: got, body } = await answer;
      expect(got, shape).toBe(status);
      expect(valid(shape, body), shape).toBe(true);
    }
    const consumed = await call(`/api/notes/${id}/consume`, post({ keyProof: sealed.keyProof, readToken: sealed.readToken }));
    expect(valid('ConsumeResponse', consumed.body)).toBe(true);
    const revoked = await call(`/api/notes/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${manageToken}` } });
    expect(valid('NoteStatus', revoked.body)).toBe(true);
    expect(revoked.body).toMatchObject({ state: 'revoked', reads: 1 });

    for (const [path, init, status] of [
      [`/api/notes/${id}/consume`, post({ keyProof: sealed.keyProof, readToken: sealed.readToken }), 410],
      [`/api/notes/${id}/peek`, post({ keyProof: manageToken }), 404],
      ['/api/notes', post({ nonsense: true }), 400],
      [`/api/notes/${id}/consume`, { method: 'GET' }, 405],
    ] as const) {
      const answer = await call(path, init);
      expect(answer.status).toBe(status);
      expect(valid('ErrorBody', answer.body), JSON.stringify(answer.body)).toBe(true);
    }
  });

  it('and what the server refuses does not validate either', async () => {
    const sealed = await sealNote('refused');
    const last = (text: string) => text.slice(-1);
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const nonCanonical = `${sealed.keyProof.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(last(sealed.keyProof)) + 1]}`;
    for (const body of [
      { ...sealed.body, keyProof: nonCanonical },
      { ...sealed.body, maxReads: 11 },
      { ...sealed.body, reader: 'alice' },
      { ...sealed.body, envelope: { ...sealed.envelope, v: 2 } },
      { ...sealed.body, envelope: { ...sealed.envelope, iv: `${sealed.envelope.iv}A` } },
    ]) {
      expect(valid('CreateNoteRequest', body)).not.toBe(true);
      expect((await call('/api/notes', post(body))).status).toBe(400);
    }
  });
});
