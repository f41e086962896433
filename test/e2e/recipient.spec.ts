// The recipient page, for people without the extension, in real headless Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, screenshot } from './fixtures';
import { noteState, shareNote } from './notes';
import { RecipientPage } from './pages/RecipientPage';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchPlain();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


/**
 * A link scanner of the thorough kind: every field filled with junk and submitted, every button,
 * link and summary clicked (as the browser's own clicks and as script clicks), Enter and Space
 * pressed on each.
 */
async function scanEverything(page: Page) {
  const count = await page.locator('button, a, summary, input, [role="button"]').count();
  for (let i = 0; i < count; i++) {
    const el = page.locator('button, a, summary, input, [role="button"]').nth(i);
    if (!(await el.isVisible().catch(() => false))) continue;
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === 'INPUT') {
      await el.fill('junk-1234').catch(() => undefined);
      await el.press('Enter').catch(() => undefined);
    } else if (tag !== 'A') {
      await el.click({ timeout: 2000, force: true }).catch(() => undefined);
      await el.press(' ').catch(() => undefined);
      await el.press('Enter').catch(() => undefined);
    }
    await el.evaluate((e) => {
      (e as HTMLElement).click();
      for (const type of ['pointerdown', 'mousedown', 'keydown', 'pointerup', 'mouseup', 'keyup']) {
        e.dispatchEvent(type.startsWith('key') ? new KeyboardEvent(type, { key: ' ', bubbles: true }) : new PointerEvent(type, { bubbles: true }));
      }
      (e as HTMLElement).closest('form')?.requestSubmit();
    }).catch(() => undefined);
  }
}

const SECRET = 'DATABASE_URL=postgres://app:s3cr3t@db/prod\n\n  indented line with trailing spaces   \nünïcödé ✓ 🔑';

