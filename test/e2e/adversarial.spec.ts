// A hostile web page against the genuine reveal UI, in real headless Chromium with the built
// extension and a real note server. The page does what ordinary page scripts can: it hooks every
// API before the detector runs, swallows the click on "Reveal safely" and draws a fake panel,
// fades and shrinks the launcher under a bait or covers it with baits that let clicks through,
// restyles it, swaps a link's text or address, covers itself with baits while the genuine UI is
// open, and clicks, presses and fills everything it sees. Each case asserts what the page obtained
// (no passphrase, no plaintext, no security phrase, no burned note) or that nothing opened.
//
// What the page is never denied: the link itself, key included, sits in its own DOM (the honest
// limit of DESIGN.md invariant 7). A page that wants to can open a link-only note with the public
// API; the last test shows it, so the limit is measured, not just written down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { createApi } from '../../utils/core/api';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteState, shareNote } from './notes';
import { anchor, ChatPage, startChatSite, type ChatSite, type Message } from './pages/ChatSite';
import { turnOnDetectionFor } from './pages/DetectionOptions';
import { RevealSurface } from './pages/RevealSurface';

declare const chrome: import('webextension-polyfill').Browser;

let server: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  [server, site, ext] = await Promise.all([startServer(), startChatSite(), launchWithExtension()]);
  await (await turnOnDetectionFor(ext, site.origin)).page.close();
  await recordRequests();
});
afterEach(async () => {
  await RevealSurface.closeAll(ext);
  for (const page of ext.context.pages().slice(1)) await page.close();
  await ext.worker.evaluate(() => { (self as unknown as { burnlinkRequests: unknown[] }).burnlinkRequests = []; });
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
});

/** A reveal request as the background registered it (utils/reveal/requests.ts). */
interface Recorded {
  link?: string;
  text?: string;
  refused?: string;
  via: 'button' | 'menu';
}

/**
 * Records every reveal request the background registers: what a launch really asked for. Read
 * from the extension's own session storage as it changes; nothing in the extension is replaced.
 */
async function recordRequests(): Promise<void> {
  await ext.worker.evaluate(() => {
    const g = self as unknown as { burnlinkRequests: unknown[] };
    g.burnlinkRequests = [];
    chrome.storage.session.onChanged.addListener((changes) => {
      const change = changes.revealRequests;
      if (!change) return;
      const before = (change.oldValue ?? {}) as Record<string, unknown>;
      for (const [id, record] of Object.entries((change.newValue ?? {}) as Record<string, { request: unknown }>)) {
        if (!(id in before)) g.burnlinkRequests.push(record.request);
      }
    });
  });
}

const recorded = () => ext.worker.evaluate(() => (self as unknown as { burnlinkRequests: Recorded[] }).burnlinkRequests);

/**
 * A person's click on the button of `control` (a link the attack left alone). Messages from one
 * page reach the background in order, so once its request is there, any request the attack made
 * before is there too. Returns every request so far, and the surface the click opened.
 */
async function controlClick(chat: ChatPage, control: string) {
  const index = (await chat.buttonTargets()).indexOf(control);
  expect(index).toBeGreaterThanOrEqual(0);
  await chat.buttons.nth(index).click();
  await expect.poll(async () => (await recorded()).some((r) => r.link === control), { timeout: 10_000, interval: 50 }).toBe(true);
  const surface = await RevealSurface.waitFor(ext);
  await surface.settledHeading();
  return { requests: await recorded(), surface };
}

/** A room of `messages`, with the attacker's `script` run in the page before any other script. */
async function hostileRoom(name: string, messages: Message[], buttons: number, script?: () => void) {
  site.room(name, messages);
  const chat = new ChatPage(await ext.context.newPage());
  if (script) await chat.page.addInitScript(script);
  await chat.open(`${site.origin}/${name}`);
  await chat.waitForButtons(buttons);
  return chat;
}

const messages = (...links: string[]): Message[] => links.map((l, i) => ({ author: ['Ann', 'Bob', 'Cy'][i % 3] ?? 'Ann', html: `key ${i}: ${anchor(l)}` }));

