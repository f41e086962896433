// The one process spawner of the tests and benchmarks: starts a program (the note server,
// redis-server, the bare baseline server), waits for the line that says it is ready, and stops it.
// A process may own a temporary folder (its data): `stop` removes that folder once no process
// started on it is still running, so a run leaves nothing behind. `kill` is a crash and keeps the
// folder, so that a restart on it finds what the crash left.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Folders made by `tempFolder` in this process, and how many running processes use each. */
const temporary = new Map<string, number>();

/**
 * A fresh temporary folder. Pass it as `folder` to `spawnProcess` (the process then owns it) or
 * remove it with `removeTempFolder`. Made under BURNLINK_TEST_TMP when the test run sets it (so
 * the run can check it left nothing), else under the system's temporary folder.
 */
export function tempFolder(prefix = 'burnlink-'): string {
  const root = process.env.BURNLINK_TEST_TMP || os.tmpdir();
  fs.mkdirSync(root, { recursive: true });
  const folder = fs.mkdtempSync(path.join(root, prefix));
  temporary.set(folder, 0);
  return folder;
}

/** Removes a folder made by `tempFolder` (and forgets nothing: a restart may make it again). */
export function removeTempFolder(folder: string): void {
  if (temporary.has(folder)) fs.rmSync(folder, { recursive: true, force: true });
}

export interface SpawnOptions {
  /** What to call the process in errors: "note server", "redis-server". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The process is ready once its output (stdout and stderr) matches. */
  ready: RegExp;
  timeoutMs?: number;
  /** The process's data folder. When made by `tempFolder`, the process owns it (see above). */
  folder?: string;
}

export interface SpawnedProcess {
  process: ChildProcess;
  /** The match of `ready` in the output. */
  ready: RegExpMatchArray;
  /** Output so far (stdout and stderr), for failure messages and log checks. */
  output: () => string;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  /**
   * SIGTERM, wait for the exit, then remove the data folder if it is temporary and no other process
   * runs on it; `keepFolder` keeps it for a restart.
   */
  stop: (options?: { keepFolder?: boolean }) => Promise<void>;
  /** SIGKILL (a crash) and wait for the exit; the folder stays for a restart or a later stop. */
  kill: () => Promise<void>;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function waitUntilReady(child: ChildProcess, name: string, ready: RegExp, timeoutMs: number, output: () => string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', look);
      child.stderr?.off('data', look);
      child.off('exit', exit);
    };
    const look = () => {
      const match = output().match(ready);
      if (match) {
        done();
        resolve(match);
      }
    };
    const exit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${output()}`));
    };
    const timer = setTimeout(() => {
      done();
      // Never leave a process behind that the caller has no handle on.
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready in ${timeoutMs / 1000} s:\n${output()}`));
    }, timeoutMs);
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', exit);
  });
}

/** Starts a process and resolves once it is ready; rejects (leaving no process) when it is not. */
export async function spawnProcess({ name, command, args, cwd, env, ready, timeoutMs = 20_000, folder }: SpawnOptions): Promise<SpawnedProcess> {
  const owned = folder !== undefined && temporary.has(folder);
  if (owned) {
    fs.mkdirSync(folder, { recursive: true });
    temporary.set(folder, (temporary.get(folder) ?? 0) + 1);
  }
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      if (owned) temporary.set(folder, (temporary.get(folder) ?? 1) - 1);
      resolve();
    });
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (running(child)) child.kill(signal);
    await exited;
  };
  const stop = async ({ keepFolder = false } = {}) => {
    await stopWith('SIGTERM');
    if (owned && !keepFolder && temporary.get(folder) === 0) removeTempFolder(folder);
  };
  try {
    const match = await waitUntilReady(child, name, ready, timeoutMs, () => output);
    return { process: child, ready: match, output: () => output, exited, stop, kill: () => stopWith('SIGKILL') };
  } catch (error) {
    await stop();
    throw error;
  }
}
