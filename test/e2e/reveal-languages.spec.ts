// The recipient's reveal surfaces in the recipient's language: the genuine reveal UI opened from
// a detected link, in a German and in an Arabic (right-to-left) browser, and the note server's
// recipient page (press and hold) in a Russian browser. The words come from the catalogues; the
// secret itself is shown byte for byte, in its own direction (dir="auto"), whatever the page's.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteState, shareNote } from './notes';
import { anchor, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { allowInBrowserSettings, DetectionUi, waitForDetection } from './pages/DetectionOptions';
import { playwrightDriver } from './pages/driver';
import { LanguageSwitch } from './pages/LanguageSwitch';
import { RevealSurface } from './pages/RevealSurface';

let server: RunningServer;
let site: ChatSite;

beforeAll(async () => { [server, site] = await Promise.all([startServer(), startChatSite()]); });
afterAll(async () => {
  await site?.stop();
  await server?.stop();
});

/**
 * Detection on for the chat site, through the options page by its form's names and values (not
 * its words, which are another surface's and may be in any language).
 */
async function detectOn(ext: ExtensionBrowser, origin: string): Promise<void> {
  const { protocol, hostname } = new URL(origin);
  const pattern = `${protocol}//${hostname}/*`;
  await allowInBrowserSettings(ext, pattern);
  const page = await ext.openExtensionPage('options.html');
  const detection = new DetectionUi(playwrightDriver(page));
  await page.locator('.detection-settings').waitFor();
  await detection.choose('sites');
  await detection.addSite(origin);
  await detection.waitForSite(`${protocol}//${hostname}`);
  await waitForDetection(ext.worker, { matches: [pattern], origins: [pattern] });
  await page.close();
}

/** A chat room with one message holding `link`; clicks its launcher and waits for the genuine UI. */
async function openFromChat(ext: ExtensionBrowser, room: string, link: string): Promise<RevealSurface> {
  site.room(room, [{ author: 'Ann', html: `here: ${anchor(link)}` }]);
  const chat = new ChatPage(await ext.context.newPage());
  await chat.open(`${site.origin}/${room}`);
  await chat.waitForButtons(1);
  await chat.buttons.first().click();
  return RevealSurface.waitFor(ext);
}

/** The reveal page's <html lang dir>, and the secret's own direction. */
const directions = (surface: RevealSurface) => surface.evaluate(() => ({
  lang: document.documentElement.lang,
  dir: document.documentElement.dir,
  secret: document.querySelector('[data-testid="secret"]')?.getAttribute('dir') ?? null,
}));

/** Closes the surface with its own close button, named in the page's language. */
async function closeWith(surface: RevealSurface, label: string): Promise<void> {
  await surface.click(label);
  await surface.waitUntilClosed();
}

/** Waits for the revealed secret and returns its text exactly (every space and newline). */
async function revealedText(surface: RevealSurface): Promise<string> {
  await surface.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
  return surface.testId('secret');
}

describe('genuine reveal UI in a German browser', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchWithExtension({ lang: 'de' });
    await detectOn(ext, site.origin);
  });
  // A test's chat tab goes with it, as in the English suite: the next one starts from a clean window.
  afterEach(async () => {
    for (const page of ext.context.pages().slice(1)) await page.close();
  });
  afterAll(async () => { await ext?.close(); });

  it('says what it opens, with its state and button in German, and reveals the secret exactly', async () => {
    const secret = 'DATABASE_URL=postgres://app:s3cr3t@db/prod\n  eingerückt, Leerzeichen am Ende   \nÄÖÜß ✓ 🔑';
    const { link, note } = await shareNote(server.url, secret, { maxReads: 3 });
    const surface = await openFromChat(ext, 'de-plain', link);
    expect(await surface.settledHeading()).toBe('Jemand hat ein Geheimnis mit Ihnen geteilt');
    expect(await surface.evaluate(() => document.querySelector('.panel-header .close')?.getAttribute('aria-label'))).toBe('Schließen');
    // A plural: three reads, "noch 3-mal".
    expect(await surface.testId('state')).toMatch(/^Wartet darauf, noch 3-mal gelesen zu werden · läuft in (1 Stunde|60 Minuten) ab$/);
    const summary = await surface.text('.opening');
    expect(summary).toContain('Gefunden auf');
    expect(summary).toContain(`${new URL(site.origin).host}, neben dem Link, den Sie angeklickt haben`);
    expect(await surface.text('form > p')).toBe('Es kann noch 3-mal gelesen werden. Jedes Aufdecken zählt einmal.');
    expect(await surface.enabled('Geheimnis aufdecken')).toBe(true);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-languages-de-ready');

    await surface.click('Geheimnis aufdecken');
    expect(await revealedText(surface)).toBe(secret);
    expect(await directions(surface)).toEqual({ lang: 'de', dir: 'ltr', secret: 'auto' });
    expect(await surface.text('h1')).toBe('Ihr Geheimnis');
    // What the server said, as a German plural from the number (not the reader's English note).
    expect(await surface.text('.after-actions')).toBe('Noch 2 Lesevorgänge möglich, bevor die Notiz gelöscht wird.');
    expect(await surface.enabled('Kopieren')).toBe(true);
    await surface.screenshot('reveal-languages-de-revealed');
    await closeWith(surface, 'Schließen');
  });

  it('names the launcher beside a link in German, as the menu item of the same name', async () => {
    const { link } = await shareNote(server.url, 'nur die Beschriftung');
    site.room('de-launcher', [{ author: 'Ann', html: `hier: ${anchor(link)}` }]);
    const chat = new ChatPage(await ext.context.newPage());
    await chat.open(`${site.origin}/de-launcher`);
    await chat.waitForButtons(1);
    // The button lives in a closed shadow root: the browser's accessibility tree is where a person's
    // screen reader, and this test, read its name.
    const cdp = await ext.context.newCDPSession(chat.page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const buttons = nodes.filter((n) => n.role?.value === 'button').map((n) => String(n.name?.value ?? ''));
    expect(buttons).toContain('Sicher aufdecken');
    expect(buttons).not.toContain('Reveal safely');
    await screenshot(chat.page, 'reveal-languages-de-launcher');
  });

  it('asks for the passphrase in German; a wrong one is refused in German and burns nothing', async () => {
    const { link, note } = await shareNote(server.url, 'hinter einer Passphrase', { passphrase: 'richtig' });
    const surface = await openFromChat(ext, 'de-passphrase', link);
    await surface.settledHeading();
    expect(await surface.testId('state')).toMatch(/ · braucht eine Passphrase$/);
    expect(await surface.testId('phrase-guard')).toContain('Zum Öffnen einer Notiz fragt Burnlink nie innerhalb einer Webseite nach ihrer Passphrase');
    expect(await surface.evaluate(() => document.querySelector('label[for="passphrase"]')?.textContent)).toBe('Passphrase');
    expect(await surface.enabled('Geheimnis aufdecken')).toBe(false);
    await surface.screenshot('reveal-languages-de-passphrase');

    await surface.typePassphrase('falsch');
    await surface.click('Geheimnis aufdecken');
    await surface.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent === 'Falsche Passphrase. Es wurde nichts geöffnet.');
    expect(await surface.testId('attempts')).toMatch(/^noch \d+ Versuche$/);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-languages-de-wrong-passphrase');

    await surface.evaluate(() => { (document.getElementById('passphrase') as HTMLInputElement).select(); });
    await surface.type('richtig');
    await surface.click('Geheimnis aufdecken');
    expect(await revealedText(surface)).toBe('hinter einer Passphrase');
    expect(await surface.text('.after-actions')).toBe('Die Notiz wurde vom Server gelöscht: Dieser Link funktioniert nicht mehr.');
    await closeWith(surface, 'Schließen');
  });
});

