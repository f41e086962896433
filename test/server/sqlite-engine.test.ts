// The SQLite store's write engine on its own: group commit, the order of commits, syncs and
// answers, refusing only the write that fails, byte accounting, and the log wiped before a burn
// is answered.
// A real database file in WAL mode; the sync call is wrapped (still the real one) to count or hold it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openWriteEngine, type WriteEngine } from '../../server/store/sqlite/engine';
import { StoreUnavailable } from '../../server/store/store';
import { WAL_LIMIT_BYTES, walDurability, type WalOptions } from '../../server/store/sqlite/wal';
import { removeTempFolder, tempFolder } from '../helpers/process';
import { waitFor } from '../helpers/wait';

const folders: string[] = [];
afterAll(() => folders.forEach(removeTempFolder));

type Sync = NonNullable<WalOptions['fdatasync']>;

interface Opened {
  db: Database.Database;
  file: string;
  engine: WriteEngine;
  insert: (id: number, text?: string) => void;
  rows: () => number[];
}

let open: Opened[] = [];
afterEach(async () => {
  for (const { engine, db } of open) {
    await engine.close().catch(() => {});
    db.close();
  }
  open = [];
});

function openEngine(options: WalOptions & { storedBytes?: number } = {}): Opened {
  const folder = tempFolder('burnlink-engine-');
  folders.push(folder);
  const file = path.join(folder, 'test.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('secure_delete = ON');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)');
  const engine = openWriteEngine(db, { storedBytes: options.storedBytes ?? 0, durability: walDurability(db, file, options) });
  const insertStatement = db.prepare('INSERT INTO t (id, text) VALUES (?, ?)');
  const opened = {
    db,
    file,
    engine,
    insert: (id: number, text = '') => { insertStatement.run(id, text); },
    rows: () => db.prepare<[], { id: number }>('SELECT id FROM t ORDER BY id').all().map((r) => r.id),
  };
  open.push(opened);
  return opened;
}

/** The real fdatasync, counted. */
function countingSync() {
  const calls = { count: 0 };
  const sync: Sync = (fd, callback) => {
    calls.count++;
    fs.fdatasync(fd, callback);
  };
  return { calls, sync };
}

/** The real fdatasync, but each call waits until the test releases it. */
function heldSync() {
  const held: Array<() => void> = [];
  const sync: Sync = (fd, callback) => { held.push(() => fs.fdatasync(fd, callback)); };
  return { held, sync, release: () => held.shift()?.() };
}

const settled = <T>(promise: Promise<T>) => {
  const state = { done: false };
  void promise.then(() => { state.done = true; }, () => { state.done = true; });
  return state;
};

