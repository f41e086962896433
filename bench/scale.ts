// `node --import tsx bench/scale.ts`: the note server on SQLite, on Redis with one instance and on
// Redis with two instances, each beside a bare node:http server measured just before it in the
// same run; create and consume throughput and latency at 50 connections with 1 KiB notes; memory
// of a server holding 100,000 notes; and a CPU profile of one consume run per store.
// Redis runs as the tests run it: append-only file, fsync on every write (test/helpers/redis.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon, { type RequestSpec } from 'autocannon';
import { Redis } from 'ioredis';
import { startRedis, type RunningRedis } from '../test/helpers/redis';
import { startServer, type RunningServer } from '../test/helpers/server';
import { waitFor } from '../test/helpers/wait';
import { startBareServer } from './bare';
import { cpuSeconds, machineBusySeconds } from './os-counters';
import { summarizeProfile, type ProfileSummary } from './profile';
import { baselineRequests, consumeRequests, createRequests, sealBodies, type Cursor, type NoteRef, type SealedBody } from './workload';
import { numberFromEnv } from './env';


const config = {
  duration: numberFromEnv('BENCH_DURATION', 10),
  warmup: numberFromEnv('BENCH_WARMUP', 2),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50),
  secretBytes: numberFromEnv('BENCH_SECRET_BYTES', 1024),
  bodies: numberFromEnv('BENCH_BODIES', 4000),
  /** Notes held when measuring memory. */
  memoryNotes: numberFromEnv('BENCH_MEMORY_NOTES', 100_000),
  /** At most this many seconds creating notes for a consume run. */
  fillMax: numberFromEnv('BENCH_FILL_MAX', 40),
};

const RESULTS = path.join(import.meta.dirname, 'results');
const PRELOAD = pathToFileURL(path.join(import.meta.dirname, 'cpu-profiler.mjs')).href;
const log = (message: string) => console.error(`[scale] ${message}`);

// --- load with one autocannon per server, latencies merged exactly ------------------------------

interface Run {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  status: Record<string, number>;
  errors: number;
  /** CPU used by the watched processes, in cores (1.0 = one core busy all the time). */
  cpu: Record<string, number>;
  /** CPU used by everything else on the machine, in cores. */
  otherCpu: number | undefined;
}

interface Target {
  url: string;
  request: RequestSpec;
  /** Requests in all for this target (a pool of one-time notes must not run dry). */
  maxRequests?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Runs one autocannon per target at the same time, the connections split between them, and
 * merges the answers: request count over the wall time from start to last response, latency
 * percentiles over every response of every target.
 */
async function load(targets: Target[], duration: number, watch: Record<string, number | undefined> = {}): Promise<Run> {
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  let last = start;
  const cpu0 = Object.fromEntries(Object.entries(watch).map(([name, pid]) => [name, pid === undefined ? undefined : cpuSeconds(pid)]));
  const machine0 = machineBusySeconds();
  const own0 = process.cpuUsage();
  await Promise.all(targets.map((target) => new Promise<void>((resolve, reject) => {
    const instance = autocannon({
      url: target.url,
      connections: Math.max(1, Math.round(config.connections / targets.length)),
      duration,
      maxOverallRequests: target.maxRequests,
      pipelining: 1,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      requests: [target.request],
    }, (error) => (error ? reject(error) : resolve()));
    instance.on('response', (_client: unknown, code: number, _bytes: number, ms: number) => {
      last = performance.now();
      latencies.push(ms);
      status[code] = (status[code] ?? 0) + 1;
    });
    instance.on('reqError', () => { errors++; });
  })));
  const seconds = (last - start) / 1000;
  const wall = (performance.now() - start) / 1000;
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(watch)) {
    const before = cpu0[name];
    const after = pid === undefined ? undefined : cpuSeconds(pid);
    if (before !== undefined && after !== undefined) cpu[name] = (after - before) / wall;
  }
  const machine1 = machineBusySeconds();
  const own = process.cpuUsage(own0);
  cpu.autocannon = (own.user + own.system) / 1e6 / wall;
  const watched = Object.values(cpu).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    status,
    errors,
    cpu,
    otherCpu: machine0 === undefined || machine1 === undefined ? undefined : Math.max(0, (machine1 - machine0) / wall - watched),
  };
}

// --- the scenarios ---------------------------------------------------------------------------

interface Row {
  scenario: string;
  store: string;
  instances: number;
  bare: Run;
  create: Run;
  consume: Run;
  /** Notes available to consume, and how many the consume run used. */
  pool: { notes: number; used: number };
}

