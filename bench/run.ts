// `npm run bench`: the bare node:http baseline, the note server's create / peek / consume
// throughput, and client crypto, side by side in one run. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestSpec } from 'autocannon';
import { startRedis } from '../test/helpers/redis';
import { tempDataDir, type RunningServer } from '../test/helpers/server';
import { waitFor } from '../test/helpers/wait';
import { startBareServer } from './bare';
import { measureCrypto } from './crypto-timing';
import { runLoad, type LoadResult } from './load';
import { countSyncCalls, cpuSeconds, deviceFlushes, deviceOf, machineBusySeconds, measureFsyncRate } from './os-counters';
import { gitState, startNoteServer } from './note-server';
import { summarizeProfile, type ProfileSummary } from './profile';
import { contentionWarning, cryptoTable, diskTable, loadTable, profileTables, ratioTable, type Ratios, type ScenarioResult } from './report';
import {
  baselineRequests,
  consumeRequests,
  createRequests,
  peekRequests,
  sealBodies,
  type Cursor,
  type SealedBody,
  type NoteRef,
} from './workload';
import { numberFromEnv } from './env';


const config = {
  /** Seconds of measured load per scenario. */
  duration: numberFromEnv('BENCH_DURATION', 10),
  /** Seconds of unmeasured load before each measured one (JIT, caches, SQLite pages). */
  warmup: numberFromEnv('BENCH_WARMUP', 2),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50),
  /** Distinct sealed 1 KiB notes to rotate through when creating. */
  bodies: numberFromEnv('BENCH_BODIES', 4000),
  secretBytes: numberFromEnv('BENCH_SECRET_BYTES', 1024),
  /** At most this many seconds of extra creates to fill the pool of notes to consume. */
  fillMax: numberFromEnv('BENCH_FILL_MAX', 60),
  cryptoRuns: numberFromEnv('BENCH_CRYPTO_RUNS', 20),
  /** Run the note server of this git ref instead of the working tree's (e.g. HEAD). */
  serverRef: process.env.BENCH_SERVER_REF || undefined,
  /** Or of this directory holding server/ and utils/ (an experiment). */
  serverDir: process.env.BENCH_SERVER_DIR || undefined,
  /** Also measure the server of this git ref, before the other, in the same run (e.g. main). */
  compare: process.env.BENCH_COMPARE || undefined,
  /** Where the note servers store: "sqlite" (a file of their own) or "redis" (a redis-server of their own). */
  store: process.env.BENCH_STORE === 'redis' ? 'redis' : 'sqlite',
  /** Scenarios whose server side to CPU-profile: "consume", "create,peek,consume"; "1" means consume. */
  profile: (process.env.BENCH_CPU_PROF === '1' ? 'consume' : process.env.BENCH_CPU_PROF ?? '')
    .split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== '0'),
};

const RESULTS = path.join(import.meta.dirname, 'results');
const log = (message: string) => console.error(`[bench] ${message}`);

interface Target {
  url: string;
  pid: number;
  dataDir?: string;
  /** Redis, when the server stores there: its CPU and sync calls are counted too. */
  store?: { pid: number; dir: string };
}

