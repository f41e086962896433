// The extension's build prints no warning a newcomer would have to wonder about, and
// `npm run zip`'s sources zip (the one a store's reviewers rebuild from) holds the project's
// sources and none of the local state a working copy gathers: the server's database, test
// results, logs. Run for real with WXT on a copy of the project, so the builds other tests use
// are left alone.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempFolder, tempFolder } from '../helpers/process';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Planted in the copy: what `npm start`, the tests and the benchmarks leave in a working copy. */
const LOCAL_STATE = ['data/burnlink.sqlite', 'data/burnlink.sqlite-wal', 'test-results/e2e/popup.png', 'bench/results/run.json', 'server.log'];

describe('building and zipping a copy of the project', () => {
  let copy: string;
  let zip: Buffer;
  let output = '';

  beforeAll(() => {
    copy = tempFolder('burnlink-zip-');
    // What a working copy holds besides what git ignores: committed and new files.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0').filter((file) => file !== '' && fs.existsSync(path.join(ROOT, file)));
    for (const file of files) fs.cpSync(path.join(ROOT, file), path.join(copy, file), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    for (const file of LOCAL_STATE) {
      fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      fs.writeFileSync(path.join(copy, file), 'local state');
    }
    const wxt = (...args: string[]) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), ...args], { cwd: copy, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`wxt ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
      return run.stdout + run.stderr;
    };
    output = wxt('build') + wxt('zip', '-b', 'firefox');
    const name = fs.readdirSync(path.join(copy, '.output')).find((file) => file.endsWith('-sources.zip'));
    if (name === undefined) throw new Error('wxt zip made no sources zip');
    zip = fs.readFileSync(path.join(copy, '.output', name));
  }, 120_000);
  afterAll(() => {
    if (copy) removeTempFolder(copy);
  });

  // A zip stores each file's name as is, in its header and in its directory.
  const holds = (file: string) => zip.includes(Buffer.from(file));

  it('prints no warning while it builds for Chrome and zips for Firefox', () => {
    // WXT prints " WARN  Duplicated imports ..." in a terminal and "[warn] ..." otherwise; under a
    // test runner it prints warnings and errors only, so the output is only what could worry.
    expect(output.split('\n').filter((line) => /\bwarn\b/i.test(line))).toEqual([]);
  });

  it('holds the sources needed to build the extension', () => {
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'utils/storage.ts', 'entrypoints/background.ts', 'entrypoints/offscreen/main.ts']) {
      expect(holds(file), file).toBe(true);
    }
  });

  it('leaves out the local database, test results, benchmark results and logs', () => {
    for (const file of LOCAL_STATE) expect(holds(file), file).toBe(false);
  });

  it('leaves out installed packages and builds', () => {
    expect(holds('node_modules/')).toBe(false);
    expect(holds('.output/')).toBe(false);
    expect(holds('.wxt/')).toBe(false);
  });
});
