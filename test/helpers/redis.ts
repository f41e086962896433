// Starts a real redis-server (the Debian package) on a free loopback port with its own folder,
// persisting the way docs/DEPLOY.md tells operators to: append-only file, fsync on every write.
import fs from 'node:fs';
import net from 'node:net';
import { spawnProcess, tempFolder, type SpawnedProcess } from './process';

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
  process: SpawnedProcess['process'];
  output: () => string;
  /**
   * SHUTDOWN by signal (SIGTERM): Redis fsyncs and exits cleanly. Removes its temporary folder
   * unless `keepFolder` (a restart on the same append-only file follows).
   */
  stop: SpawnedProcess['stop'];
  /** SIGKILL: a crash, nothing flushed beyond what appendfsync already did; the folder stays. */
  kill: () => Promise<void>;
}

export interface RedisOptions {
  /** Reuse a folder (restart on the same append-only file). */
  dir?: string;
  /** Reuse a port (so running servers reconnect to the same URL). */
  port?: number;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
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
  const dir = options.dir ?? tempFolder('burnlink-redis-');
  const port = options.port ?? await freePort();
  const spawned = await spawnProcess({
    name: 'redis-server',
    command: binary,
    args: [
      '--bind', '127.0.0.1',
      '--port', String(port),
      '--dir', dir,
      '--save', '',
      '--appendonly', 'yes',
      '--appendfsync', 'always',
      '--daemonize', 'no',
      '--logfile', '',
      '--loglevel', 'notice',
    ],
    ready: /Ready to accept connections/,
    timeoutMs: 15_000,
    folder: dir,
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    process: spawned.process,
    output: spawned.output,
    stop: spawned.stop,
    kill: spawned.kill,
  };
}
