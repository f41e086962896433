// What a person starting the server sees: the summary once it is up, and one sentence (no stack
// trace) when the port is taken, both from `npm start`'s check before the build and from the
// server itself.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenErrorMessage, startupSummary } from '../../server/startup';
import { DEFAULT_SERVER } from '../../utils/core/default-server';
import { request } from '../helpers/http';
import { removeTempFolder, tempFolder } from '../helpers/process';
import { startServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs a server script to its end (it must end by itself) and gives its exit code and output. */
function runToExit(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
      cwd: ROOT, env: { ...process.env, REDIS_URL: '', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} did not end:\n${stdout}${stderr}`)); }, 30_000);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

describe('a port already in use', () => {
  const holder = net.createServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('is said in one sentence by the check npm start runs before building', async () => {
    const result = await runToExit('server/preflight.ts', { PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Cannot start: port ${port} on 127.0.0.1 is already in use (another Burnlink server, or another program). Stop it, or choose another port, e.g. PORT=8790.\n`);
  });

  it('is one log line, not a stack trace, when the server itself cannot listen', async () => {
    const dataDir = tempFolder('burnlink-test-');
    try {
      const result = await runToExit('server/index.ts', { PORT: String(port), DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('');
      const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string; code?: string });
      expect(lines).toEqual([expect.objectContaining({ level: 60, code: 'EADDRINUSE', msg: expect.stringMatching(new RegExp(`^Cannot start: port ${port} on 127\\.0\\.0\\.1 is already in use`)) })]);
    } finally {
      removeTempFolder(dataDir);
    }
  });

  it('lets the check pass on a free port', async () => {
    const result = await runToExit('server/preflight.ts', { PORT: '0' });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('says a bad setting before the build too', async () => {
    const result = await runToExit('server/preflight.ts', { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration: PORT: .+\n$/);
  });
});

describe('the start-up summary', () => {
  it('says where the server runs, where notes are kept, what to load, and that the extension needs the other port', async () => {
    const server = await startServer({ env: { BURNLINK_SUMMARY: '1' } });
    try {
      const text = await waitFor('the summary', () => server.output().includes('Stop it with Ctrl+C.') && server.output());
      expect(text).toContain(`Burnlink note server is running at ${server.url}\n`);
      expect(text).toContain(`  listening on   127.0.0.1 port ${server.port}\n`);
      expect(text).toContain(`  notes stored   SQLite, in ${server.dataDir}\n`);
      expect(text).toMatch(/ {2}Chrome {9}.*Load unpacked → .*chrome-mv3\n/);
      expect(text).toMatch(/ {2}Firefox {8}.*Load Temporary Add-on → .*firefox-mv2\/manifest\.json\n/);
      expect(text).toContain(`The extension starts with ${DEFAULT_SERVER} as its note server: enter ${server.url} in its options.`);
    } finally {
      await server.stop();
    }
  });

  it('says nothing about the extension’s server on the default address, and tells how to build what is missing', () => {
    const missing = tempFolder('burnlink-test-');
    try {
      const lines = startupSummary({
        config: { publicUrl: DEFAULT_SERVER, host: '127.0.0.1' }, port: 8787, store: 'redis', storeWhere: 'redis://127.0.0.1:6379',
        chromeDir: path.join(missing, 'chrome-mv3'), firefoxDir: path.join(missing, 'firefox-mv2'),
      });
      expect(lines).toEqual([
        `Burnlink note server is running at ${DEFAULT_SERVER}`,
        '  listening on   127.0.0.1 port 8787',
        '  notes stored   Redis at redis://127.0.0.1:6379',
        `  Chrome         not built yet (run npm run build), then chrome://extensions → Developer mode → Load unpacked → ${path.join(missing, 'chrome-mv3')}`,
        `  Firefox        not built yet (run npm run build), then about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${path.join(missing, 'firefox-mv2', 'manifest.json')}`,
        'Stop it with Ctrl+C.',
      ]);
    } finally {
      removeTempFolder(missing);
    }
  });

  it('is not printed when the logs go to a collector', async () => {
    const server = await startServer();
    try {
      // Written at once when the server listens: by the time it answers, it would be there.
      expect((await request(server.url, '/api/health')).status).toBe(200);
      expect(server.output()).not.toContain('is running at');
    } finally {
      await server.stop();
    }
  });
});

describe('listenErrorMessage', () => {
  it.each([
    ['EACCES', 'Cannot start: this user may not listen on port 80 on 127.0.0.1. Choose a port above 1023 with PORT, e.g. PORT=8787.'],
    ['EADDRNOTAVAIL', 'Cannot start: 127.0.0.1 is not an address of this machine. Set HOST to one of its addresses, e.g. HOST=127.0.0.1 or HOST=0.0.0.0.'],
  ])('%s is one sentence that says what to do', (code, message) => {
    expect(listenErrorMessage(Object.assign(new Error(code), { code }), '127.0.0.1', 80)).toBe(message);
  });
});