/** Runs one measured load and reads the OS counters around it. */
async function measure(name: string, what: string, target: Target, run: () => Promise<LoadResult>): Promise<ScenarioResult> {
  const writer = target.store ?? (target.dataDir === undefined ? undefined : { pid: target.pid, dir: target.dataDir });
  const device = writer === undefined ? undefined : deviceOf(writer.dir);
  const syncCounter = writer === undefined ? undefined : await countSyncCalls(writer.pid);
  const flushes0 = deviceFlushes(device);
  const serverCpu0 = cpuSeconds(target.pid);
  const storeCpu0 = target.store === undefined ? undefined : cpuSeconds(target.store.pid);
  const machine0 = machineBusySeconds();
  const loadCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const load = await run();
  const wall = (performance.now() - t0) / 1000;
  const serverCpu1 = cpuSeconds(target.pid);
  const storeCpu1 = target.store === undefined ? undefined : cpuSeconds(target.store.pid);
  const machine1 = machineBusySeconds();
  const loadCpu = process.cpuUsage(loadCpu0);
  const flushes1 = deviceFlushes(device);
  const syncCalls = await syncCounter?.stop();
  const serverCpu = serverCpu0 === undefined || serverCpu1 === undefined ? undefined : (serverCpu1 - serverCpu0) / wall;
  const ownCpu = (loadCpu.user + loadCpu.system) / 1e6 / wall;
  const storeCpu = storeCpu0 === undefined || storeCpu1 === undefined ? undefined : (storeCpu1 - storeCpu0) / wall;
  const result: ScenarioResult = {
    name,
    what,
    load,
    serverCpu,
    serverCpuPerRequestUs: serverCpu === undefined || load.requests === 0 ? undefined : (serverCpu * wall * 1e6) / load.requests,
    storeCpuPerRequestUs: storeCpu === undefined || load.requests === 0 ? undefined : (storeCpu * wall * 1e6) / load.requests,
    loadCpu: ownCpu,
    otherCpu: machine0 === undefined || machine1 === undefined || serverCpu === undefined
      ? undefined : Math.max(0, (machine1 - machine0) / wall - serverCpu - ownCpu - (storeCpu ?? 0)),
    syncCalls,
    deviceFlushes: flushes0 === undefined || flushes1 === undefined ? undefined : flushes1 - flushes0,
  };
  log(`${name}: ${Math.round(load.rps)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${JSON.stringify(load.status)}`
    + (load.errors ? `, ${load.errors} errors` : '') + (syncCalls === undefined ? '' : `, syscalls ${JSON.stringify(syncCalls)}`));
  return result;
}

/** Runs `body` with the server's CPU profiler on when the scenario is to be profiled. */
async function maybeProfiled<T>(
  scenario: string,
  server: RunningServer,
  profileFile: string | undefined,
  body: () => Promise<T>,
): Promise<{ value: T; profile?: ProfileSummary }> {
  if (profileFile === undefined || !config.profile.includes(scenario)) return { value: await body() };
  const file = profileFile.replace(/\.cpuprofile$/, `-${scenario}.cpuprofile`);
  const count = (text: string) => server.output().split(text).length - 1;
  const started = count('cpu profile started');
  const written = count('cpu profile written');
  server.process.kill('SIGUSR2');
  await waitFor('the CPU profiler to start', () => count('cpu profile started') > started);
  const value = await body();
  server.process.kill('SIGUSR2');
  await waitFor('the CPU profile', () => count('cpu profile written') > written, { timeoutMs: 30_000 });
  // The preload writes to one path; give each scenario its own file.
  fs.renameSync(profileFile, file);
  return { value, profile: summarizeProfile(file) };
}

interface ServerChoice {
  /** "before (main)", "after"; empty when only one server is measured. */
  label: string;
  ref?: string;
  dir?: string;
}

interface ServerRun {
  source: string;
  scenarios: ScenarioResult[];
  profiles: Record<string, ProfileSummary>;
  notes: Record<string, unknown>;
}

