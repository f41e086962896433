// The sender's side: the Sent list, read receipts (notification and badge), revoke and forget, in
// real headless Chromium with the built extension and a real note server. The test shortens the
// receipt polling through its test-only setting (receiptsItem.baseDelayMs) and waits for states.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../utils/core/api';
import type { SentNote } from '../../utils/sent/entry';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { hasStoredCiphertext, setWrongAttempts, withReadOnlyDb } from '../helpers/sqlite-file';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Options } from './pages/Options';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';
import { SentView } from './pages/SentView';

// The service worker's own `chrome` (no @types/chrome here): only what these tests call.
declare const chrome: {
  storage: Record<'local' | 'session' | 'sync', { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};

/** Every secret this file sends, and every link it gets: none may end up in extension storage. */
const SECRETS = {
  read: 'PGPASSWORD=staging-Zq7!xw3 for Alex',
  revoke: 'sk_live_51RevokeMeBeforeAnyoneReadsIt',
  multi: 'CI_TOKEN=ghp_threeReadsForTheTeam0123456789',
  expire: 'vpn-psk: never-opened-5s',
  destroy: 'break-glass: root / Tr0ub4dor&3',
  plain: 'just a token without a label 8c1f',
  other: 'on a server that went away',
};
const links: string[] = [];

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { EXPIRY_CHOICES: '5s,1h,24h', DEFAULT_EXPIRY: '24h' } }),
    launchWithExtension(),
  ]);
  worker = new ExtensionWorker(browser);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
  // Receipts checked after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
  await browser.worker.evaluate(() => chrome.storage.local.set({ receipts: { idleChecks: 0, baseDelayMs: 500 } }));
  await worker.recordNotifications();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sentEntries(): Promise<SentNote[]> {
  return ((await worker.stored('sent')) as SentNote[] | undefined) ?? [];
}

async function entry(id: string): Promise<SentNote | undefined> {
  return (await sentEntries()).find((e) => e.id === id);
}

function noteId(link: string): string {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.id;
}

async function allNotices() {
  const count = await worker.notificationCount();
  return Promise.all(Array.from({ length: count }, (_, n) => worker.notification(n)));
}

const badge = () => browser.worker.evaluate(() => chrome.action.getBadgeText({}));

/** Creates a link in the popup (with the New tab showing) and goes back to an empty form. */
async function create(popup: Popup, secret: string, options: Parameters<Popup['create']>[1] = {}): Promise<string> {
  await popup.page.getByRole('tab', { name: 'New' }).click();
  if (await popup.newLinkButton.isVisible()) await popup.newLinkButton.click();
  await popup.create(secret, options);
  await popup.createdHeading.waitFor();
  const link = await popup.link();
  links.push(link);
  return link;
}

async function reveal(link: string, passphrase?: string): Promise<string> {
  const recipient = new RecipientPage(await browser.context.newPage());
  try {
    await recipient.open(link);
    await recipient.settledHeading();
    return await recipient.reveal(passphrase);
  } finally {
    await recipient.page.close();
  }
}

/** The whole popup, however tall the list, for looking at. */
async function shoot(popup: Popup, name: string) {
  const height = await popup.page.evaluate(() => Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().height ?? 600));
  await popup.page.setViewportSize({ width: 370, height });
  await screenshot(popup.page, name);
}

