// The readers in real Chromium, from a web page of another origin: a page has no host permission,
// so this is what the tools' own CORS allows an extension page without one. PrivateBin and Yopass
// answer any origin (the readers use PrivateBin's simple GET, since it does not answer preflights);
// cryptgeon, Hemmelig and Bitwarden Send answer none, and the browser stops the burning request at
// its preflight, before the server runs it. That is why those three need a host permission.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/find-browsers.mjs';
import { bitwardenFixtures, cryptgeonFixtures, hemmeligVectors, onServer, privatebinFixtures, yopassFixtures } from '../helpers/interop-fixtures';
import {
  startBitwarden, startCryptgeon, startHemmelig, startPrivateBin, startYopass, type ToolServer,
} from '../helpers/interop-servers';
import { removeTempFolder, tempFolder } from '../helpers/process';
import { ROOT } from './fixtures';

const ENTRY = `import { recogniseLink } from ${JSON.stringify(path.join(ROOT, 'utils/reveal/readers/index.ts'))};
window.reveal = async (href, passwords) => {
  const recognised = recogniseLink(href);
  if (!recognised || !recognised.ok) return { recognised: false };
  const session = recognised.value.session({ fetch: window.fetch.bind(window) });
  const precheck = await session.precheck();
  const attempts = [];
  for (const password of passwords) {
    const result = await session.reveal(password);
    attempts.push(result.ok ? { ok: true, text: result.value.text ?? null, files: result.value.files.length } : { ok: false, code: result.error.code });
  }
  return { recognised: true, cors: recognised.value.access.cors, precheck: precheck.ok ? { ok: true, checked: precheck.value.checked } : { ok: false, code: precheck.error.code }, attempts };
};`;

interface Outcome {
  recognised: boolean;
  cors?: 'open' | 'permission';
  precheck?: { ok: boolean; checked?: boolean; code?: string };
  attempts?: Array<{ ok: boolean; text?: string | null; code?: string }>;
}