describe('genuine reveal UI in an Arabic browser', () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchWithExtension({ lang: 'ar' });
    await detectOn(ext, site.origin);
  });
  // A test's chat tab goes with it, as in the English suite: the next one starts from a clean window.
  afterEach(async () => {
    for (const page of ext.context.pages().slice(1)) await page.close();
  });
  afterAll(async () => { await ext?.close(); });

  it('lays out right to left in Arabic, and shows a left-to-right secret in its own direction, exactly', async () => {
    const secret = 'كلمة السر: P@ss-w0rd!\n  second line (English)  \n١٢٣ 123';
    const { link, note } = await shareNote(server.url, secret);
    const surface = await openFromChat(ext, 'ar-plain', link);
    expect(await surface.settledHeading()).toBe('شاركك أحدهم سرًّا');
    expect(await surface.testId('state')).toMatch(/^بانتظار القراءة، مرة واحدة · تنتهي صلاحيته /);
    expect(await surface.evaluate(() => getComputedStyle(document.querySelector('.reveal') as Element).direction)).toBe('rtl');
    expect(await surface.enabled('كشف السرّ')).toBe(true);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('reveal-languages-ar-ready');

    await surface.click('كشف السرّ');
    expect(await revealedText(surface)).toBe(secret);
    expect(await directions(surface)).toEqual({ lang: 'ar', dir: 'rtl', secret: 'auto' });
    expect(await surface.text('h1')).toBe('سرّك');
    expect(await surface.text('.after-actions')).toBe('حُذفت الملاحظة من الخادم: لم يعد هذا الرابط يعمل.');
    expect(await noteState(server.url, note)).toBe('read');
    await surface.screenshot('reveal-languages-ar-revealed');
    await closeWith(surface, 'إغلاق');
  });
});

