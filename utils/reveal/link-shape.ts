// The shape of a note link and nothing more: what the content script needs to spot one on a page.
// No imports on purpose, so the detector stays a few kilobytes; utils/core/link.ts stays the parser
// (the panel gives the final word), and test/unit/link-shape.test.ts proves both agree.

// 22 and 43 base64url characters whose last one carries no stray low bits: exactly the canonical
// spelling of a 128-bit id and a 256-bit key, as utils/core/base64url.ts accepts them.
const ID = '[A-Za-z0-9_-]{21}[AQgw]';
const KEY = '[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]';
const HOST = "[^\\s/?#<>\"'`]+";

/** A note link inside running text (same rule as findLinks in utils/core/link.ts). */
const IN_TEXT = new RegExp(`https?:\\/\\/${HOST}(?:\\/[^\\s?#<>"'\`]*?)?\\/n\\/${ID}#[12]p?\\.${KEY}(?![A-Za-z0-9_-])`, 'g');

/**
 * A whole `href`, as the browser resolves it: a trailing slash after the id and a query string
 * (mail clients add them) are allowed, as parseLink allows them.
 */
const WHOLE_HREF = new RegExp(`^https?:\\/\\/[^\\s/?#]+(?:\\/[^\\s?#]*)?\\/n\\/${ID}\\/?(?:\\?[^\\s#]*)?#[12]p?\\.${KEY}$`);

/** The shortest a note link can be: `http://a/n/`, the id, `#1.` (or `#2.`, with files) and the key. */
export const MIN_LINK_LENGTH = 'http://a/n/'.length + 22 + '#1.'.length + 43;

/** Cheap test before any regex: can this text hold a note link at all? */
export function mayHoldLink(text: string): boolean {
  return text.includes('/n/') && (text.includes('#1') || text.includes('#2'));
}

/** Every note-shaped link in a text, in order. */
export function linkShapesIn(text: string): string[] {
  if (!mayHoldLink(text)) return [];
  IN_TEXT.lastIndex = 0;
  return text.match(IN_TEXT) ?? [];
}

/** Whether a resolved `href` is a note link. */
export function isLinkShape(href: string): boolean {
  return mayHoldLink(href) && WHOLE_HREF.test(href);
}
