// Options validation, the note defaults that follow from settings and server, and the storage items.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Health } from '../../utils/core/protocol';
import { err, ok } from '../../utils/core/result';
import { clipboardClearLabel, copiedSentence } from '../../utils/clipboard/wording';
import {
  fitToServer,
  updateSettings,
  validateSettings,
  type SettingsForm,
} from '../../utils/settings/form';
import { saveSettingsForm } from '../../utils/settings/save';
import type { ServerProblem } from '../../utils/settings/server-check';
import { savedText, serverOffers, settingsProblemText } from '../../utils/settings/wording';
import { noteDefaults } from '../../utils/share/note-defaults';
import { DEFAULT_SERVER, DEFAULT_SETTINGS, onboardedItem, settingsItem } from '../../utils/storage';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';

/** The English catalogue, with British dates as these tests expect. */
const english = catalogueTranslator('en-GB', readCatalogue('en'));

const health: Health = {
  service: 'burnlink', protocol: 1, ok: true, store: 'sqlite', maxNoteBytes: 512 * 1024,
  expiryChoices: [300, 3600, 86_400, 604_800], defaultExpiry: 86_400, maxReads: 10, createTokenRequired: false, webCreate: true,
};
const form: SettingsForm = {
  server: 'https://notes.example.com', createToken: '', defaultExpiry: 3600, defaultReads: 2, clipboardClearSeconds: 60,
};

describe('validateSettings', () => {
  it('accepts a valid form and trims the token', () => {
    expect(validateSettings({ ...form, createToken: '  tok3n  ' }, health)).toEqual({ ok: true, value: { ...form, createToken: 'tok3n' } });
  });

  it.each([
    ['a token with spaces inside', { createToken: 'two words' }, {}, 'createToken', 'cannot contain spaces'],
    ['no token where the server needs one', {}, { createTokenRequired: true }, 'createToken', 'only accepts notes with its create token'],
    ['an expiry the server does not offer', { defaultExpiry: 42 }, {}, 'defaultExpiry', 'expiry times this server offers'],
    ['zero reads', { defaultReads: 0 }, {}, 'defaultReads', 'from 1 to 10'],
    ['more reads than the server allows', { defaultReads: 4 }, { maxReads: 3 }, 'defaultReads', 'from 1 to 3'],
    ['fractional reads', { defaultReads: 1.5 }, {}, 'defaultReads', 'whole number'],
    ['a negative clipboard delay', { clipboardClearSeconds: -1 }, {}, 'clipboardClearSeconds', 'between 0 (never) and 3600'],
    ['a clipboard delay over an hour', { clipboardClearSeconds: 3601 }, {}, 'clipboardClearSeconds', 'between 0 (never) and 3600'],
  ])('refuses %s, naming the field', (_case, change, serverChange, field, message) => {
    const result = validateSettings({ ...form, ...change }, { ...health, ...serverChange });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    expect(settingsProblemText(english, result.error.problem)).toContain(message);
  });

  it.each([
    ['a token with spaces inside', { createToken: 'two words' }, {},
      'Токен создания не может содержать пробелов: вставьте его точно в том виде, в каком его дал администратор сервера.'],
    ['no token where the server needs one', {}, { createTokenRequired: true },
      'Этот сервер заметок принимает заметки только с его токеном создания. Попросите токен у администратора и вставьте его сюда.'],
    ['an expiry the server does not offer', { defaultExpiry: 42 }, {}, 'Выберите один из сроков действия, которые предлагает этот сервер.'],
    ['more reads than the server allows', { defaultReads: 4 }, { maxReads: 3 }, 'Число прочтений на этом сервере должно быть целым числом от 1 до 3.'],
    ['a clipboard delay over an hour', { clipboardClearSeconds: 3601 }, {},
      'Задержка очистки буфера обмена должна быть от 0 (никогда) до 3600 секунд.'],
  ])('says in Russian why it refuses %s', (_case, change, serverChange, message) => {
    const russian = catalogueTranslator('ru', readCatalogue('ru'));
    const result = validateSettings({ ...form, ...change }, { ...health, ...serverChange });
    expect(result.ok ? '' : settingsProblemText(russian, result.error.problem)).toBe(message);
  });
});

