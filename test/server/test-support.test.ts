// The test support every server test stands on: the process spawner (who owns a temporary
// folder, when it goes), the polling helper, and requests on a connection of their own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { spawnProcess, tempFolder } from '../helpers/process';
import { startServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

/** A node process that says "ready" and then runs until stopped. */
const idler = (folder?: string, script = "console.log('ready on 4242'); setInterval(() => {}, 1000)") =>
  spawnProcess({ name: 'idler', command: process.execPath, args: ['-e', script], ready: /ready on (\d+)/, folder, timeoutMs: 10_000 });

describe('process spawner', () => {
  it('resolves with the ready line, and stop ends the process and removes its temporary folder', async () => {
    const folder = tempFolder();
    const idle = await idler(folder);
    expect(idle.ready[1]).toBe('4242');
    expect(fs.existsSync(folder)).toBe(true);
    await idle.stop();
    expect(idle.process.exitCode ?? idle.process.signalCode).toBe('SIGTERM');
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('keeps the folder after kill (a crash) for a restart; the last process to stop removes it', async () => {
    const folder = tempFolder();
    const first = await idler(folder);
    await first.kill();
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(fs.existsSync(folder)).toBe(true);
    const second = await idler(folder);
    // The crashed one's stop does not pull the folder from under the restart.
    await first.stop();
    expect(fs.existsSync(folder)).toBe(true);
    await second.stop();
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('keeps the folder on stop with keepFolder, for a restart on the same files', async () => {
    const folder = tempFolder();
    const first = await idler(folder);
    fs.writeFileSync(`${folder}/data`, 'kept');
    await first.stop({ keepFolder: true });
    expect(fs.readFileSync(`${folder}/data`, 'utf8')).toBe('kept');
    const second = await idler(folder);
    await second.stop();
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('never removes a folder it did not make', async () => {
    const mine = fs.mkdtempSync(path.join(os.tmpdir(), 'burnlink-not-temporary-'));
    try {
      const idle = await idler(mine);
      await idle.stop();
      expect(fs.existsSync(mine)).toBe(true);
    } finally {
      fs.rmSync(mine, { recursive: true, force: true });
    }
  });

  it('rejects with the output when the process exits before it is ready, leaving no folder', async () => {
    const folder = tempFolder();
    const error = await idler(folder, "console.error('cannot bind the port'); process.exit(3)").then(() => undefined, (e: unknown) => e);
    expect(String(error)).toMatch(/idler exited \(3\) before it was ready:\ncannot bind the port/);
    expect(fs.existsSync(folder)).toBe(false);
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy value of the condition, looking again until then', async () => {
    let looks = 0;
    expect(await waitFor('the third look', () => (++looks >= 3 ? `look ${looks}` : undefined), { intervalMs: 1 })).toBe('look 3');
  });

  it('fails with what it waited for, and the last error the condition threw', async () => {
    const error = await waitFor('the moon', () => { throw new Error('no moon tonight'); }, { timeoutMs: 50, intervalMs: 5 })
      .then(() => undefined, (e: unknown) => e);
    expect(String(error)).toBe('Error: timed out after 50 ms waiting for the moon (last error: no moon tonight)');
  });
});

describe('request on a connection of its own', () => {
  it('reaches the server after the test process was starved past the keep-alive timeout', async () => {
    const server = await startServer();
    try {
      // Pooled connections, left idle while the process is busy for longer than the server's 5 s
      // keep-alive timeout: the server closes them while the process cannot notice.
      await Promise.all(Array.from({ length: 20 }, () => request(server.url, '/api/health')));
      const busyUntil = Date.now() + 6000;
      while (Date.now() < busyUntil) { /* a starved client: no event handled */ }
      const answers = await Promise.allSettled(Array.from({ length: 20 }, () => request(server.url, '/api/health', { newConnection: true })));
      expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.status : String(a.reason)))).toEqual(Array(20).fill(200));
      const posted = await request(server.url, '/api/notes', { json: { not: 'a note' }, newConnection: true });
      expect(posted).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    } finally {
      await server.stop();
    }
  });
});
