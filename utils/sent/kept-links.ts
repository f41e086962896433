// Links kept so the sender can copy them again ("Copy link" in Sent, the "Link created" view after
// the popup reopens): each link with its key, in session storage only (memory, gone when the
// browser closes), and only while its note can still be read. The pure rules come first (the
// popup uses them); then the background's part, which drops what is no longer needed.
import { browser } from 'wxt/browser';
import { serialQueue } from '../core/queue';
import { createdViewItem, keptLinksItem, sentItem } from '../storage';
import type { SentNote, SentRef } from './entry';
import { shownState } from './wording';

/** The popup's "Link created" view, as kept across popup openings. */
export interface CreatedView extends SentRef {
  link: string;
  /** Set when the note needs one: the sender still has to pass it on. */
  passphrase?: string;
  /** Seconds, as chosen. */
  expiresIn: number;
  expiresAt: number;
  maxReads: number;
  /** When the link was made (ms): the view comes back for CREATED_VIEW_MS only. */
  madeAt: number;
}

/**
 * How long the popup reopens on the "Link created" view: long enough to survive a click into a
 * chat and back, short enough that the next secret does not start on an old link. The link stays
 * in Sent, to be copied again, for as long as it waits.
 */
export const CREATED_VIEW_MS = 15 * 60_000;

/** The key a link is kept under. */
export const keptKey = (ref: SentRef): string => `${ref.server} ${ref.id}`;

/** The kept link of a sent entry, while the note can still be read. */
export function keptLinkOf(kept: Record<string, string>, entry: SentNote, now: number): string | undefined {
  return shownState(entry, now) === 'pending' ? kept[keptKey(entry)] : undefined;
}

/** Whether the popup should open on this "Link created" view. */
export function showsCreatedView(view: CreatedView | null, kept: Record<string, string>, now: number): view is CreatedView {
  return view !== null && now - view.madeAt < CREATED_VIEW_MS && now < view.expiresAt && kept[keptKey(view)] === view.link;
}

/** The kept links still needed: those of entries in the list that can still be read. */
export function stillNeeded(kept: Record<string, string>, entries: SentNote[], now: number): Record<string, string> {
  const waiting = new Set(entries.filter((e) => shownState(e, now) === 'pending').map(keptKey));
  return Object.fromEntries(Object.entries(kept).filter(([key]) => waiting.has(key)));
}

/** When the first kept link expires: then it must go, even if no server was asked. */
export function nextExpiry(kept: Record<string, string>, entries: SentNote[]): number | undefined {
  const times = entries.filter((e) => kept[keptKey(e)] !== undefined).map((e) => e.expiresAt);
  return times.length > 0 ? Math.min(...times) : undefined;
}

// --- background ---------------------------------------------------------------------------------

export const KEPT_LINKS_ALARM = 'kept-links-expiry';
const oneAtATime = serialQueue();

/** Keeps a link just made, once it is in the sent list (a link not in the list is dropped). */
export function keepLink(ref: SentRef, link: string): Promise<void> {
  return oneAtATime(async () => {
    await keptLinksItem.setValue({ ...(await keptLinksItem.getValue()), [keptKey(ref)]: link });
    await scheduleExpiry();
  });
}

/** The popup's "Link created" view of a kept link, to show again when the popup reopens. */
export function keepCreatedView(view: CreatedView): Promise<void> {
  return oneAtATime(async () => {
    if ((await keptLinksItem.getValue())[keptKey(view)] === view.link) await createdViewItem.setValue(view);
  });
}

/**
 * Drops the links of notes that were read, revoked, destroyed or expired, or that left the sent
 * list, with the popup's view of any of them; sets an alarm for the next expiry.
 */
export function dropEndedLinks(now = Date.now()): Promise<void> {
  return oneAtATime(async () => {
    const entries = await sentItem.getValue();
    const kept = await keptLinksItem.getValue();
    const needed = stillNeeded(kept, entries, now);
    if (Object.keys(needed).length !== Object.keys(kept).length) await keptLinksItem.setValue(needed);
    const view = await createdViewItem.getValue();
    if (view && needed[keptKey(view)] === undefined) await createdViewItem.setValue(null);
    await scheduleExpiry();
  });
}

/** The popup's "New link": its view is not shown again (the link stays in Sent). */
export function closeCreatedView(): Promise<void> {
  return oneAtATime(() => createdViewItem.setValue(null));
}

async function scheduleExpiry(): Promise<void> {
  const when = nextExpiry(await keptLinksItem.getValue(), await sentItem.getValue());
  if (when === undefined) await browser.alarms.clear(KEPT_LINKS_ALARM);
  else await browser.alarms.create(KEPT_LINKS_ALARM, { when: Math.max(when, Date.now() + 1000) });
}
