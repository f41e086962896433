// The genuine reveal UI in real headless Chromium with the built extension and a real note server:
// the browser's side panel beside the page (an extension window where the side panel does not
// open). It says what it is about to open before anything is read; only a click there reveals.
// The hostile pages are in adversarial.spec.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote, shareSecret } from '../../utils/core/note';
import { noteState, shareNote } from './notes';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, type ExtensionBrowser } from './fixtures';
import { anchor, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { canScript, revealSafelyFromMenu, revealSafelyFromMenuClick, tabIdOf } from './pages/ContextMenu';
import { detectionState, turnOnDetectionFor } from './pages/DetectionOptions';
import { RevealSurface } from './pages/RevealSurface';

declare const chrome: import('webextension-polyfill').Browser;

let server: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  [server, site, ext] = await Promise.all([
    // A one-second expiry choice, so a note can expire during the test.
    startServer({ env: { EXPIRY_CHOICES: '1s,1h,24h' } }),
    startChatSite(),
    launchWithExtension(),
  ]);
  await (await turnOnDetectionFor(ext, site.origin)).page.close();
});
// A failed test must not leave a page or a reveal surface behind for the next one.
afterEach(async () => {
  for (const page of ext.context.pages().slice(1)) await page.close();
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
});

const api = () => createApi({ server: server.url });
const serverHost = () => new URL(server.url).host;

/** Opens a room with one message per link and waits for the buttons. */
async function room(name: string, links: string[], origin = site.origin) {
  site.room(name, links.map((l, i) => ({ author: ['Ann', 'Bob'][i % 2] ?? 'Ann', html: `key ${i}: ${anchor(l)}` })));
  const chat = new ChatPage(await ext.context.newPage());
  await chat.open(`${origin}/${name}`);
  if (origin === site.origin) await chat.waitForButtons(links.length);
  return chat;
}

/** The security phrase this browser's Burnlink made at install. */
const storedPhrase = () => ext.worker.evaluate(async () => (await chrome.storage.local.get('securityPhrase')).securityPhrase as string);

const SECRET = 'DATABASE_URL=postgres://app:s3cr3t-Pa55@db.internal/prod\n  indented, trailing spaces   \nünïcödé ✓ 🔑';

