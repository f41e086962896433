// The contract every backend's RequestStore must keep, as one suite: SQLite runs it in
// store.test.ts, Redis in redis-store.test.ts, each against a real store.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_TOMBSTONE_MS, type NewRequest } from '../../server/store/requests';
import { envelopeBytes, type NoteStore, type StoreLimits } from '../../server/store/store';
import { toBase64url } from '../../utils/core/base64url';
import { T0 } from './store-contract';

export interface RequestContractOptions {
  /** Whether any trace of this ciphertext (a note or an answer, as stored) is left in the backend's storage. */
  holds?: (ciphertext: string) => Promise<boolean>;
}

const HOUR = 3600 * 1000;
const LIFETIME = 24 * HOUR;

export interface TestRequest {
  request: NewRequest;
  answerHash: Buffer;
  fetchHash: Buffer;
}

const sealed = (bytes: number) => JSON.stringify({ v: 1, alg: 'A256GCM', iv: toBase64url(randomBytes(12)), ct: toBase64url(randomBytes(bytes)) });
/** An answer as stored: unique ciphertext, opaque to the store. */
export const makeAnswer = (bytes = 272) =>
  JSON.stringify({ v: 1, alg: 'A256GCM', kex: 'X25519', epk: toBase64url(randomBytes(32)), iv: toBase64url(randomBytes(12)), ct: toBase64url(randomBytes(bytes)) });

export function makeRequest(overrides: Partial<Omit<NewRequest, 'answerHash' | 'fetchHash'>> = {}): TestRequest {
  const answerHash = randomBytes(32);
  const fetchHash = randomBytes(32);
  const request: NewRequest = {
    id: toBase64url(randomBytes(16)),
    note: sealed(272),
    answerHash,
    fetchHash,
    createdAt: T0,
    expiresAt: T0 + LIFETIME,
    ...overrides,
  };
  return { request, answerHash, fetchHash };
}

const otherHash = () => randomBytes(32);

/**
 * Runs the request store contract. `open` must return an empty store each time, with the given
 * limits; the store of each test is closed after it.
 */
