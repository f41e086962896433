// Markdown tables of one run's figures.
import type { CryptoResults } from './crypto-timing';
import type { LoadResult } from './load';
import type { DiskFsyncRate, SyncCalls } from './os-counters';
import type { ProfileSummary } from './profile';

export interface ScenarioResult {
  name: string;
  /** What the scenario is for, in a few words. */
  what: string;
  load: LoadResult;
  /** CPU used by the server process (all threads) as a fraction of one core, over the run. */
  serverCpu: number | undefined;
  /**
   * Server CPU time per completed request, in microseconds: what a request costs the server, and
   * much less sensitive than req/s to other processes competing for the two cores.
   */
  serverCpuPerRequestUs: number | undefined;
  /** Redis CPU time per completed request, when the server stores there. */
  storeCpuPerRequestUs?: number;
  /** CPU used by this process (autocannon) as a fraction of one core. */
  loadCpu: number;
  /** CPU used by everything else on the machine (kernel work for loopback included), same unit. */
  otherCpu: number | undefined;
  /** The server's sync calls during the run (perf stat). */
  syncCalls: SyncCalls | undefined;
  /** Flushes the disk completed during the run (device-wide). */
  deviceFlushes: number | undefined;
  /** Set when the server was being CPU-profiled during the run (slower than normal). */
  profiled?: boolean;
}

export interface Ratios {
  /** Which server ("before (main)", "after"); empty when one was measured. */
  label: string;
  consume: number | undefined;
  create: number | undefined;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n * 100)}%`);
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function statuses(load: LoadResult): string {
  const parts = Object.entries(load.status).map(([code, count]) => `${code}: ${int(count)}`);
  if (load.errors > 0) parts.push(`errors: ${int(load.errors)} (timeouts ${int(load.timeouts)})`);
  return parts.join(', ') || 'none';
}

function syncs(s: ScenarioResult): string {
  if (s.syncCalls === undefined) return s.deviceFlushes === undefined ? 'n/a' : `${int(s.deviceFlushes)} disk flushes`;
  const calls = s.syncCalls.fsync + s.syncCalls.fdatasync;
  return calls === 0 ? '0' : `${int(calls)} (${(s.load.requests / calls).toFixed(1)} req each)`;
}

export function loadTable(scenarios: ScenarioResult[], bareRps: number | undefined): string {
  const redis = scenarios.some((s) => s.storeCpuPerRequestUs !== undefined);
  const rows = scenarios.map((s) => [
    s.profiled ? `${s.name} (CPU-profiled)` : s.name,
    int(s.load.rps),
    bareRps ? `${(s.load.rps / bareRps).toFixed(2)}` : 'n/a',
    String(s.load.latency.p50),
    String(s.load.latency.p99),
    statuses(s.load),
    `${int(s.load.requests)} in ${s.load.seconds.toFixed(1)} s`,
    pct(s.serverCpu),
    s.serverCpuPerRequestUs === undefined ? 'n/a' : int(s.serverCpuPerRequestUs),
    ...(redis ? [s.storeCpuPerRequestUs === undefined ? 'n/a' : int(s.storeCpuPerRequestUs)] : []),
    pct(s.loadCpu),
    pct(s.otherCpu),
    syncs(s),
    s.syncCalls === undefined ? 'n/a' : int(s.syncCalls.ftruncate),
  ]);
  return table(['scenario', 'req/s', '÷ bare', 'p50 ms', 'p99 ms', 'responses', 'requests', 'server CPU', 'server CPU µs/req',
    ...(redis ? ['Redis CPU µs/req'] : []), 'autocannon CPU', 'rest of machine', redis ? 'Redis fsyncs' : 'server fsyncs', redis ? 'Redis ftruncates' : 'server ftruncates'], rows);
}

/** A warning when other processes used the CPU the benchmark needed (the figures are then low). */
export function contentionWarning(scenarios: ScenarioResult[], limit = 0.25): string | undefined {
  const busy = scenarios.filter((s) => s.otherCpu !== undefined && s.otherCpu > limit);
  if (busy.length === 0) return undefined;
  return `**Warning: the machine was not idle.** Other processes used ${busy.map((s) => `${pct(s.otherCpu)} of a core during "${s.name}"`).join(', ')}. `
    + 'On 2 cores that takes CPU from the servers and autocannon: those figures are low. Run again on an idle machine.';
}

/** This step's target (0.35 of bare) and the design's aim (0.50), for each server measured. */
export function ratioTable(ratios: Ratios[]): string {
  const verdict = (value: number | undefined, target: number) => (value === undefined ? 'n/a' : value >= target ? 'met' : 'missed');
  const row = (label: string, name: string, value: number | undefined) =>
    [`${label ? `${label}: ` : ''}${name}`, value === undefined ? 'n/a' : value.toFixed(2), `≥ 0.35: ${verdict(value, 0.35)}`, `≥ 0.50: ${verdict(value, 0.5)}`];
  return table(['headline', '× bare', 'target', 'aim'], ratios.flatMap((r) => [
    row(r.label, 'consume req/s ÷ bare node:http req/s', r.consume),
    row(r.label, 'create req/s ÷ bare node:http req/s', r.create),
  ]));
}

export function cryptoTable(results: CryptoResults): string {
  const rows = results.sizes.map((s) => [
    s.label,
    ms(s.encryptMs),
    ms(s.decryptMs),
    ms(s.totalMs),
    s.bytes > 1024 * 1024 - 16 ? (s.totalMs <= 20 ? '≤ 20 ms: met' : '≤ 20 ms: missed') : '',
  ]);
  rows.push(['passphrase key derivation (PBKDF2-SHA256, 600k)', '', '', ms(results.passphraseMs), 'once, not a median']);
  return table(['crypto in Node (median of ' + (results.sizes[0]?.runs ?? 0) + ')', 'encrypt ms', 'decrypt ms', 'encrypt + decrypt ms', 'target'], rows);
}

export function diskTable(disk: DiskFsyncRate): string {
  return table(['disk', 'value'], [
    ['device', disk.device ?? 'unknown'],
    ['write 4 KiB + fdatasync, one after another', `${int(disk.fsyncsPerSecond)} /s`],
    ['device flushes per fdatasync', disk.flushesPerFsync === undefined ? 'n/a' : disk.flushesPerFsync.toFixed(2)],
  ]);
}

export function profileTables(summary: ProfileSummary, scenario: string): string {
  const share = (rows: ProfileSummary['areas']) => rows.map((r) => [r.name, int(r.ms), pct(r.share)]);
  return [
    `CPU profile of the note server during "${scenario}" (${int(summary.totalMs)} ms sampled; ${summary.file})`,
    '',
    table(['area (self time)', 'ms', 'share'], share(summary.areas)),
    '',
    table(['function (self time)', 'ms', 'share'], share(summary.selfTop)),
    '',
    table(['function (inclusive time)', 'ms', 'share'], share(summary.inclusiveTop)),
  ].join('\n');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