/** The security phrase this browser's Burnlink made at install. */
const storedPhrase = () => ext.worker.evaluate(async () => (await chrome.storage.local.get('securityPhrase')).securityPhrase as string);

/** Everything the page can read of itself: its DOM, storage, cookies, the entries it loaded, and its own log. */
function readable(chat: ChatPage): Promise<string> {
  return chat.page.evaluate(() => {
    const w = window as unknown as { seen?: string[] };
    const inputs = Array.from(document.querySelectorAll('input, textarea')).map((i) => (i as HTMLInputElement).value);
    return [
      document.documentElement.outerHTML, document.documentElement.innerText, ...inputs, document.cookie,
      JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }),
      ...performance.getEntries().map((e) => e.name), ...(w.seen ?? []),
    ].join('\n');
  });
}

/** The rectangle of the `index`-th "Reveal safely" button, as the page lays it out. */
function buttonBox(chat: ChatPage, index: number) {
  return chat.page.evaluate((i) => {
    const r = document.querySelectorAll('burnlink-reveal')[i]?.getBoundingClientRect();
    if (!r) throw new Error('no such button');
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }, index);
}

describe('a page that hooks everything before the detector runs', () => {
  it('learns no passphrase, no plaintext, no phrase and nothing of the extension while a note is revealed beside it', async () => {
    const { link, note } = await shareNote(server.url, 'prod signing key: 9f8e-7d6c', { passphrase: 'violet staple 42' });
    const chat = await hostileRoom('hooked', messages(link), 1, () => {
      const w = window as unknown as { seen: string[]; roots: ShadowRoot[] };
      w.seen = [];
      w.roots = [];
      const log = (what: string) => { w.seen.push(what); };
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        log(`attachShadow ${this.nodeName}`);
        const root = attach.call(this, { ...init, mode: 'open' });
        w.roots.push(root);
        return root;
      };
      const listen = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (type: string, ...rest: [EventListenerOrEventListenerObject | null, (boolean | AddEventListenerOptions)?]) {
        log(`listen ${type}`);
        return listen.call(this, type, ...rest);
      };
      const pageFetch = window.fetch.bind(window);
      window.fetch = (input, init) => { log(`fetch ${String(input)}`); return pageFetch(input, init); };
      window.open = (url) => { log(`open ${String(url)}`); return null; };
      for (const type of ['message', 'keydown', 'keyup', 'input', 'paste', 'copy', 'focusin', 'pointerdown', 'click', 'securitypolicyviolation']) {
        window.addEventListener(type, (e) => {
          const detail = e instanceof MessageEvent ? JSON.stringify(e.data) : e instanceof KeyboardEvent ? e.key : '';
          log(`${type} ${detail}`);
        }, true);
      }
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) log(`added ${n.nodeName} ${n.textContent ?? ''}`);
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    expect(await surface.reveal('violet staple 42')).toBe('prod signing key: 9f8e-7d6c');
    expect(await noteState(server.url, note)).toBe('read');

    const learned = await readable(chat);
    for (const secret of ['violet staple 42', '9f8e-7d6c', await storedPhrase(), ext.extensionId, 'chrome-extension']) {
      expect(learned).not.toContain(secret);
    }
    const hooks = await chat.page.evaluate(() => {
      const w = window as unknown as { seen: string[]; roots: ShadowRoot[] };
      const host = document.querySelector('burnlink-reveal');
      return {
        // The content script runs in its own world: the page's hooks never see its calls.
        ourRootsStolen: w.roots.filter((r) => r.host.nodeName === 'BURNLINK-REVEAL').length,
        openRoot: host?.shadowRoot ?? null,
        frames: window.length,
        sawTheHost: w.seen.some((s) => s.startsWith('added BURNLINK-REVEAL')),
      };
    });
    // It sees that a button was drawn, and nothing inside it or beside the page.
    expect(hooks).toEqual({ ourRootsStolen: 0, openRoot: null, frames: 0, sawTheHost: true });
    await surface.close();
  });
});

