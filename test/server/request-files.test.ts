// Files in answers on running servers (SQLite file; Redis with its append-only file): an answer of
// text and files, sealed by the real client code, reaches the requester byte for byte, once; an
// answer beyond the server's limit (past the limit's padding bucket: the server sees no more than
// the padded size), sealed and padded exactly as a client does, is refused with a
// sentence that names the limit, nothing of it is written anywhere, and the request still waits.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload } from '../../utils/core/payload-read';
import { encodePayload, payloadSize, type NoteContent } from '../../utils/core/payload';
import { createRequestApi, type RequestApi } from '../../utils/core/request/api';
import { requestSecrets, sealAnswer } from '../../utils/core/request/crypto';
import { answerRequest, askForSecret, openRequest, postAnswer, receiveAnswer, type AskedRequest } from '../../utils/core/request/flow';
import { parseRequestLink, type RequestLink } from '../../utils/core/request/link';
import { request } from '../helpers/http';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { filesContain, withReadOnlyDb } from '../helpers/sqlite-file';

const MAX_NOTE_BYTES = 64 * 1024;
const DAY = 86_400;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Bytes no text decoding leaves intact. */
const binary = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) & 0xff);

interface Deployment {
  url: string;
  /** Whether `text` was ever written to the store's files (SQLite and its log; Redis's append-only file). */
  written: (text: string) => boolean;
  /** How many ciphertexts the store holds (SQLite only; undefined on Redis). */
  bodies: () => number | undefined;
  stop: () => Promise<void>;
}

async function sqlite(): Promise<Deployment> {
  const server: RunningServer = await startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } });
  return {
    url: server.url,
    written: (text) => filesContain(server.dbFile, text),
    bodies: () => withReadOnlyDb(server.dbFile, (db) => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM bodies').get()?.n),
    stop: () => server.stop(),
  };
}

async function redis(): Promise<Deployment> {
  const store: RunningRedis = await startRedis();
  const server = await startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES), REDIS_URL: store.url } });
  const aof = path.join(store.dir, 'appendonlydir');
  return {
    url: server.url,
    written: (text) => fs.readdirSync(aof).some((f) => fs.readFileSync(path.join(aof, f)).includes(Buffer.from(text))),
    bodies: () => undefined,
    stop: async () => {
      await server.stop();
      await store.stop();
    },
  };
}

describe.each([['SQLite', sqlite], ['Redis', redis]])('files in answers on %s', (_name, deploy) => {
  let deployment: Deployment;
  let api: RequestApi;
  beforeAll(async () => {
    deployment = await deploy();
    api = createRequestApi({ server: deployment.url });
  });
  afterAll(async () => { await deployment?.stop(); });

  async function ask(): Promise<{ asked: AskedRequest; link: RequestLink }> {
    const asked = unwrap(await askForSecret(api, { note: 'the staging certificate', expiresIn: DAY }));
    return { asked, link: unwrap(parseRequestLink(asked.link)) };
  }
  const receive = (asked: AskedRequest) => receiveAnswer(api, {
    id: asked.request.id, fetchToken: asked.request.fetchToken, privateKey: asked.keys.privateKey, publicKey: asked.publicKey,
  });

  it('carries text and files to the requester byte for byte, once', async () => {
    const { asked, link } = await ask();
    const content: NoteContent = {
      text: 'the p12 password: tulip-anchor',
      files: [
        { name: 'client.p12', type: 'application/x-pkcs12', bytes: binary(5000, 1) },
        { name: 'report.html', type: 'text/html', bytes: new TextEncoder().encode('<script>alert(1)</script>') },
      ],
    };
    unwrap(await answerRequest(api, link, encodePayload(content)));
    const received = unwrap(await receive(asked));
    expect(unwrap(decodePayload(received.payload))).toEqual(content);
    expect(await receive(asked)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
  });

  it('refuses an answer beyond its limit with a sentence naming the limit; nothing of it is stored, and the request still waits', async () => {
    const { asked, link } = await ask();
    const bodiesBefore = deployment.bodies();
    // Sealed and padded as the answer page would if it did not check first. The server sees only
    // the padded size, so it refuses from the first size bucket above the limit's own (the answer
    // page refuses from the exact limit): twice the limit is past it.
    const file = binary(2 * MAX_NOTE_BYTES, 2);
    const over = { text: '', files: [{ name: 'backup.tar', type: 'application/x-tar', bytes: file }] };
    expect(payloadSize({ text: '', files: [{ name: 'backup.tar', type: 'application/x-tar', size: file.length }] })).toBeGreaterThan(MAX_NOTE_BYTES);
    const answer = unwrap(await sealAnswer(encodePayload(over), { publicKey: link.publicKey, requestId: link.id }));
    const { answerToken } = await requestSecrets(link.publicKey);

    const refused = await request(deployment.url, `/api/requests/${link.id}/answer`, { json: { answerToken, answer } });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({ error: 'too_large', message: 'The answer is too large. This server accepts answers (text and files) up to 64 KB.' });
    // The client says the same sentence, by code, to whoever answers.
    expect(await answerRequest(api, link, encodePayload(over))).toMatchObject({ ok: false, error: { code: 'too_large', status: 413 } });

    // Nothing of it was written: no piece of its ciphertext in the store's files, no new body.
    expect(deployment.written(answer.ct.slice(1000, 1064))).toBe(false);
    expect(deployment.bodies()).toBe(bodiesBefore);
    expect(unwrap(await openRequest(api, link)).peek).toMatchObject({ state: 'waiting', at: null });
    expect(await receive(asked)).toMatchObject({ ok: false, error: { code: 'not_answered' } });

    // The one answer is still to be given: a smaller one goes through.
    const fits = { text: 'split it: here is the first part', files: [{ name: 'part-1.tar', type: '', bytes: file.subarray(0, 30_000) }] };
    const fitting = unwrap(await sealAnswer(encodePayload(fits), { publicKey: link.publicKey, requestId: link.id }));
    unwrap(await postAnswer(api, link, fitting));
    // The look into the store's files above does see an answer that was stored.
    expect(deployment.written(fitting.ct.slice(1000, 1064))).toBe(true);
    expect(unwrap(decodePayload(unwrap(await receive(asked)).payload))).toEqual({ ...fits, files: [{ ...fits.files[0], bytes: file.subarray(0, 30_000) }] });
  });
});