describe('noteDefaults', () => {
  it('keeps the user\'s defaults where the server allows them', () => {
    expect(noteDefaults({ defaultExpiry: 3600, defaultReads: 3 }, health)).toEqual({
      expiryChoices: health.expiryChoices, expiresIn: 3600, readsLimit: 10, maxReads: 3,
    });
  });

  it('falls back to the server\'s default expiry and caps reads', () => {
    expect(noteDefaults({ defaultExpiry: 7200, defaultReads: 9 }, { ...health, maxReads: 2 })).toMatchObject({
      expiresIn: 86_400, readsLimit: 2, maxReads: 2,
    });
  });

  it('offers only the user\'s defaults while the server has not answered', () => {
    expect(noteDefaults({ defaultExpiry: 3600, defaultReads: 2 })).toEqual({
      expiryChoices: [3600], expiresIn: 3600, readsLimit: 2, maxReads: 2,
    });
  });
});

describe('fitToServer', () => {
  it('changes nothing that fits', () => {
    expect(fitToServer(form, health)).toEqual({ form, adjusted: [] });
  });

  it('moves defaults a new server does not offer, and says so', () => {
    const fitted = fitToServer({ ...form, defaultExpiry: 7200, defaultReads: 5 }, { ...health, maxReads: 3 });
    expect(fitted.form).toMatchObject({ defaultExpiry: 86_400, defaultReads: 3 });
    expect(fitted.adjusted).toEqual([{ setting: 'defaultExpiry', value: 86_400 }, { setting: 'defaultReads', value: 3 }]);
    const saved = { form: { server: 'http://127.0.0.1:8787' }, health: { ...health, maxReads: 3 }, adjusted: fitted.adjusted };
    expect(savedText(english, saved)).toBe('Saved. 127.0.0.1:8787 is a Burnlink note server: secrets up to 512 kB, expiry 5 minutes to 7 days, '
      + 'up to 3 reads a note. Also, the default expiry is now 24 hours, this server\'s default and allowed reads are now 3, this server\'s maximum.');
    const german = catalogueTranslator('de', readCatalogue('de'));
    expect(savedText(german, saved)).toBe('Gespeichert. 127.0.0.1:8787 ist ein Burnlink-Notizserver: Geheimnisse bis 512 kB, Ablaufzeit 5 Minuten bis 7 Tage, '
      + 'höchstens 3 Abrufe pro Notiz. Außerdem: die Standard-Ablaufzeit ist jetzt 24 Stunden, die Vorgabe dieses Servers und die erlaubten Abrufe sind jetzt 3, das Maximum dieses Servers.');
  });
});

describe('wording', () => {
  it('describes a server, with one read said as one', () => {
    expect(serverOffers(english, 'http://127.0.0.1:8787', health)).toBe(
      '127.0.0.1:8787 is a Burnlink note server: secrets up to 512 kB, expiry 5 minutes to 7 days, up to 10 reads a note.');
    expect(serverOffers(english, 'https://notes.example.com', { ...health, maxReads: 1, expiryChoices: [3600] }))
      .toBe('notes.example.com is a Burnlink note server: secrets up to 512 kB, expiry 1 hour, up to 1 read a note.');
    const russian = catalogueTranslator('ru', readCatalogue('ru'));
    expect(serverOffers(russian, 'https://notes.example.com', health)).toBe(
      `notes.example.com — сервер заметок Burnlink: секреты до ${russian.bytes(512 * 1024)}, срок действия 5 минут — 7 дней, не больше 10 прочтений на заметку.`);
  });

  it.each([[0, 'Never'], [30, '30 seconds'], [60, '1 minute'], [300, '5 minutes']])('clipboard delay %i is "%s"', (seconds, label) => {
    expect(clipboardClearLabel(english, seconds)).toBe(label);
  });

  it.each([
    [{ ok: true, clearsInSeconds: 60 }, 'link', 'Link copied. The clipboard is cleared in 1 minute.'],
    [{ ok: true, clearsInSeconds: 300 }, 'secret', 'Secret copied. The clipboard is cleared in 5 minutes.'],
    [{ ok: true }, 'message', 'Message copied.'],
    [{ ok: false }, 'link', 'Could not copy the link: select it and copy it by hand.'],
  ] as const)('says a copy %o of a %s one way: %s', (copied, what, sentence) => {
    expect(copiedSentence(english, copied, what)).toBe(sentence);
  });
});

