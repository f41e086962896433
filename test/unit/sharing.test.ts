// Background handlers for creating links: context menu, keyboard command, popup messages, first run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { toBase64url } from '../../utils/core/base64url';
import { decryptBytes, decryptNote } from '../../utils/core/crypto';
import { decodePayload } from '../../utils/core/payload-read';
import { parseLink } from '../../utils/core/link';
import { NO_ACCESS_MESSAGE, type ScriptingLike } from '../../utils/share/selection';
import { createAndCopy, noteOptions } from '../../utils/share/create-link';
import { registerSharing } from '../../utils/share/listeners';
import { selectionLabel, shareAndNotify, shareNotice, type Notice, type SelectionDeps } from '../../utils/share/share-selection';
import { fromExtensionPage } from '../../utils/messaging';
import { DEFAULT_SETTINGS, keptLinksItem, sentItem, type Settings } from '../../utils/storage';
import { fakeNoteServer, type FakeNoteServer } from './fake-note-server';
import { browserLanguage } from './browser-language';

browserLanguage('en');

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt   \n\n\tAAAA\n-----END OPENSSH PRIVATE KEY-----';

/** What a page would answer to the injected function, per frame. */
function fakeScripting(frames: Array<{ frameId: number; result: string }> | 'no access'): ScriptingLike & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    executeScript: async (injection) => {
      calls.push(injection.target);
      if (frames === 'no access') throw new Error('Cannot access contents of the page.');
      return frames;
    },
  };
}

interface Harness {
  deps: SelectionDeps;
  server: FakeNoteServer;
  notices: Notice[];
  copies: Array<{ text: string; seconds: number }>;
}

function harness(over: { frames?: Parameters<typeof fakeScripting>[0]; settings?: Partial<Settings>; server?: FakeNoteServer; copyWorks?: boolean } = {}): Harness {
  const server = over.server ?? fakeNoteServer();
  const notices: Notice[] = [];
  const copies: Harness['copies'] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, server: server.url, ...over.settings };
  return {
    server,
    notices,
    copies,
    deps: {
      scripting: fakeScripting(over.frames ?? [{ frameId: 0, result: KEY }]),
      copy: async (text, seconds) => {
        copies.push({ text, seconds });
        return over.copyWorks ?? true;
      },
      notify: async (notice) => { notices.push(notice); },
      settings: async () => settings,
      fetch: server.fetch,
    },
  };
}

/** Proves the link opens what the server was given, and that the server got no plaintext. */
async function opens(link: string, server: FakeNoteServer): Promise<string> {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const posted = server.posted.at(-1);
  if (!posted) throw new Error('nothing posted');
  expect(JSON.stringify(posted.body)).not.toContain('OPENSSH');
  const opened = await decryptNote(posted.body.envelope, parsed.value.key);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

describe('sharing a selection', () => {
  it('reads the selection from the page, posts only ciphertext, copies the link, and says so', async () => {
    const h = harness({ settings: { clipboardClearSeconds: 30 } });
    const outcome = await shareAndNotify({ tabId: 7, frameId: 0, selectionText: 'collapsed' }, h.deps);
    expect(outcome.ok).toBe(true);
    expect(h.copies).toHaveLength(1);
    expect(h.copies[0]?.seconds).toBe(30);
    expect(await opens(h.copies[0]!.text, h.server)).toBe(KEY);
    expect(h.notices).toEqual([{
      title: 'One-time link copied',
      message: 'Paste it for the recipient. It can be read once and expires in 24 hours. The clipboard is cleared in 30 seconds.',
    }]);
  });

  it('uses the defaults the server allows', async () => {
    const server = fakeNoteServer({ health: { expiryChoices: [600, 3600], defaultExpiry: 3600, maxReads: 2 } });
    const h = harness({ server, settings: { defaultExpiry: 86_400, defaultReads: 5 } });
    await shareAndNotify({ tabId: 7 }, h.deps);
    expect(server.posted[0]?.body).toMatchObject({ expiresIn: 3600, maxReads: 2 });
  });

  it('sends the create token', async () => {
    const h = harness({ settings: { createToken: 'operator-token-1234567890' } });
    await shareAndNotify({ tabId: 7 }, h.deps);
    expect(h.server.posted[0]?.authorization).toBe('Bearer operator-token-1234567890');
  });

  it.each([
    ['the page cannot be read', { frames: 'no access' as const }, NO_ACCESS_MESSAGE],
    ['nothing is selected', { frames: [{ frameId: 0, result: '' }] }, 'Select the text to share first'],
    ['the server is down', { server: fakeNoteServer({ down: true }) }, 'Could not reach the note server at notes.example.com'],
    ['the server wants a create token', { server: fakeNoteServer({ failCreate: { status: 401, error: 'unauthorized', message: 'x' } }) }, 'Set the token in Burnlink\'s options'],
    ['the server is rate limiting', { server: fakeNoteServer({ failCreate: { status: 429, error: 'rate_limited', message: 'x' } }) }, 'Wait a little, then try again'],
  ])('says clearly what failed when %s, and copies nothing', async (_case, over, message) => {
    const h = harness(over);
    const outcome = await shareAndNotify({ tabId: 7, selectionText: 'has some spaces' }, h.deps);
    expect(outcome.ok).toBe(false);
    expect(h.copies).toEqual([]);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]?.title).toBe('Could not create a one-time link');
    expect(h.notices[0]?.message).toContain(message);
  });

  it('says the link was not copied when the clipboard refuses', async () => {
    const h = harness({ copyWorks: false });
    await shareAndNotify({ tabId: 7 }, h.deps);
    expect(h.notices[0]?.title).toBe('Link created, but not copied');
  });

  it('refuses a tab it cannot address', async () => {
    const h = harness();
    await shareAndNotify({ tabId: undefined }, h.deps);
    expect(h.notices[0]?.message).toContain('paste it into the Burnlink popup');
    expect(h.server.posted).toEqual([]);
  });
});