describe('recipient page in a Russian browser', () => {
  it('asks for press and hold in Russian, and reveals the secret exactly', async () => {
    const secret = 'токен: ghp_0123456789abcdef\n  с отступом   \n✓';
    const { link, note } = await shareNote(server.url, secret, { maxReads: 5 });
    const browser = await launchPlain({ locale: 'ru-RU' });
    try {
      const page = await browser.context.newPage();
      await page.goto(link);
      await page.getByRole('heading', { name: 'С вами поделились секретом' }).waitFor();
      expect(await new LanguageSwitch(page).document()).toEqual({ lang: 'ru', dir: 'ltr' });
      // Russian plural forms: 5 reads is "many" (раз), not "few" (раза).
      expect(await page.getByTestId('state').textContent()).toMatch(/^Ждёт прочтения, ещё 5 раз · истекает /);
      expect(await page.locator('.footer').first().textContent()).toBe('Расшифровано в вашем браузере. Сервер заметок хранит только шифротекст и никогда не видит ключ.');
      const hold = page.getByRole('button', { name: 'Удерживайте, чтобы открыть' });
      expect(await page.locator('#hold-help').textContent()).toBe('Нажмите и удерживайте кнопку (или пробел) секунду.');
      await screenshot(page, 'reveal-languages-ru-recipient-ready');

      // A plain click (what a link scanner does) opens nothing, and says how to hold, in Russian.
      await hold.click();
      await page.locator('#hold-help[role="status"]').waitFor();
      expect(await page.locator('#hold-help').textContent()).toMatch(/^Удерживайте кнопку \(мышью, касанием или пробелом\)/);
      expect(await page.locator('details.code-confirm summary').textContent()).toBe('Не получается удерживать?');
      expect(await noteState(server.url, note)).toBe('pending');

      const box = await hold.boundingBox();
      if (!box) throw new Error('the hold button is not visible');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      try {
        await page.getByTestId('secret').waitFor();
      } finally {
        await page.mouse.up();
      }
      expect(await page.getByTestId('secret').textContent()).toBe(secret);
      expect(await page.getByTestId('secret').getAttribute('dir')).toBe('auto');
      expect(await page.locator('.after-actions').textContent()).toBe('До удаления заметки осталось 4 прочтения.');
      await screenshot(page, 'reveal-languages-ru-recipient-revealed');
    } finally {
      await browser.close();
    }
  });
});
