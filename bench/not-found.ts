// Does an unknown note id answer faster or slower than a known id with a wrong token? An attacker
// who could tell them apart would learn which ids exist. `node --import tsx bench/not-found.ts`
// times both kinds of request, interleaved, in the server's own process (no network noise: the
// attacker's best case), on a SQLite file and on Redis. See bench/README.md.
import path from 'node:path';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openRedisStore } from '../server/store/redis';
import { openSqliteStore } from '../server/store/sqlite';
import type { NoteStore } from '../server/store/store';
import { toBase64url } from '../utils/core/base64url';
import { removeTempFolder, tempFolder } from '../test/helpers/process';
import { startRedis } from '../test/helpers/redis';
import { numberFromEnv } from './env';
import { sealBodies } from './workload';

const ROUNDS = numberFromEnv('BENCH_PROBES', 20_000);
const NOTES = numberFromEnv('BENCH_NOTES', 2000);

const random = (bytes: number) => toBase64url(crypto.getRandomValues(new Uint8Array(bytes)));

interface Probe {
  route: string;
  request: (id: string) => [string, RequestInit];
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit =>
  ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const PROBES: Probe[] = [
  { route: 'peek', request: (id) => [`/api/notes/${id}/peek`, json({ keyProof: random(32) })] },
  { route: 'consume', request: (id) => [`/api/notes/${id}/consume`, json({ keyProof: random(32), readToken: random(32) })] },
  { route: 'status', request: (id) => [`/api/notes/${id}`, { headers: { authorization: `Bearer ${random(32)}` } }] },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(storeName: string, store: NoteStore): Promise<string[]> {
  const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off', RATE_LIMIT_MANAGE: 'off' });
  if (!loaded.ok) throw new Error(loaded.error);
  const app = createApp({ store, config: loaded.value });
  const ids: string[] = [];
  for (const body of await sealBodies(NOTES, 64)) {
    const response = await app.request('/api/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body.create.toString() });
    ids.push(((await response.json()) as { id: string }).id);
  }
  const rows: string[] = [];
  for (const probe of PROBES) {
    const times = { unknown: [] as number[], wrong: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which kind goes first, so that neither gains from the other's warm caches.
      const order = i % 2 === 0 ? (['unknown', 'wrong'] as const) : (['wrong', 'unknown'] as const);
      for (const kind of order) {
        const [url, init] = probe.request(kind === 'unknown' ? random(16) : ids[i % ids.length] ?? '');
        const start = process.hrtime.bigint();
        const response = await app.request(url, init);
        await response.arrayBuffer();
        const elapsed = Number(process.hrtime.bigint() - start) / 1000;
        if (response.status !== 404) throw new Error(`${probe.route} answered ${response.status}, not 404`);
        if (i >= ROUNDS / 10) times[kind].push(elapsed);
      }
    }
    const [unknown, wrong] = [times.unknown.sort((a, b) => a - b), times.wrong.sort((a, b) => a - b)];
    const cell = (sorted: number[]) => `${quantile(sorted, 0.5).toFixed(1)} (${quantile(sorted, 0.1).toFixed(1)}–${quantile(sorted, 0.9).toFixed(1)})`;
    const difference = quantile(wrong, 0.5) - quantile(unknown, 0.5);
    rows.push(`| ${storeName} | ${probe.route} | ${cell(unknown)} | ${cell(wrong)} | ${difference >= 0 ? '+' : ''}${difference.toFixed(2)} |`);
  }
  return rows;
}

const rows: string[] = [];
const folder = tempFolder('burnlink-bench-notfound-');
try {
  const sqlite = openSqliteStore({ file: path.join(folder, 'burnlink.sqlite') });
  rows.push(...await measure('SQLite', sqlite));
  await sqlite.close();
} finally {
  removeTempFolder(folder);
}
const redis = await startRedis();
try {
  const store = await openRedisStore({ url: redis.url });
  rows.push(...await measure('Redis', store));
  await store.close();
} finally {
  await redis.stop();
}

console.log(`${ROUNDS.toLocaleString('en')} probes of each kind, interleaved, the first tenth unrecorded; µs: median (p10–p90)\n`);
console.log('| store | route | unknown id | known id, wrong token | median difference (µs) |\n|---|---|---|---|---|');
for (const row of rows) console.log(row);
