// The isolated reveal panel in real headless Chromium: the secret appears inside it and nowhere
// the page can reach; clear states; Esc and focus; the right-click path through activeTab alone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { revealNote } from '../../utils/core/note';
import { parseLink } from '../../utils/core/link';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteState, shareNote } from './notes';
import { anchor, busyRoom, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { ACTION_DEBUGGING_FLAG, canScript, grantActiveTab, revealSafelyFromMenu, tabIdOf } from './pages/ContextMenu';
import { detectionState, turnOnDetectionFor } from './pages/DetectionOptions';
import { RevealPanel } from './pages/RevealPanel';

declare const chrome: import('webextension-polyfill').Browser;

let server: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  [server, site, ext] = await Promise.all([
    // A one-second expiry choice, so a note can expire during the test.
    startServer({ env: { EXPIRY_CHOICES: '1s,1h,24h' } }),
    startChatSite(),
    launchWithExtension({ args: [ACTION_DEBUGGING_FLAG] }),
  ]);
  await (await turnOnDetectionFor(ext, site.origin)).page.close();
});
// A failed test must not leave a page (and a panel holding the focus) behind for the next one.
afterEach(async () => {
  for (const page of ext.context.pages().slice(1)) await page.close();
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
});

const api = () => createApi({ server: server.url });

/** Opens a room with one message per link and waits for the buttons. */
async function room(name: string, links: string[], origin = site.origin, browser = ext) {
  site.room(name, links.map((l, i) => ({ author: ['Ann', 'Bob'][i % 2] ?? 'Ann', html: `key ${i}: ${anchor(l)}` })));
  const chat = new ChatPage(await browser.context.newPage());
  await chat.open(`${origin}/${name}`);
  if (origin === site.origin) await chat.waitForButtons(links.length);
  return chat;
}

/** What a script of the page can find, by every means it has, after the secret was revealed. */
async function whatThePageCanRead(chat: ChatPage): Promise<string> {
  return chat.page.evaluate(() => {
    const found: string[] = [document.body.innerText, document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        found.push(String(el.shadowRoot));
        if (el.shadowRoot) { found.push(el.shadowRoot.innerHTML); walk(el.shadowRoot); }
      }
    };
    walk(document);
    for (const frame of document.querySelectorAll('iframe')) {
      try { found.push(frame.contentDocument?.documentElement.outerHTML ?? 'no document'); } catch (e) { found.push(String(e)); }
    }
    for (let i = 0; i < window.frames.length; i++) {
      try { found.push(window.frames[i]?.document.body.innerText ?? ''); } catch (e) { found.push(String(e)); }
    }
    const spy = window as unknown as { spiedMessages?: string[]; spiedNodes?: string[] };
    found.push(...(spy.spiedMessages ?? []), ...(spy.spiedNodes ?? []));
    found.push(JSON.stringify(performance.getEntries().map((e) => e.name)));
    return found.join('\n');
  });
}

const SECRET = 'DATABASE_URL=postgres://app:s3cr3t-Pa55@db.internal/prod\n  indented, trailing spaces   \nünïcödé ✓ 🔑';

