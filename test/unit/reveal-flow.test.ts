import { describe, expect, it } from 'vitest';
import arabicCatalogue from '../../locales/ar.json';
import englishCatalogue from '../../locales/en.json';
import germanCatalogue from '../../locales/de.json';
import russianCatalogue from '../../locales/ru.json';
import { err, ok } from '../../utils/core/result';
import { catalogueTranslator } from '../../utils/i18n/translate';
import { afterCheck, afterReveal, canReveal, goneWhen, isLocked, outcomeTitle, say, stateLine, type Phase, type Ready } from '../../utils/reveal/flow';
import type { Precheck, ReaderError } from '../../utils/reveal/readers/types';

const english = catalogueTranslator('en', englishCatalogue);
const german = catalogueTranslator('de', germanCatalogue);
const russian = catalogueTranslator('ru', russianCatalogue);
const arabic = catalogueTranslator('ar', arabicCatalogue);

/** The heading a gone or failed phase shows in English; undefined for the other phases. */
const titleOf = (phase: Phase) => (phase.name === 'gone' || phase.name === 'failed' ? outcomeTitle(english, phase) : undefined);

const NOW = new Date(2026, 5, 1, 10, 0).getTime();
const CHECKED: Precheck = { checked: true, passwordNeeded: false, views: 1, message: 'there', expiresAt: NOW + 3_600_000 };
const fail = (error: ReaderError) => err(error);

describe('after the pre-check', () => {
  it('is ready, and the tool\'s answer about a password wins over the link\'s', () => {
    expect(afterCheck(ok({ ...CHECKED, passwordNeeded: true }), false)).toMatchObject({ name: 'ready', passwordNeeded: true });
    expect(afterCheck(ok({ ...CHECKED, passwordNeeded: undefined }), true)).toMatchObject({ name: 'ready', passwordNeeded: true });
    expect(afterCheck(ok({ checked: false, message: 'no check' }), undefined)).toMatchObject({ name: 'ready', passwordNeeded: false });
  });

  it('carries a lock and the tries left from the check', () => {
    const phase = afterCheck(ok({ ...CHECKED, passwordNeeded: true, attemptsLeft: 12, lockedUntil: NOW + 60_000 }), true);
    expect(phase).toMatchObject({ name: 'ready', attemptsLeft: 12, lockedUntil: NOW + 60_000 });
    expect(isLocked(phase as Ready, NOW)).toBe(true);
    expect(isLocked(phase as Ready, NOW + 60_001)).toBe(false);
  });

  it.each([
    [{ code: 'gone', message: 'read', gone: { state: 'read', at: NOW - 60_000 } } as ReaderError, { name: 'gone' }, 'Already read'],
    [{ code: 'gone', message: 'nothing there' } as ReaderError, { name: 'gone', gone: { state: 'unknown' } }, 'Not available'],
    [{ code: 'unreachable', message: 'offline' } as ReaderError, { name: 'unreachable', retry: 'check', message: { text: 'offline' } }, undefined],
    [{ code: 'damaged', message: 'bad' } as ReaderError, { name: 'failed' }, 'This secret is damaged'],
    [{ code: 'denied', message: 'sign in', site: 'https://x' } as ReaderError, { name: 'failed', site: 'https://x' }, 'Open this on its own site'],
    [{ code: 'bad_response', message: 'odd.' } as ReaderError, { name: 'ready', problem: { text: 'odd.' }, mayStillTry: true }, undefined],
  ])('maps %j', (error, expected, title) => {
    const phase = afterCheck(fail(error), undefined);
    expect(phase).toMatchObject(expected);
    expect(titleOf(phase)).toBe(title);
  });

  it('keeps a reader\'s key, so its sentence is drawn in the person\'s language', () => {
    const phase = afterCheck(fail({ code: 'gone', message: 'English', words: { key: 'gone.message.read' }, gone: { state: 'read', at: null } }), undefined);
    if (phase.name !== 'gone') throw new Error(phase.name);
    expect(say(english, phase.message)).toBe('This note was already read. It could be read only once: ask the sender for a new link.');
    expect(say(german, phase.message)).toBe(germanCatalogue['gone.message.read']);
    expect(outcomeTitle(german, phase)).toBe(germanCatalogue['gone.title.read']);
    // Without a key, the reader's own sentence.
    expect(say(german, { text: 'PrivateBin says no.' })).toBe('PrivateBin says no.');
  });
});

