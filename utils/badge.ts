// The toolbar badge, written for the whole extension here: each feature reports its own count
// (links waiting to be read, answers waiting to be revealed) and the badge shows their sum, in the
// answers' colour while one waits. Runs in the background only.
import { browser } from 'wxt/browser';
import { extensionTranslator } from './i18n/extension';
import type { Translator } from './i18n/translate';
import { badgeCountsItem, type BadgeCounts } from './storage';

const LINKS_COLOR = '#c2410c';
const ANSWERS_COLOR = '#15803d';

/** What the badge shows for these counts: text and colour. */
export function badgeLook(counts: BadgeCounts, show: boolean): { text: string; color: string } {
  const total = counts.links + counts.answers;
  return { text: show && total > 0 ? String(total) : '', color: counts.answers > 0 ? ANSWERS_COLOR : LINKS_COLOR };
}

/**
 * The toolbar button's tooltip: what the badge counts ("Burnlink: 2 links waiting to be read and
 * 1 answer to reveal"), or only the name while it counts nothing or is off.
 */
export function badgeTitle(counts: BadgeCounts, show: boolean, { t, plural, lang }: Translator): string {
  const parts = [
    ...(counts.links > 0 ? [plural('notify.badge.links', counts.links)] : []),
    ...(counts.answers > 0 ? [plural('notify.badge.answers', counts.answers)] : []),
  ];
  if (!show || parts.length === 0) return t('extension.name');
  return t('notify.badge.title', { counts: new Intl.ListFormat(lang, { type: 'conjunction' }).format(parts) });
}

/** Sets one feature's count and redraws the badge (`show`: the badge setting). */
export async function setBadgeCount(part: keyof BadgeCounts, count: number, show: boolean): Promise<void> {
  const counts = { ...(await badgeCountsItem.getValue()), [part]: count };
  await badgeCountsItem.setValue(counts);
  const action = browser.action ?? browser.browserAction;
  const look = badgeLook(counts, show);
  await action.setBadgeText({ text: look.text });
  await action.setBadgeBackgroundColor({ color: look.color });
  await action.setTitle({ title: badgeTitle(counts, show, extensionTranslator()) });
}