describe('popup messages', () => {
  it('noteOptions: the server\'s limits, the defaults, and whether a token is missing', async () => {
    const h = harness({ server: fakeNoteServer({ health: { createTokenRequired: true, maxReads: 3 } }), settings: { defaultReads: 5 } });
    const info = await noteOptions(h.deps);
    expect(info.health?.maxReads).toBe(3);
    expect(info.defaults).toMatchObject({ readsLimit: 3, maxReads: 3, expiresIn: 86_400 });
    expect(info.needsToken).toBe(true);
  });

  it('noteOptions: no health when the server is down', async () => {
    const h = harness({ server: fakeNoteServer({ down: true }) });
    expect((await noteOptions(h.deps)).health).toBeNull();
  });

  it('createAndCopy: the popup\'s choices, passphrase included', async () => {
    const h = harness({ settings: { clipboardClearSeconds: 0 } });
    const created = await createAndCopy({ secret: 'p4ss', expiresIn: 300, maxReads: 2, passphrase: 'correct horse' }, h.deps);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ expiresIn: 300, maxReads: 2, copied: { ok: true } });
    expect(created.value.copied.clearsInSeconds).toBeUndefined();
    expect(created.value.link).toContain('#1p.');
    expect(h.server.posted[0]?.body).toMatchObject({ expiresIn: 300, maxReads: 2, envelope: { kdf: 'pbkdf2-sha256' } });
  });

  it('createAndCopy: text and files, sealed together under a version 2 link, kept in memory only', async () => {
    fakeBrowser.reset();
    const h = harness({ settings: { clipboardClearSeconds: 60 } });
    const p12 = Uint8Array.from({ length: 700 }, (_, i) => (i * 31) & 0xff);
    const created = await createAndCopy({
      secret: 'the store password is in the ticket',
      files: [{ name: 'client.p12', type: 'application/x-pkcs12', data: toBase64url(p12) }],
      expiresIn: 3600,
      maxReads: 1,
      label: 'p12 for Sam',
    }, h.deps);
    if (!created.ok) throw new Error(created.error.message);
    const link = parseLink(created.value.link);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value.version).toBe(2);
    // What the server got opens to the same text and bytes, and holds neither in the clear.
    const posted = h.server.posted[0]?.body;
    if (!posted) throw new Error('nothing posted');
    expect(JSON.stringify(posted)).not.toContain('client.p12');
    const opened = await decryptBytes(posted.envelope, link.value.key);
    if (!opened.ok) throw new Error(opened.error.message);
    const content = decodePayload(opened.value);
    expect(content).toMatchObject({ ok: true, value: { text: 'the store password is in the ticket', files: [{ name: 'client.p12', type: 'application/x-pkcs12' }] } });
    if (content.ok) expect([...(content.value.files[0]?.bytes ?? [])]).toEqual([...p12]);
    // The link, key and all, is in session storage to be copied again; the sent list has no key.
    expect(await keptLinksItem.getValue()).toEqual({ [`${h.server.url} ${created.value.id}`]: created.value.link });
    const stored = JSON.stringify(await sentItem.getValue());
    expect(stored).toContain('p12 for Sam');
    expect(stored).not.toContain(created.value.link.split('#')[1]);
  });

  it('createAndCopy: refuses a file that arrived damaged, and posts nothing', async () => {
    const h = harness();
    const created = await createAndCopy({ secret: '', files: [{ name: 'x', type: '', data: 'not base64url!' }], expiresIn: 3600, maxReads: 1 }, h.deps);
    expect(created).toMatchObject({ ok: false, error: { code: 'malformed', message: expect.stringMatching(/Attach it again/) } });
    expect(h.server.posted).toEqual([]);
  });

  it('accepts messages only from the extension\'s own pages', () => {
    const base = fakeBrowser.runtime.getURL('/');
    expect(fromExtensionPage({ id: fakeBrowser.runtime.id, url: `${base}popup.html` })).toBe(true);
    expect(fromExtensionPage({ id: fakeBrowser.runtime.id, url: 'https://evil.example/' })).toBe(false);
    expect(fromExtensionPage({ id: 'another-extension', url: `${base}popup.html` })).toBe(false);
  });
});