describe('reveal panel', () => {
  it('shows the exact secret inside the panel, where the page cannot read it', async () => {
    const decoy = await shareNote(server.url, 'decoy, never opened');
    const real = await shareNote(server.url, SECRET);
    const chat = new ChatPage(await ext.context.newPage());
    // The page's own scripts listen to every message and watch every node from the start.
    await chat.page.addInitScript(() => {
      const spy = window as unknown as { spiedMessages: string[]; spiedNodes: string[] };
      spy.spiedMessages = [];
      spy.spiedNodes = [];
      addEventListener('message', (e) => spy.spiedMessages.push(JSON.stringify(e.data)), true);
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) spy.spiedNodes.push(n instanceof Element ? n.outerHTML : n.textContent ?? '');
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    site.room('secret', [
      { author: 'Ann', html: `decoy: ${anchor(decoy.link)}` },
      { author: 'Bob', html: `the real one: ${anchor(real.link)}` },
    ]);
    await chat.open(`${site.origin}/secret`);
    await chat.waitForButtons(2);

    // The page tries to open the panel on the decoy itself: clicks that no person made.
    await chat.page.evaluate(() => {
      const host = document.querySelector('burnlink-reveal') as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });

    await chat.buttons.nth(1).click();
    const panel = await RevealPanel.waitFor(chat.page);
    expect(await panel.settledHeading()).toBe('Someone shared a secret with you');
    expect(await panel.header.textContent()).toContain(`Note on ${new URL(server.url).host}`);
    // Opening the panel and checking the note does not read it.
    expect(await noteState(server.url, real.note)).toBe('pending');
    await screenshot(chat.page, 'panel-ready');

    expect(await panel.reveal()).toBe(SECRET);
    expect(await noteState(server.url, real.note)).toBe('read');
    await screenshot(chat.page, 'panel-revealed');

    // The forged clicks opened nothing: no panel was ever handed out for them (messages from one
    // page reach the background in order, so theirs would be there, unclaimed).
    expect(await ext.worker.evaluate(() => chrome.storage.session.get('revealPanels'))).toEqual({ revealPanels: {} });
    expect(await noteState(server.url, decoy.note)).toBe('pending');

    const readable = await whatThePageCanRead(chat);
    for (const piece of ['s3cr3t-Pa55', 'ünïcödé', 'indented, trailing']) expect(readable).not.toContain(piece);
    expect(readable).not.toContain('reveal.html');
    expect(await chat.page.evaluate(() => String((document.querySelector('burnlink-panel') as HTMLElement).shadowRoot))).toBe('null');

    await panel.copyButton.click();
    await panel.status.filter({ hasText: 'Secret copied.' }).waitFor();
    expect(await panel.status.textContent()).toBe('Secret copied. The clipboard is cleared in 1 minute.');
    expect(await chat.page.evaluate(() => navigator.clipboard.readText())).toBe(SECRET);

    // Closing takes the frame, and the plaintext with it.
    await panel.closeButton.click();
    await panel.waitUntilClosed();
    await expect.poll(() => chat.page.frames().filter((f) => f.url().includes('reveal.html')).length).toBe(0);
    await chat.page.close();
  });

  it('closes on Esc and on its close button, and gives the focus back to the button', async () => {
    const { link } = await shareNote(server.url, 'focus test');
    const chat = await room('focus', [link]);
    await chat.buttons.first().click();
    let panel = await RevealPanel.waitFor(chat.page);
    await panel.settledHeading();
    await chat.page.keyboard.press('Escape');
    await panel.waitUntilClosed();
    await expect.poll(() => chat.page.evaluate(() => document.activeElement?.nodeName)).toBe('BURNLINK-REVEAL');

    // The keyboard opens it again (Enter on the focused button), and the close button closes it.
    await chat.page.keyboard.press('Enter');
    panel = await RevealPanel.waitFor(chat.page);
    await panel.settledHeading();
    await panel.closeButton.click();
    await panel.waitUntilClosed();
    await expect.poll(() => chat.page.evaluate(() => document.activeElement?.nodeName)).toBe('BURNLINK-REVEAL');
    await chat.page.close();
  });

  it('asks for the passphrase; a wrong one does not burn the note', async () => {
    const { link, note } = await shareNote(server.url, 'behind a passphrase', { passphrase: 'correct horse' });
    const chat = await room('passphrase', [link]);
    await chat.buttons.first().click();
    const panel = await RevealPanel.waitFor(chat.page);
    await panel.settledHeading();
    await panel.passphrase.fill('wrong horse');
    await panel.revealButton.click();
    await panel.alert.filter({ hasText: 'Wrong passphrase' }).waitFor();
    await panel.fitted();
    await screenshot(chat.page, 'panel-wrong-passphrase');
    expect(await noteState(server.url, note)).toBe('pending');
    expect(await panel.reveal('correct horse')).toBe('behind a passphrase');
    await chat.page.close();
  });

  it.each([
    ['already read', 'Already read'],
    ['expired', 'Expired'],
    ['revoked', 'Revoked'],
    ['wrong key', 'Not available'],
  ])('says clearly when the note is %s', async (kind, heading) => {
    const { link, note } = await shareNote(server.url, 'never shown here', { expiresIn: kind === 'expired' ? 1 : 3600 });
    let url = link;
    if (kind === 'already read') {
      const parsed = parseLink(link);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect((await revealNote(api(), parsed.value)).ok).toBe(true);
    }
    if (kind === 'expired') await expect.poll(() => noteState(server.url, note), { timeout: 10_000, interval: 200 }).toBe('expired');
    if (kind === 'revoked') await api().revoke(note.id, note.manageToken);
    if (kind === 'wrong key') {
      const at = link.indexOf('#1.') + 3;
      url = `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`;
    }
    const chat = await room(`state-${kind.replace(' ', '-')}`, [url]);
    await chat.buttons.first().click();
    const panel = await RevealPanel.waitFor(chat.page);
    expect(await panel.settledHeading()).toBe(heading);
    await screenshot(chat.page, `panel-${kind.replace(' ', '-')}`);
    await chat.page.close();
  });

  it('says so when the server cannot be reached, and keeps the note', async () => {
    const { link, note } = await shareNote(server.url, 'still here');
    const chat = await room('unreachable', [link]);
    await chat.buttons.first().click();
    const panel = await RevealPanel.waitFor(chat.page);
    await panel.settledHeading();
    // Cut the note server off from the whole browser, as a dropped connection would.
    await ext.context.route(`${server.url}/api/**`, (route) => route.abort());
    try {
      await panel.revealButton.click();
      // The heading stays "Someone shared…" while revealing: wait for the one that must follow.
      await panel.heading.filter({ hasText: 'The note server is unreachable' }).waitFor();
      await screenshot(chat.page, 'panel-unreachable');
    } finally {
      await ext.context.unroute(`${server.url}/api/**`);
    }
    expect(await noteState(server.url, note)).toBe('pending');
    await chat.page.close();
  });

  it('refuses to show anything for a panel id it did not hand out', async () => {
    const page = await ext.openExtensionPage('reveal.html#AAAAAAAAAAAAAAAAAAAAAA');
    await page.getByRole('heading', { name: 'This panel cannot open' }).waitFor();
    await page.close();
  });
});

describe('right-click "Reveal safely"', () => {
  it('opens the panel on a site without any host access, through activeTab', async () => {
    const { link, note } = await shareNote(server.url, SECRET);
    const chat = await room('menu', [link], site.otherOrigin);
    await chat.settle();
    expect(await chat.buttons.count()).toBe(0);
    expect((await detectionState(ext.worker)).origins).not.toContain('http://localhost/*');
    const tabId = await tabIdOf(ext, chat.page);
    expect(await canScript(ext, tabId)).toBe(false);

    // A real menu click grants activeTab for this tab; so does the extension's action.
    await grantActiveTab(ext, chat.page);
    await revealSafelyFromMenu(ext, chat.page, link);
    const panel = await RevealPanel.waitFor(chat.page);
    expect(await panel.settledHeading()).toBe('Someone shared a secret with you');
    expect(await noteState(server.url, note)).toBe('pending');
    await screenshot(chat.page, 'panel-from-context-menu');
    expect(await panel.reveal()).toBe(SECRET);
    await chat.page.keyboard.press('Escape');
    await panel.waitUntilClosed();
    // Focus goes back to the link that was right-clicked.
    await expect.poll(() => chat.page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href)).toBe(link);
    await chat.page.close();
  });

  it('says a malformed link is broken', async () => {
    const { link } = await shareNote(server.url, 'malformed');
    const broken = link.slice(0, -5);
    const chat = await room('menu-broken', [broken], site.otherOrigin);
    await grantActiveTab(ext, chat.page);
    await revealSafelyFromMenu(ext, chat.page, broken);
    const panel = await RevealPanel.waitFor(chat.page);
    expect(await panel.settledHeading()).toBe('This link is broken');
    await screenshot(chat.page, 'panel-malformed');
    await chat.page.close();
  });
});