export function describeRequestStore(name: string, open: (limits?: StoreLimits) => Promise<NoteStore>, options: RequestContractOptions = {}) {
  describe(`RequestStore contract: ${name}`, () => {
    let store: NoteStore;
    beforeEach(async () => { store = await open(); });
    afterEach(async () => { await store.close(); });

    async function created(overrides: Parameters<typeof makeRequest>[0] = {}): Promise<TestRequest> {
      const made = makeRequest(overrides);
      expect(await store.requests.create(made.request)).toEqual({ kind: 'ok' });
      return made;
    }
    const peek = (r: TestRequest, now = T0 + 1000, hash = r.answerHash) => store.requests.peek(r.request.id, hash, now);
    const answer = (r: TestRequest, text: string, now = T0 + 1000, hash = r.answerHash) => store.requests.answer(r.request.id, hash, text, now);
    const fetch = (r: TestRequest, now = T0 + 2000, hash = r.fetchHash) => store.requests.fetch(r.request.id, hash, now);
    const statusOf = async (r: TestRequest, now = T0 + 3000) => (await store.requests.status([{ id: r.request.id, fetchHash: r.fetchHash }], now))[0];
    async function expectGone(ciphertext: string) {
      if (options.holds) expect(await options.holds(ciphertext)).toBe(false);
    }
    async function expectHeld(ciphertext: string) {
      if (options.holds) expect(await options.holds(ciphertext)).toBe(true);
    }

    it('shows a waiting request and its note to the link holder; peeking changes nothing', async () => {
      const r = await created();
      for (let i = 0; i < 3; i++) {
        expect(await peek(r)).toEqual({ kind: 'ok', state: 'waiting', expiresAt: T0 + LIFETIME, at: null, note: r.request.note });
      }
      expect(await peek(r, T0 + 1000, otherHash())).toEqual({ kind: 'not_found' });
      expect(await statusOf(r)).toEqual({
        id: r.request.id, state: 'waiting', createdAt: T0, expiresAt: T0 + LIFETIME, answeredAt: null, readAt: null, revokedAt: null,
      });
      await expectHeld(r.request.note);
    });

    it('takes one answer, deletes the note, and moves the expiry to the request\'s lifetime after the answer', async () => {
      const r = await created();
      const text = makeAnswer();
      const at = T0 + 5 * HOUR;
      expect(await answer(r, text, at)).toEqual({ kind: 'ok', answeredAt: at, expiresAt: at + LIFETIME });
      expect(await peek(r, at + 1)).toEqual({ kind: 'ok', state: 'answered', expiresAt: at + LIFETIME, at, note: null });
      expect(await statusOf(r, at + 1)).toMatchObject({ state: 'answered', answeredAt: at, expiresAt: at + LIFETIME });
      await expectGone(r.request.note);
      await expectHeld(text);
    });

    it('refuses a second, different answer as gone/answered, and keeps the first', async () => {
      const r = await created();
      const first = makeAnswer();
      await answer(r, first, T0 + 10);
      expect(await answer(r, makeAnswer(), T0 + 20)).toEqual({ kind: 'gone', state: 'answered', at: T0 + 10 });
      expect(await fetch(r)).toEqual({ kind: 'ok', answer: first, answeredAt: T0 + 10 });
    });

    it('answers the same answer sent again (a retry after a lost reply) with the same success', async () => {
      const r = await created();
      const text = makeAnswer();
      const first = await answer(r, text, T0 + 10);
      expect(await answer(r, text, T0 + 500)).toEqual(first);
      expect(await fetch(r)).toEqual({ kind: 'ok', answer: text, answeredAt: T0 + 10 });
      // Once read, a late retry learns the truth: the request is closed.
      expect(await answer(r, text, T0 + 5000)).toEqual({ kind: 'gone', state: 'read', at: T0 + 2000 });
    });

    it('refuses an answer with a wrong answer hash as not found, changing nothing', async () => {
      const r = await created();
      expect(await answer(r, makeAnswer(), T0 + 10, otherHash())).toEqual({ kind: 'not_found' });
      expect(await peek(r)).toMatchObject({ state: 'waiting', note: r.request.note });
    });

    it('hands the answer out once, to the fetch hash only, then says read with the time', async () => {
      const r = await created();
      const text = makeAnswer();
      expect(await fetch(r, T0 + 5)).toEqual({ kind: 'not_answered' });
      await answer(r, text, T0 + 10);
      expect(await fetch(r, T0 + 20, otherHash())).toEqual({ kind: 'not_found' });
      expect(await fetch(r, T0 + 20, r.answerHash)).toEqual({ kind: 'not_found' });
      expect(await fetch(r, T0 + 30)).toEqual({ kind: 'ok', answer: text, answeredAt: T0 + 10 });
      await expectGone(text);
      expect(await fetch(r, T0 + 40)).toEqual({ kind: 'gone', state: 'read', at: T0 + 30 });
      expect(await statusOf(r, T0 + 40)).toMatchObject({ state: 'read', answeredAt: T0 + 10, readAt: T0 + 30 });
      expect(await peek(r, T0 + 40)).toEqual({ kind: 'ok', state: 'read', expiresAt: T0 + 10 + LIFETIME, at: T0 + 30, note: null });
    });

    it('accepts exactly one of 200 concurrent answers, and that one is what the requester gets', async () => {
      const r = await created();
      const answers = Array.from({ length: 200 }, () => makeAnswer());
      const outcomes = await Promise.all(answers.map((text, i) => answer(r, text, T0 + 10 + (i % 3))));
      const accepted = outcomes.flatMap((o, i) => (o.kind === 'ok' ? [answers[i]] : []));
      expect(accepted).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'gone' && o.state === 'answered')).toHaveLength(199);
      expect(await fetch(r, T0 + 100)).toMatchObject({ kind: 'ok', answer: accepted[0] });
      for (const text of answers) await expectGone(text);
    });

    it('hands out the answer to exactly one of 50 concurrent fetches', async () => {
      const r = await created();
      const text = makeAnswer();
      await answer(r, text, T0 + 10);
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => fetch(r, T0 + 20)));
      expect(outcomes.filter((o) => o.kind === 'ok')).toEqual([{ kind: 'ok', answer: text, answeredAt: T0 + 10 }]);
      expect(outcomes.filter((o) => o.kind === 'gone' && o.state === 'read')).toHaveLength(49);
    });

    it('expires a request nobody answered: no note, no answer taken, ciphertext deleted', async () => {
      const r = await created();
      const end = T0 + LIFETIME;
      expect(await peek(r, end - 1)).toMatchObject({ state: 'waiting' });
      expect(await peek(r, end)).toEqual({ kind: 'ok', state: 'expired', expiresAt: end, at: end, note: null });
      expect(await answer(r, makeAnswer(), end)).toEqual({ kind: 'gone', state: 'expired', at: end });
      await expectGone(r.request.note);
      expect(await fetch(r, end + 1)).toEqual({ kind: 'gone', state: 'expired', at: end });
      expect(await statusOf(r, end + 1)).toMatchObject({ state: 'expired', answeredAt: null });
    });

    it('keeps an answer past the original expiry, then expires it unread and deletes it', async () => {
      const r = await created();
      const text = makeAnswer();
      const at = T0 + LIFETIME - HOUR;
      await answer(r, text, at);
      expect(await statusOf(r, T0 + LIFETIME + HOUR)).toMatchObject({ state: 'answered' });
      const end = at + LIFETIME;
      expect(await fetch(r, end)).toEqual({ kind: 'gone', state: 'expired', at: end });
      await expectGone(text);
      expect(await statusOf(r, end)).toMatchObject({ state: 'expired', answeredAt: at, readAt: null });
    });

    it('revokes a waiting request: the note goes, the link answers gone/revoked', async () => {
      const r = await created();
      expect(await store.requests.revoke(r.request.id, r.fetchHash, T0 + 50)).toMatchObject({ state: 'revoked', revokedAt: T0 + 50 });
      await expectGone(r.request.note);
      expect(await answer(r, makeAnswer(), T0 + 60)).toEqual({ kind: 'gone', state: 'revoked', at: T0 + 50 });
      expect(await peek(r, T0 + 60)).toEqual({ kind: 'ok', state: 'revoked', expiresAt: T0 + LIFETIME, at: T0 + 50, note: null });
    });

    it('revokes an answered request: the answer goes unread', async () => {
      const r = await created();
      const text = makeAnswer();
      await answer(r, text, T0 + 10);
      expect(await store.requests.revoke(r.request.id, r.fetchHash, T0 + 50)).toMatchObject({ state: 'revoked', answeredAt: T0 + 10, revokedAt: T0 + 50 });
      await expectGone(text);
      expect(await fetch(r, T0 + 60)).toEqual({ kind: 'gone', state: 'revoked', at: T0 + 50 });
    });

    it('changes nothing on revoke after the answer was read, or with a wrong hash', async () => {
      const r = await created();
      await answer(r, makeAnswer(), T0 + 10);
      expect(await store.requests.revoke(r.request.id, r.answerHash, T0 + 15)).toBeNull();
      await fetch(r, T0 + 20);
      expect(await store.requests.revoke(r.request.id, r.fetchHash, T0 + 30)).toMatchObject({ state: 'read', readAt: T0 + 20, revokedAt: null });
    });

    it('answers not found / null for an id it never stored', async () => {
      const r = makeRequest();
      expect(await peek(r)).toEqual({ kind: 'not_found' });
      expect(await answer(r, makeAnswer())).toEqual({ kind: 'not_found' });
      expect(await fetch(r)).toEqual({ kind: 'not_found' });
      expect(await statusOf(r)).toBeNull();
      expect(await store.requests.revoke(r.request.id, r.fetchHash, T0)).toBeNull();
    });

    it('answers a batch status in order, null for unknown ids and wrong hashes', async () => {
      const a = await created();
      const b = await created();
      await answer(b, makeAnswer(), T0 + 10);
      const statuses = await store.requests.status([
        { id: a.request.id, fetchHash: a.fetchHash },
        { id: makeRequest().request.id, fetchHash: a.fetchHash },
        { id: b.request.id, fetchHash: b.fetchHash },
        { id: b.request.id, fetchHash: a.fetchHash },
      ], T0 + 20);
      expect(statuses.map((s) => s?.state ?? null)).toEqual(['waiting', null, 'answered', null]);
    });

    it('sweeps expired ciphertext at once and tombstones after their time', async () => {
      const waiting = await created({ expiresAt: T0 + HOUR });
      const answered = await created({ expiresAt: T0 + HOUR });
      const text = makeAnswer();
      await answer(answered, text, T0 + 10);
      const kept = await created({ expiresAt: T0 + 100 * HOUR });
      // The answer extended its request to T0 + 10 ms + 1 h: past that too.
      await store.requests.sweep(T0 + 2 * HOUR);
      await expectGone(waiting.request.note);
      await expectGone(text);
      expect(await store.storedBytes()).toBe(envelopeBytes(kept.request.note));
      // The tombstone still tells what happened...
      expect(await statusOf(waiting, T0 + 2 * HOUR)).toMatchObject({ state: 'expired' });
      expect(await peek(waiting, T0 + 2 * HOUR)).toMatchObject({ state: 'expired' });
      // ...until its time is up.
      await store.requests.sweep(T0 + HOUR + REQUEST_TOMBSTONE_MS - 1);
      expect(await statusOf(waiting, T0 + HOUR + REQUEST_TOMBSTONE_MS - 1)).toMatchObject({ state: 'expired' });
      await store.requests.sweep(T0 + HOUR + REQUEST_TOMBSTONE_MS);
      expect(await statusOf(waiting, T0 + HOUR + REQUEST_TOMBSTONE_MS)).toBeNull();
      expect(await peek(waiting, T0 + HOUR + REQUEST_TOMBSTONE_MS)).toEqual({ kind: 'not_found' });
      expect(await peek(kept, T0 + 10)).toMatchObject({ state: 'waiting' });
    });

    it('counts the bytes of notes and answers and gives them back on every kind of deletion', async () => {
      const size = envelopeBytes;
      expect(await store.storedBytes()).toBe(0);
      const read = await created();
      const revoked = await created();
      let expected = size(read.request.note) + size(revoked.request.note);
      expect(await store.storedBytes()).toBe(expected);
      const text = makeAnswer(4112);
      await answer(read, text, T0 + 1);
      expected += size(text) - size(read.request.note);
      expect(await store.storedBytes()).toBe(expected);
      await fetch(read, T0 + 2);
      expected -= size(text);
      expect(await store.storedBytes()).toBe(expected);
      await store.requests.revoke(revoked.request.id, revoked.fetchHash, T0 + 3);
      expect(await store.storedBytes()).toBe(0);
    });

    it('refuses a request or an answer past the byte cap, storing and changing nothing', async () => {
      await store.close();
      const note = makeRequest().request.note;
      store = await open({ maxBytes: envelopeBytes(note) + 2000 });
      const r = await created();
      expect(await store.requests.create(makeRequest({ note: sealed(2000) }).request)).toEqual({ kind: 'full' });
      expect(await answer(r, makeAnswer(4112), T0 + 10)).toEqual({ kind: 'full' });
      expect(await peek(r, T0 + 20)).toMatchObject({ state: 'waiting', note: r.request.note });
      // An answer may take the note's place: the note's bytes are freed by the same write.
      const fits = makeAnswer(1024);
      expect(await answer(r, fits, T0 + 30)).toMatchObject({ kind: 'ok' });
      expect(await store.storedBytes()).toBe(envelopeBytes(fits));
    });
  });
}
