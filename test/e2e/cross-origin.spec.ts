// A web site of another origin tries to use the note server through its visitors' real Chromium:
// it may read (a recipient page anywhere may open a note it holds the link of), but creating
// notes is refused by the browser, and the request it can send blind is refused by the server.
// What the attacker obtained is measured on the server: the bytes it stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, sealNote } from '../helpers/notes';
import { request } from '../helpers/http';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain } from './fixtures';
import { HostilePage, startHostileSite, type HostileSite } from './pages/HostileSite';

let server: RunningServer;
let site: HostileSite;
let browser: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  [server, site, browser] = await Promise.all([startServer(), startHostileSite(), launchPlain()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), site?.stop()]);
});

/** Ciphertext bytes the server holds, from its metrics (a loopback scrape). */
async function storedBytes(): Promise<number> {
  const text = String((await request(server.url, '/metrics')).body);
  const line = text.split('\n').find((l) => l.startsWith('burnlink_store_bytes '));
  return Number(line?.split(' ')[1]);
}

describe('a page of another origin', () => {
  it('cannot create a note: the browser blocks the readable request, the server refuses the blind one, nothing is stored', async () => {
    const page = new HostilePage(await browser.context.newPage());
    await page.open(site);
    const before = await storedBytes();
    const { body } = await sealNote('stored by a stranger\'s page');

    const readable = await page.postJson(`${server.url}/api/notes`, body);
    expect(readable).toEqual({ refused: expect.stringMatching(/Failed to fetch/) });
    expect(await page.postBlind(`${server.url}/api/notes`, body)).toBe('opaque');
    expect(await page.postBlind(`${server.url}/api/requests`, {})).toBe('opaque');

    // The blind requests reached the server (403s are counted), and nothing was stored.
    const metrics = String((await request(server.url, '/metrics')).body);
    expect(metrics).toMatch(/^burnlink_http_requests_total\{method="POST",route="\/api\/notes",status="403"\} [1-9]/m);
    expect(await storedBytes()).toBe(before);
    await page.page.close();
  });

  it('can still open a note it holds the link of (reads stay open)', async () => {
    const note = await createNote(server.url, 'readable from any page with the link');
    const page = new HostilePage(await browser.context.newPage());
    await page.open(site);
    const peek = await page.postJson(`${server.url}/api/notes/${note.id}/peek`, { keyProof: note.keyProof });
    expect(peek).toMatchObject({ status: 200 });
    expect('body' in peek ? JSON.parse(peek.body) : undefined).toMatchObject({ state: 'pending', passphrase: false });
    await page.page.close();
  });

  it('compared with the server\'s own page, which may create', async () => {
    const page = new HostilePage(await browser.context.newPage());
    await page.page.goto(`${server.url}/`);
    const { body } = await sealNote('made on the server\'s own page');
    const created = await page.postJson(`${server.url}/api/notes`, body);
    expect(created).toMatchObject({ status: 201 });
    await page.page.close();
  });
});
