import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { removeTempFolder, tempFolder } from '../helpers/process';
import { filesContain, hasStoredCiphertext } from '../helpers/sqlite-file';
import { describeRequestStore } from './request-store-contract';
import { T0, describeStore, makeNote } from './store-contract';

const dirs: string[] = [];
afterAll(() => {
  dirs.forEach(removeTempFolder);
});

function tempDbFile(): string {
  const dir = tempFolder('burnlink-store-');
  dirs.push(dir);
  return path.join(dir, 'burnlink.sqlite');
}

let currentFile = '';
describeStore('sqlite', async (limits) => {
  currentFile = tempDbFile();
  // Checkpoint before answering, so raw scans of the files right after a burn are meaningful.
  return openSqliteStore({ file: currentFile, checkpointDelayMs: 0, ...limits });
}, {
  hasCiphertext: async (note) => hasStoredCiphertext(currentFile, note.id, note.envelope),
});

describeRequestStore('sqlite', async (limits) => {
  currentFile = tempDbFile();
  return openSqliteStore({ file: currentFile, checkpointDelayMs: 0, ...limits });
}, {
  holds: async (ciphertext) => filesContain(currentFile, ciphertext),
});

describe('SQLite store on disk', () => {
  it('writes the ciphertext where a raw scan finds it, so the scans after a burn mean something', async () => {
    const file = tempDbFile();
    const store = openSqliteStore({ file, checkpointDelayMs: 0 });
    const n = makeNote();
    await store.create(n.note);
    expect(filesContain(file, n.note.envelope)).toBe(true);
    await store.consume(n.note.id, n.keyHash, n.readHash, T0 + 1);
    expect(filesContain(file, n.note.envelope)).toBe(false);
    await store.close();
  });

  it('wipes a large ciphertext spread over overflow pages from the file and the WAL', async () => {
    const file = tempDbFile();
    const store = openSqliteStore({ file, checkpointDelayMs: 0 });
    const n = makeNote();
    // 700 KB of distinct text: many overflow pages; look for a slice from the middle of it.
    const ct = Buffer.from(Buffer.alloc(700 * 1024).map((_, i) => 65 + ((i * 7919) % 26))).toString('latin1');
    const note = { ...n.note, envelope: JSON.stringify({ ct }) };
    await store.create(note);
    const slice = ct.slice(350_000, 351_000);
    expect(filesContain(file, slice)).toBe(true);
    await store.revoke(note.id, n.manageHash, T0 + 1);
    expect(filesContain(file, slice)).toBe(false);
    await store.close();
  });

  it('keeps notes and tombstones across a close and reopen of the same file', async () => {
    const file = tempDbFile();
    const first = openSqliteStore({ file });
    const pending = makeNote();
    const read = makeNote();
    await first.create(pending.note);
    await first.create(read.note);
    await first.consume(read.note.id, read.keyHash, read.readHash, T0 + 1);
    await first.close();

    const second = openSqliteStore({ file });
    expect(await second.consume(read.note.id, read.keyHash, read.readHash, T0 + 2)).toEqual({ kind: 'gone', state: 'read', at: T0 + 1 });
    expect(await second.consume(pending.note.id, pending.keyHash, pending.readHash, T0 + 2))
      .toEqual({ kind: 'ok', envelope: pending.note.envelope, readsLeft: 0 });
    await second.close();
  });

  it('refuses writes after close instead of losing them silently', async () => {
    const store = openSqliteStore({ file: tempDbFile() });
    await store.close();
    await expect(store.create(makeNote().note)).rejects.toThrow(/closed/);
  });
});
