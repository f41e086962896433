// Exactly once through network faults between the server and Redis: a fault-injecting TCP proxy
// (test/helpers/fault-proxy.ts) sits between a real server process and a real redis-server and
// drops a reply, cuts a command halfway, stalls replies, or keeps Redis away. Whatever happens,
// every acknowledged create reads, no reader is told "already read" for a note nobody received,
// nothing is counted twice, and the sender's status stays true.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../utils/core/protocol';
import { createRequestApi } from '../../utils/core/request/api';
import { answerRequest, askForSecret, receiveAnswer, type AskedRequest } from '../../utils/core/request/flow';
import { parseRequestLink } from '../../utils/core/request/link';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { request, type RawResponse } from '../helpers/http';
import { consumeNote, createNote, openConsumed, sealNote, type SealedNote } from '../helpers/notes';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

let redis: RunningRedis;
let proxy: FaultProxy;
let server: RunningServer;
let inspect: Redis;

beforeAll(async () => {
  redis = await startRedis();
  proxy = await startFaultProxy({ port: redis.port });
  server = await startServer({ env: { REDIS_URL: proxy.url } });
  inspect = new Redis(redis.url);
  // Redis learns the scripts on their first use (NOSCRIPT, then the source): before any fault, so
  // that a dropped reply is the reply of a script that ran.
  const warm = await createNote(server.url, 'warm-up', { passphrase: 'p' });
  await consumeNote(server.url, { ...warm, readToken: warm.keyProof });
  await consumeNote(server.url, warm);
});
afterAll(async () => {
  inspect?.disconnect();
  await server?.stop();
  await proxy?.close();
  await redis?.stop();
});

const statusOf = async (note: SealedNote) =>
  (await request(server.url, `/api/notes/${note.id}`, { headers: { authorization: `Bearer ${note.manageToken}` } })).body;

/** A consume's answer, checked: a 200 must carry the note's own secret. */
async function read(note: SealedNote): Promise<RawResponse> {
  const response = await consumeNote(server.url, note);
  if (response.status === 200) expect(await openConsumed(response, note)).toBe(note.secret);
  return response;
}

/** No key under the deployment holds the ciphertext (a kept answer included). */
async function ciphertextInRedis(note: SealedNote): Promise<boolean> {
  for (const key of await inspect.keys('*')) {
    if ((await inspect.type(key)) === 'string' && (await inspect.getBuffer(key))?.includes(note.envelope.ct)) return true;
  }
  return false;
}

const healthy = () => waitFor('the server to reach Redis again', async () => (await request(server.url, '/api/health')).status === 200, { timeoutMs: 10_000 });

describe('consume through network faults', () => {
  it.each([
    ['its reply is dropped and the connection cut', (note: SealedNote) => proxy.dropReplyTo(note.id)],
    ['the command is cut off halfway', (note: SealedNote) => proxy.cutCommand(note.id)],
    ['its reply is stalled for 1.5 s', (note: SealedNote) => proxy.stallReplyTo(note.id, 1500)],
  ])('reads a one-read note exactly once when %s', async (_what, fault) => {
    const note = await createNote(server.url, 'one read through a fault');
    const fired = fault(note);
    const first = await read(note);
    await fired;
    expect(first.status).toBe(200);
    expect((await read(note)).body).toMatchObject({ error: 'gone', state: 'read' });
    expect(await statusOf(note)).toMatchObject({ state: 'read', reads: 1 });
    expect(await ciphertextInRedis(note)).toBe(false);
    await healthy();
  });

  it('lets both readers of a two-read note read it when the first reply is lost: the read is not counted twice', async () => {
    const note = await createNote(server.url, 'two reads, one reply lost', { maxReads: 2 });
    const fired = proxy.dropReplyTo(note.id);
    const first = await read(note);
    await fired;
    expect(first).toMatchObject({ status: 200, body: { readsLeft: 1 } });
    expect(await statusOf(note)).toMatchObject({ state: 'pending', reads: 1 });
    expect(await read(note)).toMatchObject({ status: 200, body: { readsLeft: 0 } });
    expect(await statusOf(note)).toMatchObject({ state: 'read', reads: 2 });
    await healthy();
  });

  it('counts a wrong passphrase once when its reply is lost', async () => {
    const note = await createNote(server.url, 'guarded', { passphrase: 'correct horse' });
    const wrong = { ...note, readToken: note.keyProof };
    const fired = proxy.dropReplyTo(note.id);
    const answer = await consumeNote(server.url, wrong);
    await fired;
    expect(answer.body).toMatchObject({ error: 'wrong_passphrase', attemptsLeft: 19, lockedUntil: null });
    expect((await request(server.url, `/api/notes/${note.id}/peek`, { json: { keyProof: note.keyProof } })).body).toMatchObject({ attemptsLeft: 19 });
    expect((await read(note)).status).toBe(200);
    await healthy();
  });

  it('says honestly that it cannot tell when Redis stays away after a lost reply, and the reader then gets the note', async () => {
    const note = await createNote(server.url, 'Redis goes away mid-read');
    const fired = proxy.dropReplyTo(note.id);
    // Keep Redis away for longer than the server waits for it.
    void fired.then(() => proxy.refuse(true));
    const first = await consumeNote(server.url, note);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(ErrorBody.parse(first.body)).toEqual({
      error: 'unavailable',
      message: 'The note server lost contact with its database while opening the note and cannot tell whether it was read. Try again in a moment.',
    });
    proxy.refuse(false);
    await healthy();
    // The same reader tries again: the server asks for the lost answer, and delivers the note.
    const again = await read(note);
    expect(again.status).toBe(200);
    expect(await statusOf(note)).toMatchObject({ state: 'read', reads: 1 });
    expect(await ciphertextInRedis(note)).toBe(false);
  });
});

