// The SQLite store's durability cycle alone, without HTTP: what one burn costs in wall time, CPU
// and bytes written, for batches of different sizes. `node --import tsx bench/burn-cycle.ts`
// (run it on an otherwise idle machine). Each size gets a fresh database file in the temporary
// folder, notes sealed by the extension's own code (1 KiB secrets), then burns in batches of that
// many concurrent consumes, one batch after another, as the write engine groups them under load.
// See bench/README.md ("The write engine on a worker thread").
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../server/store/sqlite';
import type { NewNote } from '../server/store/store';
import { encryptNote } from '../utils/core/crypto';
import { numberFromEnv } from './env';
import { randomSecret } from './workload';

const NOTES = numberFromEnv('BENCH_BURNS', 1440);
const SIZES = [1, 6, 12, 24, 48];

/** Bytes this process handed to write calls so far (all threads; /proc/self/io's wchar). */
function written(): number {
  const line = fs.readFileSync('/proc/self/io', 'utf8').split('\n').find((row) => row.startsWith('wchar:'));
  return Number(line?.split(':')[1] ?? Number.NaN);
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

interface TestNote { note: NewNote; keyHash: Buffer; readHash: Buffer }

async function sealNotes(count: number, now: number): Promise<TestNote[]> {
  return Promise.all(Array.from({ length: count }, async () => {
    const sealed = await encryptNote(randomSecret(1024));
    if (!sealed.ok) throw new Error(sealed.error.message);
    const keyHash = createHash('sha256').update(sealed.value.keyProof).digest();
    const readHash = createHash('sha256').update(sealed.value.readToken).digest();
    const note: NewNote = {
      id: randomBytes(16).toString('base64url'),
      envelope: JSON.stringify(sealed.value.envelope),
      keyHash,
      readHash,
      manageHash: randomBytes(32),
      passphrase: false,
      createdAt: now,
      expiresAt: now + 3600_000,
      maxReads: 1,
    };
    return { note, keyHash, readHash };
  }));
}

interface Row { batch: number; msPerBatch: number; wallPerBurn: number; cpuPerBurn: number; bytesPerBurn: number; bytesPerCreate: number }

async function measure(batch: number, notes: TestNote[], now: number): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-burn-cycle-'));
  const store = openSqliteStore({ file: path.join(dir, 'burnlink.sqlite') });
  try {
    const beforeCreate = written();
    for (let i = 0; i < notes.length; i += 18) {
      await Promise.all(notes.slice(i, i + 18).map(({ note }) => store.create(note)));
    }
    const bytes = written();
    const cpu = cpuMicros();
    const start = process.hrtime.bigint();
    for (let i = 0; i < notes.length; i += batch) {
      const outcomes = await Promise.all(notes.slice(i, i + batch).map(({ note, keyHash, readHash }) => store.consume(note.id, keyHash, readHash, now)));
      if (outcomes.some((outcome) => outcome.kind !== 'ok')) throw new Error('a burn was refused');
    }
    const wall = Number(process.hrtime.bigint() - start) / 1000;
    return {
      batch,
      msPerBatch: wall / Math.ceil(notes.length / batch) / 1000,
      wallPerBurn: wall / notes.length,
      cpuPerBurn: (cpuMicros() - cpu) / notes.length,
      bytesPerBurn: (written() - bytes) / notes.length,
      bytesPerCreate: (bytes - beforeCreate) / notes.length,
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const now = Date.now();
const rows: Row[] = [];
for (const batch of SIZES) {
  const notes = await sealNotes(NOTES, now);
  rows.push(await measure(batch, notes, now));
  process.stderr.write(`[burn-cycle] batches of ${batch}: done\n`);
}
console.log(`SQLite store alone (no HTTP), ${NOTES} notes of 1 KiB secrets per row, burned in batches of n concurrent consumes.\n`);
console.log('| burns per batch | ms per batch | wall µs per burn | process CPU µs per burn | KB written per burn | KB written per create (batches of 18) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(`| ${row.batch} | ${row.msPerBatch.toFixed(2)} | ${row.wallPerBurn.toFixed(0)} | ${row.cpuPerBurn.toFixed(0)} | ${(row.bytesPerBurn / 1000).toFixed(1)} | ${(row.bytesPerCreate / 1000).toFixed(1)} |`);
}
