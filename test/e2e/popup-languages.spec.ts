// The sender's side in the sender's language: the toolbar popup in a German and an Arabic (right to
// left) browser makes a link, and its form, created view, Sent tab and errors speak that language;
// the note server's create page in a Russian browser makes a link that reveals exactly. Real
// Chromium with the built extension (whose _locales the browser picks), a real note server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot } from './fixtures';
import { CreatePage } from './pages/CreatePage';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { LanguageSwitch } from './pages/LanguageSwitch';
import { Popup } from './pages/Popup';

const MAX_NOTE_BYTES = 4096;

let server: RunningServer;

beforeAll(async () => { server = await startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } }); });
afterAll(async () => { await server?.stop(); });

/** What the recipient gets from `link`: the text and the files' names. */
async function reveal(link: string, passphrase?: string) {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const revealed = await revealNote(createApi({ server: parsed.value.server }), parsed.value, passphrase);
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value;
}

/** Words a page (or its part `within`) shows in Latin letters (3 or more), other than those `allowed`. */
async function latinWords(page: Popup['page'], allowed: string[], within = 'body'): Promise<string[]> {
  const text = await page.locator(within).first().innerText();
  return [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])].filter((word) => !allowed.includes(word));
}

/** Numbers with units as Intl words them in this browser, for the sentences that hold them. */
interface Units {
  /** "1 minute" */
  minute: string;
  /** "24 hours" */
  day: string;
  /** "0 bytes" */
  noBytes: string;
  /** "4.0 kB" */
  limit: string;
}