describe('create through network faults', () => {
  it.each([
    ['its reply is dropped and the connection cut', (ct: string) => proxy.dropReplyTo(ct.slice(0, 40))],
    ['the command is cut off halfway', (ct: string) => proxy.cutCommand(ct.slice(0, 40))],
  ])('stores the note exactly once, answered 201, when %s', async (_what, fault) => {
    const sealed = await sealNote('created through a fault');
    const bytesBefore = Number(await inspect.get('burnlink:bytes') ?? 0);
    const fired = fault(sealed.envelope.ct);
    const created = await request(server.url, '/api/notes', { json: sealed.body });
    await fired;
    expect(created.status).toBe(201);
    const body = created.body;
    if (typeof body !== 'object' || body === null || !('id' in body) || !('manageToken' in body)) throw new Error('no id');
    const note = { ...sealed, id: String(body.id), manageToken: String(body.manageToken) };
    expect(Number(await inspect.get('burnlink:bytes'))).toBe(bytesBefore + Buffer.byteLength(JSON.stringify(sealed.envelope)));
    expect((await read(note)).status).toBe(200);
    expect(await statusOf(note)).toMatchObject({ state: 'read', reads: 1 });
    await healthy();
    expect(server.output()).not.toContain('note id already exists');
  });
});

describe('requests for a secret through network faults', () => {
  const encoder = new TextEncoder();
  const api = () => createRequestApi({ server: server.url });

  async function answered(secret: string) {
    const asked = await askForSecret(api(), { note: 'through a fault', expiresIn: 3600 });
    if (!asked.ok) throw new Error(asked.error.message);
    const link = parseRequestLink(asked.value.link);
    if (!link.ok) throw new Error(link.error.message);
    const sent = await answerRequest(api(), link.value, encoder.encode(secret));
    if (!sent.ok) throw new Error(sent.error.message);
    return asked.value;
  }
  const receive = (asked: AskedRequest) => receiveAnswer(api(), {
    id: asked.request.id, fetchToken: asked.request.fetchToken, privateKey: asked.keys.privateKey, publicKey: asked.publicKey,
  });
  /** Whether the answer is stored, or a kept fetch reply (which holds an answer envelope) is left. */
  const answerInRedis = async (id: string) => {
    if ((await inspect.exists(`burnlink:qa:${id}`)) === 1) return true;
    for (const key of await inspect.keys('burnlink:o:*')) if ((await inspect.get(key))?.includes('X25519')) return true;
    return false;
  };

  it.each([
    ['its reply is dropped and the connection cut', (id: string) => proxy.dropReplyTo(id)],
    ['the command is cut off halfway', (id: string) => proxy.cutCommand(id)],
  ])('hands the answer to the requester exactly once when %s', async (_what, fault) => {
    const asked = await answered('fetched through a fault');
    const fired = fault(asked.request.id);
    const first = await receive(asked);
    await fired;
    expect(first.ok && new TextDecoder().decode(first.value.payload)).toBe('fetched through a fault');
    expect(await receive(asked)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
    expect(await answerInRedis(asked.request.id)).toBe(false);
    await healthy();
  });

  it('says it cannot tell when Redis stays away after a lost fetch reply, and the requester then gets the answer', async () => {
    const asked = await answered('Redis goes away mid-fetch');
    const fired = proxy.dropReplyTo(asked.request.id);
    void fired.then(() => proxy.refuse(true));
    const first = await receive(asked);
    expect(first).toMatchObject({ ok: false, error: { code: 'unavailable', status: 503 } });
    proxy.refuse(false);
    await healthy();
    const again = await receive(asked);
    expect(again.ok && new TextDecoder().decode(again.value.payload)).toBe('Redis goes away mid-fetch');
    expect(await answerInRedis(asked.request.id)).toBe(false);
  });

  it('stores an answer once, answered 201, when its reply is dropped', async () => {
    const asked = await askForSecret(api(), { note: 'answer through a fault', expiresIn: 3600 });
    if (!asked.ok) throw new Error(asked.error.message);
    const link = parseRequestLink(asked.value.link);
    if (!link.ok) throw new Error(link.error.message);
    const fired = proxy.dropReplyTo(`qa:${link.value.id}`);
    const sent = await answerRequest(api(), link.value, encoder.encode('answered through a fault'));
    await fired;
    expect(sent).toMatchObject({ ok: true });
    const got = await receive(asked.value);
    expect(got.ok && new TextDecoder().decode(got.value.payload)).toBe('answered through a fault');
    await healthy();
  });
});
