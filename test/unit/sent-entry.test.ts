import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PRUNE_AFTER_MS, applyStatus, byServer, prune, sentEntry, type NewSentNote } from '../../utils/sent/entry';
import { backoffDelay, BASE_DELAY_MS, MAX_DELAY_MS } from '../../utils/sent/receipts';
import { shownState } from '../../utils/sent/wording';
import { sentItem } from '../../utils/storage';

const T0 = Date.UTC(2026, 10, 28, 9, 0);
const note = (over: Partial<NewSentNote> = {}): NewSentNote => ({
  server: 'https://notes.example.com',
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  manageToken: 'M'.repeat(43),
  label: 'staging DB for Alex',
  createdAt: T0,
  expiresAt: T0 + 24 * 3600_000,
  maxReads: 1,
  ...over,
});

describe('sent history', () => {
  it('stores what receipts and revoke need', async () => {
    fakeBrowser.reset();
    await sentItem.setValue([sentEntry(note())]);
    expect(await sentItem.getValue()).toEqual([expect.objectContaining({ id: note().id, state: 'pending', reads: 0 })]);
  });

  it.each([
    ['the link key', { key: 'k'.repeat(43) }],
    ['the link', { link: 'https://notes.example.com/n/AAAAAAAAAAAAAAAAAAAAAA#1.kkk' }],
    ['the plaintext', { secret: 'hunter2' }],
  ])('refuses an entry carrying %s', (_what, extra) => {
    expect(() => sentEntry({ ...note(), ...extra } as NewSentNote)).toThrow(/Unrecognized key/);
  });

  it('refuses a label longer than 80 characters', () => {
    expect(() => sentEntry(note({ label: 'x'.repeat(81) }))).toThrow();
  });

  it('prunes entries a week after they expire, not before', () => {
    const entry = sentEntry(note());
    expect(prune([entry], entry.expiresAt + PRUNE_AFTER_MS - 1)).toHaveLength(1);
    expect(prune([entry], entry.expiresAt + PRUNE_AFTER_MS)).toHaveLength(0);
  });

  it('shows a pending entry past its expiry as expired', () => {
    const entry = sentEntry(note());
    expect(shownState(entry, entry.expiresAt - 1)).toBe('pending');
    expect(shownState(entry, entry.expiresAt)).toBe('expired');
  });

  it('applies a server status, and keeps what it knew when the server forgot the note', () => {
    const entry = sentEntry(note());
    const read = applyStatus(entry, {
      id: entry.id, state: 'read', createdAt: T0, expiresAt: entry.expiresAt, reads: 1, maxReads: 1, readAt: T0 + 60_000, revokedAt: null,
    }, T0 + 120_000);
    expect(read).toMatchObject({ state: 'read', reads: 1, readAt: T0 + 60_000, checkedAt: T0 + 120_000 });
    expect(applyStatus(entry, null, entry.expiresAt + 1).state).toBe('expired');
  });

  it('groups entries by server for one batch request each', () => {
    const a = sentEntry(note({ server: 'https://a.example' }));
    const b = sentEntry(note({ server: 'https://b.example', id: 'BBBBBBBBBBBBBBBBBBBBBA' }));
    const c = sentEntry(note({ server: 'https://a.example', id: 'CCCCCCCCCCCCCCCCCCCCCA' }));
    expect([...byServer([a, b, c])].map(([server, group]) => [server, group.length])).toEqual([
      ['https://a.example', 2], ['https://b.example', 1],
    ]);
  });
});

describe('read receipt polling', () => {
  it.each([
    [0, BASE_DELAY_MS],
    [1, 2 * BASE_DELAY_MS],
    [3, 8 * BASE_DELAY_MS],
    [5, MAX_DELAY_MS],
    [1000, MAX_DELAY_MS],
  ])('after %i quiet checks waits %i ms', (idle, delay) => {
    expect(backoffDelay(idle)).toBe(delay);
  });
});
