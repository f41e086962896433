// The shapes of other tools' one-time links (PrivateBin, Yopass, cryptgeon, Hemmelig, Bitwarden
// Send) and nothing more: what the content script needs to draw a button beside one. No imports,
// so the detector stays small; the readers in utils/reveal/readers/ give the final word, and
// test/unit/readers/link-shapes.test.ts proves both agree on real links and look-alikes.

// 32 bytes are at most 44 base58 characters.
const B58_KEY = '[1-9A-HJ-NP-Za-km-z]{32,44}';
const UUID = '[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}';
/** 16 bytes in canonical base64url: the last of 22 characters carries 4 unused zero bits. */
const B64URL_16 = '[A-Za-z0-9_-]{21}[AQgw]';
const ORIGIN = 'https?://[^\\s/?#<>"\'`]+';
const PATH = '(?:/[^\\s?#<>"\'`]*)?';

export type OtherTool = 'privatebin' | 'yopass' | 'cryptgeon' | 'hemmelig' | 'bitwarden-send';

/** Whole `href`s, anchored at both ends. */
const SHAPES: Array<[OtherTool, RegExp]> = [
  ['privatebin', new RegExp(`^${ORIGIN}${PATH}\\?(?:[^#\\s]*&)?[a-f0-9]{16}(?:&[^#\\s]*)?#-?${B58_KEY}(?:&\\S*)?$`)],
  ['yopass', new RegExp(`^${ORIGIN}${PATH}#/(?:[sf]/(?:${UUID.toLowerCase()}|[A-Za-z0-9]{22})(?:/[^\\s/]+)?|[cd]/(?:${UUID.toLowerCase()}|[A-Za-z0-9]{22}))/?$`)],
  ['cryptgeon', new RegExp(`^${ORIGIN}${PATH}/note/(?:(?:[4-8][0-9A-Za-z]){4,64}/?#[0-9a-f]{64}|(?:[4-8][0-9A-Za-z]){32}/?)$`)],
  ['hemmelig', new RegExp(`^${ORIGIN}${PATH}/(?:secret/${UUID}/?(?:#decryptionKey=[A-Za-z0-9_-]{32}|#encryption_key=[A-Za-z0-9_-]+)?|s/${UUID}/?#(?:decryptionKey=)?[A-Za-z0-9_-]{32})$`)],
  ['bitwarden-send', new RegExp(`^(?:https://send\\.bitwarden\\.com/#${B64URL_16}/${B64URL_16}|${ORIGIN}${PATH}#/?send/${B64URL_16}/${B64URL_16})/?$`)],
];

/** Substrings one of the shapes always has (besides `://`); also what the detector's XPath looks for. */
export const OTHER_LINK_MARKERS = ['?', '/#', '#/', '/note/', '/secret/', '/s/'];

/** The shortest any of these links can be: a Yopass link without its key, `http://a/#/s/` and the id. */
export const MIN_OTHER_LINK_LENGTH = 'http://a/#/s/'.length + 22;

/** Cheap test before any regex: can this text hold one of these links at all? */
export function mayHoldOtherLink(text: string): boolean {
  return text.includes('://') && OTHER_LINK_MARKERS.some((m) => text.includes(m));
}

/** The tool whose link shape a whole `href` has, if any. */
export function otherLinkShape(href: string): OtherTool | undefined {
  if (href.length > 4096 || !mayHoldOtherLink(href)) return undefined;
  for (const [tool, shape] of SHAPES) if (shape.test(href)) return tool;
  return undefined;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}*]+$/;

/** Every link of these shapes in running text, in order; punctuation after a link is not part of it. */
export function otherLinksIn(text: string): string[] {
  if (!mayHoldOtherLink(text)) return [];
  const found: string[] = [];
  for (const m of text.match(URL_IN_TEXT) ?? []) {
    // Without the punctuation a sentence puts after a link first; the whole match if that fails.
    const link = [m.replace(TRAILING, ''), m].find((candidate) => otherLinkShape(candidate));
    if (link) found.push(link);
  }
  return found;
}
