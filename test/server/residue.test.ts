// No burned ciphertext left behind, looked for as someone with the disk (SQLite: the database, its
// log and the log's index, byte for byte) or with the database (Redis: every value under the
// deployment's prefix) would: right after each burn's reply while 20 other requests are in flight,
// after a SIGKILL of the server, and after its restart. The notes kept around must still be found,
// so that the scans are known to see what is there.
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { consumeNote, createNote, openConsumed, type SealedNote } from '../helpers/notes';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { sqliteFiles } from '../helpers/sqlite-file';

const NOTES = 200;
const IN_FLIGHT = 20;

interface Backend {
  name: string;
  start: () => Promise<{ server: RunningServer; restart: () => Promise<RunningServer>; holds: (text: string) => Promise<boolean> }>;
}

const running: Array<{ stop: () => Promise<void> }> = [];
afterAll(async () => {
  for (const r of running.reverse()) await r.stop();
});
const track = <T extends { stop: () => Promise<void> }>(r: T) => { running.push(r); return r; };

const sqlite: Backend = {
  name: 'SQLite',
  start: async () => {
    const server = track(await startServer());
    return {
      server,
      restart: async () => track(await startServer({ dataDir: server.dataDir })),
      holds: async (text) => sqliteFiles(server.dbFile).some((file) => fs.readFileSync(file).includes(text)),
    };
  },
};

const redis: Backend = {
  name: 'Redis',
  start: async () => {
    const db: RunningRedis = track(await startRedis());
    const inspect = new Redis(db.url);
    running.push({ stop: async () => inspect.disconnect() });
    const server = track(await startServer({ env: { REDIS_URL: db.url } }));
    return {
      server,
      restart: async () => track(await startServer({ env: { REDIS_URL: db.url } })),
      holds: async (text) => {
        for (const key of await inspect.keys('*')) {
          const type = await inspect.type(key);
          const values = type === 'string' ? [await inspect.getBuffer(key)]
            : type === 'hash' ? Object.values(await inspect.hgetallBuffer(key)) : [];
          if (values.some((value) => value?.includes(text))) return true;
        }
        return false;
      },
    };
  },
};

describe.each([sqlite, redis])('$name: burned ciphertext is in no file or key once its reply is out', ({ start }) => {
  it(`creates ${NOTES}, burns 75 % with ${IN_FLIGHT} in flight, scanning after each reply, after SIGKILL and after restart`, async () => {
    const { server, restart, holds } = await start();
    const notes: SealedNote[] = [];
    for (let i = 0; i < NOTES; i += IN_FLIGHT) {
      notes.push(...await Promise.all(Array.from({ length: IN_FLIGHT }, (_, j) => createNote(server.url, `residue ${i + j} ${crypto.randomUUID()}`))));
    }
    const toBurn = notes.filter((_, i) => i % 4 !== 0);
    const kept = notes.filter((_, i) => i % 4 === 0);
    const burned: SealedNote[] = [];
    const foundAfterReply: string[] = [];

    let next = 0;
    const worker = async () => {
      for (let note = toBurn[next++]; note; note = toBurn[next++]) {
        const response = await consumeNote(server.url, note);
        expect(response.status).toBe(200);
        // The other workers' requests are in flight while this looks.
        if (await holds(note.envelope.ct)) foundAfterReply.push(note.id);
        burned.push(note);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(foundAfterReply).toEqual([]);
    expect(burned).toHaveLength(toBurn.length);
    for (const note of kept.slice(0, 5)) expect(await holds(note.envelope.ct), 'a kept note must be found').toBe(true);

    // A crash right after, with reads of kept notes in flight.
    const inFlight = kept.slice(0, IN_FLIGHT).map((note) => consumeNote(server.url, note).catch(() => undefined));
    await server.kill();
    await Promise.all(inFlight);
    const afterKill = [];
    for (const note of burned) if (await holds(note.envelope.ct)) afterKill.push(note.id);
    expect(afterKill).toEqual([]);

    const again = await restart();
    const afterRestart = [];
    for (const note of burned) if (await holds(note.envelope.ct)) afterRestart.push(note.id);
    expect(afterRestart).toEqual([]);
    // Nothing was lost either: burned notes stay burned, kept ones that no crashed read took still read.
    for (const note of burned.slice(0, 10)) expect((await consumeNote(again.url, note)).status).toBe(410);
    const last = kept[kept.length - 1];
    if (!last) throw new Error('no kept note');
    const read = await consumeNote(again.url, last);
    expect(read.status).toBe(200);
    expect(await openConsumed(read, last)).toBe(last.secret);
  });
});