describe('a page that swallows the click and draws a fake panel', () => {
  it('opens nothing, and its fake cannot show the security phrase', async () => {
    const [target, control] = await Promise.all([
      shareNote(server.url, 'the target', { passphrase: 'amber otter' }),
      shareNote(server.url, 'the control'),
    ]);
    const chat = await hostileRoom('fake-panel', messages(target.link, control.link), 2, () => {
      const w = window as unknown as { swallowed: number };
      w.swallowed = 0;
      const first = () => document.querySelector('burnlink-reveal');
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        addEventListener(type, (e) => {
          if (e.target !== first()) return;
          e.stopImmediatePropagation();
          e.preventDefault();
          if (type !== 'click') return;
          w.swallowed++;
          // A copy of the panel, drawn by the page where the panel used to be: it can copy the looks,
          // not the phrase it has never seen.
          const fake = document.createElement('div');
          fake.id = 'fake-panel';
          fake.setAttribute('style', 'position: fixed; right: 16px; bottom: 16px; width: 360px; padding: 16px; background: #fff; color: #1d1c1d; border: 1px solid #ccc; border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.2); font: 14px system-ui; z-index: 2147483647;');
          fake.innerHTML = '<div style="font-weight:700">🔥 Burnlink</div><div style="font-size:12px;color:#666;margin:6px 0">Your security phrase <b>🔒 secure</b></div>'
            + '<h2 style="font-size:17px">Someone shared a secret with you</h2><label>Passphrase <input id="fake-pass" type="password"></label>'
            + '<button id="fake-reveal" style="all:revert">Reveal secret</button>';
          document.body.append(fake);
        }, true);
      }
    });

    await chat.buttons.first().click();
    await chat.page.locator('#fake-panel').waitFor();
    expect(await chat.page.evaluate(() => (window as unknown as { swallowed: number }).swallowed)).toBe(1);
    await screenshot(chat.page, 'adversarial-fake-panel');

    const { requests, surface } = await controlClick(chat, control.link);
    // The swallowed click asked for nothing: the only request is the control's.
    expect(requests.map((r) => r.link)).toEqual([control.link]);
    const phrase = await storedPhrase();
    expect(await surface.testId('security-phrase')).toBe(phrase);
    await surface.screenshot('adversarial-genuine-beside-fake');
    // The fake can look like the genuine UI, but it cannot know what the genuine one shows at its top.
    expect(await readable(chat)).not.toContain(phrase);
    expect(await chat.page.locator('#fake-panel').textContent()).not.toContain(phrase);
    // Nor can it load the extension's pages to learn it, even knowing the extension's address.
    const probes = await chat.page.evaluate(async (origin) => Promise.all(['reveal.html', 'options.html', 'welcome.html'].map((file) => fetch(`${origin}/${file}`)
      .then((r) => `status ${r.status}`, () => 'refused'))), `chrome-extension://${ext.extensionId}`);
    expect(probes).toEqual(['refused', 'refused', 'refused']);
    expect(await noteState(server.url, target.note)).toBe('pending');
    await surface.close();
  });
});

/** A red "Play" bait over the `i`-th button that lets clicks through to it. */
interface Bait {
  /** Shown in the top layer, over everything of the page. */
  topLayer?: boolean;
  /** Lifted as the button is pressed, before any listener of the button's runs. */
  lift?: boolean;
}

function layBait({ i, topLayer, lift }: Bait & { i: number }): void {
  const r = (document.querySelectorAll('burnlink-reveal')[i] as HTMLElement).getBoundingClientRect();
  const bait = document.createElement('div');
  bait.textContent = '▶ Play';
  bait.style.cssText = `position: fixed; inset: auto; margin: 0; border: 0; left: ${r.left - 20}px; top: ${r.top - 10}px; width: ${r.width + 40}px; height: ${r.height + 20}px; background: #e33; color: #fff; pointer-events: none; z-index: 9`;
  document.body.append(bait);
  if (topLayer) {
    bait.popover = 'manual';
    bait.showPopover();
  }
  // Then only what the browser saw before the press can tell.
  if (lift) window.addEventListener('pointerdown', () => bait.remove(), { capture: true });
}