describe('dark theme', () => {
  it('draws the button and the panel dark', async () => {
    const dark = await launchWithExtension({ colorScheme: 'dark' });
    try {
      await (await turnOnDetectionFor(dark, site.origin)).page.close();
      const notes = await Promise.all([shareNote(server.url, 'dark 1'), shareNote(server.url, SECRET), shareNote(server.url, 'dark 3', { passphrase: 'pw' })]);
      site.room('busy-dark', busyRoom(notes.map((n) => n.link)));
      const chat = new ChatPage(await dark.context.newPage());
      await chat.open(`${site.origin}/busy-dark`);
      await chat.waitForButtons(3);
      await screenshot(chat.page, 'detector-busy-page-dark');

      await chat.buttons.nth(1).click();
      const panel = await RevealPanel.waitFor(chat.page);
      await panel.settledHeading();
      expect(await panel.frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
      await screenshot(chat.page, 'panel-ready-dark');
      expect(await panel.reveal()).toBe(SECRET);
      await screenshot(chat.page, 'panel-revealed-dark');
      await panel.closeButton.click();
      await panel.waitUntilClosed();

      await chat.buttons.nth(2).click();
      const withPassphrase = await RevealPanel.waitFor(chat.page);
      await withPassphrase.settledHeading();
      await screenshot(chat.page, 'panel-passphrase-dark');
    } finally {
      await dark.close();
    }
  });
});
