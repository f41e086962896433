import { describe, expect, it } from 'vitest';
import { err, ok } from '../../utils/core/result';
import { afterCheck, afterReveal, canReveal, goneWhen, isLocked, stateLine, type Ready } from '../../utils/reveal/flow';
import type { Precheck, ReaderError } from '../../utils/reveal/readers/types';

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
    [{ code: 'gone', message: 'read', gone: { state: 'read', at: NOW - 60_000 } } as ReaderError, { name: 'gone', title: 'Already read' }],
    [{ code: 'gone', message: 'nothing there' } as ReaderError, { name: 'gone', title: 'Not available' }],
    [{ code: 'unreachable', message: 'offline' } as ReaderError, { name: 'unreachable', retry: 'check' }],
    [{ code: 'damaged', message: 'bad' } as ReaderError, { name: 'failed', title: 'This secret is damaged' }],
    [{ code: 'denied', message: 'sign in', site: 'https://x' } as ReaderError, { name: 'failed', site: 'https://x' }],
    [{ code: 'bad_response', message: 'odd.' } as ReaderError, { name: 'ready', problem: 'odd. You can still try to reveal it.' }],
  ])('maps %j', (error, expected) => {
    expect(afterCheck(fail(error), undefined)).toMatchObject(expected);
  });
});

describe('after a reveal', () => {
  const ready: Ready = { name: 'ready', check: CHECKED, passwordNeeded: true, attemptsLeft: 19 };

  it('shows what was revealed', () => {
    expect(afterReveal(ok({ text: 's', format: 'text', files: [], notes: [] }), ready)).toMatchObject({ name: 'revealed' });
  });

  it('keeps the form for another try after a wrong password, with the new count and lock', () => {
    const phase = afterReveal(fail({ code: 'wrong_password', message: 'Wrong.', attemptsLeft: 16, lockedUntil: NOW + 120_000 }), ready);
    expect(phase).toEqual({ name: 'ready', check: CHECKED, passwordNeeded: true, problem: 'Wrong.', attemptsLeft: 16, lockedUntil: NOW + 120_000 });
  });

  it('drops a lock the tool says is over, and keeps the count it did not send', () => {
    const locked: Ready = { ...ready, lockedUntil: NOW + 1000 };
    expect(afterReveal(fail({ code: 'wrong_password', message: 'Wrong.', lockedUntil: null }), locked))
      .toEqual({ name: 'ready', check: CHECKED, passwordNeeded: true, problem: 'Wrong.', attemptsLeft: 19 });
  });

  it('asks for a password the link did not announce', () => {
    expect(afterReveal(fail({ code: 'password_needed', message: 'Needs one.' }), { name: 'ready', passwordNeeded: false }))
      .toEqual({ name: 'ready', passwordNeeded: true, problem: 'Needs one.' });
  });

  it('offers to try again when the server did not answer, from the same form', () => {
    expect(afterReveal(fail({ code: 'unreachable', message: 'offline' }), ready)).toEqual({ name: 'unreachable', message: 'offline', retry: 'reveal', ready });
  });

  it('says destroyed when the last try destroyed it', () => {
    expect(afterReveal(fail({ code: 'gone', message: 'Destroyed.', gone: { state: 'destroyed', at: null } }), ready)).toMatchObject({ name: 'gone', title: 'Destroyed' });
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
    expect(goneWhen({ state: 'read', at: NOW - 30 * 60_000 }, NOW)).toMatch(/^Read at \d\d:\d\d( [AP]M)?\.$/);
    expect(goneWhen({ state: 'read' }, NOW)).toBe('');
    expect(stateLine({ name: 'gone', title: 'Already read', message: '', gone: { state: 'read', at: NOW - 60_000 } }, NOW)).toMatch(/^Already read at \d\d:\d\d( [AP]M)?$/);
  });

  it.each([
    [{ name: 'checking' }, 'Checking… (this does not open it)'],
    [{ name: 'ready', check: CHECKED, passwordNeeded: false }, 'Waiting to be read, once · expires in 1 hour'],
    [{ name: 'ready', check: { ...CHECKED, views: 3 }, passwordNeeded: true }, 'Waiting to be read, 3 more times · expires in 1 hour · needs a passphrase'],
    [{ name: 'ready', check: { ...CHECKED, views: null, expiresAt: undefined }, passwordNeeded: false }, 'Waiting to be read'],
    [{ name: 'ready', check: { checked: false, message: '' }, passwordNeeded: false }, 'Not checked: this tool has no safe way to ask before opening'],
  ] as const)('states %j', (phase, line) => {
    expect(stateLine(phase, NOW)).toBe(line);
  });

  it('states a lock with its end', () => {
    expect(stateLine({ name: 'ready', check: CHECKED, passwordNeeded: true, lockedUntil: NOW + 5 * 60_000 }, NOW)).toMatch(/needs a passphrase · locked until \d\d:\d\d( [AP]M)?$/);
  });
});
