// Crash safety under load: a store dies (SIGKILL) in the middle of creates and consumes. After
// a restart every acknowledged create still reads exactly once, every acknowledged consume stays
// gone, and a consume that was cut off reads at most once. Invariant 2: a burn is durable before
// its answer; and nothing acknowledged is lost.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { consumeNote, openConsumed, sealNote, type SealedNote } from '../helpers/notes';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { filesContain } from '../helpers/sqlite-file';
import { waitFor } from '../helpers/wait';

interface Ledger {
  /** Creates answered 201. */
  created: SealedNote[];
  /** Consumes answered 200. */
  consumed: Set<string>;
  /** Consumes sent that got no answer, or an error: they may or may not have happened. */
  unsure: Set<string>;
  /** Consumes answered with anything but 200 before the crash: must never happen. */
  refused: string[];
}

const WORKERS = 16;

/**
 * Creates and consumes notes on `base` with WORKERS concurrent clients until `stop` is called;
 * every other created note is consumed. Resolves `reached` once `creates` creates and
 * `consumes` consumes were acknowledged.
 */
function runLoad(base: () => string, bodies: Array<Awaited<ReturnType<typeof sealNote>>>, creates: number, consumes: number) {
  const ledger: Ledger = { created: [], consumed: new Set(), unsure: new Set(), refused: [] };
  const toConsume: SealedNote[] = [];
  let stopped = false;
  let next = 0;
  let inFlight = 0;
  const track = async <T>(request: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await request;
    } finally {
      inFlight--;
    }
  };
  let onReached: () => void = () => {};
  const reached = new Promise<void>((resolve) => { onReached = resolve; });
  const check = () => {
    if (ledger.created.length >= creates && ledger.consumed.size >= consumes) onReached();
  };

  const worker = async () => {
    while (!stopped && next < bodies.length) {
      const sealed = bodies[next++];
      if (!sealed) break;
      try {
        const response = await track(request(base(), '/api/notes', { json: sealed.body }));
        const body = response.body;
        if (response.status === 201 && typeof body === 'object' && body !== null && 'id' in body && 'manageToken' in body) {
          const note = { ...sealed, id: String(body.id), manageToken: String(body.manageToken) };
          ledger.created.push(note);
          if (ledger.created.length % 2 === 0) toConsume.push(note);
        }
      } catch {
        // The server or its store is down: the create may or may not have happened.
      }
      const note = toConsume.shift();
      if (note) {
        try {
          const response = await track(consumeNote(base(), note));
          if (response.status === 200) ledger.consumed.add(note.id);
          else if (response.status >= 500) ledger.unsure.add(note.id);
          else ledger.refused.push(`${note.id}: ${response.status}`);
        } catch {
          ledger.unsure.add(note.id);
        }
      }
      check();
    }
  };
  const done = Promise.all(Array.from({ length: WORKERS }, worker));
  return {
    ledger,
    reached,
    /** Requests sent and not answered yet. */
    inFlight: () => inFlight,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** Checks the ledger against a restarted store, through `base`. */
async function verify(base: string, ledger: Ledger) {
  expect(ledger.refused).toEqual([]);
  let readNow = 0;
  let unsureRead = 0;
  const check = async (note: SealedNote) => {
    const first = await consumeNote(base, note);
    if (ledger.consumed.has(note.id)) {
      // Acknowledged burn: stays gone.
      expect({ id: note.id, status: first.status, body: first.body }).toMatchObject({ status: 410, body: { state: 'read' } });
    } else if (ledger.unsure.has(note.id)) {
      // Cut off mid-consume: read once at most, never lost.
      expect([200, 410], `note ${note.id}`).toContain(first.status);
      if (first.status === 200) unsureRead++;
    } else {
      // Acknowledged create, never consumed: reads exactly once, with its secret.
      expect({ id: note.id, status: first.status }).toEqual({ id: note.id, status: 200 });
      expect(await openConsumed(first, note)).toBe(note.secret);
      readNow++;
    }
    const second = await consumeNote(base, note);
    expect({ id: note.id, status: second.status }).toEqual({ id: note.id, status: 410 });
  };
  for (let i = 0; i < ledger.created.length; i += WORKERS) await Promise.all(ledger.created.slice(i, i + WORKERS).map(check));
  return { readNow, unsureRead };
}

async function sealMany(count: number) {
  return Promise.all(Array.from({ length: count }, (_, i) => sealNote(`crash test secret ${i} ${crypto.randomUUID()}`)));
}

const healthy = (base: string) =>
  waitFor(`${base} to become healthy`, async () => (await request(base, '/api/health')).status === 200, { timeoutMs: 20_000 });

describe('crash safety under load', () => {
  const servers: RunningServer[] = [];
  const redises: RunningRedis[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(redises.map((r) => r.stop()));
  });
  const start = async (...args: Parameters<typeof startServer>) => {
    const server = await startServer(...args);
    servers.push(server);
    return server;
  };

  it('SQLite: SIGKILL of the server mid-load loses no acknowledged create and resurrects no acknowledged read', async () => {
    const bodies = await sealMany(700);
    const first = await start();
    const load = runLoad(() => first.url, bodies, 200, 60);
    await load.reached;
    expect(load.inFlight()).toBeGreaterThan(0);
    await first.kill();
    await load.stop();
    expect(first.process.signalCode).toBe('SIGKILL');
    const { ledger } = load;
    expect(ledger.created.length).toBeGreaterThanOrEqual(200);
    const second = await start({ dataDir: first.dataDir });
    // Old pages of burned ciphertexts that the crash left in the WAL file are wiped at restart.
    for (const note of ledger.created.filter((n) => ledger.consumed.has(n.id))) {
      expect(filesContain(first.dbFile, note.envelope.ct), note.id).toBe(false);
    }
    const { readNow } = await verify(second.url, ledger);
    expect(readNow).toBeGreaterThan(0);
  });

  it('Redis: SIGKILL of the server mid-load, then a new server on the same Redis', async () => {
    const redis = await startRedis();
    redises.push(redis);
    const bodies = await sealMany(700);
    const first = await start({ env: { REDIS_URL: redis.url } });
    const load = runLoad(() => first.url, bodies, 200, 60);
    await load.reached;
    expect(load.inFlight()).toBeGreaterThan(0);
    await first.kill();
    await load.stop();
    const second = await start({ env: { REDIS_URL: redis.url } });
    const { readNow } = await verify(second.url, load.ledger);
    expect(readNow).toBeGreaterThan(0);
  });

  it('Redis: SIGKILL of redis-server itself mid-load, restarted on its append-only file (appendfsync always)', async () => {
    const redis = await startRedis();
    redises.push(redis);
    const bodies = await sealMany(700);
    const server = await start({ env: { REDIS_URL: redis.url } });
    const load = runLoad(() => server.url, bodies, 200, 60);
    await load.reached;
    expect(load.inFlight()).toBeGreaterThan(0);
    await redis.kill();
    expect(redis.process.signalCode).toBe('SIGKILL');
    // While Redis is down the server answers at once (503 health, 500 on writes) instead of hanging.
    expect((await request(server.url, '/api/health')).status).toBe(503);
    await load.stop();
    expect(fs.readdirSync(redis.dir).join(',')).toMatch(/appendonly/);

    const restarted = await startRedis({ dir: redis.dir, port: redis.port });
    redises.push(restarted);
    await healthy(server.url);
    const { readNow } = await verify(server.url, load.ledger);
    expect(readNow).toBeGreaterThan(0);
  });
});