async function unitsIn(page: Popup['page'], lang: string): Promise<Units> {
  return page.evaluate((lang) => {
    const unit = (name: string, value: number, display: 'long' | 'short', digits = 0) => new Intl.NumberFormat(lang, {
      style: 'unit', unit: name, unitDisplay: display, minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(value);
    return { minute: unit('minute', 1, 'long'), day: unit('hour', 24, 'long'), noBytes: unit('byte', 0, 'long'), limit: unit('kilobyte', 4, 'short', 1) };
  }, lang);
}

/** English words of the popup that no translation uses: seen on a page in another language, they are left over. */
const ENGLISH = ['Secret', 'Expires', 'after', 'Can', 'read', 'Create', 'Attach', 'files', 'Generate', 'Label', 'only', 'you', 'see',
  'New', 'Request', 'Sent', 'Scan', 'this', 'page', 'exposed', 'secrets', 'Note', 'server', 'Copy', 'again', 'instructions',
  'clipboard', 'Clear', 'Waiting', 'expires', 'Revoke', 'Forget', 'created', 'the', 'and', 'Options', 'checking', 'waiting'];

/** Left-over English: for a language in Latin letters the words above, otherwise any word in Latin letters. */
async function leftovers(page: Popup['page'], lang: string, allowed: string[]): Promise<string[]> {
  const words = await latinWords(page, allowed);
  return lang === 'de' ? words.filter((word) => ENGLISH.includes(word)) : words;
}

/**
 * The words each language's popup must show: the sentences written here by hand, not read from
 * the catalogues; only the numbers with units come from Intl.
 */
const POPUPS = [
  {
    lang: 'de',
    dir: 'ltr',
    tabs: ['Neu', 'Anfrage', 'Gesendet'],
    secret: 'Geheimnis',
    expiry: 'Läuft ab nach',
    reads: 'Lesbar',
    twice: '2-mal',
    label: 'Bezeichnung (nur für Sie sichtbar)',
    create: 'Link erstellen',
    empty: 'Geben Sie das Geheimnis ein oder fügen Sie es ein, oder hängen Sie eine Datei an.',
    sizeEmpty: (u: Units) => `${u.noBytes} von ${u.limit}`,
    created: 'Link erstellt',
    copied: (u: Units) => `Link kopiert: Fügen Sie ihn für die empfangende Person ein. Die Zwischenablage wird in ${u.minute} geleert.`,
    readsLine: (u: Units) => `Er kann 2-mal gelesen werden. Gültig für ${u.day} (bis `,
    sentTab: 'Gesendet 1, 1 wartet',
    sentHeading: 'Gesendete Links',
    waiting: 'Wartet · läuft ab in 24 Std.',
    rowButtons: ['Link kopieren', 'Mit Anleitung kopieren', 'Widerrufen', 'Vergessen'],
  },
  {
    lang: 'ar',
    dir: 'rtl',
    tabs: ['جديد', 'طلب', 'المُرسَلة'],
    secret: 'السرّ',
    expiry: 'تنتهي صلاحيته بعد',
    reads: 'يمكن قراءته',
    twice: 'مرتين',
    label: 'التسمية (لا يراها غيرك)',
    create: 'إنشاء الرابط',
    empty: 'اكتب السرّ أو الصقه، أو أرفق ملفًا.',
    sizeEmpty: (u: Units) => `${u.noBytes} من ${u.limit}`,
    created: 'أُنشئ الرابط',
    copied: (u: Units) => `نُسخ الرابط: الصقه للمستلم. ستُمسح الحافظة بعد ${u.minute}.`,
    readsLine: (u: Units) => `يمكن قراءته مرتين. تنتهي صلاحيته بعد ${u.day} (`,
    sentTab: 'المُرسَلة 1، رابط واحد بانتظار القراءة',
    sentHeading: 'الروابط المُرسَلة',
    waiting: 'بانتظار القراءة · تنتهي صلاحيته بعد 24 س',
    rowButtons: ['نسخ الرابط', 'انسخ مع التعليمات', 'إلغاء', 'إزالة من القائمة'],
  },
] as const;

describe('the popup', () => {
  it.each(POPUPS)('in a $lang browser: makes a link, and the form, the created view and the Sent tab speak $lang', async (expected) => {
    const extension = await launchWithExtension({ lang: expected.lang });
    try {
      await new ExtensionWorker(extension).storeSettings({ server: server.url, clipboardClearSeconds: 60 });
      const popup = await Popup.open(extension);
      const { page } = popup;
      const units = await unitsIn(page, expected.lang);
      // The footer knows the server's limit once it answered.
      await page.locator('.popup-footer').filter({ hasText: `127.0.0.1:${server.port}` }).filter({ hasText: units.limit }).waitFor();
      expect(await new LanguageSwitch(page).document()).toEqual({ lang: expected.lang, dir: expected.dir });
      expect(await page.getByRole('tab').allTextContents()).toEqual(expected.tabs);

      // The form: labels, choices, size, and an error, all in the language.
      await page.getByLabel(expected.secret, { exact: true }).waitFor();
      expect(await page.locator('#secret-size').textContent()).toBe(expected.sizeEmpty(units));
      const durations = await page.evaluate((lang) => [[5, 'minute'], [1, 'hour'], [24, 'hour'], [7, 'day']]
        .map(([n, unit]) => new Intl.NumberFormat(lang, { style: 'unit', unit: String(unit), unitDisplay: 'long' }).format(Number(n))), expected.lang);
      expect(await page.getByLabel(expected.expiry).locator('option').allTextContents()).toEqual(durations);
      await page.getByRole('button', { name: expected.create }).click();
      expect(await page.getByRole('alert').textContent()).toBe(expected.empty);
      // The security phrase is the extension's own words, whatever the language.
      const phrase = (await page.getByTestId('security-phrase').textContent())?.match(/[A-Za-z]+/g) ?? [];
      expect(await leftovers(page, expected.lang, ['Burnlink', 'Ctrl', 'Enter', ...phrase])).toEqual([]);
      await screenshot(page, `popup-languages-form-${expected.lang}`);

      // A link made with a label, two reads and the default expiry.
      await page.getByLabel(expected.secret, { exact: true }).fill('db password: hunter2 ✓');
      await page.getByLabel(expected.reads).selectOption({ label: expected.twice });
      await page.getByLabel(expected.label).fill('staging DB');
      await page.getByRole('button', { name: expected.create }).click();
      await page.getByRole('heading', { name: expected.created }).waitFor();
      expect(await popup.copyStatus.textContent()).toBe(expected.copied(units));
      expect((await page.locator('.created p.small').first().textContent())?.startsWith(expected.readsLine(units))).toBe(true);
      const link = await popup.link();
      expect(await leftovers(page, expected.lang, ['Burnlink', 'QR'])).toEqual([]);
      await screenshot(page, `popup-languages-created-${expected.lang}`);

      // The Sent tab: the link waiting, its actions and the tab's count for screen readers.
      const sentTab = page.locator('#tab-sent');
      await expect.poll(() => sentTab.textContent()).toBe(expected.sentTab);
      await sentTab.click();
      await page.locator('.sent[aria-busy="false"]').waitFor();
      await page.getByRole('heading', { name: expected.sentHeading }).waitFor();
      const row = page.locator('.sent-item').filter({ has: page.getByRole('heading', { name: 'staging DB', exact: true }) });
      await expect.poll(() => row.locator('.sent-state').textContent()).toBe(expected.waiting);
      expect(await row.getByRole('button').allTextContents()).toEqual(expected.rowButtons);
      expect(await leftovers(page, expected.lang, ['Burnlink', 'staging'])).toEqual([]);
      await screenshot(page, `popup-languages-sent-${expected.lang}`);

      // The link works: the recipient reads exactly the text, and one read is left.
      expect((await reveal(link)).secret).toBe('db password: hunter2 ✓');
    } finally {
      await extension.close();
    }
  });
});

describe('the create page', () => {
  it('in a Russian browser: speaks Russian, makes a link with a passphrase, and the link reveals exactly', async () => {
    const plain = await launchPlain({ locale: 'ru-RU' });
    try {
      const page = await CreatePage.open(plain.context, server.url);
      expect(await new LanguageSwitch(page.page).document()).toEqual({ lang: 'ru', dir: 'ltr' });
      await page.page.getByRole('heading', { name: 'Создать одноразовую ссылку' }).waitFor();
      expect(await page.page.getByLabel('Срок действия').locator('option').allTextContents()).toEqual(['5 минут', '1 час', '24 часа', '7 дней']);
      // No label field here: the page keeps no list of links.
      expect(await page.page.locator('#label').count()).toBe(0);

      await page.page.getByLabel('Секрет', { exact: true }).fill('ключ: Tr0ub4dor&3\nвторая строка');
      await page.page.getByLabel(/^Кодовая фраза/).fill('violet-harbour');
      await page.page.getByLabel('Можно прочитать').selectOption({ label: '3 раза' });
      expect(await page.page.locator('#passphrase-reminder').textContent()).toMatch(/^Передайте кодовую фразу не тем же путём, что ссылку/);
      await screenshot(page.page, 'create-page-ru');
      await page.page.getByRole('button', { name: 'Создать ссылку' }).click();
      await page.page.getByRole('heading', { name: 'Ссылка создана' }).waitFor();
      expect(await page.form.copyStatus.textContent()).toBe('Ссылка скопирована: вставьте её для получателя. До очистки буфера обмена: 1 минута.');
      expect(await page.page.locator('.created p.small').first().textContent()).toMatch(/^Её можно прочитать 3 раза\. Срок действия: 24 часа \(до /);
      // The page's card: the form and the created view (the page's frame and language switch are not this page's).
      expect(await latinWords(page.page, ['Burnlink', 'QR', 'violet', 'harbour'], '.card')).toEqual([]);
      await screenshot(page.page, 'create-page-created-ru');

      const link = await page.form.link();
      const revealed = await reveal(link, 'violet-harbour');
      expect(revealed.secret).toBe('ключ: Tr0ub4dor&3\nвторая строка');
      expect(revealed.files).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