describe('storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('start at the defaults: the local server, not onboarded', async () => {
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    expect((await settingsItem.getValue()).server).toBe(DEFAULT_SERVER);
    expect(await onboardedItem.getValue()).toBe(false);
  });

  it('updateSettings keeps the settings it does not change', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, readReceipts: false, badge: false });
    const next = await updateSettings({ server: 'https://notes.example.com', defaultReads: 3 });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, readReceipts: false, badge: false, server: 'https://notes.example.com', defaultReads: 3 });
    expect(await settingsItem.getValue()).toEqual(next);
  });

  it('updateSettings started together keep both changes (two boxes ticked quickly)', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, readReceipts: false, badge: false });
    await Promise.all([updateSettings({ badge: true }), updateSettings({ readReceipts: true })]);
    expect(await settingsItem.getValue()).toMatchObject({ badge: true, readReceipts: true });
  });

  it('keeps the settings in local storage, where the rest of the extension reads them', async () => {
    await updateSettings({ clipboardClearSeconds: 0 });
    const raw = await fakeBrowser.storage.local.get('settings');
    expect(raw.settings).toMatchObject({ clipboardClearSeconds: 0 });
  });
});

describe('saveSettingsForm (the options and first-run pages\' save)', () => {
  beforeEach(() => fakeBrowser.reset());

  /** A server check that answers like `answer`, and records the addresses it was asked about. */
  function checkAnswering(answer: Health | ServerProblem) {
    const asked: string[] = [];
    const check = async (server: string) => {
      asked.push(server);
      return 'code' in answer ? err(answer) : ok({ server: 'https://notes.example.com', health: answer });
    };
    return { check, asked };
  }

  it('saves nothing when the server does not answer as a Burnlink server, and names the field', async () => {
    const unreachable = { code: 'unreachable', server: 'https://notes.example.com', local: false } as const;
    const { check, asked } = checkAnswering(unreachable);
    const saved = await saveSettingsForm({ ...form, server: ' notes.example.com/ ' }, check);
    expect(saved).toEqual({ ok: false, error: { field: 'server', problem: unreachable } });
    expect(saved.ok ? '' : settingsProblemText(english, saved.error.problem))
      .toBe('Could not reach https://notes.example.com. Check the address and your connection.');
    expect(asked).toEqual([' notes.example.com/ ']);
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves the checked address with the defaults fitted to the server, and says what changed', async () => {
    const saved = await saveSettingsForm({ ...form, defaultExpiry: 7200 }, checkAnswering(health).check);
    if (!saved.ok) throw new Error(saved.error.problem.code);
    expect(savedText(english, saved.value)).toBe(`Saved. ${serverOffers(english, 'https://notes.example.com', health)} Also, the default expiry is now 24 hours, this server's default.`);
    expect(await settingsItem.getValue()).toEqual({ ...DEFAULT_SETTINGS, ...form, defaultExpiry: 86_400 });
  });

  it('saves nothing when the form does not fit the server, and hands back what the server said', async () => {
    const needsToken = { ...health, createTokenRequired: true };
    const saved = await saveSettingsForm(form, checkAnswering(needsToken).check);
    expect(saved).toMatchObject({ ok: false, error: { field: 'createToken', health: needsToken, fitted: form } });
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
  });
});
