// The sender's side: the Sent list, read receipts (notification and badge), revoke and forget, in
// real headless Chromium with the built extension and a real note server. Each test has a browser
// of its own, so no test depends on the links another one made. The test shortens the receipt
// polling through its test-only setting (receiptsItem.baseDelayMs) and waits for states.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import type { SentNote } from '../../utils/sent/entry';
import { startServer, type RunningServer } from '../helpers/server';
import { hasStoredCiphertext, setWrongAttempts, storedEnvelope } from '../helpers/sqlite-file';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteIdOf, revealInNewTab } from './notes';
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

const SECRETS = {
  read: 'PGPASSWORD=staging-Zq7!xw3 for Alex',
  revoke: 'sk_live_51RevokeMeBeforeAnyoneReadsIt',
  multi: 'CI_TOKEN=ghp_threeReadsForTheTeam0123456789',
  expire: 'vpn-psk: never-opened-5s',
  destroy: 'break-glass: root / Tr0ub4dor&3',
  plain: 'just a token without a label 8c1f',
  other: 'on a server that went away',
};

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;
/** The secrets this test typed and the links it got: none may end up in extension storage. */
let typed: string[];
let links: string[];

beforeAll(async () => {
  server = await startServer({ env: { EXPIRY_CHOICES: '5s,1h,24h', DEFAULT_EXPIRY: '24h' } });
});
afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  browser = await launchWithExtension();
  worker = new ExtensionWorker(browser);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
  // Receipts checked after 0.5 s, 1 s, 2 s… instead of 30 s, 1 min, 2 min…
  await browser.worker.evaluate(() => chrome.storage.local.set({ receipts: { idleChecks: 0, baseDelayMs: 500 } }));
  await worker.recordNotifications();
  typed = [];
  links = [];
});
afterEach(async () => {
  try {
    await expectNothingSecretStored();
  } finally {
    await browser?.close();
  }
});

/**
 * Extension storage holds the sent list but no secret from this test; nothing that opens a note on
 * disk (local, sync); a link key only in session storage (memory), and only while its note waits.
 */
async function expectNothingSecretStored() {
  const stored = await browser.worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    sync: await chrome.storage.sync.get(null),
  }));
  const disk = JSON.stringify({ local: stored.local, sync: stored.sync });
  const memory = JSON.stringify(stored.session);
  for (const secret of typed) expect(`${disk}${memory}`).not.toContain(secret);
  const entries = ((await worker.stored('sent')) as SentNote[] | undefined) ?? [];
  const now = Date.now();
  for (const link of links) {
    const key = keyOf(link);
    expect(disk).not.toContain(key);
    expect(disk).not.toContain(link.slice(0, link.indexOf('#')));
    const sent = entries.find((e) => e.id === noteIdOf(link));
    const waiting = sent !== undefined && sent.state === 'pending' && sent.expiresAt > now;
    // Read, revoked, expired or forgotten: the key is gone from memory too.
    if (!waiting) expect({ link, kept: memory.includes(key) }).toEqual({ link, kept: false });
  }
}

/** The key of a link (after the `#`), which opens its note. */
function keyOf(link: string): string {
  const key = link.slice(link.indexOf('#') + 1).split('.')[1] ?? '';
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return key;
}

async function entry(id: string): Promise<SentNote | undefined> {
  const entries = ((await worker.stored('sent')) as SentNote[] | undefined) ?? [];
  return entries.find((e) => e.id === id);
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
  typed.push(secret);
  await popup.create(secret, options);
  await popup.createdHeading.waitFor();
  const link = await popup.link();
  links.push(link);
  return link;
}