/** How a page attacks the launcher of its `i`-th link (a script, or a bait), and what the launcher must answer. */
const launcherAttacks: Array<[string, 'faded' | 'hidden' | 'covered', ((i: number) => void) | Bait]> = [
  ['fades the message around it to opacity 0.02', 'faded', (i) => {
    const host = document.querySelectorAll('burnlink-reveal')[i] as HTMLElement;
    (host.closest('.message') as HTMLElement).style.opacity = '0.02';
  }],
  ['fades it with a filter on an ancestor', 'faded', (i) => {
    const host = document.querySelectorAll('burnlink-reveal')[i] as HTMLElement;
    (host.closest('.body') as HTMLElement).style.filter = 'opacity(3%)';
  }],
  ['sets opacity 0 on its parent', 'hidden', (i) => {
    const host = document.querySelectorAll('burnlink-reveal')[i] as HTMLElement;
    (host.parentElement as HTMLElement).style.opacity = '0';
  }],
  ['lays a bait that lets clicks through (pointer-events: none) over it', 'covered', {}],
  ['lays a click-through bait over it from the top layer', 'covered', { topLayer: true }],
  ['lays a click-through bait over it and lifts it as the button is pressed', 'covered', { lift: true }],
  ['shrinks it to a speck', 'hidden', (i) => {
    const host = document.querySelectorAll('burnlink-reveal')[i] as HTMLElement;
    const body = host.closest('.body') as HTMLElement;
    // Under 8 px high, yet large enough that the test's click still lands on it.
    body.style.transform = 'scale(0.2)';
    body.style.transformOrigin = 'right top';
  }],
];

