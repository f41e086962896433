// What the extension says outside its pages, in the browser's language: the context menu's items,
// the notifications (a share, a read receipt, an answered request), the in-page confirmation and
// the toolbar button's tooltip. Each is checked against the catalogue's own words, so a message
// left in English, a missing placeholder or a wrong plural form fails here.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { badgeTitle } from '../../utils/badge';
import { registerContextMenus, MENU_ITEMS } from '../../utils/context-menus';
import { readCatalogue } from '../../utils/i18n/catalogues';
import type { Language } from '../../utils/i18n/languages';
import { catalogueTranslator, type Translator } from '../../utils/i18n/translate';
import { requestNotice } from '../../utils/request/receipts';
import type { RequestEntry } from '../../utils/request/entry';
import type { SentNote } from '../../utils/sent/entry';
import { receiptNotice } from '../../utils/sent/receipts';
import { confirmationWords } from '../../utils/share/page-confirmation';
import { failureText, selectionLabel, shareNotice, type SelectionShare } from '../../utils/share/share-selection';
import { browserLanguage } from './browser-language';

const speak = (language: Language): Translator => catalogueTranslator(language, readCatalogue(language));
const NOW = Date.UTC(2026, 10, 27, 10, 42);

function copied(maxReads: number, clearsInSeconds?: number): SelectionShare {
  return { ok: true, value: { link: 'l', server: 's', id: 'i', expiresIn: 86_400, expiresAt: 0, maxReads, copied: { ok: true, clearsInSeconds } } };
}

describe('the context menu', () => {
  beforeEach(() => fakeBrowser.reset());

  it('creates its items with the titles of the browser\'s language, and renames them after a restart', async () => {
    browserLanguage('de');
    const created: Record<string, string> = {};
    const updated: Record<string, string> = {};
    Object.assign(fakeBrowser, {
      contextMenus: {
        removeAll: async () => undefined,
        create: ({ id, title }: { id: string; title: string }) => { created[id] = title; },
        update: async (id: string, { title }: { title: string }) => { updated[id] = title; },
        onClicked: { addListener: () => undefined },
      },
    });
    registerContextMenus({ 'share-selection': () => undefined, 'share-with-options': () => undefined, 'reveal-safely': () => undefined, 'scan-page': () => undefined });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    const german = {
      'share-selection': 'Als Einmal-Link teilen',
      'share-with-options': 'Mit Optionen teilen…',
      'reveal-safely': 'Sicher aufdecken',
      'scan-page': 'Diese Seite nach offengelegten Geheimnissen durchsuchen',
    };
    expect(created).toEqual(german);
    expect(Object.keys(created)).toEqual(Object.keys(MENU_ITEMS));
    await fakeBrowser.runtime.onStartup.trigger();
    expect(updated).toEqual(german);
  });
});

describe('the share notification', () => {
  it.each([
    ['de', 1, 'Fügen Sie ihn für die empfangende Person ein. Er kann einmal gelesen werden und läuft in 24 Stunden ab.'],
    ['ru', 3, 'Вставьте её для получателя. Её можно прочитать 3 раза, срок действия истекает через 24 часа.'],
    ['ru', 5, 'Вставьте её для получателя. Её можно прочитать 5 раз, срок действия истекает через 24 часа.'],
    ['ar', 2, 'الصقه للمستلم. يمكن قراءته مرتين، وتنتهي صلاحيته بعد 24 ساعة.'],
  ] as const)('in %s, for %i read(s), says how often and for how long in that language', (language, reads, message) => {
    const notice = shareNotice(copied(reads), speak(language));
    expect(notice.message).toBe(message);
    expect(notice.title).toBe(readCatalogue(language)['notify.copied.title']);
  });

  it('adds when the clipboard is cleared, joined as the language joins sentences', () => {
    expect(shareNotice(copied(1, 60), speak('de')).message).toMatch(/ab\. Die Zwischenablage wird in 1 Minute geleert\.$/);
    expect(shareNotice(copied(1, 60), speak('ja')).message).toMatch(/なります。クリップボードは1 分後に消去されます。$/);
  });

  it.each([
    [{ code: 'no_access', message: 'English' }, 'Burnlink kann diese Seite nicht lesen'],
    [{ code: 'empty', message: 'English' }, 'wählen Sie dann erneut „Als Einmal-Link teilen“.'],
    [{ code: 'unreachable', message: 'English', server: 'https://notes.example.com/' }, 'Der Notizserver unter notes.example.com ist nicht erreichbar.'],
    [{ code: 'unauthorized', message: 'English' }, 'Erstellungstoken'],
    [{ code: 'no_tab', message: 'English' }, 'Burnlink kann die Auswahl hier nicht lesen.'],
  ])('words a failure (%j) in the browser\'s language', (failure, words) => {
    const notice = shareNotice({ ok: false, error: failure }, speak('de'));
    expect(notice.title).toBe('Einmal-Link konnte nicht erstellt werden');
    expect(notice.message).toContain(words);
    expect(notice.message).not.toContain('English');
  });

  it('falls back to the English sentence for a failure it has no words for', () => {
    expect(failureText(speak('de'), { code: 'gone', message: 'The server said no.' })).toBe('The server said no.');
  });

  it('labels the link in Sent with the page\'s host in the browser\'s language', () => {
    expect(selectionLabel('https://wiki.example/page', speak('fr'))).toBe('Sélection sur wiki.example');
  });
});

