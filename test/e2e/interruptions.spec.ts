// A sender flow that forgives interruptions, in real headless Chromium with the built extension and
// a real note server: the "Link created" view survives closing the popup, waiting links can be
// copied again from Sent (their keys in session storage only), with or without instructions,
// "Revoke and make a new link", forgetting a waiting link asks first, and the clipboard choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { peekNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Options } from './pages/Options';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';
import { SentView } from './pages/SentView';

declare const chrome: { storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }> };

let server: RunningServer;
let browser: ExtensionBrowser;
let worker: ExtensionWorker;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { EXPIRY_CHOICES: '1h,24h,7d' } }), launchWithExtension()]);
  worker = new ExtensionWorker(browser);
  await worker.storeSettings({ server: server.url, clipboardClearSeconds: 60 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sessionDump = () => browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
const localDump = () => browser.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
const keyOf = (link: string) => link.slice(link.indexOf('#') + 1).split('.')[1] ?? '';

async function state(link: string): Promise<string> {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const peek = await peekNote(createApi({ server: server.url }), parsed.value);
  return peek.ok ? peek.value.state : peek.error.code;
}

async function reveal(link: string): Promise<string> {
  const recipient = new RecipientPage(await browser.context.newPage());
  try {
    await recipient.open(link);
    await recipient.settledHeading();
    return await recipient.reveal();
  } finally {
    await recipient.page.close();
  }
}

/** The whole popup, however tall, light and dark. */
async function shoot(popup: Popup, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await popup.page.emulateMedia({ colorScheme: scheme });
    const height = await popup.page.evaluate(() => Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().height ?? 600));
    await popup.page.setViewportSize({ width: 370, height });
    await screenshot(popup.page, scheme === 'light' ? name : `${name}-dark`);
  }
  await popup.page.emulateMedia({ colorScheme: 'light' });
}

