// `node --import tsx bench/wrk.ts`: the bare node:http baseline and the note server's create and
// consume, loaded by wrk (a C load generator, cheaper per request than autocannon), so the figures
// compare with other servers measured with wrk. With BENCH_COMPARE=<git ref>, that ref's server is
// measured too, before this one, in the same run. Needs `wrk` on the PATH; nothing else does.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { tempDataDir } from '../test/helpers/server';
import { startBareServer } from './bare';
import { numberFromEnv } from './env';
import { runLoad } from './load';
import { gitState, startNoteServer } from './note-server';
import { cpuSeconds, machineBusySeconds } from './os-counters';
import { createRequests, sealBodies, type NoteRef, type SealedBody } from './workload';

const config = {
  duration: numberFromEnv('BENCH_DURATION', 10),
  warmup: numberFromEnv('BENCH_WARMUP', 2),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50),
  threads: numberFromEnv('BENCH_WRK_THREADS', 2),
  bodies: numberFromEnv('BENCH_BODIES', 1000),
  secretBytes: numberFromEnv('BENCH_SECRET_BYTES', 1024),
  /** At most this many seconds creating the notes that consume burns. */
  fillMax: numberFromEnv('BENCH_FILL_MAX', 60),
  compare: process.env.BENCH_COMPARE || undefined,
};

const SCRIPT = path.join(import.meta.dirname, 'wrk.lua');
const RESULTS = path.join(import.meta.dirname, 'results');
const log = (message: string) => console.error(`[wrk] ${message}`);

/** What wrk.lua's done() prints. */
const WrkSummary = z.object({
  requests: z.number(),
  durationUs: z.number(),
  statusErrors: z.number(),
  socketErrors: z.number(),
  timeouts: z.number(),
  p50Us: z.number(),
  p99Us: z.number(),
  maxUs: z.number(),
  meanUs: z.number(),
  threadsRanDry: z.number(),
});
type WrkSummary = z.infer<typeof WrkSummary>;

interface Row {
  name: string;
  rps: number;
  summary: WrkSummary;
  /** Server CPU in cores over the run, and per request in µs. */
  serverCpu?: number;
  serverUsPerRequest?: number;
  /** Everything else on the machine (wrk included), in cores. */
  restCpu?: number;
}

/** Writes one request file per wrk thread: `lines` dealt out in turn (a single line: to each). */
function writeRequests(folder: string, scenario: string, lines: string[]): void {
  for (let t = 1; t <= config.threads; t++) {
    const mine = lines.length === 1 ? lines : lines.filter((_, i) => i % config.threads === t - 1);
    fs.writeFileSync(path.join(folder, `${scenario}-${t}.txt`), `${mine.join('\n')}\n`);
  }
}

function wrk(url: string, folder: string, scenario: string, seconds: number): Promise<WrkSummary> {
  const args = ['-t', String(config.threads), '-c', String(config.connections), '-d', `${seconds}s`, '--timeout', '10s',
    '-s', SCRIPT, url, '--', folder, scenario];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
      if (code !== 0 || line === undefined) return reject(new Error(`wrk exited with ${code}: ${out}`));
      resolve(WrkSummary.parse(JSON.parse(line)));
    });
  });
}

/** One measured wrk run with the server's CPU and the rest of the machine's around it. */
async function measured(name: string, url: string, pid: number, folder: string, scenario: string): Promise<Row> {
  const cpu0 = cpuSeconds(pid);
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  const summary = await wrk(url, folder, scenario, config.duration);
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(pid);
  const machine1 = machineBusySeconds();
  const rps = summary.requests / (summary.durationUs / 1e6);
  const server = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
  const row: Row = {
    name,
    rps,
    summary,
    serverCpu: server === undefined ? undefined : server / wall,
    serverUsPerRequest: server === undefined || summary.requests === 0 ? undefined : (server * 1e6) / summary.requests,
    restCpu: machine0 === undefined || machine1 === undefined || server === undefined ? undefined : Math.max(0, (machine1 - machine0 - server) / wall),
  };
  log(`${name}: ${Math.round(rps)} req/s, p50 ${(summary.p50Us / 1000).toFixed(2)} ms, p99 ${(summary.p99Us / 1000).toFixed(2)} ms, `
    + `${summary.statusErrors} answers ≥ 400, ${summary.socketErrors} socket errors${summary.threadsRanDry ? `, ${summary.threadsRanDry} threads ran out of notes` : ''}`);
  return row;
}

/** wrk's first line of `wrk -v` (which exits with 1). */
const wrkVersion = () => spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() || 'wrk';

const line = (requestPath: string, body: Buffer) => `${requestPath}\t${body.toString()}`;

/** Creates notes with autocannon (which reads the ids back) until `count` or `seconds`. */
async function fill(url: string, bodies: SealedBody[], count: number, seconds: number): Promise<NoteRef[]> {
  const created: NoteRef[] = [];
  await runLoad({ url, connections: config.connections, duration: seconds, maxRequests: count, request: createRequests(bodies, created) });
  return created;
}