describe('genuine reveal UI from a detected link', () => {
  it('opens in the side panel, says what it opens, reads nothing until Reveal, and the page stays put', async () => {
    const { link, note } = await shareNote(server.url, SECRET);
    const chat = await room('side-panel', [link]);
    const before = { url: chat.page.url(), scroll: await chat.page.evaluate(() => document.getElementById('messages')?.scrollTop) };

    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    expect(surface.kind).toBe('side-panel');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    const summary = await surface.text('.opening');
    const id = note.id;
    expect(summary).toContain(serverHost());
    expect(summary).toContain(`Burnlink ${id.slice(0, 6)}…${id.slice(-4)}`);
    expect(summary).toContain(`Found on${new URL(site.origin).host}, beside the link you clicked`);
    expect(await surface.testId('state')).toMatch(/^Waiting to be read, once · expires in (1 hour|60 minutes)$/);
    expect(await surface.testId('security-phrase')).toBe(await storedPhrase());
    // Showing and checking it read nothing.
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-ready');

    expect(await surface.reveal()).toBe(SECRET);
    expect(await noteState(server.url, note)).toBe('read');
    await surface.screenshot('reveal-revealed');
    // The page stayed where it was.
    expect(chat.page.url()).toBe(before.url);
    expect(await chat.page.evaluate(() => document.getElementById('messages')?.scrollTop)).toBe(before.scroll);

    await surface.click('Copy');
    await surface.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.startsWith('Secret copied.'));
    expect(await surface.text('[role="status"]')).toBe('Secret copied. The clipboard is cleared in 1 minute.');
    expect(await chat.page.evaluate(() => navigator.clipboard.readText())).toBe(SECRET);

    // Closing takes the page, and the plaintext with it.
    await surface.click('Close');
    await surface.waitUntilClosed();
  });

  it('asks for the passphrase beside the security phrase; a wrong one burns nothing', async () => {
    const { link, note } = await shareNote(server.url, 'behind a passphrase', { passphrase: 'correct horse' });
    const chat = await room('passphrase', [link]);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    expect(await surface.testId('state')).toContain('needs a passphrase');
    const guard = await surface.testId('phrase-guard');
    expect(guard).toContain(await storedPhrase());
    expect(guard).toContain('To open a note, Burnlink never asks for its passphrase inside a web page');
    expect(await surface.enabled('Reveal secret')).toBe(false);
    await surface.screenshot('reveal-passphrase');

    await surface.typePassphrase('wrong horse');
    await surface.click('Reveal secret');
    await surface.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent?.includes('Wrong passphrase'));
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-wrong-passphrase');

    await surface.evaluate(() => { (document.getElementById('passphrase') as HTMLInputElement).select(); });
    await surface.type('correct horse');
    await surface.click('Reveal secret');
    await surface.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
    expect(await surface.testId('secret')).toBe('behind a passphrase');
    await surface.close();
  });

  it('asks for the passphrase the server says is needed even when the link lost its flag', async () => {
    const { link, note } = await shareNote(server.url, 'flag stripped', { passphrase: 'tr0ub4dor' });
    const stripped = link.replace('#1p.', '#1.');
    expect(stripped).not.toBe(link);
    const chat = await room('stripped', [stripped]);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    expect(await surface.testId('state')).toContain('needs a passphrase');
    // Reveal waits for a passphrase: five clicks on it try nothing, so they cannot destroy the note.
    expect(await surface.enabled('Reveal secret')).toBe(false);
    await surface.press('Enter');
    expect(await noteState(server.url, note)).toBe('pending');
    expect(await surface.reveal('tr0ub4dor')).toBe('flag stripped');
    await surface.close();
  });

  it.each([
    ['already read', 'Already read'],
    ['expired', 'Expired'],
    ['revoked', 'Revoked'],
    ['wrong key', 'Not available'],
  ])('says clearly when the note is %s, and opens nothing', async (kind, heading) => {
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
    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe(heading);
    // When, from the peek, before anything is tried.
    if (kind !== 'wrong key') expect(await surface.testId('state')).toMatch(new RegExp(`^${heading} at \\d{1,2}:\\d{2}`));
    expect(await surface.evaluate(() => document.querySelector('button.primary'))).toBeNull();
    await surface.screenshot(`reveal-${kind.replace(' ', '-')}`);
    await surface.close();
  });

  it('says so when the server cannot be reached, and keeps the note', async () => {
    // A server of its own, stopped between the check and the click, then started again on its data.
    const own = await startServer();
    let again: RunningServer | undefined;
    try {
      const shared = await shareSecret(createApi({ server: own.url }), 'still here', { expiresIn: 3600 });
      if (!shared.ok) throw new Error(shared.error.message);
      const chat = await room('unreachable', [shared.value.link]);
      await chat.buttons.first().click();
      const surface = await RevealSurface.waitFor(ext);
      await surface.settledHeading();
      await own.kill();
      await surface.click('Reveal secret');
      await surface.waitForHeading('The server is unreachable').catch(async (e: unknown) => { throw new Error(`${String(e)}: ${await surface.text('main')}`); });
      expect(await surface.text('[role="alert"]')).toContain('Nothing was opened.');
      await surface.screenshot('reveal-unreachable');

      again = await startServer({ dataDir: own.dataDir, port: own.port });
      const note = await createApi({ server: again.url }).status(shared.value.note.id, shared.value.note.manageToken);
      expect(note.ok && note.value.state).toBe('pending');
      await surface.click('Try again');
      await surface.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
      expect(await surface.testId('secret')).toBe('still here');
      await surface.close();
    } finally {
      await again?.stop();
      await own.stop();
    }
  });

  it('follows the last click: another link in the same tab replaces what the panel shows', async () => {
    const first = await shareNote(server.url, 'first');
    const second = await shareNote(server.url, 'second');
    const chat = await room('two-links', [first.link, second.link]);
    await chat.buttons.nth(0).click();
    const one = await RevealSurface.waitFor(ext);
    await one.settledHeading();
    expect(await one.text('.opening')).toContain(first.note.id.slice(0, 6));
    await chat.buttons.nth(1).click();
    await one.waitForFunction((id) => document.querySelector('.opening')?.textContent?.includes(id), second.note.id.slice(0, 6));
    expect(await one.reveal()).toBe('second');
    expect(await noteState(server.url, first.note)).toBe('pending');
    await one.close();
  });

  it('closes on Esc', async () => {
    const { link } = await shareNote(server.url, 'esc');
    const chat = await room('esc', [link]);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    await surface.press('Escape');
    await surface.waitUntilClosed();
  });

  it('shows nothing for a request id it did not hand out', async () => {
    const page = await ext.openExtensionPage('reveal.html?r=AAAAAAAAAAAAAAAAAAAAAA&in=window');
    await page.getByRole('heading', { name: 'Nothing to open here' }).waitFor();
    await page.close();
  });
});