describe('read receipts and answers', () => {
  const sent: SentNote = {
    server: 'https://notes.example.com', id: 'n1', manageToken: 't', label: 'staging DB', createdAt: NOW - 3_600_000,
    expiresAt: NOW + 3_600_000, maxReads: 3, state: 'pending', reads: 2, readAt: NOW - 60_000, checkedAt: NOW,
  };

  it('names a read link by its label, with the time and the reads, in German', () => {
    const time = new Intl.DateTimeFormat('de', { hour: '2-digit', minute: '2-digit' }).format(NOW - 60_000);
    expect(receiptNotice({ entry: sent, kind: 'read' }, NOW, speak('de'))).toEqual({
      title: 'Link gelesen',
      message: `Ihr Link „staging DB“ wurde um ${time} gelesen (2 von 3 Lesevorgängen).`,
    });
  });

  it('names an unlabelled link by when it was made, and says a destroyed one was never read, in Russian', () => {
    const notice = receiptNotice({ entry: { ...sent, label: '' }, kind: 'destroyed' }, NOW, speak('ru'));
    expect(notice.title).toBe('Ссылка уничтожена');
    expect(notice.message).toMatch(/^Ваша ссылка \(создана .+\) уничтожена после слишком многих неверных кодовых фраз\. Её никто не прочитал\.$/);
  });

  const request: RequestEntry = {
    server: 'https://notes.example.com', id: 'r1', fetchToken: 't', note: 'VPN password\nfor the new laptop', createdAt: NOW - 3_600_000,
    expiresAt: NOW + 3_600_000, state: 'answered', answeredAt: null, readAt: null, checkedAt: NOW,
  };

  it('tells of an answer in the browser\'s language, keeping the warning to check who sent it', () => {
    expect(requestNotice({ entry: request, kind: 'answered' }, NOW, speak('es'))).toEqual({
      title: 'Respuesta recibida',
      message: 'Alguien ha respondido a «VPN password». Abre Burnlink para mostrar la respuesta y confirma con la persona a la que se lo pediste que viene de ella.',
    });
  });

  it('tells of a request that ended unanswered, named by when it was made when it has no note', () => {
    const notice = requestNotice({ entry: { ...request, note: '', state: 'expired' }, kind: 'expired' }, NOW, speak('ja'));
    expect(notice.title).toBe('リクエストが終了しました');
    expect(notice.message).toMatch(/^リクエスト「.+ のリクエスト」は回答がないまま期限切れになりました。$/);
  });
});

describe('the toolbar button\'s tooltip', () => {
  it.each([
    ['en', { links: 2, answers: 1 }, 'Burnlink: 2 links waiting to be read and 1 answer to reveal'],
    ['de', { links: 1, answers: 0 }, 'Burnlink: 1 Link wartet darauf, gelesen zu werden'],
    ['ar', { links: 0, answers: 2 }, 'Burnlink: ردّان بانتظار الكشف'],
    ['ru', { links: 5, answers: 0 }, 'Burnlink: 5 ссылок ждут прочтения'],
  ] as const)('in %s, says what %j counts', (language, counts, title) => {
    expect(badgeTitle(counts, true, speak(language))).toBe(title);
  });

  it('is only the name while nothing is counted, or the badge is off', () => {
    expect(badgeTitle({ links: 0, answers: 0 }, true, speak('de'))).toBe('Burnlink');
    expect(badgeTitle({ links: 3, answers: 1 }, false, speak('de'))).toBe('Burnlink');
  });
});

describe('the in-page confirmation', () => {
  it('carries its words and direction into the page, already translated', () => {
    expect(confirmationWords({ title: 'نُسخ الرابط ذو الاستخدام الواحد', message: 'm' }, speak('ar'))).toEqual({
      heading: 'Burnlink: نُسخ الرابط ذو الاستخدام الواحد', message: 'm', close: 'إغلاق', lang: 'ar', dir: 'rtl',
    });
  });
});
