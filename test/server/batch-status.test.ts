// The batch status endpoint as the extension's read receipts use it: a full batch of the protocol's
// limit, mixed states and tokens, answered in order, only to holders of the manage tokens, with
// nothing about the reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../utils/core/api';
import { toBase64url } from '../../utils/core/base64url';
import { encryptNote } from '../../utils/core/crypto';
import { BATCH_STATUS_LIMIT } from '../../utils/core/protocol';
import { request } from '../helpers/http';
import { startServer, type RunningServer } from '../helpers/server';

const randomToken = () => toBase64url(crypto.getRandomValues(new Uint8Array(32)));
const randomId = () => toBase64url(crypto.getRandomValues(new Uint8Array(16)));

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

interface Made {
  id: string;
  manageToken: string;
  keyProof: string;
  readToken: string;
}

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  server = await startServer();
  api = createApi({ server: server.url });
});
afterAll(async () => {
  await server?.stop();
});

async function make(maxReads = 1): Promise<Made> {
  const sealed = unwrap(await encryptNote('batch me'));
  const created = unwrap(await api.create({ envelope: sealed.envelope, expiresIn: 3600, maxReads, keyProof: sealed.keyProof, readToken: sealed.readToken }));
  return { id: created.id, manageToken: created.manageToken, keyProof: sealed.keyProof, readToken: sealed.readToken };
}

describe('batch status', () => {
  it(`answers a full batch of ${BATCH_STATUS_LIMIT} in order: a status for each right token, null for every wrong one`, async () => {
    const notes = await Promise.all(Array.from({ length: 60 }, (_, i) => make(i % 3 === 0 ? 3 : 1)));
    // Some read (once or to the end), some revoked, the rest waiting.
    for (const [i, n] of notes.entries()) {
      if (i % 4 === 1) unwrap(await api.consume(n.id, n.keyProof, n.readToken));
      if (i % 4 === 2) unwrap(await api.revoke(n.id, n.manageToken));
    }
    const asked = [
      ...notes.map((n) => ({ id: n.id, manageToken: n.manageToken, expect: 'status' as const })),
      // Another note's real token, a random token, an unknown id: all the same null.
      ...notes.slice(0, 20).map((n, i) => ({ id: n.id, manageToken: (notes[i + 1] ?? n).manageToken, expect: 'null' as const })),
      ...notes.slice(20, 30).map((n) => ({ id: n.id, manageToken: randomToken(), expect: 'null' as const })),
      ...Array.from({ length: 10 }, () => ({ id: randomId(), manageToken: randomToken(), expect: 'null' as const })),
    ].sort(() => Math.random() - 0.5);
    expect(asked).toHaveLength(BATCH_STATUS_LIMIT);

    const { statuses } = unwrap(await api.statusBatch(asked.map(({ id, manageToken }) => ({ id, manageToken }))));
    expect(statuses).toHaveLength(BATCH_STATUS_LIMIT);
    for (const [i, question] of asked.entries()) {
      const status = statuses[i];
      if (question.expect === 'null') {
        expect(status).toBeNull();
        continue;
      }
      const n = notes.findIndex((x) => x.id === question.id);
      const state = n % 4 === 2 ? 'revoked' : n % 4 === 1 && n % 3 !== 0 ? 'read' : 'pending';
      expect(status).toMatchObject({ id: question.id, state, reads: n % 4 === 1 ? 1 : 0, maxReads: n % 3 === 0 ? 3 : 1 });
      // What the sender learns, and nothing else (no address, no user agent of the reader).
      expect(Object.keys(status ?? {}).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'maxReads', 'readAt', 'reads', 'revokedAt', 'state']);
    }
  });

  it('changes nothing for a wrong token: the note still reads, and its owner still sees it waiting', async () => {
    const note = await make();
    const other = await make();
    const wrong = await request(server.url, '/api/notes/status', { json: { notes: [{ id: note.id, manageToken: other.manageToken }] } });
    const unknown = await request(server.url, '/api/notes/status', { json: { notes: [{ id: randomId(), manageToken: randomToken() }] } });
    // The same answer as for an id that never existed: a wrong token learns not even that.
    expect(wrong).toMatchObject({ status: 200, body: { statuses: [null] } });
    expect(unknown.body).toEqual(wrong.body);
    expect(unwrap(await api.statusBatch([{ id: note.id, manageToken: note.manageToken }])).statuses[0]).toMatchObject({ state: 'pending', reads: 0 });
    expect(unwrap(await api.consume(note.id, note.keyProof, note.readToken)).readsLeft).toBe(0);
  });
});