describe('light and dark', () => {
  it('draws every state of the genuine UI in the system\'s scheme', async () => {
    const { link } = await shareNote(server.url, SECRET, { passphrase: 'correct horse' });
    const chat = await room('schemes', [link]);
    await chat.buttons.first().click();
    const surface = await RevealSurface.waitFor(ext);
    await surface.settledHeading();
    const background = () => surface.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await surface.colorScheme('light');
    const light = await background();
    await surface.screenshot('reveal-light-passphrase');
    await surface.colorScheme('dark');
    expect(await background()).not.toBe(light);
    await surface.screenshot('reveal-dark-passphrase');
    await surface.typePassphrase('wrong horse');
    await surface.click('Reveal secret');
    await surface.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent?.includes('Wrong passphrase'));
    await surface.screenshot('reveal-dark-wrong-passphrase');
    await surface.evaluate(() => { (document.getElementById('passphrase') as HTMLInputElement).select(); });
    await surface.type('correct horse');
    await surface.click('Reveal secret');
    await surface.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
    await surface.screenshot('reveal-dark-revealed');
    await surface.colorScheme('light');
    await surface.screenshot('reveal-light-revealed');
    await surface.close();

    // A refusal, in both.
    const refused = await room('schemes-refused', [link]);
    await refused.page.evaluate(() => { (document.querySelector('.message') as HTMLElement).style.opacity = '0.05'; });
    await refused.buttons.first().click();
    const told = await RevealSurface.waitFor(ext);
    expect(await told.settledHeading()).toBe('Burnlink opened nothing');
    await told.colorScheme('light');
    await told.screenshot('reveal-light-refused');
    await told.colorScheme('dark');
    await told.screenshot('reveal-dark-refused');
    await told.close();
  });
});

describe('right-click "Reveal safely"', () => {
  it('opens the side panel on a site without any host access', async () => {
    const { link, note } = await shareNote(server.url, SECRET);
    const chat = await room('menu', [link], site.otherOrigin);
    await chat.settle();
    expect(await chat.buttons.count()).toBe(0);
    expect((await detectionState(ext.worker)).origins).not.toContain('http://localhost/*');
    expect(await canScript(ext, await tabIdOf(ext, chat.page))).toBe(false);

    await revealSafelyFromMenuClick(ext, chat.page, link);
    const surface = await RevealSurface.waitFor(ext);
    expect(surface.kind).toBe('side-panel');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(await surface.text('.opening')).toContain(`Found on${new URL(site.otherOrigin).host}, the link you right-clicked`);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-from-context-menu');
    expect(await surface.reveal()).toBe(SECRET);
    await surface.close();
  });

  it('opens an extension window when the side panel will not open', async () => {
    const { link, note } = await shareNote(server.url, 'in a window');
    const chat = await room('menu-window', [link], site.otherOrigin);
    // No gesture: Chrome refuses the side panel, as it would for any call not made on a click.
    await revealSafelyFromMenu(ext, chat.page, link);
    const surface = await RevealSurface.waitFor(ext);
    expect(surface.kind).toBe('window');
    expect(await surface.settledHeading()).toBe('Someone shared a secret with you');
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-window');
    expect(await surface.reveal()).toBe('in a window');
    await surface.close();
  });

  it('says a malformed link is broken', async () => {
    const { link } = await shareNote(server.url, 'malformed');
    const broken = link.slice(0, -5);
    const chat = await room('menu-broken', [broken], site.otherOrigin);
    await revealSafelyFromMenuClick(ext, chat.page, broken);
    const surface = await RevealSurface.waitFor(ext);
    expect(await surface.settledHeading()).toBe('This link is broken');
    await surface.screenshot('reveal-malformed');
    await surface.close();
  });
});
