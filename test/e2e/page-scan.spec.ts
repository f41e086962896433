// "Scan this page for exposed secrets", in real headless Chromium with the built extension: from
// the page's context menu and from the popup, through activeTab only. The marks are read from the
// page's own highlight registry, the summary through the DevTools protocol (its shadow root is
// closed).
//
// activeTab: as in sharing.spec.ts, the grant a real menu click (or the toolbar button) gives is
// given through the DevTools protocol's Extensions.triggerAction, then the real listener is fired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, chars, githubStyle, jwt, seeded, ALNUM } from '../helpers/secret-samples';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { ClosedShadow } from './pages/ClosedShadow';
import { ACTION_DEBUGGING_FLAG, grantActiveTab, tabIdOf } from './pages/ContextMenu';
import { startPasteSite, type PasteSite } from './pages/PasteSite';

// The service worker's own `chrome` (promise-based in MV3, shaped like webextension-polyfill's).
declare const chrome: import('webextension-polyfill').Browser;

const r = seeded(4711);
const GITHUB = githubStyle(r, 'ghp_');
const SLACK = `xoxb-${chars(r, 12, '0123456789')}-${chars(r, 13, '0123456789')}-${chars(r, 24, ALNUM)}`;
const AWS_ID = 'AKIA2OGYBAH6STMMNXNQ';
const AWS_SECRET = base64(Uint8Array.from({ length: 30 }, (_, i) => (i * 89 + 7) & 0xff));
const DB_URL = 'postgres://app:Zq8xLm2pQ7@db.internal:5432/app';
const TOKEN = jwt(r);
/** The exposed secrets of the page, in page order. */
const EXPOSED = [SLACK, AWS_ID, AWS_SECRET, GITHUB, DB_URL, TOKEN];
/** Close to secrets, but not: none of these may be marked. */
const LOOK_ALIKES = [
  'AKIAIOSFODNN7EXAMPLE',
  `${GITHUB.slice(0, -1)}${GITHUB.endsWith('A') ? 'B' : 'A'}`,
  GITHUB.slice(0, -2),
  '8f14e45f-ceea-467f-a8e5-7c3d1b1f6c2b',
  '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  'postgres://user:password@localhost/db',
  `sk_test_${chars(r, 24, ALNUM)}`,
];

const escape = (text: string) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const INCIDENT = `
  <p>Ann: the bot token is <code>${SLACK}</code>, rotate it after the incident.</p>
  <pre><span class="k">export</span> AWS_ACCESS_KEY_ID=<span class="s">${AWS_ID}</span>
<span class="k">export</span> AWS_SECRET_ACCESS_KEY=<span class="s">${AWS_SECRET}</span></pre>
  <p>Bob: the deploy token, as the code viewer colours it: <code><span class="t">${GITHUB.slice(0, 12)}</span><span class="t">${GITHUB.slice(12)}</span></code></p>
  <p>Cy: staging DB is <a href="#db">${escape(DB_URL)}</a></p>
  <p>Dee: session for the repro: ${TOKEN}</p>
  <h2>Not secrets</h2>
  <ul>${LOOK_ALIKES.map((text) => `<li>${escape(text)}</li>`).join('')}<li>password: ********</li></ul>
  <script>window.config = { token: '${githubStyle(r, 'ghp_')}' };</script>
  <textarea aria-label="Draft">${githubStyle(r, 'ghp_')}</textarea>`;

let site: PasteSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  [site, ext] = await Promise.all([startPasteSite(), launchWithExtension({ args: [ACTION_DEBUGGING_FLAG] })]);
  site.publish('incident', INCIDENT);
  site.publish('quiet', '<p>Standup notes: deploy at 3, review OPS-142, commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904.</p>');
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
});

/** The marked strings, read from the page's own highlight registry. */
async function marked(page: import('playwright-core').Page): Promise<string[] | null> {
  return page.evaluate(() => {
    const highlight = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> }).highlights?.get('burnlink-secret');
    return highlight ? [...highlight].map((range) => range.toString()) : null;
  });
}

/** Fires the "Scan this page for exposed secrets" context menu item on `page`. */
async function scanFromMenu(page: import('playwright-core').Page) {
  await grantActiveTab(ext, page);
  const tabId = await tabIdOf(ext, page);
  const info = { menuItemId: 'scan-page', pageUrl: page.url(), frameId: 0, editable: false };
  await ext.worker.evaluate(([menuInfo, id]) => chrome.tabs.get(id).then((tab: unknown) => {
    (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(menuInfo, tab);
  }), [info, tabId] as const);
}

describe('from the context menu', () => {
  it('marks every exposed secret with its kind, counts them, and marks no look-alike', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/incident`);
    expect(await marked(page)).toBeNull();
    await scanFromMenu(page);
    const summary = await ClosedShadow.waitFor(page, 'burnlink-scan');
    await expect.poll(() => marked(page)).toEqual(EXPOSED);
    const text = await summary.text();
    expect(text).toContain('6 exposed secrets on this page');
    for (const kind of ['Slack bot token', 'AWS access key ID', 'AWS secret access key', 'GitHub personal access token', 'database or broker URL with a password', 'JSON Web Token']) {
      expect(text).toContain(kind);
    }
    await screenshot(page, 'page-scan-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'page-scan-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Closing takes the marks away; the page's own text is as it was.
    await summary.click('×');
    await page.waitForFunction(() => document.querySelector('burnlink-scan') === null);
    expect(await marked(page)).toBeNull();
    expect(await page.locator('pre').textContent()).toContain(AWS_SECRET);
    await page.close();
  });

  it('says so when nothing is found', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/quiet`);
    await scanFromMenu(page);
    const summary = await ClosedShadow.waitFor(page, 'burnlink-scan');
    expect(await summary.text()).toContain('No exposed secrets found');
    expect(await marked(page)).toBeNull();
    await page.close();
  });
});

describe('from the popup', () => {
  it('scans the tab it was opened over and says what it found', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/incident`);
    await grantActiveTab(ext, page);
    const popup = await ext.openExtensionPage('popup.html');
    await page.bringToFront();
    await popup.getByRole('button', { name: 'Scan this page for exposed secrets' }).click();
    const status = popup.getByRole('region', { name: 'Page scan' }).getByRole('status');
    await status.filter({ hasText: /./ }).waitFor();
    expect(await status.textContent()).toBe('6 exposed secrets on this page: Slack bot token, AWS access key ID, AWS secret access key, '
      + 'GitHub personal access token, database or broker URL with a password, JSON Web Token. They are marked on the page.');
    await expect.poll(() => marked(page)).toEqual(EXPOSED);
    await popup.close();
    await page.close();
  });

  it('says plainly when it cannot scan: no access to the tab', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/incident`);
    // No toolbar click on this tab: no activeTab, and no standing access either.
    const popup = await ext.openExtensionPage('popup.html');
    await page.bringToFront();
    await popup.getByRole('button', { name: 'Scan this page for exposed secrets' }).click();
    const status = popup.getByRole('region', { name: 'Page scan' }).getByRole('status');
    await status.filter({ hasText: /./ }).waitFor();
    expect(await status.textContent()).toMatch(/^Burnlink cannot scan this page/);
    expect(await marked(page)).toBeNull();
    await popup.close();
    await page.close();
  });
});
