// Burnlink in the visitor's language: the note server's pages follow the browser's language and
// have a switch (remembered, right-to-left for Arabic); the extension follows the browser's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestApi } from '../../utils/core/request/api';
import { askForSecret } from '../../utils/core/request/flow';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot } from './fixtures';
import { shareNote } from './notes';
import { AnswerPage } from './pages/AnswerPage';
import { playwrightDriver } from './pages/driver';
import { LanguageSwitch } from './pages/LanguageSwitch';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';

let server: RunningServer;

beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

describe('note server pages', () => {
  let browser: Awaited<ReturnType<typeof launchPlain>>;
  beforeAll(async () => { browser = await launchPlain({ locale: 'de-DE' }); });
  afterAll(async () => { await browser?.close(); });

  it('speak the browser language, switch without losing a revealed secret, and remember the choice', async () => {
    const { link } = await shareNote(server.url, 'switch-proof secret');
    const page = new RecipientPage(await browser.context.newPage(), 'Zum Aufdecken gedrückt halten');
    const language = new LanguageSwitch(page.page);
    await page.open(link);
    await page.settledHeading();
    expect(await language.document()).toEqual({ lang: 'de', dir: 'ltr' });
    expect(await page.page.locator('label[for="language"]').textContent()).toBe('Sprache');
    expect(await page.reveal()).toBe('switch-proof secret');

    await language.choose('ar');
    expect(await language.document()).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.page.locator('label[for="language"]').textContent()).toBe('اللغة');
    // The switch re-renders the words only: the secret stays on screen, the note is not re-read.
    expect(await page.secret.textContent()).toBe('switch-proof secret');
    await screenshot(page.page, 'languages-recipient-ar');

    await page.page.reload();
    await page.page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await language.document()).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await language.select.inputValue()).toBe('ar');
    await page.page.close();
  });
});

describe('answer page', () => {
  it.each([
    ['ru-RU', 'ru', 'ltr', 'Вас просят передать секрет', 'Ответ отправлен'],
    ['ar-EG', 'ar', 'rtl', 'شخص ما يطلب منك سرًّا', 'أُرسل الرد'],
  ])('in a %s browser: asks, warns and confirms in %s', async (locale, lang, dir, heading, sent) => {
    const asked = await askForSecret(createRequestApi({ server: server.url }), { note: 'مرحبا — staging DB, please', expiresIn: 3600 });
    if (!asked.ok) throw new Error(asked.error.message);
    const browser = await launchPlain({ locale });
    try {
      const page = await browser.context.newPage();
      const answer = new AnswerPage(playwrightDriver(page));
      await answer.open(asked.value.link);
      expect(await answer.settledHeading()).toBe(heading);
      expect(await new LanguageSwitch(page).document()).toEqual({ lang, dir });
      // The requester's own words keep their direction whatever the page's.
      expect(await page.locator('#request-note').getAttribute('dir')).toBe('auto');
      await screenshot(page, `languages-answer-${lang}`);
      expect(await answer.answer('s3cret')).toBe(sent);
    } finally {
      await browser.close();
    }
  });
});

describe('extension', () => {
  it.each([
    ['ja', 'ltr', 'ワンタイムリンクのパスフレーズ', 'パスフレーズ付きのリンクを作成'],
    ['ar', 'rtl', 'عبارة المرور للرابط ذي الاستخدام الواحد', 'إنشاء رابط بعبارة مرور'],
  ])('in a %s browser: its pages are in that language and direction', async (lang, dir, label, button) => {
    const extension = await launchWithExtension({ lang });
    try {
      const page = await extension.openExtensionPage('guard-passphrase.html');
      await page.getByLabel(label).waitFor();
      await page.getByRole('button', { name: button }).waitFor();
      expect(await new LanguageSwitch(page).document()).toEqual({ lang, dir });
      await screenshot(page, `languages-guard-passphrase-${lang}`);
    } finally {
      await extension.close();
    }
  });
});

describe('popup', () => {
  it('in an Arabic browser: lays out right to left, and the arrow keys follow the tabs as drawn', async () => {
    const extension = await launchWithExtension({ lang: 'ar' });
    try {
      const popup = await Popup.open(extension);
      expect(await new LanguageSwitch(popup.page).document()).toEqual({ lang: 'ar', dir: 'rtl' });
      await screenshot(popup.page, 'languages-popup-ar');
      // Right to left the second tab is drawn left of the first: ArrowLeft moves to it.
      const tabs = await popup.page.locator('[role="tab"]').evaluateAll((all) => all.map((tab) => tab.id));
      await popup.page.locator(`#${tabs[0]}`).focus();
      await popup.page.keyboard.press('ArrowLeft');
      await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe(tabs[1]);
      await popup.page.keyboard.press('ArrowRight');
      await expect.poll(() => popup.page.evaluate(() => document.activeElement?.id)).toBe(tabs[0]);
    } finally {
      await extension.close();
    }
  });

  it('in a German browser: says so to the page', async () => {
    const extension = await launchWithExtension({ lang: 'de' });
    try {
      const popup = await Popup.open(extension);
      expect(await new LanguageSwitch(popup.page).document()).toEqual({ lang: 'de', dir: 'ltr' });
      await screenshot(popup.page, 'languages-popup-de');
    } finally {
      await extension.close();
    }
  });
});