describe('recipient page', () => {
  it('reveals the exact text once, then says already read', async () => {
    const { link } = await shareNote(server.url, SECRET);
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    expect(await page.settledHeading()).toBe('Someone shared a secret with you');
    await screenshot(page.page, 'recipient-ready');
    // The key is dropped from the address bar once read into memory.
    expect(page.page.url()).not.toContain('#');
    expect(await page.reveal()).toBe(SECRET);
    await screenshot(page.page, 'recipient-revealed');

    await page.copyButton.click();
    await page.page.getByText('Secret copied. The clipboard is cleared in 1 minute.').waitFor();
    expect(await page.page.evaluate(() => navigator.clipboard.readText())).toBe(SECRET);

    // Pasting the link again into the same tab: only the fragment changes, the page must follow.
    await page.open(link);
    await page.page.getByRole('heading', { name: 'Already read' }).waitFor();
    // When it was read, from the peek: nothing was tried to learn it.
    expect(await page.page.getByTestId('state').textContent()).toMatch(/^Already read at \d{1,2}:\d{2}/);
    await screenshot(page.page, 'recipient-already-read');
    await page.page.close();
  });

  it('survives a chat unfurler: 10 GETs and HEADs first, then it still reveals', async () => {
    const { link, note } = await shareNote(server.url, 'unfurl-proof token');
    for (let i = 0; i < 10; i++) {
      for (const method of ['GET', 'HEAD']) {
        const response = await fetch(link, { method });
        expect(response.status).toBe(200);
      }
    }
    expect(await noteState(server.url, note)).toBe('pending');
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    // Opening and checking the page did not consume the note either.
    expect(await noteState(server.url, note)).toBe('pending');
    expect(await page.reveal()).toBe('unfurl-proof token');
    expect(await noteState(server.url, note)).toBe('read');
    await page.page.close();
  });

  it.each([['only a byte order mark', '\uFEFF'], ['a leading byte order mark', '\uFEFFAPI_KEY=abc']])(
    'shows a note of %s exactly, U+FEFF included', async (_what, secret) => {
      const { link } = await shareNote(server.url, secret);
      const page = new RecipientPage(await browser.context.newPage());
      await page.open(link);
      await page.settledHeading();
      const shown = await page.reveal();
      expect([...shown].map((c) => c.codePointAt(0))).toEqual([...secret].map((c) => c.codePointAt(0)));
      await page.page.close();
    });

  it('asks for the passphrase; a wrong one does not burn the note', async () => {
    const { link, note } = await shareNote(server.url, 'behind a passphrase', { passphrase: 'correct horse' });
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    expect(await page.page.locator('#passphrase-guidance').textContent()).toContain('Burnlink never asks for a note’s passphrase inside another web page');
    expect(await page.attempts.textContent()).toBe('20 tries left');
    await page.passphrase.fill('wrong horse');
    await page.hold();
    expect(await page.alert.textContent()).toBe('Wrong passphrase. Nothing was opened.');
    expect(await page.attempts.textContent()).toBe('19 tries left');
    await screenshot(page.page, 'recipient-wrong-passphrase');
    expect(await noteState(server.url, note)).toBe('pending');
    expect(await page.reveal('correct horse')).toBe('behind a passphrase');
    await page.page.close();
  });

  it('says when to try again once wrong passphrases lock the note, also when the link is opened again', async () => {
    const { link, note } = await shareNote(server.url, 'locked for a minute', { passphrase: 'correct horse' });
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    for (const left of [19, 18]) {
      await page.passphrase.fill(`wrong ${left}`);
      await page.hold();
      expect(await page.attempts.textContent()).toBe(`${left} tries left`);
      expect(await page.locked.count()).toBe(0);
    }
    await page.passphrase.fill('wrong again');
    await page.hold();
    expect(await page.attempts.textContent()).toBe('17 tries left');
    expect(await page.locked.textContent()).toMatch(/^Too many wrong passphrases: the next try is possible at \d\d:\d\d( [AP]M)? \(in 1 minute\)\.$/);
    // The right passphrase cannot even be tried while the note is locked.
    await page.passphrase.fill('correct horse');
    expect(await page.revealButton.isDisabled()).toBe(true);
    await screenshot(page.page, 'recipient-locked');
    await page.page.close();
    // The peek tells a fresh page about the lock before anything is tried.
    const again = new RecipientPage(await browser.context.newPage());
    await again.open(link);
    await again.settledHeading();
    expect(await again.locked.textContent()).toMatch(/^Too many wrong passphrases: the next try is possible at /);
    expect(await again.page.getByTestId('state').textContent()).toMatch(/needs a passphrase · locked until \d\d:\d\d/);
    expect(await again.attempts.textContent()).toBe('17 tries left');
    expect(await noteState(server.url, note)).toBe('pending');
    await again.page.close();
  });

  it.each([
    ['revoked', 'Revoked'],
    ['malformed', 'This link is broken'],
    ['missing key', 'This link is broken'],
    ['wrong key', 'Not available'],
  ])('says clearly when the link is %s', async (kind, heading) => {
    const { link, note } = await shareNote(server.url, 'never shown');
    let url = link;
    if (kind === 'revoked') await createApi({ server: server.url }).revoke(note.id, note.manageToken);
    if (kind === 'malformed') url = link.slice(0, -5);
    if (kind === 'missing key') url = link.slice(0, link.indexOf('#'));
    if (kind === 'wrong key') {
      const at = link.indexOf('#1.') + 3;
      url = `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`;
    }
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(url);
    expect(await page.settledHeading()).toBe(heading);
    await screenshot(page.page, `recipient-${kind.replace(' ', '-')}`);
    await page.page.close();
  });

  it('says the server is unreachable and keeps the note', async () => {
    const { link, note } = await shareNote(server.url, 'still here later');
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    // Cut the API off from the page, as a dropped connection would.
    await page.page.route('**/api/**', (route) => route.abort());
    await page.hold();
    // The heading stays "Someone shared…" while revealing: wait for the one that must follow.
    await page.page.getByRole('heading', { name: 'The server is unreachable' }).waitFor();
    await screenshot(page.page, 'recipient-unreachable');
    await page.page.unroute('**/api/**');
    expect(await noteState(server.url, note)).toBe('pending');
    await page.page.getByRole('button', { name: 'Try again' }).click();
    await page.secret.waitFor();
    expect(await page.secret.textContent()).toBe('still here later');
    await page.page.close();
  });

  it('is not opened by a scanner that clicks, presses and fills everything, however often', async () => {
    const plain = await shareNote(server.url, 'scanner-proof');
    const guarded = await shareNote(server.url, 'scanner-proof too', { passphrase: 'correct horse' });
    for (const { link, note } of [plain, guarded]) {
      const page = new RecipientPage(await browser.context.newPage());
      await page.open(link);
      await page.settledHeading();
      for (let round = 0; round < 3; round++) await scanEverything(page.page);
      expect(await noteState(server.url, note)).toBe('pending');
      // What it did was not nothing: it opened the no-holding way and typed into it.
      expect(await page.page.locator('details.code-confirm').getAttribute('open')).not.toBeNull();
      await screenshot(page.page, `recipient-after-scanner-${note === plain.note ? 'plain' : 'passphrase'}`);
      await page.page.close();
    }
    // A person still opens them.
    const person = new RecipientPage(await browser.context.newPage());
    await person.open(guarded.link);
    await person.settledHeading();
    expect(await person.reveal('correct horse')).toBe('scanner-proof too');
    await person.page.close();
  });

  it('reveals on Space held down, not on a tap', async () => {
    const { link, note } = await shareNote(server.url, 'held with the keyboard');
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    await page.revealButton.focus();
    await page.page.keyboard.press(' ');
    await page.page.keyboard.press('Enter');
    await page.page.getByText('Keep the button pressed').waitFor();
    expect(await noteState(server.url, note)).toBe('pending');
    await page.revealButton.focus();
    await page.page.keyboard.down(' ');
    try {
      await page.secret.waitFor();
    } finally {
      await page.page.keyboard.up(' ');
    }
    expect(await page.secret.textContent()).toBe('held with the keyboard');
    await page.page.close();
  });

  it('reveals without holding when the code shown is typed (screen readers, switch access)', async () => {
    const { link, note } = await shareNote(server.url, 'typed the code');
    const page = new RecipientPage(await browser.context.newPage());
    await page.open(link);
    await page.settledHeading();
    await page.page.getByText('Cannot press and hold?').click();
    const code = (await page.page.locator('.code-confirm .code').textContent()) ?? '';
    expect(code).toMatch(/^\d{4}$/);
    // Screen readers read it digit by digit.
    expect(await page.page.locator('.code-confirm .code').getAttribute('aria-label')).toBe(code.split('').join(' '));
    await page.page.getByLabel('Code').fill(code === '0000' ? '1111' : '0000');
    await page.page.getByRole('button', { name: 'Reveal with code' }).click();
    await page.alert.filter({ hasText: 'That is not the code' }).waitFor();
    expect(await noteState(server.url, note)).toBe('pending');
    await screenshot(page.page, 'recipient-code');
    await page.page.getByLabel('Code').fill(code);
    await page.page.getByLabel('Code').press('Enter');
    await page.secret.waitFor();
    expect(await page.secret.textContent()).toBe('typed the code');
    await page.page.close();
  });

  it('has a dark theme', async () => {
    const dark = await launchPlain({ colorScheme: 'dark' });
    try {
      const { link } = await shareNote(server.url, 'dark mode secret');
      const page = new RecipientPage(await dark.context.newPage());
      await page.open(link);
      await page.settledHeading();
      const background = await page.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(22, 24, 29)');
      await screenshot(page.page, 'recipient-ready-dark');
    } finally {
      await dark.close();
    }
  });

  it('serves the create page at /, which says what this server keeps', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Make a one-time link' }).waitFor();
    await page.getByText('This server cannot read what it stores.').waitFor();
    await screenshot(page, 'server-home');
    await page.close();
  });
});
