// Starts the real note server as a child process on a free port, with its own data folder.
import path from 'node:path';
import { spawnProcess, tempFolder, type SpawnedProcess } from './process';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The SQLite file (when the store is SQLite). */
  dbFile: string;
  process: SpawnedProcess['process'];
  /** Output so far, for failure messages. */
  output: () => string;
  /** SIGTERM and wait for exit; removes a temporary data folder no other server uses. */
  stop: SpawnedProcess['stop'];
  /** SIGKILL and wait for exit: a crash. The data folder stays for a restart. */
  kill: () => Promise<void>;
}

export interface StartOptions {
  /** Reuse a data folder (restart on the same file). */
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Another server entry point (a benchmark runs an older server this way). */
  entry?: string;
}

/** A fresh temporary data folder; a server started on it removes it when stopped. */
export function tempDataDir(): string {
  return tempFolder('burnlink-test-');
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const spawned = await spawnProcess({
    name: 'note server',
    command: process.execPath,
    args: ['--import', 'tsx', options.entry ?? path.join(ROOT, 'server/index.ts')],
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // SQLite unless a test asks for Redis; no rate limits unless a test sets them (tests and
      // benchmarks send many requests from one address on purpose).
      REDIS_URL: '',
      // The port is read from the "listening" line, which is logged at info.
      LOG_LEVEL: 'info',
      RATE_LIMIT_CREATE: 'off',
      RATE_LIMIT_CONSUME: 'off',
      RATE_LIMIT_MANAGE: 'off',
      ...options.env,
    },
    ready: /\(port (\d+),/,
    folder: dataDir,
  });
  const port = Number(spawned.ready[1]);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    dbFile: path.join(dataDir, 'burnlink.sqlite'),
    process: spawned.process,
    output: spawned.output,
    stop: spawned.stop,
    kill: spawned.kill,
  };
}