async function noteServer(label: string, ref: string | undefined, bodies: SealedBody[], folder: string, bareRps: number): Promise<{ rows: Row[]; source: string }> {
  const tag = label ? `${label}: ` : '';
  const { server, source } = await startNoteServer({ dataDir: tempDataDir(), ref, env: { RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'off' } });
  const pid = server.process.pid ?? 0;
  const rows: Row[] = [];
  try {
    const first = bodies[0];
    if (!first) throw new Error('no sealed bodies');
    writeRequests(folder, 'create', [line('/api/notes', first.create)]);
    log(`${tag}create (${source})`);
    await wrk(server.url, folder, 'create', config.warmup);
    rows.push(await measured(`${tag}create (POST /api/notes, 1 KiB secret)`, server.url, pid, folder, 'create'));

    // Enough notes for half the bare server's pace over warm-up and measured run; wrk.lua stops
    // a thread that runs out (then the row says so, and its req/s is low).
    const wanted = Math.ceil(bareRps * 0.5 * (config.duration + config.warmup));
    log(`${tag}filling up to ${wanted} notes to consume (at most ${config.fillMax} s)`);
    const notes = await fill(server.url, bodies, wanted, config.fillMax);
    const consumeLine = (note: NoteRef) => line(`/api/notes/${note.id}/consume`, bodies[note.slot]?.consume ?? Buffer.alloc(0));
    const warm = Math.floor((notes.length * config.warmup) / (config.duration + config.warmup));
    writeRequests(folder, 'consume-warm', notes.slice(0, warm).map(consumeLine));
    writeRequests(folder, 'consume', notes.slice(warm).map(consumeLine));
    await wrk(server.url, folder, 'consume-warm', config.warmup);
    rows.push(await measured(`${tag}consume (POST /api/notes/:id/consume, ${notes.length - warm} notes)`, server.url, pid, folder, 'consume'));
  } finally {
    await server.stop();
  }
  return { rows, source };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n * 100)}%`);
const msOf = (us: number) => (us / 1000).toFixed(2);

function report(rows: Row[], bareRps: number, sources: string[], seconds: number): string {
  const cpus = os.cpus();
  const head = ['scenario', 'req/s', '× bare', 'p50 ms', 'p99 ms', 'requests', 'answers ≥ 400', 'server CPU', 'server CPU µs/req', 'rest of machine (wrk too)'];
  const body = rows.map((r) => [
    r.name + (r.summary.threadsRanDry ? ' (ran out of notes: req/s low)' : ''),
    int(r.rps), (r.rps / bareRps).toFixed(2), msOf(r.summary.p50Us), msOf(r.summary.p99Us), int(r.summary.requests),
    int(r.summary.statusErrors), pct(r.serverCpu), r.serverUsPerRequest === undefined ? 'n/a' : int(r.serverUsPerRequest), pct(r.restCpu),
  ]);
  return [
    `## Burnlink benchmark with wrk, ${new Date().toISOString()}`,
    '',
    `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${wrkVersion()}. `
      + `${config.threads} wrk threads, ${config.connections} connections, ${config.duration} s per run after ${config.warmup} s warm-up, `
      + `${config.secretBytes}-byte secrets, loopback. Note servers: ${sources.join('; ')}. Took ${int(seconds)} s.`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-wrk-'));
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  log(`sealing ${config.bodies} notes of ${config.secretBytes} bytes`);
  const bodies = await sealBodies(config.bodies, config.secretBytes);
  const first = bodies[0];
  if (!first) throw new Error('no sealed bodies');

  const rows: Row[] = [];
  const bare = await startBareServer();
  try {
    writeRequests(folder, 'bare', [line('/api/notes/AAAAAAAAAAAAAAAAAAAAAA/consume', first.consume)]);
    await wrk(bare.url, folder, 'bare', config.warmup);
    rows.push(await measured('bare node:http (fixed JSON)', bare.url, bare.pid, folder, 'bare'));
  } finally {
    await bare.stop();
  }
  const bareRps = rows[0]?.rps ?? 0;

  const sources: string[] = [];
  const servers: Array<[string, string | undefined]> = config.compare === undefined
    ? [['', undefined]] : [[`before (${config.compare})`, config.compare], ['after', undefined]];
  for (const [label, ref] of servers) {
    const run = await noteServer(label, ref, bodies, folder, bareRps);
    rows.push(...run.rows);
    sources.push(`${label ? `${label}: ` : ''}${run.source}`);
  }
  const git = gitState();
  sources.push(`HEAD ${git.head.slice(0, 12)}${git.dirty.length ? ' with uncommitted changes' : ''}`);

  const seconds = (Date.now() - started) / 1000;
  const markdown = report(rows, bareRps, sources, seconds);
  process.stdout.write(markdown);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(RESULTS, `wrk-${stamp}.json`), `${JSON.stringify({ date: new Date().toISOString(), config, sources, rows }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