describe('a page that clickjacks the launcher', () => {
  it.each(launcherAttacks)('%s: the click opens nothing but a sentence saying why', async (what, reason, attack) => {
    const [target, control] = await Promise.all([shareNote(server.url, `target: ${what}`), shareNote(server.url, 'control')]);
    const chat = await hostileRoom(`clickjack-${reason}-${launcherAttacks.findIndex(([w]) => w === what)}`, messages(target.link, control.link), 2);
    const box = await buttonBox(chat, 0);
    if (typeof attack === 'function') await chat.page.evaluate(attack, 0);
    else await chat.page.evaluate(layBait, { i: 0, ...attack });
    if (typeof attack === 'object' && attack.lift) {
      // Until the browser has drawn frames for longer than its observers' 100 ms delay since it
      // first saw the bait: then the launcher's watching observer has seen it too.
      await chat.page.evaluate(() => new Promise<void>((resolve) => {
        const io = new IntersectionObserver((entries) => {
          if (entries.every((e) => (e as IntersectionObserverEntry & { isVisible: boolean }).isVisible)) return;
          io.disconnect();
          const seenAt = performance.now();
          const frame = () => requestAnimationFrame(() => (performance.now() - seenAt > 150 ? requestAnimationFrame(() => resolve()) : frame()));
          frame();
        }, { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit);
        io.observe(document.querySelectorAll('burnlink-reveal')[0] as Element);
      }));
    }
    // The person clicks where the bait (and, unseen, the button) is.
    const now = reason === 'hidden' ? await buttonBox(chat, 0) : box;
    await chat.page.mouse.click(now.x + now.width / 2, now.y + now.height / 2);

    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe('Burnlink opened nothing');
    expect(await surface.testId('refusal')).not.toBe('');
    const requests = await recorded();
    expect(requests).toEqual([expect.objectContaining({ refused: reason, via: 'button' })]);
    // The request carries no link: nothing could have been fetched.
    expect(requests[0]?.link).toBeUndefined();
    // It shows what the page showed (the link's text) and where; it never checked or opened the note.
    expect(await surface.text('main')).not.toContain('Waiting to be read');
    if (reason === 'covered') await surface.screenshot('adversarial-refused-covered');
    expect(await noteState(server.url, target.note)).toBe('pending');
    await surface.close();
  });

  it('cannot restyle the button: its style comes back before the click', async () => {
    const [target] = await Promise.all([shareNote(server.url, 'restyled')]);
    const chat = await hostileRoom('restyle', messages(target.link), 1);
    await chat.page.evaluate(() => {
      const host = document.querySelector('burnlink-reveal') as HTMLElement;
      host.setAttribute('style', 'opacity: 0 !important; position: absolute !important; left: -999px !important;');
      host.setAttribute('class', 'sr-only');
      host.setAttribute('hidden', '');
    });
    await chat.page.waitForFunction(() => {
      const host = document.querySelector('burnlink-reveal') as HTMLElement;
      return !host.hasAttribute('hidden') && !host.hasAttribute('class') && getComputedStyle(host).opacity === '1' && host.getBoundingClientRect().left > 0;
    });
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(await noteState(server.url, target.note)).toBe('pending');
    await surface.close();
  });
});

describe('a page that misdirects', () => {
  it('refuses a link whose text shows another note than it opens, and opens neither', async () => {
    const [shown, opened] = await Promise.all([shareNote(server.url, 'the note the person meant'), shareNote(server.url, 'the note the page wants burned')]);
    const chat = await hostileRoom('swapped-text', [{ author: 'Ann', html: `your key: ${anchor(opened.link, shown.link)}` }], 1);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe('Burnlink opened nothing');
    expect(await surface.testId('refusal')).toBe('The link’s text shows one address, but the link opens another.');
    await surface.screenshot('adversarial-refused-mismatch');
    expect(await recorded()).toEqual([expect.objectContaining({ refused: 'mismatch' })]);
    expect(await Promise.all([noteState(server.url, shown.note), noteState(server.url, opened.note)])).toEqual(['pending', 'pending']);
    await surface.close();
  });

  it('refuses when the page swaps the link\'s address as the button is pressed', async () => {
    const [meant, swapped] = await Promise.all([shareNote(server.url, 'meant'), shareNote(server.url, 'swapped in')]);
    const chat = await hostileRoom('swap-on-press', messages(meant.link), 1);
    await chat.page.evaluate((other) => {
      addEventListener('pointerdown', () => { (document.querySelector('.body a') as HTMLAnchorElement).href = other; }, { capture: true, once: true });
    }, swapped.link);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe('Burnlink opened nothing');
    expect(await recorded()).toEqual([expect.objectContaining({ refused: 'changed' })]);
    expect(await Promise.all([noteState(server.url, meant.note), noteState(server.url, swapped.note)])).toEqual(['pending', 'pending']);
    await surface.close();
  });

  it('cannot hide which note opens: words as link text are shown beside the note\'s id and server', async () => {
    const { link, note } = await shareNote(server.url, 'plain words');
    const chat = await hostileRoom('worded', [{ author: 'Ann', html: `here: ${anchor(link, 'the staging password (safe to open)')}` }], 1);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    const summary = await surface.text('.opening');
    expect(summary).toContain('the staging password (safe to open)');
    expect(summary).toContain(`${note.id.slice(0, 6)}…${note.id.slice(-4)}`);
    expect(summary).toContain(new URL(server.url).host);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.close();
  });
});

describe('a page that covers itself with baits while the genuine UI is open', () => {
  it('cannot reach the genuine UI: its "Continue" burns nothing, and only Reveal there opens the note', async () => {
    const { link, note } = await shareNote(server.url, 'reached only through the panel');
    const chat = await hostileRoom('baits', messages(link), 1);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();

    await chat.page.evaluate(() => {
      const w = window as unknown as { events: string[] };
      w.events = [];
      for (const type of ['pointerdown', 'click', 'keydown']) addEventListener(type, (e) => { w.events.push(`${type} ${(e.target as Element).id}`); }, true);
      document.documentElement.style.opacity = '0.02';
      const cover = document.createElement('div');
      cover.setAttribute('style', 'position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.6); opacity: 1;');
      document.body.append(cover);
      const bait = document.createElement('button');
      bait.id = 'continue';
      bait.textContent = 'Continue';
      bait.popover = 'manual';
      bait.setAttribute('style', 'all: revert; position: fixed; inset: auto; right: 40px; top: 300px; font-size: 20px;');
      document.body.append(bait);
      bait.showPopover();
    });
    await chat.page.locator('#continue').click();
    expect(await chat.page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(['pointerdown continue', 'click continue']);
    expect(await noteState(server.url, note)).toBe('pending');
    expect(await surface.text('h1')).toBe('Someone shared a secret with you');

    expect(await surface.reveal()).toBe('reached only through the panel');
    // The person's clicks in the genuine UI never went through the page.
    expect(await chat.page.evaluate(() => (window as unknown as { events: string[] }).events)).toHaveLength(2);
    expect(await chat.page.evaluate(() => window.length)).toBe(0);
    expect(await readable(chat)).not.toContain('reached only through the panel');
    await surface.close();
  });
});

describe('a page that clicks and fills everything it sees', () => {
  it('opens nothing and burns nothing with its own clicks, keys and fills; a person\'s click still opens the note they clicked', async () => {
    const [target, control] = await Promise.all([shareNote(server.url, 'target', { passphrase: 'amber otter' }), shareNote(server.url, 'control')]);
    const chat = await hostileRoom('clicks-everything', messages(target.link, control.link), 2);
    const acted = await chat.page.evaluate(() => {
      // It stays on the page: its forms submit nowhere.
      window.addEventListener('submit', (e) => e.preventDefault(), true);
      let acted = 0;
      for (const el of Array.from(document.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, composed: true, detail: 1 };
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = 'junk passphrase';
        if (el instanceof HTMLElement && el.isContentEditable) el.textContent = 'junk';
        (el as HTMLElement).focus?.();
        for (const type of ['pointerover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup']) el.dispatchEvent(new PointerEvent(type, at));
        el.dispatchEvent(new MouseEvent('click', at));
        (el as HTMLElement).click?.();
        for (const key of ['Enter', ' ']) {
          el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
          el.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
        }
        acted++;
      }
      return acted;
    });
    expect(acted).toBeGreaterThan(10);
    // Its clicks on the links opened them in new tabs, where the recipient page waits for a
    // person's hold (the notes stay unread, below). The person goes back to the chat.
    for (const page of ext.context.pages()) if (page !== chat.page && page.url().includes('/n/')) await page.close();
    await chat.page.bringToFront();
    // Its clicks reached the buttons' hosts, yet asked for nothing: the person's click that follows is the only request.
    const { requests, surface } = await controlClick(chat, control.link);
    expect(requests).toEqual([expect.objectContaining({ link: control.link, via: 'button' })]);
    expect(await surface.text('main')).toContain('Waiting to be read');
    expect(await noteState(server.url, target.note)).toBe('pending');
    expect(await noteState(server.url, control.note)).toBe('pending');
    await surface.close();
  });
});

describe('the honest limit', () => {
  it('a page that shows a link-only note holds its key and can burn it itself; a passphrase note it cannot open', async () => {
    const [plain, guarded] = await Promise.all([shareNote(server.url, 'link-only'), shareNote(server.url, 'guarded', { passphrase: 'never typed into a page' })]);
    const chat = await hostileRoom('limit', messages(plain.link, guarded.link), 2);
    const links = await chat.page.evaluate(() => Array.from(document.querySelectorAll<HTMLAnchorElement>('.body a')).map((a) => a.href));
    expect(links).toEqual([plain.link, guarded.link]);
    // What the page's script can do with the links it shows, with the same public client a tool would use.
    const [plainLink, guardedLink] = links.map((l) => {
      const parsed = parseLink(l);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    if (!plainLink || !guardedLink) throw new Error('two links expected');
    const api = createApi({ server: server.url });
    expect((await revealNote(api, plainLink)).ok).toBe(true);
    const guess = await revealNote(api, guardedLink, 'password123');
    expect(guess.ok).toBe(false);
    expect(await noteState(server.url, plain.note)).toBe('read');
    expect(await noteState(server.url, guarded.note)).toBe('pending');
  });
});
