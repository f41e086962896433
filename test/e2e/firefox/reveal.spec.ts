// The recipient's side in Firefox ESR with the built Firefox (MV2) extension and a real note server:
// link detection on a site the person grants through Firefox's own permission prompt (the detector
// is registered at run time), the genuine reveal UI in its own extension window (Firefox's sidebar
// cannot be opened from a click on a page: docs/DESIGN.md), and "Reveal safely" from the browser's
// own context menu on a site without detection.
//
// No page of the extension is web-accessible. The last tests try, as a hostile page would, to
// learn the extension's address and to load its pages.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../utils/core/api';
import { shareSecret } from '../../../utils/core/note';
import { startServer, type RunningServer } from '../../helpers/server';
import { launchFirefox, ui, type FirefoxExtension } from './fixtures';
import { anchor, busyRoom, ChatRoomUi, startChatSite, type ChatSite } from '../pages/ChatSite';
import { DetectionUi } from '../pages/DetectionOptions';
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

/** The genuine reveal UI's window, once it opened, and the kind of window it is. */
async function revealWindow(): Promise<{ page: Page; view: RevealViewUi; type: string }> {
  const page = await ff.waitForExtensionTab('reveal.html');
  const type = await ff.extensionPage.evaluate(async () => {
    const windows = await browser.windows.getAll({ populate: true });
    return windows.find((w) => w.tabs?.some((t) => t.url?.includes('/reveal.html')))?.type ?? 'none';
  });
  return { page, view: new RevealViewUi(ui(page)), type };
}