describe('SQLite write engine', () => {
  it('commits the writes of one event-loop turn in one batch with one sync, and answers each', async () => {
    const { calls, sync } = countingSync();
    const { engine, insert, rows } = openEngine({ fdatasync: sync });
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.write(() => { insert(i); return i * 2; })));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(calls.count).toBe(1);
    expect(rows()).toHaveLength(50);
  });

  it('answers a write only after its sync; writes that come meanwhile are committed after it, together', async () => {
    const { held, sync, release } = heldSync();
    const { engine, insert, rows } = openEngine({ fdatasync: sync });
    const first = settled(engine.write(() => insert(1)));
    await waitFor('the first sync to start', () => held.length === 1);
    const second = settled(engine.write(() => insert(2)));
    const third = settled(engine.write(() => insert(3)));
    await new Promise((resolve) => setImmediate(resolve));
    expect([first.done, second.done, third.done]).toEqual([false, false, false]);
    // Nothing is committed while a batch is being made durable.
    expect(rows()).toEqual([1]);
    release();
    await waitFor('the first write to be answered', () => first.done);
    expect([second.done, third.done]).toEqual([false, false]);
    // Both later writes share the second sync.
    await waitFor('the second sync to start', () => held.length === 1);
    release();
    await waitFor('the later writes to be answered', () => second.done && third.done);
  });

  it('refuses only the write that fails; the rest of its batch commits', async () => {
    const { engine, insert, rows } = openEngine();
    const outcomes = await Promise.allSettled([
      engine.write(() => insert(1)),
      engine.write(() => { insert(2); insert(1); }),
      engine.write(() => insert(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    // The failing write's first insert was rolled back with it.
    expect(rows()).toEqual([1, 3]);
  });

  it('counts stored bytes only for writes that commit, and shows each write the count before it', async () => {
    const { engine, insert } = openEngine({ storedBytes: 1000 });
    const seen: number[] = [];
    const outcomes = await Promise.allSettled([
      engine.write((scope) => { seen.push(scope.storedBytes); scope.count(100); insert(1); }),
      engine.write((scope) => { seen.push(scope.storedBytes); scope.count(50); insert(1); }),
      engine.write((scope) => { seen.push(scope.storedBytes); scope.count(-30); insert(2); }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The batch ran twice (once whole, then write by write); the second run's views are the last three.
    expect(seen.slice(-3)).toEqual([1000, 1100, 1100]);
    expect(engine.storedBytes).toBe(1070);
  });

  it('rejects every write of a batch whose sync fails as a store outage that may or may not have happened', async () => {
    const failing: Sync = (_fd, callback) => callback(new Error('EIO: the disk is gone'));
    const { engine, insert } = openEngine({ fdatasync: failing });
    const outcomes = await Promise.allSettled([engine.write(() => insert(1)), engine.write(() => insert(2))]);
    for (const outcome of outcomes) {
      if (outcome.status !== 'rejected' || !(outcome.reason instanceof StoreUnavailable)) throw new Error(`expected a StoreUnavailable, got ${String(outcome.status)}`);
      expect(outcome.reason.happened).toBe('unknown');
      expect(String(outcome.reason.cause)).toBe('Error: EIO: the disk is gone');
    }
  });

  it('empties the WAL file before answering a burn: the ciphertext is in no file when the answer comes', async () => {
    const { calls, sync } = countingSync();
    const { engine, insert, file, db } = openEngine({ fsync: sync });
    const secret = `secret-${'x'.repeat(3000)}`;
    await engine.write(() => insert(1, secret));
    expect(fs.readFileSync(`${file}-wal`).includes(secret)).toBe(true);
    await engine.write((scope) => { db.prepare('DELETE FROM t WHERE id = 1').run(); scope.burned(); });
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    expect(fs.readFileSync(file).includes(secret)).toBe(false);
    // The database file was synced before the log that held the only durable copy was emptied.
    expect(calls.count).toBe(1);
  });

  it('keeps the log on writes that burn nothing, until it passes its size limit', async () => {
    const { engine, insert, file } = openEngine();
    await engine.write(() => insert(1, 'kept'));
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const chunk = 'x'.repeat(64 * 1024);
    let before = 0;
    for (let i = 2; fs.statSync(`${file}-wal`).size > 0; i++) {
      if (i > 2 + (WAL_LIMIT_BYTES / chunk.length) * 2) throw new Error('the log was never emptied');
      before = fs.statSync(`${file}-wal`).size;
      await engine.write(() => insert(i, chunk));
    }
    // Emptied by the write that took it past the limit, not before.
    expect(before).toBeGreaterThan(WAL_LIMIT_BYTES - 3 * chunk.length);
    expect(before).toBeLessThanOrEqual(WAL_LIMIT_BYTES);
  });

  it('on close, writes what is queued, waits for its sync, and refuses later writes', async () => {
    const { calls, sync } = countingSync();
    const { engine, insert, rows } = openEngine({ fdatasync: sync });
    const queued = engine.write(() => insert(7));
    await engine.close();
    await expect(queued).resolves.toBeUndefined();
    expect(calls.count).toBe(1);
    expect(rows()).toEqual([7]);
    await expect(engine.write(() => insert(8))).rejects.toThrow(/closed/);
  });
});
