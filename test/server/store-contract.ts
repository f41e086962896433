// The contract every NoteStore backend must keep, as one suite: SQLite runs it in store.test.ts,
// and any other backend (Redis) runs the same function against its own `open`.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_TOMBSTONE_MS, envelopeBytes, type NewNote, type NoteStore, type StoreLimits } from '../../server/store/store';
import { toBase64url } from '../../utils/core/base64url';
import { FREE_PASSPHRASE_ATTEMPTS, MAX_PASSPHRASE_ATTEMPTS } from '../../utils/core/protocol';

export interface StoreContractOptions {
  /**
   * Whether any trace of the note's ciphertext is left in the backend's storage (rows, files).
   * When given, every burn (last read, revoke, destruction, expiry, sweep) is checked with it.
   */
  hasCiphertext?: (note: NewNote) => Promise<boolean>;
}

/** A fixed point in time; the store takes `now` from its caller, so tests move it freely. */
export const T0 = Date.UTC(2030, 0, 1);
const HOUR = 3600 * 1000;

export interface TestNote {
  note: NewNote;
  keyHash: Buffer;
  readHash: Buffer;
  manageHash: Buffer;
}

/** A note with random id, hashes and a unique ciphertext (the store treats the envelope as opaque). */
export function makeNote(overrides: Partial<Omit<NewNote, 'keyHash' | 'readHash' | 'manageHash'>> = {}): TestNote {
  const keyHash = randomBytes(32);
  const readHash = randomBytes(32);
  const manageHash = randomBytes(32);
  const ct = toBase64url(randomBytes(272));
  const note: NewNote = {
    id: toBase64url(randomBytes(16)),
    envelope: JSON.stringify({ v: 1, alg: 'A256GCM', kdf: 'hkdf-sha256', iv: toBase64url(randomBytes(12)), ct }),
    keyHash,
    readHash,
    manageHash,
    passphrase: false,
    createdAt: T0,
    expiresAt: T0 + HOUR,
    maxReads: 1,
    ...overrides,
  };
  return { note, keyHash, readHash, manageHash };
}

const otherHash = () => randomBytes(32);
const MINUTE = 60_000;
/** Long enough for a note to live through every lock (about 11 hours in all). */
const WEEK = 7 * 24 * HOUR;

/**
 * The lockout schedule, written out (not computed): after the n-th wrong passphrase, the attempts
 * left and the lock in minutes (null: none; the 20th destroys the note).
 */
const LOCKOUTS: Array<[wrong: number, attemptsLeft: number, lockMinutes: number | null]> = [
  [1, 19, null], [2, 18, null], [3, 17, 1], [4, 16, 2], [5, 15, 4], [6, 14, 8], [7, 13, 16], [8, 12, 32],
  [9, 11, 60], [10, 10, 60], [11, 9, 60], [12, 8, 60], [13, 7, 60], [14, 6, 60], [15, 5, 60], [16, 4, 60],
  [17, 3, 60], [18, 2, 60], [19, 1, 60], [20, 0, null],
];

/**
 * Runs the store contract. `open` must return an empty store each time, with the given limits
 * (none when not given); the store of each test is closed after it.
 */
