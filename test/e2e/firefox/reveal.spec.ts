// The recipient's side in Firefox ESR with the built Firefox (MV2) extension and a real note server:
// link detection on a site the person grants through Firefox's own permission prompt (the detector
// is registered at run time), the isolated reveal panel, and "Reveal safely" from the browser's
// own context menu on a site without detection (activeTab).
//
// Firefox has no `use_dynamic_url`, but lets a content script frame the extension's own pages that
// are not web-accessible: the Firefox build declares none. The last tests try, as a hostile page
// would, to learn the extension's address and to load its pages.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../utils/core/api';
import { shareSecret } from '../../../utils/core/note';
import { startServer, type RunningServer } from '../../helpers/server';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';
import { anchor, busyRoom, ChatRoomUi, startChatSite, type ChatSite } from '../pages/ChatSite';
import { DetectionUi } from '../pages/DetectionOptions';
import { puppeteerDriver } from '../pages/driver';
import { FirefoxUi } from '../pages/FirefoxUi';
import { RevealViewUi } from '../pages/RevealView';

declare const browser: import('webextension-polyfill').Browser;

let server: RunningServer;
let site: ChatSite;
let ff: FirefoxExtension;
let firefox: FirefoxUi;

beforeAll(async () => {
  [server, site, ff] = await Promise.all([startServer(), startChatSite(), launchFirefox()]);
  firefox = new FirefoxUi(ff);
  await firefox.storeSettings({ server: server.url, clipboardClearSeconds: 0, readReceipts: false });
});
afterAll(async () => {
  await ff?.close();
  await site?.stop();
  await server?.stop();
});