interface Stack {
  servers: RunningServer[];
  redis?: RunningRedis;
  stop: () => Promise<void>;
}

async function bareRun(bodies: SealedBody[]): Promise<Run> {
  const bare = await startBareServer();
  try {
    await load([{ url: bare.url, request: baselineRequests(bodies) }], config.warmup);
    return await load([{ url: bare.url, request: baselineRequests(bodies) }], config.duration, { server: bare.pid });
  } finally {
    await bare.stop();
  }
}

function watchOf(stack: Stack): Record<string, number | undefined> {
  const watch: Record<string, number | undefined> = {};
  stack.servers.forEach((s, i) => { watch[stack.servers.length > 1 ? `server ${i + 1}` : 'server'] = s.process.pid; });
  if (stack.redis) watch.redis = stack.redis.process.pid;
  return watch;
}

/** Creates notes on every server of the stack for up to `seconds` or `count` notes. */
async function fill(stack: Stack, bodies: SealedBody[], count: number, seconds: number): Promise<NoteRef[]> {
  const parts = stack.servers.map(() => [] as NoteRef[]);
  const share = Math.ceil(count / stack.servers.length);
  await load(stack.servers.map((s, i) => ({ url: s.url, request: createRequests(bodies, parts[i] ?? []), maxRequests: share })), seconds);
  return parts.flat();
}

async function scenario(name: string, stack: Stack, bodies: SealedBody[], profileDir: string): Promise<{ row: Row; profile?: ProfileSummary }> {
  const store = stack.redis ? 'redis' : 'sqlite';
  log(`${name}: bare node:http first, ${config.duration} s`);
  const bare = await bareRun(bodies);
  log(`${name}: bare ${Math.round(bare.rps)} req/s`);

  const watch = watchOf(stack);
  const created: NoteRef[][] = stack.servers.map(() => []);
  const createTargets = () => stack.servers.map((s, i) => ({ url: s.url, request: createRequests(bodies, created[i] ?? []) }));
  await load(createTargets(), config.warmup);
  const create = await load(createTargets(), config.duration, watch);
  log(`${name}: create ${Math.round(create.rps)} req/s, p50 ${ms(create.p50)} ms, p99 ${ms(create.p99)} ms ${JSON.stringify(create.status)}`);

  // Enough notes for a full consume run at the bare server's pace, within fillMax seconds.
  const pool = created.flat();
  const wanted = Math.ceil(bare.rps * (config.duration + config.warmup) * 0.8);
  if (pool.length < wanted) {
    log(`${name}: creating up to ${wanted - pool.length} more notes to consume (at most ${config.fillMax} s)`);
    // A loop, not a spread: the pool can hold a few hundred thousand notes.
    for (const note of await fill(stack, bodies, wanted - pool.length, config.fillMax)) pool.push(note);
  }
  // Shuffle, so that each instance reads notes made on either instance.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const [a, b] = [pool[i], pool[j]];
    if (a && b) [pool[i], pool[j]] = [b, a];
  }
  const warmupNotes = Math.min(Math.floor(pool.length / 6), Math.ceil(bare.rps * config.warmup * 0.5));
  const warm = pool.slice(0, warmupNotes);
  const measured = pool.slice(warmupNotes);
  const split = (notes: NoteRef[]) => stack.servers.map((_, i) => notes.filter((__, k) => k % stack.servers.length === i));
  const consumeTargets = (notes: NoteRef[]) => split(notes).map((part, i) => {
    const cursor: Cursor = { next: 0, overrun: 0 };
    return { url: stack.servers[i]?.url ?? '', request: consumeRequests(bodies, part, cursor), maxRequests: part.length };
  });
  await load(consumeTargets(warm), config.warmup);
  const consume = await load(consumeTargets(measured), config.duration, watch);
  log(`${name}: consume ${Math.round(consume.rps)} req/s, p50 ${ms(consume.p50)} ms, p99 ${ms(consume.p99)} ms ${JSON.stringify(consume.status)} over ${consume.seconds.toFixed(1)} s`);

  let profile: ProfileSummary | undefined;
  const profiled = stack.servers[0];
  if (stack.servers.length === 1 && profiled) {
    // A separate, profiled consume run: the measured one above ran without the profiler.
    const notes = await fill(stack, bodies, Math.ceil(consume.rps * 5), config.fillMax);
    const file = path.join(profileDir, `scale-${store}-consume.cpuprofile`);
    const count = (text: string) => profiled.output().split(text).length - 1;
    const started = count('cpu profile started');
    const written = count('cpu profile written');
    profiled.process.kill('SIGUSR2');
    await waitFor('the profiler to start', () => count('cpu profile started') > started);
    const run = await load(consumeTargets(notes), 5);
    profiled.process.kill('SIGUSR2');
    await waitFor('the profile to be written', () => count('cpu profile written') > written, { timeoutMs: 30_000 });
    fs.renameSync(path.join(profileDir, 'profile.cpuprofile'), file);
    profile = summarizeProfile(file, 15);
    log(`${name}: profiled consume run ${Math.round(run.rps)} req/s (slower under the profiler), ${file}`);
  }
  return {
    row: { scenario: name, store, instances: stack.servers.length, bare, create, consume, pool: { notes: pool.length, used: consume.requests } },
    profile,
  };
}

