// Links kept in session storage to be copied again: only while their notes can be read.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { SentNote } from '../../utils/sent/entry';
import {
  CREATED_VIEW_MS,
  closeCreatedView,
  dropEndedLinks,
  keepCreatedView,
  keepLink,
  keptKey,
  keptLinkOf,
  nextExpiry,
  showsCreatedView,
  stillNeeded,
  type CreatedView,
} from '../../utils/sent/kept-links';
import { createdViewItem, keptLinksItem, sentItem } from '../../utils/storage';

const NOW = 1_800_000_000_000;
const SERVER = 'https://notes.example.com';

function entry(id: string, over: Partial<SentNote> = {}): SentNote {
  return {
    server: SERVER, id: id.padEnd(22, 'A'), manageToken: 'M'.repeat(43), label: '', createdAt: NOW - 60_000,
    expiresAt: NOW + 3_600_000, maxReads: 1, state: 'pending', reads: 0, readAt: null, checkedAt: null, ...over,
  };
}
const linkOf = (e: SentNote) => `${e.server}/n/${e.id}#1.${'k'.repeat(43)}`;

describe('which kept links are still needed', () => {
  const waiting = entry('waiting');
  const read = entry('read', { state: 'read', reads: 1, readAt: NOW - 1000 });
  const revoked = entry('revoked', { state: 'revoked' });
  const expired = entry('expired', { expiresAt: NOW - 1 });
  const destroyed = entry('destroyed', { state: 'destroyed' });
  const all = [waiting, read, revoked, expired, destroyed];
  const kept = Object.fromEntries([...all, entry('forgotten')].map((e) => [keptKey(e), linkOf(e)]));

  it('keeps only the links of notes that can still be read and are still in the list', () => {
    expect(stillNeeded(kept, all, NOW)).toEqual({ [keptKey(waiting)]: linkOf(waiting) });
  });

  it.each([
    ['waiting', waiting, true],
    ['read', read, false],
    ['revoked', revoked, false],
    ['past its expiry, before any server said so', expired, false],
    ['destroyed', destroyed, false],
  ])('offers "Copy link" for a link that is %s: %s', (_what, e, offered) => {
    expect(keptLinkOf(kept, e, NOW)).toBe(offered ? linkOf(e) : undefined);
  });

  it('knows when the first kept link expires', () => {
    const soon = entry('soon', { expiresAt: NOW + 5000 });
    expect(nextExpiry({ ...kept, [keptKey(soon)]: linkOf(soon) }, [...all, soon])).toBe(NOW - 1);
    expect(nextExpiry({}, all)).toBeUndefined();
  });
});

describe('the "Link created" view after the popup reopens', () => {
  const e = entry('view');
  const view: CreatedView = { server: SERVER, id: e.id, link: linkOf(e), expiresIn: 3600, expiresAt: e.expiresAt, maxReads: 1, madeAt: NOW };
  const kept = { [keptKey(e)]: linkOf(e) };
  it.each([
    ['just made', view, kept, NOW + 1000, true],
    ['made a while ago', view, kept, NOW + CREATED_VIEW_MS, false],
    ['its link no longer kept (read, revoked)', view, {}, NOW + 1000, false],
    ['expired', { ...view, expiresAt: NOW + 500 }, kept, NOW + 1000, false],
    ['none', null, kept, NOW, false],
  ])('is shown when %s: %s', (_what, v, k, now, shown) => {
    expect(showsCreatedView(v, k, now)).toBe(shown);
  });
});

describe('in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('drops a link and its view once the note is read, and only then', async () => {
    const a = entry('a');
    const b = entry('b');
    await sentItem.setValue([a, b]);
    await keepLink(a, linkOf(a));
    await keepLink(b, linkOf(b));
    await keepCreatedView({ server: a.server, id: a.id, link: linkOf(a), expiresIn: 3600, expiresAt: a.expiresAt, maxReads: 1, madeAt: NOW });
    await dropEndedLinks(NOW);
    expect(Object.keys(await keptLinksItem.getValue())).toHaveLength(2);
    expect(await createdViewItem.getValue()).not.toBeNull();

    await sentItem.setValue([{ ...a, state: 'read', reads: 1, readAt: NOW }, b]);
    await dropEndedLinks(NOW);
    expect(await keptLinksItem.getValue()).toEqual({ [keptKey(b)]: linkOf(b) });
    expect(await createdViewItem.getValue()).toBeNull();
  });

  it('drops a link when it expires, with no server asked (the alarm)', async () => {
    const a = entry('a', { expiresAt: NOW + 1000 });
    await sentItem.setValue([a]);
    await keepLink(a, linkOf(a));
    expect(await fakeBrowser.alarms.get('kept-links-expiry')).toMatchObject({ scheduledTime: expect.any(Number) });
    await dropEndedLinks(NOW + 1000);
    expect(await keptLinksItem.getValue()).toEqual({});
    expect(await fakeBrowser.alarms.get('kept-links-expiry')).toBeUndefined();
  });

  it('does not show a view for a link it does not keep, and closes it on "New link"', async () => {
    const a = entry('a');
    await keepCreatedView({ server: a.server, id: a.id, link: linkOf(a), expiresIn: 3600, expiresAt: a.expiresAt, maxReads: 1, madeAt: NOW });
    expect(await createdViewItem.getValue()).toBeNull();
    await sentItem.setValue([a]);
    await keepLink(a, linkOf(a));
    await keepCreatedView({ server: a.server, id: a.id, link: linkOf(a), expiresIn: 3600, expiresAt: a.expiresAt, maxReads: 1, madeAt: NOW });
    expect(await createdViewItem.getValue()).toMatchObject({ link: linkOf(a) });
    await closeCreatedView();
    expect(await createdViewItem.getValue()).toBeNull();
    // The link itself stays, for "Copy link" in Sent.
    expect(await keptLinksItem.getValue()).toEqual({ [keptKey(a)]: linkOf(a) });
  });

  it('keeps links in session storage only: nothing in local or sync', async () => {
    const a = entry('a');
    await sentItem.setValue([a]);
    await keepLink(a, linkOf(a));
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    const sync = JSON.stringify(await fakeBrowser.storage.sync.get(null));
    expect(local).not.toContain('#1.');
    expect(sync).not.toContain('#1.');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain(linkOf(a));
  });
});
