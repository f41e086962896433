// What the operating system can tell from outside a process: its CPU time, its sync calls
// (through `perf stat`, when available) and the flushes the disk completed.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds (user + system, all threads) a process has used so far; undefined off Linux. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** CPU seconds all cores of the machine have spent busy so far (not idle, not waiting for I/O). */
export function machineBusySeconds(): number | undefined {
  try {
    const [, ...fields] = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const ticks = fields.slice(0, 8).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    // user nice system idle iowait irq softirq steal
    return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** Durability syscalls of a process: SQLite syncs with fdatasync; a TRUNCATE checkpoint ftruncates. */
export interface SyncCalls {
  fsync: number;
  fdatasync: number;
  ftruncate: number;
}

export interface SyncCounter {
  /** Calls since the counter started; undefined when perf cannot count them. */
  stop: () => Promise<SyncCalls | undefined>;
}

const EVENTS = ['fsync', 'fdatasync', 'ftruncate'] as const;

/**
 * Counts a process's fsync, fdatasync and ftruncate calls with `perf stat` on the syscall
 * tracepoints, which costs the process next to nothing (no ptrace). Resolves once perf is attached.
 */
export async function countSyncCalls(pid: number): Promise<SyncCounter> {
  const unavailable: SyncCounter = { stop: async () => undefined };
  const events = EVENTS.map((name) => `syscalls:sys_enter_${name}`).join(',');
  const perf = spawn('perf', ['stat', '-x', ',', '-e', events, '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  perf.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => {
    perf.once('error', () => resolve(-1));
    perf.once('exit', (code) => resolve(code));
  });
  // perf needs a moment to attach to every thread; an early exit means it cannot.
  const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 300))]);
  if (early !== 'running') return unavailable;
  return {
    stop: async () => {
      perf.kill('SIGINT');
      await exited;
      const counts = new Map<string, number>();
      for (const line of output.split('\n')) {
        const [count, , event] = line.split(',');
        const name = event?.replace('syscalls:sys_enter_', '');
        if (name !== undefined && count !== undefined && /^\d+$/.test(count)) counts.set(name, Number(count));
      }
      const [fsync, fdatasync, ftruncate] = EVENTS.map((name) => counts.get(name));
      if (fsync === undefined || fdatasync === undefined || ftruncate === undefined) return undefined;
      return { fsync, fdatasync, ftruncate };
    },
  };
}

/** The block device holding `dir`, as named in /proc/diskstats; undefined when not a plain device. */
export function deviceOf(dir: string): string | undefined {
  try {
    const dev = fs.statSync(dir).dev;
    const major = (dev >> 8) & 0xfff;
    const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    for (const line of fs.readFileSync('/proc/diskstats', 'utf8').split('\n')) {
      const [maj, min, name] = line.trim().split(/\s+/);
      if (Number(maj) === major && Number(min) === minor) return name;
    }
  } catch {
    // Not Linux, or no /proc: no device statistics.
  }
  return undefined;
}

/** Flush (cache write-back) requests the device completed so far; each fsync costs at least one. */
export function deviceFlushes(device: string | undefined): number | undefined {
  if (device === undefined) return undefined;
  try {
    for (const line of fs.readFileSync('/proc/diskstats', 'utf8').split('\n')) {
      const fields = line.trim().split(/\s+/);
      // major minor name, then 17 counters on kernels ≥ 5.5; the 16th is flushes completed.
      if (fields[2] === device && fields.length >= 20) return Number(fields[18]);
    }
  } catch {
    // No /proc/diskstats.
  }
  return undefined;
}

export interface DiskFsyncRate {
  device: string | undefined;
  /** write(4 KiB) + fdatasync pairs a second, in a loop on one file: the disk's durable-commit rate. */
  fsyncsPerSecond: number;
  /** Device flushes per fdatasync during that loop (to read flush counts as commits). */
  flushesPerFsync: number | undefined;
}

/** Measures how many fdatasync calls a second the disk under `dir` completes, one after another. */
export function measureFsyncRate(dir: string, seconds = 1): DiskFsyncRate {
  const file = path.join(dir, 'fsync-probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const device = deviceOf(dir);
  try {
    // Allocate the block first, as SQLite reuses its WAL file: the loop then overwrites in place.
    fs.writeSync(fd, block, 0, block.length, 0);
    fs.fsyncSync(fd);
    const flushesBefore = deviceFlushes(device);
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < seconds * 1000) {
      fs.writeSync(fd, block, 0, block.length, 0);
      fs.fdatasyncSync(fd);
      count++;
    }
    const elapsed = (performance.now() - start) / 1000;
    const flushesAfter = deviceFlushes(device);
    return {
      device,
      fsyncsPerSecond: count / elapsed,
      flushesPerFsync: flushesBefore === undefined || flushesAfter === undefined ? undefined : (flushesAfter - flushesBefore) / count,
    };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}