export function describeStore(name: string, open: (limits?: StoreLimits) => Promise<NoteStore>, options: StoreContractOptions = {}) {
  describe(`NoteStore contract: ${name}`, () => {
    let store: NoteStore;
    beforeEach(async () => { store = await open(); });
    afterEach(async () => { await store.close(); });

    async function created(overrides: Parameters<typeof makeNote>[0] = {}): Promise<TestNote> {
      const made = makeNote(overrides);
      await store.create(made.note);
      return made;
    }
    const consume = (n: TestNote, now = T0 + 1000, readHash = n.readHash) => store.consume(n.note.id, n.keyHash, readHash, now);
    const statusOf = async (n: TestNote, now = T0 + 2000) => (await store.status([{ id: n.note.id, manageHash: n.manageHash }], now))[0];
    /**
     * Makes `count` wrong passphrase attempts, each as soon as the lock of the one before allows,
     * from `from` on; returns their outcomes and the time the next attempt may come.
     */
    async function wrongAttempts(n: TestNote, count: number, from = T0 + 10) {
      const outcomes = [];
      let at = from;
      for (let i = 0; i < count; i++) {
        const outcome = await consume(n, at, otherHash());
        outcomes.push(outcome);
        at = outcome.kind === 'wrong_passphrase' && outcome.lockedUntil !== null ? outcome.lockedUntil : at + 1;
      }
      return { outcomes, at };
    }
    async function expectBurned(n: TestNote) {
      if (options.hasCiphertext) expect(await options.hasCiphertext(n.note)).toBe(false);
    }

    it('answers pings', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('shows a new note as pending to a holder of the key, and peeking changes nothing', async () => {
      const n = await created({ maxReads: 3, passphrase: true });
      for (let i = 0; i < 3; i++) {
        expect(await store.peek(n.note.id, n.keyHash, T0 + 1)).toEqual({
          kind: 'ok', state: 'pending', expiresAt: n.note.expiresAt, readsLeft: 3, passphrase: true, lockedUntil: null, attemptsLeft: 20, at: null,
        });
      }
      expect(await store.peek(n.note.id, otherHash(), T0 + 1)).toEqual({ kind: 'not_found' });
      expect(await statusOf(n)).toMatchObject({ state: 'pending', reads: 0 });
      if (options.hasCiphertext) expect(await options.hasCiphertext(n.note)).toBe(true);
    });

    it('returns the envelope exactly as stored on a read, and 0 reads left on the last one', async () => {
      const n = await created();
      expect(await consume(n)).toEqual({ kind: 'ok', envelope: n.note.envelope, readsLeft: 0 });
      await expectBurned(n);
    });

    it.each([1, 2, 10])('allows exactly %i read(s), then answers gone/read with the time of the last read', async (maxReads) => {
      const n = await created({ maxReads });
      for (let i = 1; i <= maxReads; i++) {
        expect(await consume(n, T0 + i)).toEqual({ kind: 'ok', envelope: n.note.envelope, readsLeft: maxReads - i });
      }
      await expectBurned(n);
      expect(await consume(n, T0 + 100)).toEqual({ kind: 'gone', state: 'read', at: T0 + maxReads });
      expect(await store.peek(n.note.id, n.keyHash, T0 + 100)).toMatchObject({ state: 'read', readsLeft: 0, at: T0 + maxReads });
    });

    it('reports reads left to peek between reads of a multi-read note', async () => {
      const n = await created({ maxReads: 3 });
      await consume(n);
      expect(await store.peek(n.note.id, n.keyHash, T0 + 2000)).toMatchObject({ state: 'pending', readsLeft: 2 });
      expect(await statusOf(n)).toMatchObject({ state: 'pending', reads: 1, readAt: T0 + 1000 });
    });

    it.each([false, true])('refuses a wrong key hash as not found and counts nothing (passphrase: %s)', async (passphrase) => {
      const n = await created({ passphrase });
      for (let i = 0; i < MAX_PASSPHRASE_ATTEMPTS + 2; i++) {
        expect(await store.consume(n.note.id, otherHash(), otherHash(), T0 + 1)).toEqual({ kind: 'not_found' });
        expect(await store.consume(n.note.id, otherHash(), n.readHash, T0 + 1)).toEqual({ kind: 'not_found' });
      }
      expect(await statusOf(n)).toMatchObject({ state: 'pending', reads: 0 });
      expect(await consume(n)).toMatchObject({ kind: 'ok', envelope: n.note.envelope });
    });

    it('answers not found for an id it never stored', async () => {
      const n = makeNote();
      expect(await consume(n)).toEqual({ kind: 'not_found' });
      expect(await store.peek(n.note.id, n.keyHash, T0)).toEqual({ kind: 'not_found' });
      expect(await store.revoke(n.note.id, n.manageHash, T0)).toBeNull();
    });

    it.each(LOCKOUTS)('after wrong passphrase %i: %i attempts left, locked for %s minute(s)', async (wrong, attemptsLeft, lockMinutes) => {
      const n = await created({ passphrase: true, expiresAt: T0 + WEEK });
      const before = await wrongAttempts(n, wrong - 1);
      const t = before.at;
      const lockedUntil = lockMinutes === null ? null : t + lockMinutes * MINUTE;
      expect(await consume(n, t, otherHash())).toEqual({ kind: 'wrong_passphrase', attemptsLeft, lockedUntil });
      if (attemptsLeft === 0) {
        // Destroyed: the right passphrase comes too late, and the ciphertext is gone.
        expect(await consume(n, t + 1)).toEqual({ kind: 'gone', state: 'destroyed', at: t });
        expect(await store.peek(n.note.id, n.keyHash, t + 1)).toMatchObject({ state: 'destroyed', readsLeft: 0, attemptsLeft: 0, lockedUntil: null, at: t });
        expect(await statusOf(n, t + 1)).toMatchObject({ state: 'destroyed', reads: 0, revokedAt: t });
        return expectBurned(n);
      }
      expect(await store.peek(n.note.id, n.keyHash, t)).toMatchObject({ state: 'pending', attemptsLeft, lockedUntil });
      if (lockedUntil !== null) {
        // While locked, even the right passphrase is neither checked nor counted.
        expect(await consume(n, lockedUntil - 1)).toEqual({ kind: 'locked', lockedUntil });
        expect(await consume(n, lockedUntil - 1, otherHash())).toEqual({ kind: 'locked', lockedUntil });
        expect(await store.peek(n.note.id, n.keyHash, lockedUntil - 1)).toMatchObject({ attemptsLeft, lockedUntil });
      }
      const open = lockedUntil ?? t + 1;
      expect(await store.peek(n.note.id, n.keyHash, open)).toMatchObject({ attemptsLeft, lockedUntil: null });
      expect(await consume(n, open)).toEqual({ kind: 'ok', envelope: n.note.envelope, readsLeft: 0 });
    });

    it('bounds guessing: every wrong attempt after the free ones waits out its lock, and the 20th destroys the note', async () => {
      const n = await created({ passphrase: true, expiresAt: T0 + WEEK });
      const { outcomes, at } = await wrongAttempts(n, MAX_PASSPHRASE_ATTEMPTS);
      expect(outcomes.map((o) => o.kind === 'wrong_passphrase' && o.attemptsLeft)).toEqual(LOCKOUTS.map(([, left]) => left));
      // Locked for 60 + 120 + ... minutes in all before the last attempt: about 11 hours.
      expect(at - (T0 + 10)).toBeGreaterThan(11 * 60 * MINUTE);
      expect(await consume(n, at + 1)).toMatchObject({ kind: 'gone', state: 'destroyed' });
      await expectBurned(n);
    });

    it('refuses a wrong read hash on a note without passphrase as not found, without burning it', async () => {
      const n = await created();
      for (let i = 0; i < MAX_PASSPHRASE_ATTEMPTS + 2; i++) {
        expect(await consume(n, T0 + 10, otherHash())).toEqual({ kind: 'not_found' });
      }
      expect(await statusOf(n)).toMatchObject({ state: 'pending', reads: 0 });
      expect(await consume(n)).toMatchObject({ kind: 'ok', envelope: n.note.envelope });
    });

    it('enforces expiry when a note is read, without any sweep', async () => {
      const n = await created({ expiresAt: T0 + HOUR });
      expect(await store.peek(n.note.id, n.keyHash, T0 + HOUR - 1)).toMatchObject({ state: 'pending', readsLeft: 1 });
      expect(await store.peek(n.note.id, n.keyHash, T0 + HOUR)).toMatchObject({ state: 'expired', readsLeft: 0, at: T0 + HOUR });
      expect(await consume(n, T0 + HOUR)).toEqual({ kind: 'gone', state: 'expired', at: T0 + HOUR });
      expect(await statusOf(n, T0 + HOUR)).toMatchObject({ state: 'expired', reads: 0, readAt: null });
      await expectBurned(n);
    });

    it('reads a note one millisecond before it expires', async () => {
      const n = await created({ expiresAt: T0 + HOUR });
      expect(await consume(n, T0 + HOUR - 1)).toMatchObject({ kind: 'ok', readsLeft: 0 });
    });

    it('keeps a tombstone after the read: status says read and when, with nothing to read', async () => {
      const n = await created({ maxReads: 1 });
      await consume(n, T0 + 5000);
      expect(await statusOf(n, T0 + 6000)).toEqual({
        id: n.note.id,
        state: 'read',
        createdAt: T0,
        expiresAt: n.note.expiresAt,
        reads: 1,
        maxReads: 1,
        readAt: T0 + 5000,
        revokedAt: null,
      });
    });

    it('revokes a pending note: status says revoked and when, reads answer gone/revoked', async () => {
      const n = await created({ maxReads: 3 });
      const revoked = await store.revoke(n.note.id, n.manageHash, T0 + 7000);
      expect(revoked).toMatchObject({ id: n.note.id, state: 'revoked', revokedAt: T0 + 7000, readAt: null, reads: 0 });
      expect(await statusOf(n, T0 + 8000)).toEqual(revoked);
      expect(await consume(n, T0 + 8000)).toEqual({ kind: 'gone', state: 'revoked', at: T0 + 7000 });
      expect(await store.peek(n.note.id, n.keyHash, T0 + 8000)).toMatchObject({ state: 'revoked', readsLeft: 0, at: T0 + 7000 });
      await expectBurned(n);
    });

    it('revokes a partly read note, keeping its read count', async () => {
      const n = await created({ maxReads: 3 });
      await consume(n, T0 + 1000);
      expect(await store.revoke(n.note.id, n.manageHash, T0 + 2000)).toMatchObject({ state: 'revoked', reads: 1, readAt: T0 + 1000 });
      expect(await consume(n, T0 + 3000)).toMatchObject({ kind: 'gone', state: 'revoked' });
    });

    it('leaves a read note read when its sender revokes it afterwards', async () => {
      const n = await created();
      await consume(n, T0 + 1000);
      expect(await store.revoke(n.note.id, n.manageHash, T0 + 2000)).toMatchObject({ state: 'read', readAt: T0 + 1000, revokedAt: null });
      expect(await statusOf(n)).toMatchObject({ state: 'read', readAt: T0 + 1000, revokedAt: null });
    });

    it('gives no status and no revoke for a wrong manage hash, and the note still reads', async () => {
      const n = await created();
      expect(await store.status([{ id: n.note.id, manageHash: otherHash() }], T0)).toEqual([null]);
      expect(await store.revoke(n.note.id, otherHash(), T0)).toBeNull();
      // The key hash is not a manage hash.
      expect(await store.revoke(n.note.id, n.keyHash, T0)).toBeNull();
      expect(await statusOf(n)).toMatchObject({ state: 'pending' });
      expect(await consume(n)).toMatchObject({ kind: 'ok' });
    });

    it('answers a batch of statuses in order, null for each unknown id or wrong hash', async () => {
      const a = await created();
      const b = await created({ maxReads: 2 });
      await consume(b);
      const unknown = makeNote();
      const statuses = await store.status([
        { id: a.note.id, manageHash: a.manageHash },
        { id: a.note.id, manageHash: b.manageHash },
        { id: unknown.note.id, manageHash: unknown.manageHash },
        { id: b.note.id, manageHash: b.manageHash },
      ], T0 + 2000);
      expect(statuses).toEqual([
        expect.objectContaining({ id: a.note.id, state: 'pending', reads: 0 }),
        null,
        null,
        expect.objectContaining({ id: b.note.id, state: 'pending', reads: 1, maxReads: 2 }),
      ]);
    });

    it('sweeps the ciphertext at expiry and the tombstone NOTE_TOMBSTONE_MS later; until then reads say why', async () => {
      const expiredPending = await created({ expiresAt: T0 + HOUR });
      const expiredRead = await created({ expiresAt: T0 + HOUR });
      await consume(expiredRead);
      const expiredRevoked = await created({ expiresAt: T0 + HOUR });
      await store.revoke(expiredRevoked.note.id, expiredRevoked.manageHash, T0 + 1000);
      const livePending = await created({ expiresAt: T0 + 2 * HOUR });
      const liveRead = await created({ expiresAt: T0 + 2 * HOUR });
      await consume(liveRead);

      // At expiry: ciphertext gone, nothing forgotten, and the others untouched.
      expect(await store.sweep(T0 + HOUR)).toBe(0);
      await expectBurned(expiredPending);
      expect(await consume(livePending, T0 + HOUR)).toMatchObject({ kind: 'ok', envelope: livePending.note.envelope });
      const late = T0 + HOUR + NOTE_TOMBSTONE_MS - 1;
      const cases: Array<[TestNote, string, number | null]> = [
        [expiredPending, 'expired', T0 + HOUR], [expiredRead, 'read', T0 + 1000], [expiredRevoked, 'revoked', T0 + 1000]];
      for (const [gone, state, at] of cases) {
        expect(await store.sweep(late)).toBe(0);
        expect(await consume(gone, late)).toEqual({ kind: 'gone', state, at });
        expect(await store.peek(gone.note.id, gone.keyHash, late)).toMatchObject({ kind: 'ok', state, readsLeft: 0 });
        expect(await statusOf(gone, late)).toMatchObject({ state });
      }

      // After the tombstone time: never heard of it.
      expect(await store.sweep(T0 + HOUR + NOTE_TOMBSTONE_MS)).toBe(3);
      for (const [gone] of cases) {
        expect(await statusOf(gone, T0)).toBeNull();
        expect(await store.peek(gone.note.id, gone.keyHash, T0)).toEqual({ kind: 'not_found' });
        expect(await consume(gone, T0)).toEqual({ kind: 'not_found' });
        await expectBurned(gone);
      }
      expect(await statusOf(liveRead, T0 + HOUR + NOTE_TOMBSTONE_MS)).toMatchObject({ state: 'read' });
      expect(await store.sweep(T0 + HOUR + NOTE_TOMBSTONE_MS)).toBe(0);
    });

    it('says expired, with no sweep at all, until the tombstone time ends', async () => {
      const n = await created({ expiresAt: T0 + HOUR });
      expect(await consume(n, T0 + HOUR + NOTE_TOMBSTONE_MS - 1)).toEqual({ kind: 'gone', state: 'expired', at: T0 + HOUR });
      expect(await store.peek(n.note.id, n.keyHash, T0 + HOUR + NOTE_TOMBSTONE_MS - 1)).toMatchObject({ state: 'expired' });
      await expectBurned(n);
    });

    it.each([1, 3])('lets exactly %i of 200 concurrent reads of one note succeed', async (maxReads) => {
      const n = await created({ maxReads });
      const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => consume(n, T0 + 1000 + i)));
      const ok = outcomes.filter((o) => o.kind === 'ok');
      expect(ok).toHaveLength(maxReads);
      expect(ok.map((o) => (o.kind === 'ok' ? o.readsLeft : -1)).sort((x, y) => x - y)).toEqual(Array.from({ length: maxReads }, (_, i) => i));
      expect(outcomes.filter((o) => o.kind === 'gone' && o.state === 'read')).toHaveLength(200 - maxReads);
      expect(await statusOf(n, T0 + 5000)).toMatchObject({ state: 'read', reads: maxReads });
      await expectBurned(n);
    });

    it(`counts concurrent wrong passphrases exactly: ${FREE_PASSPHRASE_ATTEMPTS} counted, the rest refused by the lock uncounted`, async () => {
      const n = await created({ passphrase: true });
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => consume(n, T0 + 10, otherHash())));
      const left = outcomes.flatMap((o) => (o.kind === 'wrong_passphrase' ? [o.attemptsLeft] : []));
      expect(left.sort((x, y) => x - y)).toEqual([17, 18, 19]);
      expect(outcomes.filter((o) => o.kind === 'locked')).toEqual(Array(17).fill({ kind: 'locked', lockedUntil: T0 + 10 + MINUTE }));
      expect(await store.peek(n.note.id, n.keyHash, T0 + 11)).toMatchObject({ attemptsLeft: 17, lockedUntil: T0 + 10 + MINUTE });
      expect(await consume(n, T0 + 10 + MINUTE)).toMatchObject({ kind: 'ok' });
    });

    it('counts the bytes of stored ciphertexts and gives them back on every kind of burn', async () => {
      expect(await store.storedBytes()).toBe(0);
      const read = await created();
      const revoked = await created();
      const destroyed = await created({ passphrase: true, expiresAt: T0 + WEEK });
      const expired = await created({ expiresAt: T0 + HOUR });
      const swept = await created({ expiresAt: T0 + HOUR });
      const kept = await created({ expiresAt: T0 + 2 * HOUR, maxReads: 2 });
      const size = (n: TestNote) => envelopeBytes(n.note.envelope);
      let expected = [read, revoked, destroyed, expired, swept, kept].reduce((sum, n) => sum + size(n), 0);
      expect(await store.storedBytes()).toBe(expected);

      await consume(read);
      expected -= size(read);
      expect(await store.storedBytes()).toBe(expected);
      await store.revoke(revoked.note.id, revoked.manageHash, T0 + 1);
      expected -= size(revoked);
      expect(await store.storedBytes()).toBe(expected);
      await wrongAttempts(destroyed, MAX_PASSPHRASE_ATTEMPTS, T0 + 1);
      expected -= size(destroyed);
      expect(await store.storedBytes()).toBe(expected);
      expect(await consume(expired, T0 + HOUR)).toMatchObject({ kind: 'gone', state: 'expired' });
      expected -= size(expired);
      expect(await store.storedBytes()).toBe(expected);
      await consume(kept);
      expect(await store.storedBytes()).toBe(expected);
      await store.sweep(T0 + HOUR);
      expect(await store.storedBytes()).toBe(size(kept));
      await consume(kept, T0 + 2000);
      expect(await store.storedBytes()).toBe(0);
    });

    it('refuses a note that would pass the byte cap, storing nothing, and takes notes again once one is burned', async () => {
      const first = makeNote();
      const bytes = envelopeBytes(first.note.envelope);
      const capped = await open({ maxBytes: 2 * bytes + Math.floor(bytes / 2) });
      try {
        expect(await capped.create(first.note)).toEqual({ kind: 'ok' });
        const second = makeNote();
        expect(await capped.create(second.note)).toEqual({ kind: 'ok' });
        const third = makeNote();
        expect(await capped.create(third.note)).toEqual({ kind: 'full' });
        expect(await capped.storedBytes()).toBe(2 * bytes);
        expect(await capped.consume(third.note.id, third.keyHash, third.readHash, T0 + 1)).toEqual({ kind: 'not_found' });
        expect(await capped.status([{ id: third.note.id, manageHash: third.manageHash }], T0 + 1)).toEqual([null]);

        await capped.consume(first.note.id, first.keyHash, first.readHash, T0 + 1);
        expect(await capped.create(third.note)).toEqual({ kind: 'ok' });
        expect(await capped.consume(third.note.id, third.keyHash, third.readHash, T0 + 2)).toMatchObject({ kind: 'ok', envelope: third.note.envelope });
      } finally {
        await capped.close();
      }
    });

    it('keeps the byte cap under 40 concurrent creates: exactly as many as fit are stored', async () => {
      const notes = Array.from({ length: 40 }, () => makeNote());
      const bytes = envelopeBytes(notes[0]?.note.envelope ?? '');
      const capped = await open({ maxBytes: 5 * bytes });
      try {
        const outcomes = await Promise.all(notes.map((n) => capped.create(n.note)));
        expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(5);
        expect(outcomes.filter((o) => o.kind === 'full')).toHaveLength(35);
        expect(await capped.storedBytes()).toBe(5 * bytes);
      } finally {
        await capped.close();
      }
    });
  });
}
