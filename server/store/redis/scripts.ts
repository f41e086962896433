// The Redis store's Lua scripts (the .lua files beside this one), and how they are run: by SHA,
// loading the source when Redis does not know it yet (first use, or after Redis restarted).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';

export interface Script {
  name: string;
  source: string;
  sha: string;
}

const read = (file: string) => fs.readFileSync(path.join(import.meta.dirname, file), 'utf8');

/** Loads `<name>.lua`, with the shared `burn` function in front when the script burns notes. */
export function script(name: string, { burns = false } = {}): Script {
  const source = (burns ? `${read('burn.lua')}\n` : '') + read(`${name}.lua`);
  return { name, source, sha: createHash('sha1').update(source).digest('hex') };
}

export const SCRIPTS = {
  create: script('create'),
  consume: script('consume', { burns: true }),
  revoke: script('revoke', { burns: true }),
  sweep: script('sweep', { burns: true }),
};

/** Runs a script by SHA, sending its source once when Redis answers NOSCRIPT. */
export async function runScript(redis: Redis, which: Script, keys: string[], args: Array<string | Buffer | number>): Promise<unknown> {
  try {
    return await redis.evalsha(which.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(which.source, keys.length, ...keys, ...args);
  }
}