/** Creates links with these labels and secrets in a popup of its own. */
async function createAll(entries: Array<[secret: string, options?: Parameters<Popup['create']>[1]]>): Promise<string[]> {
  const popup = await Popup.open(browser);
  const made: string[] = [];
  for (const [secret, options] of entries) made.push(await create(popup, secret, options));
  await popup.page.close();
  return made;
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
    const id = noteIdOf(link);

    // Stored: the label, ids, times and the manage token; nothing to open the note with.
    expect(await entry(id)).toMatchObject({ server: server.url, id, label: 'staging DB for Alex', state: 'pending', maxReads: 1 });
    await expect.poll(badge, { timeout: 10_000 }).toBe('1');

    // The tabs work from the keyboard: arrow keys move and select.
    await sent.newTab.focus();
    await popup.page.keyboard.press('ArrowRight');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('tab-request');
    await popup.page.keyboard.press('ArrowRight');
    await expect.poll(() => sent.tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('tab-sent');
    await expect.poll(() => sent.tab.textContent()).toBe('Sent 1, 1 waiting');
    await sent.panel.waitFor();
    await sent.settled();
    await expect.poll(() => sent.item('staging DB for Alex').stateText()).toBe('Waiting · expires in 24 h');
    await popup.page.keyboard.press('ArrowLeft');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('tab-request');
    await popup.page.keyboard.press('Home');
    await expect.poll(() => sent.newTab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => sent.panel.isVisible()).toBe(false);
    await popup.page.keyboard.press('End');
    await expect.poll(() => sent.tab.getAttribute('aria-selected')).toBe('true');

    expect(await revealInNewTab(browser.context, link)).toBe(SECRETS.read);

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
    await expect.poll(() => sent.tab.textContent()).toBe('Sent');
    await popup.page.close();
  });

  it('revokes a waiting link after a confirmation: the recipient is told, the ciphertext is gone from disk', async () => {
    const popup = await Popup.open(browser);
    const link = await create(popup, SECRETS.revoke, { label: 'prod API key (wrong channel)' });
    const id = noteIdOf(link);
    const { ct } = JSON.parse(storedEnvelope(server.dbFile, id) ?? '{}') as { ct: string };
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
    const [read, revoked, multi, expiring, guarded] = await createAll([
      [SECRETS.read, { label: 'staging DB for Alex' }],
      [SECRETS.revoke, { label: 'prod API key (wrong channel)' }],
      [SECRETS.multi, { label: 'CI token for the team', reads: '3 times' }],
      [SECRETS.expire, { label: 'contractor VPN key', expiry: '5 seconds' }],
      [SECRETS.destroy, { label: 'break-glass root', passphrase: 'correct horse battery staple' }],
      [SECRETS.plain],
    ]);
    const other = await linkOnAServerThatGoesAway();

    expect(await revealInNewTab(browser.context, read ?? '')).toBe(SECRETS.read);
    expect(await revealInNewTab(browser.context, multi ?? '')).toBe(SECRETS.multi);
    expect(await revealInNewTab(browser.context, multi ?? '')).toBe(SECRETS.multi);
    const api = createApi({ server: server.url });
    const revokedEntry = await entry(noteIdOf(revoked ?? ''));
    if (!revokedEntry) throw new Error('the revoked link is not in the sent list');
    expect((await api.revoke(revokedEntry.id, revokedEntry.manageToken)).ok).toBe(true);
    const parsed = parseLink(guarded ?? '');
    if (!parsed.ok) throw new Error(parsed.error.message);
    // 19 wrong passphrases take about 12 hours of lockouts: set them, then make the 20th.
    setWrongAttempts(server.dbFile, noteIdOf(guarded ?? ''), 19);
    expect(await revealNote(api, parsed.value, 'wrong horse')).toMatchObject({ ok: false, error: { code: 'wrong_passphrase', attemptsLeft: 0 } });

    await expect.poll(async () => {
      const entries = await Promise.all([read, revoked, multi, expiring, guarded].map((l) => entry(noteIdOf(l ?? ''))));
      return entries.map((e) => `${e?.state} ${e?.reads}`);
    }, { timeout: 45_000 }).toEqual(['read 1', 'revoked 0', 'pending 2', 'expired 0', 'destroyed 0']);

    const popup = await Popup.open(browser);
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
    await createAll([[SECRETS.plain], [SECRETS.multi, { label: 'CI token for the team' }], [SECRETS.read, { label: 'staging DB for Alex' }]]);
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
    await expect.poll(() => worker.storedSettings()).toMatchObject({ readReceipts: false, badge: false, server: server.url });
    await options.page.getByRole('heading', { name: 'Sent links' }).scrollIntoViewIfNeeded();
    await screenshot(options.page, 'options-sent-links');

    await badgeBox.check();
    await receiptsBox.check();
    await expect.poll(badge, { timeout: 10_000 }).toBe('3');
    await expect.poll(() => worker.storedSettings()).toMatchObject({ readReceipts: true, badge: true });
    await options.page.close();
  });

  it('forgets an entry: it leaves the list and the stored history', async () => {
    const [forgotten] = await createAll([[SECRETS.read, { label: 'staging DB for Alex' }], [SECRETS.plain, { label: 'stays' }]]);
    const id = noteIdOf(forgotten ?? '');
    const popup = await Popup.open(browser);
    const sent = new SentView(popup.page);
    await sent.show();
    await expect.poll(() => sent.items.count()).toBe(2);
    expect(await entry(id)).toBeDefined();
    // Still waiting, so it asks first: forgotten, it could no longer be revoked.
    await sent.item('staging DB for Alex').forgetButton.click();
    await sent.item('staging DB for Alex').forgetLinkButton.click();
    await expect.poll(() => sent.items.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => sent.item('staging DB for Alex').root.count()).toBe(0);
    expect(await sent.titles()).toEqual(['stays']);
    await expect.poll(() => entry(id)).toBeUndefined();
    // Focus stays in the list, on its heading.
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('sent-heading');
    await popup.page.close();
  });

  it('shows an empty list with a sentence', async () => {
    const popup = await Popup.open(browser);
    const sent = new SentView(popup.page);
    await sent.show();
    expect(await sent.empty.textContent()).toContain('No links sent yet.');
    await shoot(popup, 'sent-empty');
    await popup.page.close();
  });

  it('keeps the sent list in extension storage, and a waiting link\'s key only in session memory', async () => {
    await createAll([
      [SECRETS.read, { label: 'staging DB for Alex' }],
      [SECRETS.destroy, { label: 'break-glass root', passphrase: 'correct horse battery staple' }],
      [SECRETS.multi, { reads: '3 times' }],
    ]);
    // The history is there (so the check after each test does not pass on an empty dump)…
    const stored = JSON.stringify(await worker.stored('sent'));
    expect(stored).toContain('staging DB for Alex');
    expect(stored).toContain('break-glass root');
    expect(links).toHaveLength(3);
    // …the keys of the three waiting links are in memory only, to be copied again from Sent…
    const memory = JSON.stringify(await browser.worker.evaluate(() => chrome.storage.session.get(null)));
    for (const link of links) expect(memory).toContain(keyOf(link));
    // …and the passphrase is not stored anywhere. afterEach checks the secrets, links and disk.
    typed.push('correct horse battery staple');
  });
});

/** A link made on a second server, which then stops: its entry cannot be refreshed. */
async function linkOnAServerThatGoesAway(): Promise<RunningServer> {
  const other = await startServer();
  try {
    await worker.storeSettings({ server: other.url, clipboardClearSeconds: 0 });
    await createAll([[SECRETS.other, { label: 'on the old server' }]]);
  } finally {
    await other.stop();
    await worker.storeSettings({ server: server.url, clipboardClearSeconds: 0 });
  }
  return other;
}
