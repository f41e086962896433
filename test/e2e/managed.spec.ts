// Settings an organisation pushes by browser policy, in real headless Chromium with the built
// extension: the policy goes in through Chromium's own policy test page and reaches the extension
// the way a machine's policy file does (checked against managed_schema.json by the browser). The
// person had chosen another server; the organisation's server, token and defaults win and are
// shown locked, and its detection sites cannot be turned off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../utils/core/link';
import { startServer, type RunningServer } from '../helpers/server';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { startChatSite, type ChatSite } from './pages/ChatSite';
import { applyExtensionPolicy } from './pages/ChromePolicies';
import { allowInBrowserSettings, DetectionOptions, waitForDetection } from './pages/DetectionOptions';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { FirstRunUi } from './pages/FirstRun';
import { GuardOptions, waitForGuard } from './pages/GuardOptions';
import { expectOrganisationPolicy, Options } from './pages/Options';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';

const TOKEN = 'example-corp-create-token-0123456789';

let org: RunningServer;
let own: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;
let worker: ExtensionWorker;
let policy: Record<string, unknown>;

beforeAll(async () => {
  [org, own, site, ext] = await Promise.all([
    // The organisation's server only takes notes with its create token.
    startServer({ env: { CREATE_TOKEN: TOKEN, EXPIRY_CHOICES: '5m,1h,24h', DEFAULT_EXPIRY: '24h' } }),
    startServer(),
    startChatSite(),
    launchWithExtension(),
  ]);
  worker = new ExtensionWorker(ext);
  // What the person had set up for themselves before the policy came.
  await worker.storeSettings({ server: own.url, createToken: '', defaultExpiry: 300, defaultReads: 1, clipboardClearSeconds: 0 });
  policy = { server: org.url, createToken: TOKEN, lockServer: true, defaultExpiry: 3600, defaultReads: 3, detectionSites: [site.origin], guardSites: [site.origin] };
  await applyExtensionPolicy(ext, policy);
});
afterAll(async () => {
  await ext?.close();
  await Promise.all([org?.stop(), own?.stop(), site?.stop()]);
});

describe('settings from the organisation (browser policy)', () => {
  it('shows the options the organisation set as set by it, and locks them', async () => {
    const options = await Options.open(ext);
    await expectOrganisationPolicy(options, org.url);
    await options.page.setViewportSize({ width: 1100, height: 1500 });
    await screenshot(options.page, 'options-managed');

    // Saving the rest works, and changes nothing the organisation set.
    await options.clipboardClear.selectOption({ label: '5 minutes' });
    expect(await options.save()).toMatchObject({ ok: true });
    expect(await worker.storedSettings()).toMatchObject({ clipboardClearSeconds: 300 });
    expect(await options.value('server')).toBe(org.url);
    await options.page.close();
  });

  it('makes links on the organisation\'s server, with its token and its defaults', async () => {
    const popup = await Popup.open(ext);
    expect(await popup.serverChecked()).toContain(`127.0.0.1:${org.port}`);
    expect(await popup.reads.inputValue()).toBe('3');
    expect(await popup.expiry.inputValue()).toBe('3600');
    await popup.create('VPN_PSK=example-corp-rollout');
    const link = await popup.link();
    // The organisation's server took it: only its create token gets a note in there.
    expect(link.startsWith(`${org.url}/n/`)).toBe(true);
    expect(parseLink(link).ok).toBe(true);
    const recipient = new RecipientPage(await ext.context.newPage());
    await recipient.open(link);
    await recipient.settledHeading();
    expect(await recipient.reveal()).toBe('VPN_PSK=example-corp-rollout');
    await Promise.all([recipient.page.close(), popup.page.close()]);
  });

  it('keeps detection on for the organisation\'s sites, and asks the person once to allow them', async () => {
    const pattern = 'http://127.0.0.1/*';
    const detection = await DetectionOptions.open(ext);
    await detection.sites.filter({ hasText: 'http://127.0.0.1' }).filter({ hasText: 'Set by your organisation' }).waitFor();
    expect(await detection.sites.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await detection.mode('Off').isDisabled()).toBe(true);
    expect(await detection.mode('Only on sites I choose').isChecked()).toBe(true);
    const allow = detection.section.getByRole('button', { name: 'Allow on your organisation’s sites' });
    await allow.waitFor();
    await screenshot(detection.page, 'detection-managed');

    // The browser asks; the person allows (in the browser's own settings: a headless prompt cannot be clicked).
    await allowInBrowserSettings(ext, pattern);
    await allow.click();
    await allow.waitFor({ state: 'detached' });
    await waitForDetection(ext.worker, { matches: [pattern], origins: [pattern] });
    await detection.page.close();
  });

  it('keeps the secret guard on for the organisation\'s sites, on the access the person already gave', async () => {
    const guard = await GuardOptions.open(ext);
    await guard.sites.filter({ hasText: 'http://127.0.0.1' }).filter({ hasText: 'Set by your organisation' }).waitFor();
    expect(await guard.sites.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await guard.mode('Off').isDisabled()).toBe(true);
    expect(await guard.mode('Only on sites I choose').isChecked()).toBe(true);
    // The person never turned the guard on (nothing of theirs is stored): the organisation's site alone registers it.
    await waitForGuard(ext.worker, ['http://127.0.0.1/*']);
    expect(await worker.stored('guard')).toBeUndefined();
    await guard.section.scrollIntoViewIfNeeded();
    await screenshot(guard.page, 'guard-managed');
    await guard.page.close();
  });

  it('shows the locked server on the first-run page, and saves once it answers', async () => {
    const page = await ext.openExtensionPage('welcome.html');
    const welcome = new FirstRunUi(playwrightDriver(page));
    await welcome.ready();
    expect(await welcome.serverField()).toBe(org.url);
    expect(await page.locator('#server').isEditable()).toBe(false);
    expect(await page.locator('.notice.managed').textContent()).toContain('Your organisation manages some of these settings');
    await page.getByRole('button', { name: 'Check and save' }).click();
    await page.locator('.notice.ok').waitFor();
    expect(await page.locator('.notice.ok').textContent()).toContain(`127.0.0.1:${org.port} is a Burnlink note server`);
    expect(await worker.stored('onboarded')).toBe(true);
    await screenshot(page, 'welcome-managed');
    await page.close();
  });

  it('ignores what it cannot use, says which and why, and gives the person their own settings back', async () => {
    // Chromium hands over even a value beyond the schema's maximum (reads above 10): the extension
    // checks every value itself.
    await applyExtensionPolicy(ext, { server: 'http://burnlink.example.com', detectionSites: ['ftp://files.example.com'], defaultReads: 11 });
    const options = await Options.open(ext);
    const notice = await options.managedNotice();
    expect(notice).toContain('Your organisation\'s setting "defaultReads" is not valid');
    expect(notice).toContain('Your organisation\'s setting "server" cannot be used: Use https://');
    expect(notice).toContain('"detectionSites: ftp://files.example.com" is not a web site, so it is ignored.');
    expect(await options.value('server')).toBe(own.url);
    expect(await options.editable('server')).toBe(true);
    expect(await options.value('defaultReads')).toBe('1');
    await screenshot(options.page, 'options-managed-problems');
    await options.page.close();
  });
});