/** Closes the reveal window with its own Close button, as a person does. */
async function closeRevealWindow(view: RevealViewUi) {
  await view.ui.click('button.close');
  await expect.poll(() => ff.extensionPage.evaluate(async () => {
    const windows = await browser.windows.getAll({ populate: true });
    return windows.some((w) => w.tabs?.some((t) => t.url?.includes('/reveal.html')));
  }), { timeout: 10_000 }).toBe(false);
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

describe('Firefox: the genuine reveal UI', () => {
  it('opens in its own window from "Reveal safely", says what it opens, and shows the exact secret after "Reveal secret"', async () => {
    const note = notes[0];
    if (!note) throw new Error('the detection test shares the notes');
    const { page, room } = await openRoom('ops');
    await room.waitForButtons(3);
    await room.ui.click('burnlink-reveal');
    const { view, type } = await revealWindow();
    expect(type).toBe('popup');
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    const summary = await view.ui.text('.opening');
    expect(summary).toContain(`${note.id.slice(0, 6)}…${note.id.slice(-4)}`);
    expect(summary).toContain(`Found on${new URL(site.origin).host}, beside the link you clicked`);
    expect(await view.ui.text('[data-testid="security-phrase"]')).toBe(await firefox.stored('securityPhrase'));
    // Opening it only peeked.
    expect(await state(note)).toBe('pending');
    await view.ui.screenshot('firefox-reveal-window');

    expect(await view.reveal()).toBe(note.secret);
    expect(await state(note)).toBe('read');
    // The page never holds the secret, and nothing of Burnlink's was drawn inside it but the button.
    expect(await page.evaluate(() => document.documentElement.textContent)).not.toContain(note.secret);
    expect(await page.evaluate(() => window.length)).toBe(0);
    await view.ui.screenshot('firefox-reveal-window-revealed');
    await closeRevealWindow(view);
    await page.close();
  });

  it('opens from the browser\'s context menu on a site without detection', async () => {
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

    const { view } = await revealWindow();
    expect(await view.settledHeading()).toBe('Someone shared a secret with you');
    // Firefox tells what the link's text was: the genuine UI shows it beside where it was found.
    const summary = await view.ui.text('.opening');
    expect(summary).toContain('Link textone-time link');
    expect(summary).toContain(`Found on${new URL(site.otherOrigin).host}, the link you right-clicked`);
    expect(await view.reveal()).toBe(secret);
    expect(await state(note)).toBe('read');
    await closeRevealWindow(view);
    await page.close();
  });
});

describe('Firefox: what a hostile page can do with the reveal page', () => {
  it('learns nothing of the extension\'s address from the reveal it watches open', async () => {
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
    await room.ui.click('burnlink-reveal');
    const { view } = await revealWindow();
    await view.settledHeading();

    const learned = await page.evaluate(() => {
      const w = window as unknown as { seen: string[]; stolenRoot?: ShadowRoot };
      const button = document.querySelector('burnlink-reveal');
      return {
        text: [...w.seen, ...performance.getEntries().map((e) => e.name), document.documentElement.outerHTML].join('\n'),
        frames: window.length,
        stolenRoot: w.stolenRoot !== undefined,
        openRoot: button?.shadowRoot !== null && button?.shadowRoot !== undefined,
      };
    });
    expect(learned.text).not.toContain('moz-extension');
    expect(learned.text).not.toContain(ff.origin.slice('moz-extension://'.length));
    expect(learned).toMatchObject({ frames: 0, stolenRoot: false, openRoot: false });
    await closeRevealWindow(view);
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
      frame.src = `${origin}/reveal.html?r=${'A'.repeat(22)}&in=window`;
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

    // Burnlink's own reveal opens in its window; the page's frame never loaded anything.
    await room.waitForButtons(3);
    await room.ui.click('burnlink-reveal');
    const { view } = await revealWindow();
    await view.settledHeading();
    expect(page.frames().filter((f) => f.url().startsWith(ff.origin))).toHaveLength(0);
    // Still the empty document the frame started with, so the page may read it (it could not
    // read an extension page).
    expect(await page.evaluate(() => (document.getElementById('probe') as HTMLIFrameElement).contentWindow?.location.href)).toBe('about:blank');
    expect(await state(note)).toBe('pending');
    await closeRevealWindow(view);
    await page.close();
  });
});

/** From now on, every reveal request the background registers, as its session storage changes. */
async function recordRequests(): Promise<void> {
  await ff.extensionPage.evaluate(() => {
    const g = window as unknown as { burnlinkRequests: unknown[]; burnlinkRecording?: boolean };
    g.burnlinkRequests = [];
    if (g.burnlinkRecording) return;
    g.burnlinkRecording = true;
    browser.storage.onChanged.addListener((changes, area) => {
      const change = area === 'session' ? changes.revealRequests : undefined;
      if (!change) return;
      const before = (change.oldValue ?? {}) as Record<string, unknown>;
      for (const [id, record] of Object.entries((change.newValue ?? {}) as Record<string, { request: unknown }>)) {
        if (!(id in before)) g.burnlinkRequests.push(record.request);
      }
    });
  });
}

const recorded = () => ff.extensionPage.evaluate(() => (window as unknown as { burnlinkRequests: Array<{ link?: string; refused?: string }> }).burnlinkRequests);

describe('Firefox: a hostile page against the launcher', () => {
  /** A bait over the button that lets clicks through to it, in the page or in the top layer. */
  const bait = (topLayer: boolean) => (page: Page) => page.evaluate((top) => {
    const r = (document.querySelector('burnlink-reveal') as HTMLElement).getBoundingClientRect();
    const play = document.createElement('div');
    play.textContent = '▶ Play';
    play.style.cssText = `position: fixed; inset: auto; margin: 0; border: 0; left: ${r.left - 20}px; top: ${r.top - 10}px; width: ${r.width + 40}px; height: ${r.height + 20}px; background: #e33; color: #fff; pointer-events: none !important; z-index: 9`;
    document.body.append(play);
    if (top) {
      play.popover = 'manual';
      play.showPopover();
    }
  }, topLayer);
  it.each([
    ['faded', 'faded', (page: Page) => page.evaluate(() => { (document.querySelector('.message') as HTMLElement).style.opacity = '0.02'; })],
    ['moved', 'moved', (page: Page) => page.evaluate(() => {
      const other = document.createElement('a');
      other.href = 'https://wiki.example.com/onboarding';
      other.textContent = 'the onboarding page';
      document.querySelector('.body')?.append(' see ', other);
      other.after(document.querySelector('burnlink-reveal') as Element);
    })],
    ['mismatch', 'mismatch', null],
    ['covered (a bait that lets clicks through)', 'covered', bait(false)],
    ['covered (such a bait in the top layer)', 'covered', bait(true)],
  ] as const)('opens nothing for scripted clicks, and only a sentence saying why for a %s button', async (what, reason, attack) => {
    const [target, shown] = await Promise.all([share(`target ${reason}`), share('the one the text shows')]);
    site.room(`hostile-${what.replace(/\W+/g, '-')}`, [{ author: 'Ann', html: `key: ${reason === 'mismatch' ? anchor(target.link, shown.link) : anchor(target.link)}` }]);
    await recordRequests();
    const { page, room } = await openRoom(`hostile-${what.replace(/\W+/g, '-')}`);
    await room.waitForButtons(1);
    // The page clicks the button every way a script can; none of it is a person's click.
    await page.evaluate(() => {
      const host = document.querySelector('burnlink-reveal') as HTMLElement;
      host.click();
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, detail: 1 }));
      host.focus();
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    });
    await attack?.(page);
    await room.ui.click('burnlink-reveal');

    const { view } = await revealWindow();
    expect(await view.settledHeading()).toBe('Burnlink opened nothing');
    // Messages from one page arrive in order: the scripted clicks, had they asked, would be first.
    expect(await recorded()).toEqual([expect.objectContaining({ refused: reason, via: 'button' })]);
    expect((await recorded())[0]?.link).toBeUndefined();
    if (reason === 'faded' || what.includes('top layer')) await view.ui.screenshot(`firefox-refused-${what.includes('top layer') ? 'covered' : reason}`);
    expect(await state(target.note)).toBe('pending');
    expect(await state(shown.note)).toBe('pending');
    await closeRevealWindow(view);
    await page.close();
  });
});