describe('shareNotice', () => {
  it('counts reads and leaves out the clipboard when it is never cleared', () => {
    expect(shareNotice({ ok: true, value: { link: 'l', server: 's', id: 'i', expiresIn: 3600, expiresAt: 0, maxReads: 3, copied: { ok: true } } })).toEqual({
      title: 'One-time link copied',
      message: 'Paste it for the recipient. It can be read 3 times and expires in 1 hour.',
    });
  });
});

describe('registerSharing (background listeners)', () => {
  /** fakeBrowser has no commands or scripting: the slice used here, keeping its listener. */
  function stubCommands() {
    const listeners: { command?: (c: string, tab?: { id?: number }) => void } = {};
    const commands = { onCommand: { addListener: (l: typeof listeners.command) => { listeners.command = l; } } };
    Object.assign(fakeBrowser, { commands });
    return listeners;
  }

  let stop: (() => void) | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.restoreAllMocks();
  });

  it('shares on a click of its menu item, reading the frame it was opened in', async () => {
    stubCommands();
    const h = harness({ frames: [{ frameId: 3, result: KEY }] });
    const sharing = registerSharing(h.deps);
    stop = sharing.stop;
    sharing.onMenuClick({ menuItemId: 'share-selection', frameId: 3, selectionText: 'x', editable: false, pageUrl: 'https://wiki.example/' }, { id: 12 });
    await vi.waitFor(() => expect(h.notices).toHaveLength(1));
    expect((h.deps.scripting as ReturnType<typeof fakeScripting>).calls).toEqual([{ tabId: 12, frameIds: [3] }]);
    expect(await opens(h.copies[0]!.text, h.server)).toBe(KEY);
    // Labelled in Sent with where it was selected.
    await vi.waitFor(async () => expect((await sentItem.getValue())[0]?.label).toBe('Selection on wiki.example'));
  });

  it.each([
    ['https://chat.example.com:8443/room/1', 'Selection on chat.example.com:8443'],
    ['http://127.0.0.1:18821/', 'Selection on 127.0.0.1:18821'],
    ['file:///home/me/notes.txt', ''],
    ['not a url', ''],
    [undefined, ''],
  ])('labels a selection from %s as %j', (pageUrl, label) => {
    expect(selectionLabel(pageUrl)).toBe(label);
  });

  it('shares from the keyboard command, reading every frame of the tab, and ignores other commands', async () => {
    const listeners = stubCommands();
    const h = harness({ frames: [{ frameId: 5, result: 'from a frame' }, { frameId: 0, result: '' }] });
    stop = registerSharing(h.deps).stop;
    // The listener must be registered: without it, neither call below would do anything.
    expect(listeners.command).toBeTypeOf('function');
    listeners.command?.('_execute_action', { id: 4 });
    listeners.command?.('share-selection', { id: 4 });
    await vi.waitFor(() => expect(h.notices).toHaveLength(1));
    // Only the share command read the page: once, every frame.
    expect((h.deps.scripting as ReturnType<typeof fakeScripting>).calls).toEqual([{ tabId: 4, allFrames: true }]);
    expect(await opens(h.copies[0]!.text, h.server)).toBe('from a frame');
  });

  /** Delivers a message as runtime.onMessage would, and resolves to the handler's answer. */
  function deliver(type: string, data: unknown, sender: { id?: string; url?: string }): Promise<{ res?: unknown; err?: unknown }> {
    return new Promise((resolve) => {
      // The real event passes sendResponse third, which fakeBrowser's types leave out.
      const { onMessage } = fakeBrowser.runtime;
      void Reflect.apply(onMessage.trigger, onMessage, [{ id: 1, type, data, timestamp: Date.now() }, sender, resolve]);
    });
  }

  it('creates and copies a link for the popup, and for no web page', async () => {
    stubCommands();
    const h = harness();
    stop = registerSharing(h.deps).stop;
    const request = { secret: 'from the popup', expiresIn: 3600, maxReads: 1 };
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const answer = await deliver('createLink', request, popup);
    expect(answer.res).toMatchObject({ ok: true, value: { expiresIn: 3600, maxReads: 1, copied: { ok: true } } });
    expect(await opens(h.copies[0]!.text, h.server)).toBe('from the popup');

    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://chat.example.com/room' };
    expect((await deliver('createLink', request, contentScript)).res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await deliver('copyLink', { link: 'https://evil.example/' }, contentScript)).res).toEqual({ ok: false });
    expect(h.server.posted).toHaveLength(1);
    expect(h.copies).toHaveLength(1);
  });
});
