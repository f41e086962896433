// The options page and the paste guard's prompt in the browser's language, in real headless
// Chromium with the built extension: German (the guard turned on through the German options page,
// then a token pasted on the guarded site, held back with a German prompt and made a link) and
// Arabic (the options page right to left). Screenshots in test-results/screenshots/options-languages-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { githubStyle, seeded } from '../helpers/secret-samples';
import { startServer, type RunningServer } from '../helpers/server';
import type { Page } from 'playwright-core';
import { launchWithExtension, screenshot, SCREENSHOT_DIR, type ExtensionBrowser } from './fixtures';
import { allowInBrowserSettings } from './pages/DetectionOptions';
import { playwrightDriver } from './pages/driver';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { waitForGuard } from './pages/GuardOptions';
import { GuardPrompt } from './pages/GuardPrompt';
import { PastePage, startPasteSite, type PasteSite } from './pages/PasteSite';

const LINK = /https?:\/\/[^\s]+\/n\/[A-Za-z0-9_-]{22}#1p?\.[A-Za-z0-9_-]{43}/;

/** English words of the options page and the prompt: none may be left in another language. */
const ENGLISH = ['Note server', 'Server address', 'New links', 'Expire after', 'Save', 'Secret guard', 'Link detection',
  'Your security phrase', 'Copy with instructions', 'On every site', 'Only on sites I choose', 'Kinds of secret checked',
  'Burnlink held this paste back', 'Paste as one-time link', 'Paste anyway', 'Never on', 'The page has not seen it',
  'This paste holds', 'Add a passphrase', 'times', 'Expires in', 'read once'];

let server: RunningServer;

beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.openExtensionPage('options.html');
  await page.locator('#server').waitFor();
  await page.locator('.guard-settings').waitFor();
  return page;
}

const documentLanguage = (page: Page) => page.evaluate(() => ({
  lang: document.documentElement.lang,
  dir: document.documentElement.dir,
  direction: getComputedStyle(document.body).direction,
  title: document.title,
}));

const headings = (page: Page) => page.locator('h1, h2, h3').allTextContents();

/** The guard section's words for choosing a site, in one language. */
interface GuardWords { chosenSites: string; siteInput: string; add: string; list: string }
const GERMAN: GuardWords = { chosenSites: 'Nur auf Websites, die ich auswähle', siteInput: 'Zu schützende Website', add: 'Website hinzufügen', list: 'Geschützte Websites' };
const ARABIC: GuardWords = { chosenSites: 'على المواقع التي أختارها فقط', siteInput: 'موقع لحمايته', add: 'إضافة موقع', list: 'المواقع المحمية' };

/** Turns the guard on for `origin` through the options page's own words, as a person would. */
async function guardSite(ext: ExtensionBrowser, page: Page, origin: string, words: GuardWords): Promise<void> {
  const guard = page.locator('.guard-settings');
  const { protocol, hostname } = new URL(origin);
  const pattern = `${protocol}//${hostname}/*`;
  await allowInBrowserSettings(ext, pattern);
  await guard.getByRole('radio', { name: words.chosenSites }).check();
  await guard.getByLabel(words.siteInput).fill(origin);
  await guard.getByRole('button', { name: words.add }).click();
  await guard.getByRole('list', { name: words.list }).getByRole('listitem').filter({ hasText: `${protocol}//${hostname}` }).waitFor();
  await waitForGuard(ext.worker, [pattern]);
}

/** A page of the paste site, and a way to paste into it. */
async function openChat(ext: ExtensionBrowser, site: PasteSite): Promise<{ page: Page; chat: PastePage }> {
  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/chat`);
  return { page, chat: new PastePage(playwrightDriver(page), (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text)) };
}

/** English words found in `text`, as whole words. */
const englishIn = (text: string) => ENGLISH.filter((words) => new RegExp(`\\b${words}\\b`).test(text));

async function fullScreenshot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-full.png`), fullPage: true });
}