// --- memory ------------------------------------------------------------------------------------

interface Memory {
  store: string;
  notes: number;
  createSeconds: number;
  serverRssBeforeMiB: number;
  serverRssAfterMiB: number;
  redisUsedBeforeMiB?: number;
  redisUsedAfterMiB?: number;
  redisBytesPerNote?: number;
  fileMiB?: number;
}

function rssMiB(pid: number | undefined): number {
  const status = pid === undefined ? '' : fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  return kb / 1024;
}

async function usedMemory(url: string): Promise<number> {
  const client = new Redis(url);
  try {
    const info = await client.info('memory');
    return Number(info.match(/^used_memory:(\d+)/m)?.[1] ?? 0);
  } finally {
    client.disconnect();
  }
}

async function memory(store: 'sqlite' | 'redis', bodies: SealedBody[]): Promise<Memory> {
  const redis = store === 'redis' ? await startRedis() : undefined;
  const server = await startServer({ env: redis ? { REDIS_URL: redis.url } : {} });
  try {
    const before = rssMiB(server.process.pid);
    const redisBefore = redis ? await usedMemory(redis.url) : undefined;
    log(`memory (${store}): creating ${config.memoryNotes} notes`);
    const t0 = performance.now();
    const created: NoteRef[] = [];
    // Up to 10 minutes: far more than 100,000 creates need here.
    await load([{ url: server.url, request: createRequests(bodies, created), maxRequests: config.memoryNotes }], 600);
    const createSeconds = (performance.now() - t0) / 1000;
    if (created.length < config.memoryNotes) throw new Error(`only ${created.length} notes were created`);
    const redisAfter = redis ? await usedMemory(redis.url) : undefined;
    const files = ['burnlink.sqlite', 'burnlink.sqlite-wal'].map((f) => path.join(server.dataDir, f)).filter((f) => fs.existsSync(f));
    return {
      store,
      notes: created.length,
      createSeconds,
      serverRssBeforeMiB: before,
      serverRssAfterMiB: rssMiB(server.process.pid),
      redisUsedBeforeMiB: redisBefore === undefined ? undefined : redisBefore / 2 ** 20,
      redisUsedAfterMiB: redisAfter === undefined ? undefined : redisAfter / 2 ** 20,
      redisBytesPerNote: redisBefore === undefined || redisAfter === undefined ? undefined : (redisAfter - redisBefore) / created.length,
      fileMiB: store === 'sqlite' ? files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 2 ** 20 : undefined,
    };
  } finally {
    await server.stop();
    await redis?.stop();
  }
}

// --- report --------------------------------------------------------------------------------------

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(1);
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const cpuText = (run: Run) => Object.entries(run.cpu).map(([k, v]) => `${k} ${Math.round(v * 100)}%`).join(', ')
  + (run.otherCpu === undefined ? '' : `, rest ${Math.round(run.otherCpu * 100)}%`);
const statusText = (run: Run) => Object.entries(run.status).map(([k, v]) => `${k}: ${int(v)}`).join(', ') + (run.errors ? `, errors: ${run.errors}` : '');