async function share(secret: string) {
  const result = await shareSecret(createApi({ server: server.url }), secret, { expiresIn: 3600 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function state(note: { id: string; manageToken: string }) {
  const result = await createApi({ server: server.url }).status(note.id, note.manageToken);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.state;
}

async function openRoom(name: string, origin = site.origin): Promise<{ page: Page; room: ChatRoomUi }> {
  const page = await ff.browser.newPage();
  await page.goto(`${origin}/${name}`);
  return { page, room: new ChatRoomUi(ui(page)) };
}

/** What the extension has registered and been granted, as the background sees it. */
function detection() {
  return ff.extensionPage.evaluate(async () => {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    const { origins = [] } = await browser.permissions.getAll();
    return { matches: scripts.flatMap((s) => s.matches ?? []), origins };
  });
}

/** The extension's reveal frame in `page` (its frames are listed: they are the page's children). */
async function revealFrame(page: Page, not?: Frame): Promise<Frame> {
  const until = Date.now() + 15_000;
  for (;;) {
    const frame = page.frames().find((f) => f !== not && !f.detached && f.url().startsWith(`${ff.origin}/reveal.html`));
    if (frame) return frame;
    if (Date.now() > until) throw new Error(`no reveal frame; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const notes: Array<{ secret: string; link: string; id: string; manageToken: string }> = [];
const SECRETS = ['PGPASSWORD=staging-Zq7!xw3', 'sk_live_51ContractorKey', 'break-glass: root / Tr0ub4dor&3'];

describe('Firefox: link detection', () => {
  it('draws nothing until the person grants a site; then the run-time detector marks every note link there, and only there', async () => {
    for (const secret of SECRETS) {
      const { link, note } = await share(secret);
      notes.push({ secret, link, id: note.id, manageToken: note.manageToken });
    }
    site.room('ops', busyRoom(notes.map((n) => n.link)));

    // Installed: no host access, no detector, no button.
    expect(await detection()).toEqual({ matches: [], origins: [] });
    const before = await openRoom('ops');
    await before.room.settle();
    expect(await before.room.buttonCount()).toBe(0);

    // The person chooses the site in the options; Firefox asks, and the person allows.
    const options = await ff.openExtensionPage('options.html');
    const detect = new DetectionUi(ui(options));
    await detect.choose('sites');
    await detect.addSite(site.origin);
    expect(await firefox.answerPermissionPrompt('allow')).toContain('127.0.0.1');
    await detect.waitForSite('http://127.0.0.1');
    await expect.poll(detection, { timeout: 15_000 }).toEqual({ matches: ['http://127.0.0.1/*'], origins: ['http://127.0.0.1/*'] });
    await detect.ui.screenshot('firefox-detection-options');

    // The tab already open gets the detector without a reload; new tabs get it from the registration.
    await before.room.waitForButtons(3);
    const after = await openRoom('ops');
    await after.room.waitForButtons(3);
    const targets = await after.room.buttonTargets();
    notes.forEach((note, i) => expect(targets[i]).toContain(note.link));
    await after.room.ui.screenshot('firefox-detected');

    // The same server under a name never granted: nothing.
    const other = await openRoom('ops', site.otherOrigin);
    await other.room.settle();
    expect(await other.room.buttonCount()).toBe(0);

    // Drawing buttons touched no note.
    for (const note of notes) expect(await state(note)).toBe('pending');
    await Promise.all([before.page.close(), after.page.close(), other.page.close(), options.close()]);
  });

  it('changes nothing when the person refuses Firefox\'s prompt', async () => {
    const options = await ff.openExtensionPage('options.html');
    const detect = new DetectionUi(ui(options));
    await detect.choose('all');
    expect(await firefox.answerPermissionPrompt('deny')).toContain('Access your data for all websites');
    expect(await detect.ui.text('.detection-settings [role="alert"]')).toBe('Burnlink was not given access to pages, so detection stays as it was.');
    expect(await firefox.stored('detection')).toEqual({ mode: 'sites', sites: ['http://127.0.0.1'] });
    expect(await detection()).toEqual({ matches: ['http://127.0.0.1/*'], origins: ['http://127.0.0.1/*'] });
    await options.close();
  });
});

describe('Firefox: the reveal panel', () => {
  it('opens from "Reveal safely", shows the exact secret after "Reveal secret", and the note is burned', async () => {
    const note = notes[0];
    if (!note) throw new Error('the detection test shares the notes');
    const { page, room } = await openRoom('ops');
    await room.waitForButtons(3);
    await room.ui.click('burnlink-reveal');
    const panel = new RevealViewUi(puppeteerDriver(await revealFrame(page)));
    expect(await panel.settledHeading()).toBe('Someone shared a secret with you');
    // Opening the panel only peeked.
    expect(await state(note)).toBe('pending');
    await room.ui.screenshot('firefox-panel');

    expect(await panel.reveal()).toBe(note.secret);
    expect(await state(note)).toBe('read');
    // The page itself never holds the secret.
    expect(await page.evaluate(() => document.documentElement.textContent)).not.toContain(note.secret);
    await room.ui.screenshot('firefox-panel-revealed');

    await panel.ui.click('button.close');
    await room.ui.until(() => document.querySelector('burnlink-panel') === null, null);
    await page.close();
  });

  it('opens from the browser\'s context menu on a site without detection, through activeTab', async () => {
    const { secret, link, note } = { secret: 'deploy token 7f3a: only via the menu', ...(await share('deploy token 7f3a: only via the menu')) };
    site.room('menu', [
      { author: 'Ann', html: `the wiki: ${anchor('https://wiki.example.com/ops')}` },
      { author: 'Bob', html: `token for you: ${anchor(link, 'one-time link')}` },
    ]);
    // localhost is never granted: no detector there.
    const { page, room } = await openRoom('menu', site.otherOrigin);
    await room.settle();
    expect(await room.buttonCount()).toBe(0);

    expect(await firefox.openContextMenu(page, 'a[href*="wiki.example.com"]')).not.toContain('Reveal safely');
    await firefox.closeContextMenu();
    expect(await firefox.openContextMenu(page, 'a[href*="/n/"]')).toContain('Reveal safely');
    await firefox.chooseMenuItem('Reveal safely');

    const panel = new RevealViewUi(puppeteerDriver(await revealFrame(page)));
    expect(await panel.settledHeading()).toBe('Someone shared a secret with you');
    expect(await panel.reveal()).toBe(secret);
    expect(await state(note)).toBe('read');
    await page.close();
  });
});

describe('Firefox: what a hostile page can do with the reveal page', () => {
  it('learns nothing of the extension\'s address from the panel it watches open', async () => {
    const note = notes[1];
    if (!note) throw new Error('the detection test shares the notes');
    const { page, room } = await openRoom('ops');
    // The page records every node added, every resource loaded, every message, and hooks shadow roots.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { seen });
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) seen.push(n instanceof Element ? n.outerHTML : String(n.textContent));
      }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.push(e.name); }).observe({ type: 'resource', buffered: true });
      window.addEventListener('message', (event) => seen.push(`${event.origin} ${JSON.stringify(event.data)}`));
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        seen.push(`shadow root of ${this.nodeName}`);
        Object.assign(window, { stolenRoot: root });
        return root;
      };
    });
    await room.waitForButtons(3);
    await page.click('burnlink-reveal:nth-of-type(1)');
    await revealFrame(page);
    await room.ui.until(() => document.querySelector('burnlink-panel') !== null, null);

    const learned = await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; stolenRoot?: ShadowRoot };
      const panel = document.querySelector('burnlink-panel');
      return {
        text: [...w.seen, ...performance.getEntries().map((e) => e.name), document.documentElement.outerHTML].join('\n'),
        frames: window.length,
        stolenRoot: w.stolenRoot !== undefined,
        openRoot: panel?.shadowRoot !== null && panel?.shadowRoot !== undefined,
      };
    });
    expect(learned.text).not.toContain('moz-extension');
    expect(learned.text).not.toContain(ff.origin.slice('moz-extension://'.length));
    expect(learned).toMatchObject({ frames: 0, stolenRoot: false, openRoot: false });
    await page.close();
  });

  it('cannot load any page of the extension, even knowing its address: no frame, no fetch, nothing to probe', async () => {
    expect(await ff.extensionPage.evaluate(() => browser.runtime.getManifest().web_accessible_resources ?? 'none')).toBe('none');
    const note = notes[2];
    if (!note) throw new Error('the detection test shares the notes');
    const { page, room } = await openRoom('ops');
    // The worst case: the page somehow knows the address, and guesses a panel id.
    const tried = await page.evaluate(async (origin) => {
      const frame = document.createElement('iframe');
      frame.id = 'probe';
      frame.src = `${origin}/reveal.html#${'A'.repeat(22)}`;
      document.body.append(frame);
      const fetched = await fetch(`${origin}/reveal.html`).then((r) => `status ${r.status}`, (e: unknown) => `refused: ${String(e)}`);
      const image = await new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
        img.src = `${origin}/icon/128.png`;
      });
      return { fetched, image };
    }, ff.origin);
    expect(tried.fetched).toMatch(/^refused/);
    expect(tried.image).toBe('refused');

    // Burnlink's own panel loads its frame on the same page afterwards; the page's never loaded.
    await room.waitForButtons(3);
    await page.click('burnlink-reveal');
    await revealFrame(page);
    expect(page.frames().filter((f) => f.url().startsWith(ff.origin))).toHaveLength(1);
    // Still the empty document the frame started with, so the page may read it (it could not
    // read an extension page).
    expect(await page.evaluate(() => (document.getElementById('probe') as HTMLIFrameElement).contentWindow?.location.href)).toBe('about:blank');
    expect(await state(note)).toBe('pending');
    await page.close();
  });
});
