// Starts bare-server.ts as its own process, with the same spawner the tests use for the note server.
import path from 'node:path';
import { spawnProcess } from '../test/helpers/process';

export interface BareServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function startBareServer(): Promise<BareServer> {
  const spawned = await spawnProcess({
    name: 'the bare server',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server.ts')],
    ready: /\(port (\d+),/,
  });
  return {
    url: `http://127.0.0.1:${Number(spawned.ready[1])}`,
    pid: spawned.process.pid ?? 0,
    stop: () => spawned.stop(),
  };
}