describe('Sent view and read receipts', () => {
  it('lists a link created with a label as waiting, then as read, with a notification and the badge', async () => {
    const popup = await Popup.open(browser);
    const sent = new SentView(popup.page);
    const link = await create(popup, SECRETS.read, { label: 'staging DB for Alex' });
    const id = noteId(link);

    // Stored: the label, ids, times and the manage token; nothing to open the note with.
    expect(await entry(id)).toMatchObject({ server: server.url, id, label: 'staging DB for Alex', state: 'pending', maxReads: 1 });
    await expect.poll(badge, { timeout: 10_000 }).toBe('1');

    // The tabs work from the keyboard: arrow keys move and select.
    await sent.newTab.focus();
    await popup.page.keyboard.press('ArrowRight');
    await expect.poll(() => sent.tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('tab-sent');
    expect(await sent.tab.textContent()).toBe('Sent 1, 1 waiting');
    await sent.panel.waitFor();
    await sent.settled();
    expect(await sent.item('staging DB for Alex').stateText()).toBe('Waiting · expires in 24 h');
    await popup.page.keyboard.press('ArrowLeft');
    await expect.poll(() => sent.newTab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => sent.panel.isVisible()).toBe(false);
    await popup.page.keyboard.press('End');
    await expect.poll(() => sent.tab.getAttribute('aria-selected')).toBe('true');

    expect(await reveal(link)).toBe(SECRETS.read);

    // Within the (shortened) polling interval: read in storage, a notification, the badge clears.
    await expect.poll(async () => (await entry(id))?.state, { timeout: 30_000 }).toBe('read');
    const notice = await worker.notification(0);
    expect(notice).toMatchObject({ title: 'Link read' });
    expect(notice.message).toMatch(/^Your link 'staging DB for Alex' was read at \d\d:\d\d( [AP]M)?\.$/);
    const raised = await browser.worker.evaluate(() => chrome.notifications.getAll());
    expect(Object.keys(raised)).toContain(`receipt:${id}:1`);
    await expect.poll(badge, { timeout: 10_000 }).toBe('');
    // The open popup follows the stored history.
    await sent.waitForState('staging DB for Alex', /^Read at \d\d:\d\d/);
    expect(await sent.tab.textContent()).toBe('Sent');
    await popup.page.close();
  });

  it('revokes a waiting link after a confirmation: the recipient is told, the ciphertext is gone from disk', async () => {
    const popup = await Popup.open(browser);
    const link = await create(popup, SECRETS.revoke, { label: 'prod API key (wrong channel)' });
    const id = noteId(link);
    const { ct } = JSON.parse(withReadOnlyDb(server.dbFile, (db) =>
      db.prepare<[string], { envelope: string }>('SELECT envelope FROM bodies WHERE id = ?').get(id))?.envelope ?? '{}') as { ct: string };
    expect(hasStoredCiphertext(server.dbFile, id, ct)).toBe(true);

    const sent = new SentView(popup.page);
    await sent.show();
    const item = sent.item('prod API key (wrong channel)');
    await item.revokeButton.click();
    // A confirmation in the list, not a browser dialog; Cancel (which has focus) changes nothing.
    await item.confirmation.waitFor();
    expect(await item.confirmation.textContent()).toContain('Whoever opens it is told it was revoked');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shoot(popup, 'sent-revoke-confirm');
    await popup.page.keyboard.press('Escape');
    await expect.poll(() => item.confirmation.count()).toBe(0);
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Revoke');
    expect((await entry(id))?.state).toBe('pending');

    await item.revokeButton.click();
    await item.confirmButton.click();
    await sent.waitForState('prod API key (wrong channel)', 'Revoked');
    await expect.poll(() => item.revokeButton.count()).toBe(0);
    expect((await entry(id))?.state).toBe('revoked');

    const recipient = new RecipientPage(await browser.context.newPage());
    await recipient.open(link);
    expect(await recipient.settledHeading()).toBe('Revoked');
    await recipient.page.close();
    await vi.waitFor(() => expect(hasStoredCiphertext(server.dbFile, id, ct)).toBe(false), { timeout: 2000, interval: 20 });
    await popup.page.close();
  });

  it('shows every state, and says quietly when a server cannot be asked', async () => {
    let popup = await Popup.open(browser);
    const multi = await create(popup, SECRETS.multi, { label: 'CI token for the team', reads: '3 times' });
    const expiring = await create(popup, SECRETS.expire, { label: 'contractor VPN key', expiry: '5 seconds' });
    const guarded = await create(popup, SECRETS.destroy, { label: 'break-glass root', passphrase: 'correct horse battery staple' });
    await create(popup, SECRETS.plain);
    await popup.page.close();

    // Another server that goes away after a link was made there.
    const other = await startServer();
    await worker.storeSettings({ server: other.url, clipboardClearSeconds: 0 });
    popup = await Popup.open(browser);
    await create(popup, SECRETS.other, { label: 'on the old server' });
    await popup.page.close();
    await other.stop();
    await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });

    expect(await reveal(multi)).toBe(SECRETS.multi);
    expect(await reveal(multi)).toBe(SECRETS.multi);
    const api = createApi({ server: server.url });
    const parsed = parseLink(guarded);
    if (!parsed.ok) throw new Error(parsed.error.message);
    // 19 wrong passphrases take about 12 hours of lockouts: set them, then make the 20th.
    setWrongAttempts(server.dbFile, noteId(guarded), 19);
    expect(await revealNote(api, parsed.value, 'wrong horse')).toMatchObject({ ok: false, error: { code: 'wrong_passphrase', attemptsLeft: 0 } });

    await expect.poll(async () => {
      const [m, x, g] = await Promise.all([noteId(multi), noteId(expiring), noteId(guarded)].map(entry));
      return [m?.reads, x?.state, g?.state];
    }, { timeout: 45_000 }).toEqual([2, 'expired', 'destroyed']);

    popup = await Popup.open(browser);
    const sent = new SentView(popup.page);
    await sent.show();
    expect(await sent.issues.allTextContents()).toEqual([`Could not reach 127.0.0.1:${other.port}: its links show their last known state.`]);
    const states = Object.fromEntries(await Promise.all([
      'on the old server', /^Link created /, 'break-glass root', 'contractor VPN key', 'CI token for the team',
      'prod API key (wrong channel)', 'staging DB for Alex',
    ].map(async (title) => [String(title), await sent.item(title).stateText()])));
    expect(states).toEqual({
      'on the old server': 'Waiting · expires in 24 h',
      '/^Link created /': 'Waiting · expires in 24 h',
      'break-glass root': 'Destroyed (wrong passphrases)',
      'contractor VPN key': 'Expired unread',
      'CI token for the team': '2 of 3 reads · expires in 24 h',
      'prod API key (wrong channel)': 'Revoked',
      'staging DB for Alex': expect.stringMatching(/^Read at \d\d:\d\d( [AP]M)?$/),
    });
    // Newest first; only waiting links can be revoked.
    expect((await sent.titles())[0]).toBe('on the old server');
    await expect.poll(() => sent.items.getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(3);

    await shoot(popup, 'sent-all-states');
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    expect(await popup.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 24, 29)');
    await shoot(popup, 'sent-all-states-dark');
    await popup.page.close();

    // Two reads may be seen in one check or in two: one receipt each time the count went up.
    await expect.poll(async () => (await allNotices()).map((n) => n.message), { timeout: 30_000 }).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Your link 'CI token for the team' was read at .+ \(\d of 3 reads\)\.$/),
      "Your link 'break-glass root' was destroyed after too many wrong passphrases. Nobody read it.",
      "Your link 'contractor VPN key' expired unread.",
    ]));
  });

  it('turns the badge count and the read receipts off and on from the options', async () => {
    await expect.poll(badge, { timeout: 10_000 }).toBe('3');
    const options = await Options.open(browser);
    const badgeBox = options.page.getByRole('checkbox', { name: 'Badge count' });
    const receiptsBox = options.page.getByRole('checkbox', { name: 'Read receipts' });
    expect(await badgeBox.isChecked()).toBe(true);
    expect(await receiptsBox.isChecked()).toBe(true);

    await badgeBox.uncheck();
    await expect.poll(badge, { timeout: 10_000 }).toBe('');
    await receiptsBox.uncheck();
    await options.page.getByRole('status').filter({ hasText: 'Read receipts off. Saved.' }).waitFor();
    expect(await worker.storedSettings()).toMatchObject({ readReceipts: false, badge: false, server: server.url });
    await options.page.getByRole('heading', { name: 'Sent links' }).scrollIntoViewIfNeeded();
    await screenshot(options.page, 'options-sent-links');

    await badgeBox.check();
    await receiptsBox.check();
    await expect.poll(badge, { timeout: 10_000 }).toBe('3');
    expect(await worker.storedSettings()).toMatchObject({ readReceipts: true, badge: true });
    await options.page.close();
  });

  it('forgets an entry: it leaves the list and the stored history', async () => {
    const popup = await Popup.open(browser);
    const sent = new SentView(popup.page);
    await sent.show();
    const before = await sent.items.count();
    const id = noteId(links[0] ?? '');
    expect(await entry(id)).toBeDefined();
    await sent.item('staging DB for Alex').forgetButton.click();
    await expect.poll(() => sent.items.count(), { timeout: 10_000 }).toBe(before - 1);
    await expect.poll(() => sent.item('staging DB for Alex').root.count()).toBe(0);
    expect(await entry(id)).toBeUndefined();
    // Focus stays in the list, on its heading.
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('sent-heading');
    await popup.page.close();
  });

  it('shows an empty list with a sentence', async () => {
    const other = await launchWithExtension();
    try {
      const otherWorker = new ExtensionWorker(other);
      await otherWorker.storeSettings({ server: server.url });
      const popup = await Popup.open(other);
      const sent = new SentView(popup.page);
      await sent.show();
      expect(await sent.empty.textContent()).toContain('No links sent yet.');
      await shoot(popup, 'sent-empty');
    } finally {
      await other.close();
    }
  });

  it('keeps no secret anywhere, and a link key only in session storage while its note waits', async () => {
    const stored = await browser.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null),
    }));
    const disk = JSON.stringify({ local: stored.local, sync: stored.sync });
    const memory = JSON.stringify(stored.session);
    // The history is there (so the dump is not empty by mistake)…
    expect(disk).toContain('CI token for the team');
    expect(links).toHaveLength(7);
    // …but no secret anywhere, and nothing that opens a note on disk.
    for (const secret of Object.values(SECRETS)) expect(`${disk}${memory}`).not.toContain(secret);
    const entries = await sentEntries();
    const now = Date.now();
    const waitingKeys: string[] = [];
    for (const link of links) {
      const key = link.slice(link.indexOf('#') + 1).split('.')[1] ?? '';
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(disk).not.toContain(key);
      expect(disk).not.toContain(link.slice(0, link.indexOf('#')));
      // In memory only while the note can still be read, to be copied again.
      const sentEntry = entries.find((e) => e.id === noteId(link));
      const waiting = sentEntry !== undefined && sentEntry.state === 'pending' && sentEntry.expiresAt > now;
      expect({ link, kept: memory.includes(key) }).toEqual({ link, kept: waiting });
      if (waiting) waitingKeys.push(key);
    }
    // The two links still waiting on the live server and the one on the server that went away.
    expect(waitingKeys).toHaveLength(3);
  });
});