function report(rows: Row[], memories: Memory[], profiles: Record<string, ProfileSummary>, seconds: number): string {
  const cpus = os.cpus();
  const load = rows.flatMap((r) => [
    [r.scenario, 'bare node:http (fixed body)', int(r.bare.rps), '1.00', ms(r.bare.p50), ms(r.bare.p99), statusText(r.bare), cpuText(r.bare)],
    [r.scenario, 'create', int(r.create.rps), (r.create.rps / r.bare.rps).toFixed(2), ms(r.create.p50), ms(r.create.p99), statusText(r.create), cpuText(r.create)],
    [r.scenario, 'consume (burn)', int(r.consume.rps), (r.consume.rps / r.bare.rps).toFixed(2), ms(r.consume.p50), ms(r.consume.p99),
      `${statusText(r.consume)} in ${r.consume.seconds.toFixed(1)} s`, cpuText(r.consume)],
  ]);
  const mem = memories.map((m) => [
    m.store, int(m.notes), `${m.createSeconds.toFixed(0)} s`, `${m.serverRssBeforeMiB.toFixed(0)} → ${m.serverRssAfterMiB.toFixed(0)} MiB`,
    m.redisUsedAfterMiB === undefined ? 'n/a' : `${m.redisUsedBeforeMiB?.toFixed(1)} → ${m.redisUsedAfterMiB.toFixed(1)} MiB (${int(m.redisBytesPerNote ?? 0)} B/note)`,
    m.fileMiB === undefined ? 'n/a' : `${m.fileMiB.toFixed(0)} MiB (${int((m.fileMiB * 2 ** 20) / m.notes)} B/note)`,
  ]);
  const prof = Object.entries(profiles).flatMap(([store, p]) => [
    '',
    `Consume on ${store}, one instance, CPU profile of the server (${int(p.totalMs)} ms sampled): self time by area`,
    '',
    table(['area', 'ms', 'share'], p.areas.slice(0, 10).map((a) => [a.name, int(a.ms), `${Math.round(a.share * 100)}%`])),
    '',
    'Top self-time functions',
    '',
    table(['function', 'ms', 'share'], p.selfTop.slice(0, 12).map((a) => [a.name.replace(/\|/g, '\\|'), int(a.ms), `${Math.round(a.share * 100)}%`])),
  ]);
  return [
    `## Burnlink scale benchmark, ${new Date().toISOString()}`,
    '',
    `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${config.connections} connections split evenly over the instances `
      + `(one autocannon per instance, latencies merged), ${config.secretBytes}-byte secrets, ${config.duration} s per run after ${config.warmup} s warm-up. `
      + `Redis: append-only file with appendfsync always. CPU columns: share of one core over the run. Took ${int(seconds)} s.`,
    '',
    table(['store', 'run', 'req/s', '÷ bare', 'p50 ms', 'p99 ms', 'responses', 'CPU'], load),
    '',
    table(['memory holding notes', 'notes', 'create time', 'server RSS', 'redis used_memory', 'SQLite file + WAL'], mem),
    '',
    'The server process keeps nothing per note (notes live in the SQLite file or in Redis): its RSS after the creates is '
      + 'mostly JavaScript heap not yet collected after the load, the same with either store.',
    ...prof,
    '',
  ].join('\n');
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-scale-prof-'));
  const profEnv = { BENCH_PROFILE_OUT: path.join(profileDir, 'profile.cpuprofile'), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PRELOAD}`.trim() };

  log(`sealing ${config.bodies} notes of ${config.secretBytes} bytes`);
  const bodies = await sealBodies(config.bodies, config.secretBytes);
  const rows: Row[] = [];
  const profiles: Record<string, ProfileSummary> = {};

  const stacks: Array<[string, () => Promise<Stack>]> = [
    ['SQLite, 1 instance', async () => {
      const server = await startServer({ env: profEnv });
      return { servers: [server], stop: () => server.stop() };
    }],
    ['Redis, 1 instance', async () => {
      const redis = await startRedis();
      const server = await startServer({ env: { ...profEnv, REDIS_URL: redis.url } });
      return {
        servers: [server], redis,
        stop: async () => { await server.stop(); await redis.stop(); },
      };
    }],
    ['Redis, 2 instances', async () => {
      const redis = await startRedis();
      const servers = await Promise.all([startServer({ env: { REDIS_URL: redis.url } }), startServer({ env: { REDIS_URL: redis.url } })]);
      return {
        servers, redis,
        stop: async () => { await Promise.all(servers.map((s) => s.stop())); await redis.stop(); },
      };
    }],
  ];
  for (const [name, make] of stacks) {
    const stack = await make();
    try {
      const { row, profile } = await scenario(name, stack, bodies, profileDir);
      rows.push(row);
      if (profile) profiles[row.store] = profile;
    } finally {
      await stack.stop();
    }
  }

  const memories = [await memory('sqlite', bodies), await memory('redis', bodies)];
  for (const m of memories) log(`memory (${m.store}): ${JSON.stringify(m)}`);

  const seconds = (Date.now() - started) / 1000;
  const markdown = report(rows, memories, profiles, seconds);
  process.stdout.write(markdown);
  const json = { date: new Date().toISOString(), seconds, config, rows, memories, profiles };
  const file = path.join(RESULTS, `scale-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS, `scale-${stamp}.md`), markdown);
  log(`results written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
