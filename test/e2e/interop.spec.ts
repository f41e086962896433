// Other tools' links in the built extension, in real Chromium: a person clicks "Reveal safely"
// beside a PrivateBin, Yopass, cryptgeon, Hemmelig or Bitwarden Send link on a chat page, and the
// extension's reveal panel opens it from a local stand-in of that tool's server, which
// answers with the recorded responses and the tool's own CORS headers. The checks never consume;
// a reveal consumes exactly once; a password is asked for and retried without a second fetch.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bitwardenFixtures, cryptgeonFixtures, hemmeligVectors, onServer, privatebinFixtures, yopassFixtures } from '../helpers/interop-fixtures';
import {
  startBitwarden, startCryptgeon, startHemmelig, startPrivateBin, startYopass, type ToolServer,
} from '../helpers/interop-servers';
import { launchWithExtension, type ExtensionBrowser } from './fixtures';
import { anchor, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { allowInBrowserSettings, turnOnDetectionFor } from './pages/DetectionOptions';
import { RevealSurface } from './pages/RevealSurface';

declare const chrome: import('webextension-polyfill').Browser;

let site: ChatSite;
let ext: ExtensionBrowser;
const servers: ToolServer[] = [];

/** The stand-ins listen on 127.0.0.1; the chat page is on localhost, where detection is on. */
const STAND_INS = 'http://127.0.0.1/*';

beforeAll(async () => {
  [site, ext] = await Promise.all([startChatSite(), launchWithExtension()]);
  await (await turnOnDetectionFor(ext, site.otherOrigin)).page.close();
});
afterEach(async () => {
  await RevealSurface.closeAll(ext);
  for (const page of ext.context.pages().slice(1)) await page.close();
  // Each test starts without access to the stand-ins, as a fresh install would.
  await ext.worker.evaluate((pattern) => chrome.permissions.remove({ origins: [pattern] }), STAND_INS);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
});

async function serve(start: Promise<ToolServer>): Promise<ToolServer> {
  const server = await start;
  servers.push(server);
  return server;
}

/** The genuine reveal UI (side panel or window), with the few actions these tests take in it. */
class Surface {
  constructor(readonly surface: RevealSurface) {}

  settledHeading(): Promise<string> {
    return this.surface.settledHeading();
  }

  text(selector: string): Promise<string> {
    return this.surface.text(selector);
  }

  testId(id: string): Promise<string> {
    return this.surface.testId(id);
  }

  close(): Promise<void> {
    return this.surface.close();
  }

  click(name: string): Promise<void> {
    return this.surface.click(name);
  }

  waitForFunction(fn: () => unknown, arg?: undefined, timeout?: number): Promise<void> {
    return this.surface.waitForFunction(fn, arg, timeout);
  }

  evaluate<R>(fn: () => R): Promise<R> {
    return this.surface.evaluate(fn);
  }

  /** Types into the passphrase field in place of what it held. */
  async typePassphrase(password: string): Promise<void> {
    await this.surface.click('#passphrase');
    await this.surface.evaluate(() => (document.getElementById('passphrase') as HTMLInputElement | null)?.select());
    await this.surface.type(password);
  }

  async screenshot(name: string): Promise<void> {
    await this.surface.screenshot(name);
  }

  colorScheme(scheme: 'light' | 'dark'): Promise<void> {
    return this.surface.colorScheme(scheme);
  }

  /** Allows access in the gate, and waits until the gate has made way for the reveal. */
  async allow(host: string): Promise<void> {
    await this.click(`Allow access to ${host}`);
    await this.waitForFunction(() => document.querySelector('[data-testid="access-gate"]') === null);
  }
}

/** A chat message with `link`, a click on its "Reveal safely" button, and the panel it opens. */
async function clickRevealSafely(name: string, link: string): Promise<Surface> {
  site.room(name, [{ author: 'Ann', html: `here you go: ${anchor(link)}` }]);
  const chat = new ChatPage(await ext.context.newPage());
  await chat.open(`${site.otherOrigin}/${name}`);
  await chat.waitForButtons(1);
  await chat.buttons.first().click();
  return new Surface(await RevealSurface.waitFor(ext));
}

const hasAccess = () => ext.worker.evaluate((pattern) => chrome.permissions.contains({ origins: [pattern] }), STAND_INS);

/**
 * Clicks Reveal, with the passphrase field (emptied) typed into first when a password is given, and
 * waits until the reveal has finished: the page changed after the click and shows no "Revealing…".
 */
async function pressReveal(surface: Surface, password?: string) {
  if (password !== undefined) await surface.typePassphrase(password);
  // A busy machine can lose a click on a panel that has just opened: nothing then changes, nothing
  // was requested, and the click is given again (at most thrice).
  for (let attempt = 1; ; attempt++) {
    await surface.evaluate(() => {
      const w = window as unknown as { changed?: boolean };
      w.changed = false;
      new MutationObserver((_, observer) => { w.changed = true; observer.disconnect(); })
        .observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await surface.click('Reveal secret');
    const reacted = await surface.waitForFunction(() => (window as unknown as { changed?: boolean }).changed === true, undefined, 5_000)
      .then(() => true, () => false);
    if (reacted) break;
    if (attempt === 3) throw new Error(`the click on Reveal changed nothing: ${await surface.text('main')}`);
  }
  await surface.waitForFunction(() => !Array.from(document.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Revealing…'));
}

/** The link names of the files offered for download. */
const fileNames = (surface: Surface) => surface.evaluate(() => Array.from(document.querySelectorAll('.files .file-name')).map((a) => a.textContent ?? ''));

describe("the extension pages' security policy", () => {
  it('compiles WebAssembly (Argon2 for Yopass) and still refuses eval and new Function', async () => {
    const page = await ext.openExtensionPage('options.html');
    const outcome = await page.evaluate(async () => {
      // The smallest valid module: magic number and version.
      const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      const tryIt = async (run: () => unknown) => {
        try {
          await run();
          return 'ran';
        } catch (error) {
          return error instanceof Error ? error.name : 'refused';
        }
      };
      return {
        wasm: await tryIt(() => WebAssembly.compile(wasm)),
        eval: await tryIt(() => (0, eval)('1 + 1')),
        newFunction: await tryIt(() => new Function('return 1')()),
      };
    });
    expect(outcome).toEqual({ wasm: 'ran', eval: 'EvalError', newFunction: 'EvalError' });
    await page.close();
  });
});

describe("other tools' links in the extension's reveal panel", () => {
  it('PrivateBin: says the click burns it, asks the password after the one fetch, retries on the paste in memory', async () => {
    const paste = privatebinFixtures.find((r) => r.name === 'c-password-nonascii-burn');
    if (!paste?.password) throw new Error('fixture missing');
    const server = await serve(startPrivateBin([{ id: paste.id, response: paste.response, burn: paste.burn }]));
    const surface = await clickRevealSafely('privatebin', onServer(paste.link, server.origin));

    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(await surface.text('.opening')).toContain(`PrivateBin ${paste.id.slice(0, 6)}…${paste.id.slice(-4)}`);
    expect(await surface.testId('state')).toMatch(/^Not checked: this tool has no safe way to ask before opening/);
    expect(await surface.text('form')).toContain('PrivateBin: opening burns this paste');
    // No access was asked for or needed, and nothing was requested before the click.
    expect(server.requests).toEqual([]);
    await surface.screenshot('interop-privatebin-ready');
    await surface.colorScheme('dark');
    await surface.screenshot('interop-privatebin-ready-dark');
    await surface.colorScheme('light');

    await pressReveal(surface);
    await surface.waitForFunction(() => document.getElementById('passphrase') !== null);
    await pressReveal(surface, 'wrong');
    expect(await surface.text('.notice.error')).toMatch(/password/i);
    await pressReveal(surface, paste.password);
    expect(await surface.testId('secret')).toBe(paste.decrypted_paste);
    expect(server.consuming()).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
    expect(await hasAccess()).toBe(false);
    await surface.screenshot('interop-privatebin-revealed');
  });

  it('PrivateBin: attachments are offered as downloads, discussion comments listed', async () => {
    const files = privatebinFixtures.find((r) => r.name === 'h-two-attachments-burn');
    const discussion = privatebinFixtures.find((r) => r.name === 'j-open-discussion-with-comment');
    if (!files?.attachments || !discussion?.comment) throw new Error('fixtures missing');
    const server = await serve(startPrivateBin([files, discussion].map((r) => ({ id: r.id, response: r.response, burn: r.burn }))));

    const first = await clickRevealSafely('privatebin-files', onServer(files.link, server.origin));
    await first.settledHeading();
    await pressReveal(first);
    expect(await fileNames(first)).toEqual(files.attachments.map((a) => a.name));
    await first.screenshot('interop-privatebin-files');
    await first.colorScheme('dark');
    await first.screenshot('interop-privatebin-files-dark');
    // One reveal at a time, as a person reads them.
    for (const page of ext.context.pages().slice(1)) await page.close();

    const second = await clickRevealSafely('privatebin-comments', onServer(discussion.link, server.origin));
    await second.settledHeading();
    await pressReveal(second);
    expect(await second.text('.comments')).toContain(discussion.comment.comment);
    expect(server.consuming()).toHaveLength(2);
  });

  it('Yopass: checks without consuming, asks a custom password before the fetch, one read; Argon2 and a file too', async () => {
    const custom = yopassFixtures.find((r) => r.name === 'new-text-custom-password-gcm');
    const argon2 = yopassFixtures.find((r) => r.name === 'new-text-argon2-gcm');
    const file = yopassFixtures.find((r) => r.name === 'new-file-binary-gcm');
    if (!custom?.link || !custom.id || !argon2?.link || !argon2.id || !file?.link || !file.id || !file.message_base64) throw new Error('fixtures missing');
    const server = await serve(startYopass([
      { id: custom.id, file: false, oneTime: true, armored: custom.message ?? '' },
      { id: argon2.id, file: false, oneTime: true, armored: argon2.message ?? '' },
      { id: file.id, file: true, oneTime: true, binary: Uint8Array.from(Buffer.from(file.message_base64, 'base64')) },
    ]));

    const surface = await clickRevealSafely('yopass', onServer(custom.link, server.origin));
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(await surface.testId('state')).toMatch(/needs a password$/);
    expect(server.requests.map((r) => r.url)).toEqual([expect.stringMatching(new RegExp(`/secret/${custom.id}/status$`))]);
    await pressReveal(surface, 'wrong');
    expect(await surface.text('.notice.error')).toMatch(/password/i);
    await pressReveal(surface, custom.key);
    expect(await surface.testId('secret')).toBe(custom.decrypted_utf8);
    expect(server.consuming().filter((r) => r.url.includes(custom.id ?? ''))).toHaveLength(1);
    await surface.screenshot('interop-yopass-revealed');
    await surface.close();

    const hard = await clickRevealSafely('yopass-argon2', onServer(argon2.link, server.origin));
    await hard.settledHeading();
    await pressReveal(hard);
    expect(await hard.testId('secret')).toBe(argon2.decrypted_utf8);
    await hard.close();

    const download = await clickRevealSafely('yopass-file', onServer(file.link, server.origin));
    await download.settledHeading();
    await pressReveal(download);
    await download.waitForFunction(() => document.querySelector('.files a') !== null);
    expect(await fileNames(download)).toEqual([file.filename]);
    expect(await hasAccess()).toBe(false);
  });

  it('cryptgeon: asks for access to that one server first, requests nothing before, then checks, asks the password and reads once', async () => {
    const note = cryptgeonFixtures.find((r) => r.name === 'files-password');
    if (!note?.password || !note.files) throw new Error('fixture missing');
    const server = await serve(startCryptgeon([{ id: note.id, previewResponse: note.preview_response, deleteResponse: note.delete_response, views: 1 }]));
    const surface = await clickRevealSafely('cryptgeon', onServer(note.link, server.origin));

    await surface.waitForFunction(() => document.querySelector('[data-testid="access-gate"]') !== null);
    expect(await surface.text('h1')).toBe('Allow Burnlink to read 127.0.0.1?');
    expect(await surface.text('[data-testid="access-gate"]')).toContain('needs access to');
    expect(server.requests).toEqual([]);
    await surface.screenshot('interop-access-gate');
    await surface.colorScheme('dark');
    await surface.screenshot('interop-access-gate-dark');
    await surface.colorScheme('light');

    // The person allows it (the browser's prompt, which a test cannot click, stands in as its settings).
    await allowInBrowserSettings(ext, STAND_INS);
    await surface.allow('127.0.0.1');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(server.consuming()).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
    expect(await surface.testId('state')).toContain('needs a password');

    await pressReveal(surface, note.password);
    await surface.waitForFunction(() => document.querySelector('.files a') !== null);
    expect(await fileNames(surface)).toEqual(note.files.map((f) => f.name));
    expect(server.consuming()).toHaveLength(1);
    // Opened: the access asked for is given back.
    await vi.waitFor(async () => expect(await hasAccess()).toBe(false));
    await surface.screenshot('interop-cryptgeon-files');
  });

  it('Hemmelig: access first, then a check that counts nothing, and one counted view', async () => {
    const v = hemmeligVectors.text[0];
    if (!v?.plaintext) throw new Error('vector missing');
    const id = '00000000-0000-4000-8000-000000000042';
    const server = await serve(startHemmelig([{ id, secret: Uint8Array.from(Buffer.from(v.ciphertextHex, 'hex')), salt: v.salt, views: 1 }]));
    const surface = await clickRevealSafely('hemmelig', `${server.origin}/secret/${id}#decryptionKey=${v.key}`);
    await surface.waitForFunction(() => document.querySelector('[data-testid="access-gate"]') !== null);
    expect(server.requests).toEqual([]);
    await allowInBrowserSettings(ext, STAND_INS);
    await surface.allow('127.0.0.1');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(server.consuming()).toEqual([]);
    await pressReveal(surface);
    expect(await surface.testId('secret')).toBe(v.plaintext);
    expect(server.consuming()).toHaveLength(1);
    await vi.waitFor(async () => expect(await hasAccess()).toBe(false));
  });

  it('Bitwarden Send: access to the API and identity hosts, the password checked by Bitwarden, one counted access', async () => {
    const record = bitwardenFixtures.find((r) => r.password !== null);
    if (!record?.password || !record.password_hash_b64) throw new Error('fixture missing');
    const response = JSON.stringify({ id: record.access_id, type: 0, name: record.encrypted.name, file: null, text: { text: record.encrypted.text, hidden: record.plaintext.hidden }, expirationDate: null, creatorIdentifier: null, object: 'send-access' });
    const server = await serve(startBitwarden([{ accessId: record.access_id, response, passwordHash: record.password_hash_b64, maxAccessCount: 1 }]));
    const surface = await clickRevealSafely('bitwarden', `${server.origin}/#/send/${record.access_id}/${record.key}`);
    await surface.waitForFunction(() => document.querySelector('[data-testid="access-gate"]') !== null);
    expect(server.requests).toEqual([]);
    await allowInBrowserSettings(ext, STAND_INS);
    await surface.allow('127.0.0.1');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(server.consuming()).toEqual([]);
    await pressReveal(surface, 'wrong');
    expect(server.consuming()).toEqual([]);
    await pressReveal(surface, record.password);
    // The sender asked to hide the text until the person chooses to see it.
    if (record.plaintext.hidden) await surface.click('Show');
    expect(await surface.testId('secret')).toBe(record.plaintext.text);
    expect(server.consuming()).toHaveLength(1);
    await vi.waitFor(async () => expect(await hasAccess()).toBe(false));
    await surface.screenshot('interop-bitwarden-revealed');
    await surface.colorScheme('dark');
    await surface.screenshot('interop-bitwarden-revealed-dark');
  });
});