let dir: string;
let site: http.Server;
let siteOrigin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = tempFolder('burnlink-interop-');
  fs.writeFileSync(path.join(dir, 'entry.js'), ENTRY);
  // The readers as the extension bundles them: browser builds, openpgp in a chunk of its own.
  await build({
    entryPoints: [path.join(dir, 'entry.js')], bundle: true, splitting: true, format: 'esm', platform: 'browser',
    outdir: path.join(dir, 'out'), nodePaths: [path.join(ROOT, 'node_modules')], logLevel: 'error',
  });
  fs.writeFileSync(path.join(dir, 'out/index.html'), '<!doctype html><meta charset="utf-8"><title>another site</title><script type="module" src="/entry.js"></script>');
  site = http.createServer((req, res) => {
    const file = path.join(dir, 'out', path.normalize(new URL(req.url ?? '/', 'http://x').pathname === '/' ? 'index.html' : new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(path.join(dir, 'out')) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(`${siteOrigin}/`);
  await page.waitForFunction(() => 'reveal' in window);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  if (dir) removeTempFolder(dir);
});

const reveal = (href: string, passwords: Array<string | undefined> = [undefined]) =>
  page.evaluate(([h, p]) => (window as unknown as { reveal: (h: string, p: Array<string | undefined>) => Promise<Outcome> }).reveal(h, p), [href, passwords] as const);

async function withServer<T>(start: Promise<ToolServer>, run: (server: ToolServer) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

describe('interop readers in Chromium, from a site without host permission', () => {
  it('PrivateBin: the simple GET is readable and burns once; a preflighted read would be refused', async () => {
    const burn = privatebinFixtures.find((r) => r.burn && r.password === undefined);
    const password = privatebinFixtures.find((r) => r.password !== undefined && !r.burn);
    if (!burn || !password) throw new Error('fixtures missing');
    await withServer(startPrivateBin([burn, password].map((r) => ({ id: r.id, response: r.response, burn: r.burn }))), async (server) => {
      const first = await reveal(onServer(burn.link, server.origin));
      expect(first).toMatchObject({ cors: 'open', precheck: { ok: true, checked: false }, attempts: [{ ok: true, text: burn.decrypted_paste }] });
      expect(await reveal(onServer(burn.link, server.origin))).toMatchObject({ attempts: [{ ok: false, code: 'gone' }] });
      // The password is asked after the one fetch, and the retry does not fetch again.
      const before = server.consuming().length;
      expect(await reveal(onServer(password.link, server.origin), [undefined, 'wrong', password.password])).toMatchObject({
        attempts: [{ ok: false, code: 'password_needed' }, { ok: false, code: 'wrong_password' }, { ok: true, text: password.decrypted_paste }],
      });
      expect(server.consuming().length - before).toBe(1);
      expect(server.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
      // What the readers avoid: PrivateBin's own header forces a preflight, which it answers with its page.
      const refused = await page.evaluate((url) => fetch(url, { headers: { 'X-Requested-With': 'JSONHttpRequest' } }).then(() => 'read', () => 'refused'), `${server.origin}/?pasteid=${password.id}`);
      expect(refused).toBe('refused');
      expect(server.requests.at(-1)?.method).toBe('OPTIONS');
    });
  });

  it('Yopass: the check and the read are readable; a custom password retries without a second fetch', async () => {
    const text = yopassFixtures.find((r) => r.name === 'new-text-seipdv2-gcm');
    const custom = yopassFixtures.find((r) => r.custom_password);
    const argon2 = yopassFixtures.find((r) => r.name === 'new-text-argon2-gcm');
    if (!text?.id || !custom?.id || !argon2?.id || !text.link || !custom.link || !argon2.link) throw new Error('fixtures missing');
    const secrets = [text, custom, argon2].map((r) => ({ id: r.id ?? '', file: false, oneTime: true, armored: r.message ?? '' }));
    await withServer(startYopass(secrets), async (server) => {
      expect(await reveal(onServer(text.link ?? '', server.origin))).toMatchObject({ cors: 'open', precheck: { ok: true, checked: true }, attempts: [{ ok: true, text: text.decrypted_utf8 }] });
      expect(await reveal(onServer(custom.link ?? '', server.origin), [undefined, 'wrong', custom.key])).toMatchObject({
        attempts: [{ ok: false, code: 'password_needed' }, { ok: false, code: 'wrong_password' }, { ok: true, text: custom.decrypted_utf8 }],
      });
      expect(server.consuming().filter((r) => r.url.includes(custom.id ?? ''))).toHaveLength(1);
      // Argon2 (WebAssembly) decrypts in a page whose CSP allows it.
      expect(await reveal(onServer(argon2.link ?? '', server.origin))).toMatchObject({ attempts: [{ ok: true, text: argon2.decrypted_utf8 }] });
    });
  });

  it('cryptgeon: no CORS, so nothing is readable and the burning DELETE never reaches the server', async () => {
    const record = cryptgeonFixtures.find((r) => r.name === 'text-random-key');
    if (!record) throw new Error('fixture missing');
    await withServer(startCryptgeon([{ id: record.id, previewResponse: record.preview_response, deleteResponse: record.delete_response, views: 1 }]), async (server) => {
      expect(await reveal(onServer(record.link, server.origin))).toMatchObject({
        cors: 'permission', precheck: { ok: false, code: 'unreachable' }, attempts: [{ ok: false, code: 'unreachable' }],
      });
      expect(server.consuming()).toEqual([]);
      expect(server.requests.map((r) => r.method)).toEqual(['GET', 'OPTIONS']);
    });
  });

  it('Hemmelig: CORS for its own pages only; the consuming POST stops at its preflight', async () => {
    const v = hemmeligVectors.text[0];
    if (!v) throw new Error('vector missing');
    const id = '00000000-0000-4000-8000-000000000001';
    await withServer(startHemmelig([{ id, secret: Uint8Array.from(Buffer.from(v.ciphertextHex, 'hex')), salt: v.salt, views: 1 }]), async (server) => {
      expect(await reveal(`${server.origin}/secret/${id}#decryptionKey=${v.key}`)).toMatchObject({
        cors: 'permission', precheck: { ok: false, code: 'unreachable' }, attempts: [{ ok: false, code: 'unreachable' }],
      });
      expect(server.consuming()).toEqual([]);
    });
  });

  it('Bitwarden Send: CORS for the vault only; the counted access stops at its preflight', async () => {
    const record = bitwardenFixtures.find((r) => r.password === null);
    if (!record) throw new Error('fixture missing');
    const response = JSON.stringify({ id: record.access_id, type: 0, name: record.encrypted.name, text: { text: record.encrypted.text, hidden: false } });
    await withServer(startBitwarden([{ accessId: record.access_id, response }]), async (server) => {
      expect(await reveal(`${server.origin}/#/send/${record.access_id}/${record.key}`)).toMatchObject({
        cors: 'permission', precheck: { ok: false, code: 'unreachable' }, attempts: [{ ok: false, code: 'unreachable' }],
      });
      expect(server.consuming()).toEqual([]);
    });
  });
});
