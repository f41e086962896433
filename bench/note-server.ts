// Which note server the benchmark runs: the working tree's (through the test helper), or the
// server/ and utils/ of a git ref or of another directory. A ref pins a run to committed code while
// the working tree is being edited; a directory holds an experiment to compare against.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../test/helpers/server';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface NoteServerOptions {
  dataDir: string;
  env: Record<string, string>;
  /** A git ref (commit, branch, tag) whose server to run. */
  ref?: string;
  /** A directory holding server/ and utils/ (node_modules is linked in when missing). */
  dir?: string;
}

export interface NoteServer {
  server: RunningServer;
  /** What was run, for the results: "working tree", "<ref> = <sha>" or the directory. */
  source: string;
}

/**
 * Makes `dir` runnable as a server root: outside the repository, packages resolve through a link
 * to its node_modules, and its package.json says the files are ES modules.
 */
function prepareRoot(dir: string): void {
  if (!fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (!fs.existsSync(path.join(dir, 'package.json'))) fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
}

/**
 * Exports server/ and utils/ of `ref` once into the temporary folder (not into the repository,
 * where the type checker would pick the copies up).
 */
function checkout(ref: string): { dir: string; sha: string } {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = path.join(os.tmpdir(), `burnlink-bench-server-${sha}`);
  if (!fs.existsSync(path.join(dir, 'server', 'index.ts'))) {
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', sha, 'server', 'utils'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  prepareRoot(dir);
  return { dir, sha };
}

export async function startNoteServer({ dataDir, env, ref, dir }: NoteServerOptions): Promise<NoteServer> {
  if (ref !== undefined) {
    const { dir: root, sha } = checkout(ref);
    return { server: await startServer({ entry: path.join(root, 'server', 'index.ts'), dataDir, env }), source: `${ref} = ${sha.slice(0, 12)}` };
  }
  if (dir !== undefined) {
    const root = path.resolve(dir);
    prepareRoot(root);
    return { server: await startServer({ entry: path.join(root, 'server', 'index.ts'), dataDir, env }), source: path.relative(ROOT, root) };
  }
  return { server: await startServer({ dataDir, env }), source: 'working tree' };
}

/** The commit and the uncommitted changes to the server and the shared core, for the results. */
export function gitState(): { head: string; dirty: string[] } {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'utils'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n').filter((line) => line.trim() !== '' && !line.startsWith('??'));
    return { head, dirty };
  } catch {
    return { head: 'unknown', dirty: [] };
  }
}