/** Starts one note server on a fresh data folder and measures create, peek and consume on it. */
async function noteServerRun(choice: ServerChoice, bodies: SealedBody[], profileBase: string | undefined): Promise<ServerRun> {
  const { connections, duration, warmup } = config;
  const tag = choice.label ? `${choice.label}: ` : '';
  const key = (scenario: string) => (choice.label ? `${scenario} ${choice.label}` : scenario);
  const profileFile = profileBase?.replace(/\.cpuprofile$/, `${choice.label ? `-${choice.label.replace(/\W+/g, '-')}` : ''}.cpuprofile`);
  const preload = pathToFileURL(path.join(import.meta.dirname, 'cpu-profiler.mjs')).href;
  const dataDir = tempDataDir();
  const redis = config.store === 'redis' ? await startRedis() : undefined;
  const { server, source } = await startNoteServer({
    dataDir,
    ref: choice.ref,
    dir: choice.dir,
    env: {
      ...(redis === undefined ? {} : { REDIS_URL: redis.url }),
      // One client sends all the load: per-client rate limits would answer 429 to nearly all of it.
      RATE_LIMIT_CREATE: 'off',
      RATE_LIMIT_CONSUME: 'off',
      ...(profileFile === undefined ? {} : {
        BENCH_PROFILE_OUT: profileFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim(),
      }),
    },
  });
  const git = gitState();
  log(`${tag}note server: ${source} (HEAD ${git.head.slice(0, 12)}${git.dirty.length ? `, uncommitted: ${git.dirty.join('; ')}` : ''})`);
  const run: ServerRun = { source, scenarios: [], profiles: {}, notes: {} };
  const target: Target = {
    url: server.url, pid: server.process.pid ?? 0, dataDir,
    store: redis === undefined ? undefined : { pid: redis.process.pid ?? 0, dir: redis.dir },
  };
  /** Measures one note-server scenario, under the CPU profiler when asked to. */
  const scenario = async (name: string, label: string, what: string, load: () => Promise<LoadResult>) => {
    const { value, profile } = await maybeProfiled(name, server, profileFile, () => measure(`${tag}${label}`, what, target, load));
    value.profiled = profile !== undefined;
    if (profile) run.profiles[key(name)] = profile;
    run.scenarios.push(value);
    return value;
  };
  try {
    const created: NoteRef[] = [];
    const load = (request: RequestSpec, seconds: number, maxRequests?: number) =>
      runLoad({ url: server.url, connections, duration: seconds, maxRequests, request });

    log(`${tag}create: ${warmup} s warm-up, ${duration} s measured`);
    await load(createRequests(bodies, created), warmup);
    await scenario('create', 'create (POST /api/notes, 1 KiB secret)',
      'a new note per request: validate, hash tokens, INSERT note + body, group commit, 201',
      () => load(createRequests(bodies, created), duration));

    log(`${tag}peek: ${warmup} s warm-up, ${duration} s measured (same HTTP + validation + SELECT as consume, no write)`);
    await load(peekRequests(bodies, created), warmup);
    const peek = await scenario('peek', 'peek (POST /api/notes/:id/peek)',
      'reference: the work of consume without the write, the checkpoint and the fsyncs',
      () => load(peekRequests(bodies, created), duration));

    // Consume does all that peek does and more: it cannot burn notes faster than peek reads them.
    const wanted = Math.ceil(peek.load.rps * (duration + warmup) * 1.25);
    if (created.length < wanted) {
      log(`${tag}fill: creating up to ${wanted - created.length} more notes to consume (at most ${config.fillMax} s)`);
      const t0 = performance.now();
      const before = created.length;
      await load(createRequests(bodies, created), config.fillMax, Math.max(connections, wanted - created.length));
      run.notes.fill = { created: created.length - before, seconds: (performance.now() - t0) / 1000 };
    }

    const cursor: Cursor = { next: 0, overrun: 0 };
    const remaining = () => created.length - cursor.next;
    // autocannon shares maxOverallRequests out between connections: each needs some to do.
    if (remaining() < connections * 20) throw new Error(`only ${remaining()} notes to consume: raise BENCH_FILL_MAX`);
    log(`${tag}consume: ${warmup} s warm-up, ${duration} s measured, ${created.length} notes, each consumed once`);
    await load(consumeRequests(bodies, created, cursor), warmup, Math.floor(remaining() / 4));
    const consume = await scenario('consume', 'consume (POST /api/notes/:id/consume)',
      'burns a note per request: validate, SELECT, UPDATE, DELETE body, group commit, 200 with the envelope',
      () => load(consumeRequests(bodies, created, cursor), duration, remaining()));
    run.notes.consume = { notesAvailable: created.length, notesUsed: cursor.next, overrun: cursor.overrun };
    if (consume.load.seconds < duration * 0.9) {
      log(`${tag}consume ran out of notes after ${consume.load.seconds.toFixed(1)} s: raise BENCH_FILL_MAX for a full run`);
    }
  } finally {
    await server.stop();
    await redis?.stop();
  }
  return run;
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const { connections, duration, warmup } = config;
  const scenarios: ScenarioResult[] = [];
  const profiles: Record<string, ProfileSummary> = {};
  const notes: Record<string, unknown> = {};

  // --- client crypto and the disk, before any load ------------------------------------------
  log(`crypto: ${config.cryptoRuns} runs each of 1 KiB and 1 MiB, and one passphrase derivation`);
  const cryptoResults = await measureCrypto(config.cryptoRuns);
  // The note server's data folder; the disk is measured where the server will write.
  const dataDir = tempDataDir();
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const disk = measureFsyncRate(dataDir);
  log(`disk: ${Math.round(disk.fsyncsPerSecond)} fdatasync/s on ${disk.device ?? 'an unknown device'}`);

  log(`sealing ${config.bodies} notes of ${config.secretBytes} bytes with encryptNote`);
  const bodies = await sealBodies(config.bodies, config.secretBytes);

  // --- 1. bare node:http ----------------------------------------------------------------------
  const bare = await startBareServer();
  const bareTarget = { url: bare.url, pid: bare.pid };
  let bareResult: ScenarioResult;
  try {
    log(`bare node:http: ${warmup} s warm-up, ${duration} s measured, ${connections} connections`);
    await runLoad({ url: bare.url, connections, duration: warmup, request: baselineRequests(bodies) });
    bareResult = await measure('bare node:http (fixed JSON)', 'baseline: POST of a consume-sized body, fixed 25-byte JSON answer',
      bareTarget, () => runLoad({ url: bare.url, connections, duration, request: baselineRequests(bodies) }));
    scenarios.push(bareResult);
  } finally {
    await bare.stop();
  }

  // --- 2. the note servers: the one to compare against first, when asked, then this one ------
  const profileFile = config.profile.length > 0 ? path.join(RESULTS, `profile-${stamp}.cpuprofile`) : undefined;
  const servers: ServerChoice[] = [
    ...(config.compare === undefined ? [] : [{ label: `before (${config.compare})`, ref: config.compare }]),
    { label: config.compare === undefined ? '' : 'after', ref: config.serverRef, dir: config.serverDir },
  ];
  const sources: string[] = [];
  for (const choice of servers) {
    const run = await noteServerRun(choice, bodies, profileFile);
    scenarios.push(...run.scenarios);
    Object.assign(profiles, run.profiles);
    notes[choice.label || 'server'] = run.notes;
    sources.push(`${choice.label ? `${choice.label}: ` : ''}${run.source}`);
  }
  const git = gitState();

  // --- report -----------------------------------------------------------------------------------
  const bareRps = bareResult.load.rps;
  const ratio = (s: ScenarioResult | undefined) => (s && bareRps > 0 ? s.load.rps / bareRps : undefined);
  const ratios: Ratios[] = servers.map(({ label }) => {
    const find = (scenario: string) => scenarios.find((s) => s.name.startsWith(`${label ? `${label}: ` : ''}${scenario}`));
    return { label, consume: ratio(find('consume')), create: ratio(find('create')) };
  });
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
  const seconds = (Date.now() - started) / 1000;
  const warning = contentionWarning(scenarios);

  const markdown = [
    `## Burnlink benchmark, ${new Date().toISOString()}`,
    '',
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.kernel}, Node ${machine.node}. `
      + `autocannon in the benchmark process, ${connections} connections, ${duration} s per scenario after ${warmup} s warm-up; `
      + `each server in its own process; loopback; store: ${config.store === 'redis' ? 'Redis (append-only file, fsync on every write), one server of its own per note server' : 'SQLite'}. Run took ${Math.round(seconds)} s.`,
    '',
    `Note server${sources.length > 1 ? 's' : ''}: ${sources.join('; ')}; HEAD ${git.head.slice(0, 12)}`
      + (git.dirty.length ? `, uncommitted changes in ${git.dirty.map((line) => line.slice(3)).join(', ')}.` : ', no uncommitted changes in server/ or utils/.'),
    '',
    loadTable(scenarios, bareRps),
    '',
    ...(warning === undefined ? [] : [warning, '']),
    ratioTable(ratios),
    '',
    cryptoTable(cryptoResults),
    '',
    diskTable(disk),
    ...Object.entries(profiles).flatMap(([scenario, summary]) => ['', profileTables(summary, scenario)]),
    '',
  ].join('\n');
  process.stdout.write(markdown);

  const json = { date: new Date().toISOString(), seconds, machine, config, server: { sources, git }, ratios, scenarios, crypto: cryptoResults, disk, notes, profiles };
  const file = path.join(RESULTS, `bench-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
