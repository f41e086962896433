// Starts a real redis-server (the Debian package) on a free loopback port with its own folder,
// persisting the way docs/DEPLOY.md tells operators to: append-only file, fsync on every write.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/** The redis-server binary, or an error that says how to install it (tests fail, never skip). */
export function redisServerBinary(candidates: Array<string | undefined> = CANDIDATES): string {
  const found = candidates.find((file): file is string => file !== undefined && file !== '' && fs.existsSync(file));
  if (found === undefined) {
    throw new Error('redis-server is not installed: run `sudo apt-get install -y redis-server` (or set REDIS_SERVER to its path).');
  }
  return found;
}

export interface RunningRedis {
  url: string;
  port: number;
  /** Where the append-only file lives. */
  dir: string;
  process: ChildProcess;
  output: () => string;
  /** SHUTDOWN by signal (SIGTERM): Redis fsyncs and exits cleanly. */
  stop: () => Promise<void>;
  /** SIGKILL: a crash, nothing flushed beyond what appendfsync already did. */
  kill: () => Promise<void>;
}

export interface RedisOptions {
  /** Reuse a folder (restart on the same append-only file). */
  dir?: string;
  /** Reuse a port (so running servers reconnect to the same URL). */
  port?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: RedisOptions = {}): Promise<RunningRedis> {
  const binary = redisServerBinary();
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-redis-'));
  const port = options.port ?? await freePort();
  const child = spawn(binary, [
    '--bind', '127.0.0.1',
    '--port', String(port),
    '--dir', dir,
    '--save', '',
    '--appendonly', 'yes',
    '--appendfsync', 'always',
    '--daemonize', 'no',
    '--logfile', '',
    '--loglevel', 'notice',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start in 15 s:\n${output}`));
    }, 15_000);
    const onData = () => {
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });

  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    process: child,
    output: () => output,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}