describe('a link made is not a link lost', () => {
  it('shows the link again after the popup closed, passphrase included, until "New link"', async () => {
    let popup = await Popup.open(browser);
    await popup.create('staging DB: hunter2', { passphrase: 'amber-fox', label: 'DB for Alex' });
    await popup.createdHeading.waitFor();
    const link = await popup.link();
    // A click into the chat closes the popup…
    await popup.page.close();
    // …and opening it again shows the same link, without copying anything by itself.
    popup = await Popup.reopen(browser);
    await popup.createdHeading.waitFor();
    expect(await popup.link()).toBe(link);
    expect(await popup.copyStatus.textContent()).toMatch(/^Link created (just now|\d+ seconds? ago)\. Copy it again if you need it/);
    expect(await popup.page.locator('.passphrase').textContent()).toBe('amber-fox');
    await shoot(popup, 'popup-created-reopened');
    await popup.copyAgainButton.click();
    await popup.copyStatus.filter({ hasText: 'Link copied' }).waitFor();
    expect(await popup.clipboard()).toBe(link);

    // The key is in memory-only session storage, never in local storage.
    expect(await sessionDump()).toContain(keyOf(link));
    expect(await localDump()).not.toContain(keyOf(link));

    await popup.newLinkButton.click();
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('secret');
    await popup.page.close();
    popup = await Popup.reopen(browser);
    expect(await popup.createdHeading.count()).toBe(0);
    await popup.page.close();
  });

  it('copies a waiting link again from Sent, with or without instructions, until it is read', async () => {
    let popup = await Popup.open(browser);
    await popup.create('deploy token 5f2a', { label: 'deploy token for Kim', reads: '2 times' });
    const link = await popup.link();
    await popup.newLinkButton.click();
    const sent = new SentView(popup.page);
    await sent.show();
    const item = sent.item('deploy token for Kim');
    await item.copyButton.click();
    await item.copied.filter({ hasText: 'Link copied.' }).waitFor();
    expect(await item.copied.textContent()).toBe('Link copied. The clipboard is cleared in 1 minute.');
    expect(await popup.clipboard()).toBe(link);

    await item.copyInstructionsButton.click();
    await item.copied.filter({ hasText: 'Message copied.' }).waitFor();
    const message = await popup.clipboard();
    expect(message).toMatch(new RegExp(`^One-time link: ${link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\nIt can be opened 2 times and expires (today at|on) .+\\. If it says it was already read, tell me: someone else opened it first\\.$`));
    await popup.page.getByText('their keys are kept in memory only, never on disk').waitFor();
    await shoot(popup, 'sent-copy-again');
    await popup.page.close();

    // Read twice: the link can no longer be read, so it can no longer be copied, and its key is gone.
    expect(await reveal(link)).toBe('deploy token 5f2a');
    expect(await reveal(link)).toBe('deploy token 5f2a');
    popup = await Popup.open(browser);
    const again = new SentView(popup.page);
    await again.show();
    await again.waitForState('deploy token for Kim', /^Read at/);
    await expect.poll(() => again.item('deploy token for Kim').copyButton.count()).toBe(0);
    await expect.poll(sessionDump).not.toContain(keyOf(link));
    await popup.page.close();
  });

  it('revokes a waiting link and starts a new one with the same expiry, reads and label, focus in the empty box', async () => {
    const popup = await Popup.open(browser);
    await popup.create('wrong secret pasted', { label: 'VPN key for Lee', expiry: '1 hour', reads: '3 times' });
    const old = await popup.link();
    await popup.newLinkButton.click();
    const sent = new SentView(popup.page);
    await sent.show();
    const item = sent.item('VPN key for Lee');
    await item.revokeButton.click();
    await item.regenerateButton.waitFor();
    await shoot(popup, 'sent-revoke-or-renew');
    await item.regenerateButton.click();

    // Back on the New tab, a fresh form like the old link's, the secret box empty and focused.
    await expect.poll(() => sent.newTab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('secret');
    expect(await popup.secret.inputValue()).toBe('');
    expect(await popup.expiry.inputValue()).toBe('3600');
    expect(await popup.reads.inputValue()).toBe('3');
    expect(await popup.label.inputValue()).toBe('VPN key for Lee');
    expect(await state(old)).toBe('revoked');
    await shoot(popup, 'popup-renew');

    await popup.create('the right secret');
    const fresh = await popup.link();
    expect(fresh).not.toBe(old);
    expect(await state(fresh)).toBe('pending');
    await sent.show();
    // Both are listed under the label, newest first: the new one waiting, the old one revoked.
    const states = await sent.item('VPN key for Lee').state.allTextContents();
    expect(states).toEqual([expect.stringMatching(/^Waiting · expires in (59|60) min$/), 'Revoked']);
    await popup.page.close();
  });

  it('asks before forgetting a waiting link; Cancel and Esc keep it, and focus goes back', async () => {
    const popup = await Popup.open(browser);
    await popup.create('keep me', { label: 'do not lose me' });
    await popup.newLinkButton.click();
    const sent = new SentView(popup.page);
    await sent.show();
    const item = sent.item('do not lose me');
    await item.forgetButton.click();
    await item.confirmation.waitFor();
    expect(await item.confirmation.textContent()).toContain('you can no longer revoke it or see whether it was read');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shoot(popup, 'sent-forget-confirm');
    await popup.page.keyboard.press('Escape');
    await expect.poll(() => item.confirmation.count()).toBe(0);
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Forget');

    await item.forgetButton.click();
    await item.forgetLinkButton.click();
    await expect.poll(() => item.root.count()).toBe(0);
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe('sent-heading');
    await popup.page.close();
  });

  it('lets the sender choose when the clipboard is cleared, in the same words as the options', async () => {
    const popup = await Popup.open(browser);
    await popup.create('clipboard choice');
    expect(await popup.copyStatus.textContent()).toBe('Link copied: paste it for the recipient. The clipboard is cleared in 1 minute.');
    expect(await popup.clearAfter.locator('option').allTextContents()).toEqual(['Never', '1 minute', '5 minutes']);
    await popup.clearAfter.selectOption({ label: '5 minutes' });
    await popup.copyStatus.filter({ hasText: '5 minutes' }).waitFor();
    expect(await popup.copyStatus.textContent()).toBe('Link copied: paste it for the recipient. The clipboard is cleared in 5 minutes.');
    expect(await popup.clipboard()).toBe(await popup.link());
    expect(await worker.storedSettings()).toMatchObject({ clipboardClearSeconds: 300 });
    await popup.page.close();

    const options = await Options.open(browser);
    expect(await options.clipboardClear.locator('option:checked').textContent()).toBe('5 minutes');
    expect(await options.clipboardClear.locator('option').allTextContents()).toEqual(['Never', '1 minute', '5 minutes']);
    await options.page.close();
    await worker.storeSettings({ server: server.url, clipboardClearSeconds: 60 });
  });
});