describe('in a German browser', () => {
  let ext: ExtensionBrowser;
  let site: PasteSite;

  beforeAll(async () => {
    [ext, site] = await Promise.all([launchWithExtension({ lang: 'de' }), startPasteSite()]);
    await new ExtensionWorker(ext).storeSettings({ server: server.url, readReceipts: false });
  });
  afterAll(async () => {
    await ext?.close();
    await site?.stop();
  });

  it('the options page speaks German, and turns the guard on for a site in German', async () => {
    const page = await openOptions(ext);
    expect(await documentLanguage(page)).toEqual({ lang: 'de', dir: 'ltr', direction: 'ltr', title: 'Burnlink-Optionen' });
    expect(await headings(page)).toEqual(['Optionen', 'Notizserver', 'Neue Links', 'Gesendete Links', 'Ihre Sicherheitsphrase',
      'Mit Anleitung kopieren', 'Link-Erkennung', 'Geheimnisschutz', 'Einmal-Links aus einer Einfügung', 'Tastenkürzel']);
    expect(await page.getByLabel('Serveradresse').inputValue()).toBe(server.url);
    // Counts and durations in German words, through the catalogue's plurals and Intl.
    expect(await page.locator('#defaultReads option').allTextContents()).toEqual(expect.arrayContaining(['Einmal', '2-mal', '3-mal']));
    expect(await page.locator('#clipboardClearSeconds option').allTextContents()).toEqual(['Nie', '1 Minute', '5 Minuten']);
    expect(await page.locator('#guard-reads option').first().textContent()).toBe('Standard (einmal)');

    await guardSite(ext, page, site.origin, GERMAN);
    const { protocol, hostname } = new URL(site.origin);
    await page.getByRole('button', { name: `${protocol}//${hostname} entfernen` }).waitFor();

    // The security phrase's section: its warning in bold, the phrase itself where the tests find it.
    const phrase = page.locator('.security-phrase');
    expect(await phrase.locator('strong').first().textContent()).toContain('ist nicht Burnlink');
    expect(await phrase.getByTestId('security-phrase').textContent()).not.toBe('');

    expect(englishIn(await page.locator('body').innerText())).toEqual([]);
    await fullScreenshot(page, 'options-languages-de');
    await page.close();
  });

  it('says in German why an address is refused, and what the saved server offers', async () => {
    const page = await openOptions(ext);
    const address = page.getByLabel('Serveradresse');
    await address.fill('http://burnlink.example.com');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    expect(await page.locator('#server-error').textContent()).toBe('Nicht gespeichert: Verwenden Sie https:// für einen Notizserver auf '
      + 'einem anderen Computer: Über einfaches http könnte jeder im Netzwerk lesen oder verändern, was er sendet. '
      + 'Einfaches http ist nur für einen Server auf diesem Computer (localhost).');
    await address.fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => page.locator('#server-error').textContent(), { timeout: 15_000 })
      .toBe('Nicht gespeichert: http://127.0.0.1:9 ist nicht erreichbar. Prüfen Sie die Adresse und ob der Notizserver auf diesem Computer läuft.');
    await screenshot(page, 'options-languages-server-error-de');

    await address.fill(server.url);
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect.poll(() => page.locator('.notice.ok').first().textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^Gespeichert\\. ${new URL(server.url).host.replace(/\./g, '\\.')} ist ein Burnlink-Notizserver: Geheimnisse bis `));
    expect(englishIn(await page.locator('form.card').first().innerText())).toEqual([]);
    await page.close();
  });

  it('the guard prompt on a guarded site speaks German, and its German button makes the link', async () => {
    const { page, chat } = await openChat(ext, site);
    const token = githubStyle(seeded(49), 'ghp_');
    const text = `Der Schlüssel für Staging: ${token}`;
    await chat.paste('#composer', text);

    const prompt = await GuardPrompt.waitFor(page);
    const words = await prompt.text();
    expect(words).toContain('Burnlink hat diese Einfügung zurückgehalten');
    expect(words).toContain('Diese Einfügung enthält ein Geheimnis: GitHub Personal Access Token. Die Seite hat sie nicht gesehen.');
    expect(words).toContain('Als Einmal-Link einfügen');
    expect(words).toContain('Trotzdem einfügen');
    expect(words).toContain(`Nie auf ${new URL(site.origin).hostname}`);
    expect(words).toContain('Passphrase hinzufügen …');
    // What the link will be, asked of the background, in its words too.
    await expect.poll(async () => prompt.text(), { timeout: 10_000 }).toMatch(/Er kann einmal gelesen werden\. Gültig für [^(]+ \(bis [^)]+\)\./);
    expect(englishIn(words)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).not.toBe('de'); // the page's own language is untouched
    await screenshot(page, 'options-languages-guard-prompt-de');

    await prompt.click('Als Einmal-Link einfügen');
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer'), { timeout: 15_000 }).toMatch(LINK);
    const link = LINK.exec(await chat.text('#composer'))![0];
    const parsed = parseLink(link);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const revealed = await revealNote(createApi({ server: server.url }), parsed.value);
    expect(revealed.ok && revealed.value.secret).toBe(token);
    await page.close();
  });

  it('a paste with several secrets is counted with the German plural', async () => {
    const { page, chat } = await openChat(ext, site);
    await chat.paste('#composer', `aws_access_key_id = AKIA2OGYBAH6STMMNXNQ\naws_secret_access_key = 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`);
    const prompt = await GuardPrompt.waitFor(page);
    expect(await prompt.text()).toContain('Diese Einfügung enthält 2 Geheimnisse: AWS-Zugriffsschlüssel-ID und Geheimer AWS-Zugriffsschlüssel.');
    await prompt.click('Trotzdem einfügen');
    await prompt.waitUntilClosed();
    await page.close();
  });
});

describe('in an Arabic browser', () => {
  let ext: ExtensionBrowser;
  let site: PasteSite;

  beforeAll(async () => {
    [ext, site] = await Promise.all([launchWithExtension({ lang: 'ar' }), startPasteSite()]);
    await new ExtensionWorker(ext).storeSettings({ server: server.url, readReceipts: false });
  });
  afterAll(async () => {
    await ext?.close();
    await site?.stop();
  });

  it('the options page speaks Arabic, right to left', async () => {
    const page = await openOptions(ext);
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl', direction: 'rtl', title: 'خيارات Burnlink' });
    expect(await headings(page)).toEqual(['الخيارات', 'خادم الملاحظات', 'الروابط الجديدة', 'الروابط المرسلة', 'عبارة الأمان الخاصة بك',
      'النسخ مع التعليمات', 'اكتشاف الروابط', 'حارس الأسرار', 'الروابط ذات الاستخدام الواحد المصنوعة من اللصق', 'اختصارات لوحة المفاتيح']);
    // Arabic plurals: one, two, then "few" (3 to 10).
    expect(await page.locator('#defaultReads option').allTextContents()).toEqual(expect.arrayContaining(['مرة واحدة', 'مرتين']));
    expect(await page.locator('.guard-settings').getByRole('radio', { name: 'على المواقع التي أختارها فقط' }).count()).toBe(1);
    // Laid out right to left: the Save button's row starts at the right edge of the card.
    const card = await page.locator('form.card').first().boundingBox();
    const save = await page.getByRole('button', { name: 'حفظ', exact: true }).boundingBox();
    expect(card && save && card.x + card.width - (save.x + save.width)).toBeLessThan(save!.x - card!.x);

    expect(englishIn(await page.locator('body').innerText())).toEqual([]);
    await fullScreenshot(page, 'options-languages-ar');
    await page.close();
  });

  it('the guard prompt speaks Arabic, right to left, on an English page', async () => {
    const options = await openOptions(ext);
    await guardSite(ext, options, site.origin, ARABIC);
    await options.close();

    const { page, chat } = await openChat(ext, site);
    await chat.paste('#composer', `password = ${'Tr0ub4dor&3x-9Qz'}`);
    const prompt = await GuardPrompt.waitFor(page);
    const words = await prompt.text();
    expect(words).toContain('حجز Burnlink هذا اللصق');
    expect(words).toContain('لم تره الصفحة.');
    expect(words).toContain('الصق على أي حال');
    // The glimpse of a password says its length in Arabic (16 is "many": حرفًا).
    expect(words).toMatch(/Tr… \(١٦ حرفًا\)|Tr… \(16 حرفًا\)/);
    expect(englishIn(words)).toEqual([]);
    await screenshot(page, 'options-languages-guard-prompt-ar');
    await prompt.click('الصق على أي حال');
    await prompt.waitUntilClosed();
    await expect.poll(() => chat.text('#composer')).toBe('password = Tr0ub4dor&3x-9Qz');
    await page.close();
  });
});