describe('after a reveal', () => {
  const ready: Ready = { name: 'ready', check: CHECKED, passwordNeeded: true, attemptsLeft: 19 };

  it('shows what was revealed', () => {
    expect(afterReveal(ok({ text: 's', format: 'text', files: [], notes: [] }), ready)).toMatchObject({ name: 'revealed' });
  });

  it('keeps the form for another try after a wrong password, with the new count and lock', () => {
    const phase = afterReveal(fail({ code: 'wrong_password', message: 'Wrong.', attemptsLeft: 16, lockedUntil: NOW + 120_000 }), ready);
    expect(phase).toEqual({ name: 'ready', check: CHECKED, passwordNeeded: true, problem: { text: 'Wrong.' }, attemptsLeft: 16, lockedUntil: NOW + 120_000 });
  });

  it('drops a lock the tool says is over, and keeps the count it did not send', () => {
    const locked: Ready = { ...ready, lockedUntil: NOW + 1000 };
    expect(afterReveal(fail({ code: 'wrong_password', message: 'Wrong.', lockedUntil: null }), locked))
      .toEqual({ name: 'ready', check: CHECKED, passwordNeeded: true, problem: { text: 'Wrong.' }, attemptsLeft: 19 });
  });

  it('asks for a password the link did not announce', () => {
    expect(afterReveal(fail({ code: 'password_needed', message: 'Needs one.' }), { name: 'ready', passwordNeeded: false }))
      .toEqual({ name: 'ready', passwordNeeded: true, problem: { text: 'Needs one.' } });
  });

  it('offers to try again when the server did not answer, from the same form', () => {
    expect(afterReveal(fail({ code: 'unreachable', message: 'offline' }), ready)).toEqual({ name: 'unreachable', message: { text: 'offline' }, retry: 'reveal', ready });
  });

  it('says destroyed when the last try destroyed it', () => {
    const phase = afterReveal(fail({ code: 'gone', message: 'Destroyed.', gone: { state: 'destroyed', at: null } }), ready);
    expect(phase).toMatchObject({ name: 'gone', gone: { state: 'destroyed' } });
    expect(titleOf(phase)).toBe('Destroyed');
  });
});

describe('wording', () => {
  it('lets Reveal be pressed only with a password where one is needed, and never while locked', () => {
    const ready: Ready = { name: 'ready', passwordNeeded: true };
    expect(canReveal(ready, '', NOW)).toBe(false);
    expect(canReveal(ready, 'x', NOW)).toBe(true);
    expect(canReveal({ ...ready, lockedUntil: NOW + 1 }, 'x', NOW)).toBe(false);
    expect(canReveal({ name: 'ready', passwordNeeded: false }, '', NOW)).toBe(true);
  });

  it('says when it was read', () => {
    expect(goneWhen(english, { state: 'read', at: NOW - 30 * 60_000 }, NOW)).toMatch(/^Read at \d\d:\d\d( [AP]M)?\.$/);
    expect(goneWhen(english, { state: 'read' }, NOW)).toBe('');
    expect(goneWhen(english, { state: 'unknown', at: NOW }, NOW)).toBe('');
    const read: Phase = { name: 'gone', message: { text: '' }, gone: { state: 'read', at: NOW - 60_000 } };
    expect(stateLine(english, read, NOW)).toMatch(/^Already read at \d\d:\d\d( [AP]M)?$/);
    expect(stateLine(german, read, NOW)).toBe(`Bereits gelesen (${german.clockTime(NOW - 60_000, NOW)})`);
  });

  it.each([
    [{ name: 'checking' }, 'Checking… (this does not open it)'],
    [{ name: 'ready', check: CHECKED, passwordNeeded: false }, 'Waiting to be read, once · expires in 1 hour'],
    [{ name: 'ready', check: { ...CHECKED, views: 3 }, passwordNeeded: true }, 'Waiting to be read, 3 more times · expires in 1 hour · needs a passphrase'],
    [{ name: 'ready', check: { ...CHECKED, views: null, expiresAt: undefined }, passwordNeeded: false }, 'Waiting to be read'],
    [{ name: 'ready', check: { checked: false, message: '' }, passwordNeeded: false }, 'Not checked: this tool has no safe way to ask before opening'],
  ] as const)('states %j', (phase, line) => {
    expect(stateLine(english, phase, NOW)).toBe(line);
  });

  it('says password, not passphrase, for the other tools', () => {
    expect(stateLine(english, { name: 'ready', check: CHECKED, passwordNeeded: true }, NOW, 'password')).toBe('Waiting to be read, once · expires in 1 hour · needs a password');
  });

  it('states a lock with its end', () => {
    expect(stateLine(english, { name: 'ready', check: CHECKED, passwordNeeded: true, lockedUntil: NOW + 5 * 60_000 }, NOW)).toMatch(/needs a passphrase · locked until \d\d:\d\d( [AP]M)?$/);
  });

  it('states the reads left with each language\'s plural forms', () => {
    const reads = (views: number) => ({ name: 'ready', check: { ...CHECKED, views, expiresAt: undefined }, passwordNeeded: false }) as const;
    expect(stateLine(german, reads(3), NOW)).toBe('Wartet darauf, noch 3-mal gelesen zu werden');
    expect(stateLine(russian, reads(2), NOW)).toBe('Ждёт прочтения, ещё 2 раза');
    expect(stateLine(russian, reads(5), NOW)).toBe('Ждёт прочтения, ещё 5 раз');
    expect(stateLine(arabic, reads(2), NOW)).toBe('بانتظار القراءة، مرتين أخريين');
    expect(stateLine(german, { name: 'ready', check: CHECKED, passwordNeeded: true }, NOW)).toBe('Wartet darauf, einmal gelesen zu werden · läuft in 1 Stunde ab · braucht eine Passphrase');
  });
});
