// One-time links: `https://<server>/n/<id>#<fragment>`. The fragment, which browsers never send
// to a server, holds the format version (1: text, 2: text and files), whether a passphrase is
// needed, and the link key.
import { base64urlPattern, fromBase64url, toBase64url } from './base64url';
import { LINK_KEY_BYTES } from './crypto';
import { err, ok, type Result } from './result';

export interface NoteLink {
  /** Origin of the note server plus any base path, without a trailing slash. */
  server: string;
  id: string;
  key: Uint8Array;
  passphrase: boolean;
  /**
   * The payload format the note was written in (utils/core/payload.ts): 1 for text, 2 for text and
   * files. Older Burnlinks refuse version 2 before they consume anything. Absent means 1.
   */
  version?: LinkVersion;
}

export type LinkVersion = 1 | 2;

export type LinkErrorCode = 'empty' | 'not_a_link' | 'not_a_note' | 'missing_key' | 'bad_key' | 'unsupported_version';
export interface LinkError {
  code: LinkErrorCode;
  message: string;
}

/** A note id and a link key, canonical base64url only (one spelling per value). */
const ID = base64urlPattern(16);
const KEY = base64urlPattern(32);
/**
 * The fragment: a version (decimal, no leading zero), the passphrase flag, a dot and the key. A
 * fragment that does not fit (`01.`, `1x.`, no dot) is a damaged key, not an unknown version.
 */
const FRAGMENT = /^(0|[1-9]\d*)(p?)\.(.*)$/;
/** Shape of a note link anywhere in text; the lookarounds refuse longer look-alikes. */
const LINK_SOURCE = `https?:\\/\\/[^\\s/?#<>"'\`]+(?:\\/[^\\s?#<>"'\`]*?)?\\/n\\/(${ID})#([12])(p?)\\.(${KEY})(?![A-Za-z0-9_-])`;

/** Builds a link; `server` may end with a slash. */
export function formatLink(link: NoteLink): string {
  return `${link.server.replace(/\/+$/, '')}/n/${link.id}#${link.version ?? 1}${link.passphrase ? 'p' : ''}.${toBase64url(link.key)}`;
}

function fromMatch(match: RegExpExecArray): NoteLink | undefined {
  const [whole, id, version, p, keyText] = match;
  if (whole === undefined || id === undefined || keyText === undefined) return undefined;
  const key = fromBase64url(keyText);
  if (!key || key.length !== LINK_KEY_BYTES) return undefined;
  const server = whole.slice(0, whole.indexOf(`/n/${id}#`));
  return { server, id, key, passphrase: p === 'p', version: version === '2' ? 2 : 1 };
}

// Characters people and chat apps put around a pasted link.
const WRAPPERS = /^[\s<(["'`{*_]+|[\s>)\]"'`}*_.,;:!?]+$/g;

/** A pasted link without the brackets, quotes and punctuation people and chat apps put around it. */
export function stripWrappers(input: string): string {
  return input.trim().replace(WRAPPERS, '');
}

/**
 * Parses a link as a person pastes it: surrounding brackets, quotes and trailing punctuation are
 * ignored. Returns what is wrong in a sentence when it is not a usable note link.
 */
export function parseLink(input: string): Result<NoteLink, LinkError> {
  const text = stripWrappers(input);
  if (text.length === 0) return err({ code: 'empty', message: 'Paste a Burnlink link first.' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ code: 'not_a_link', message: 'This is not a link. A Burnlink link starts with https:// and contains /n/.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err({ code: 'not_a_link', message: 'This is not a web link. A Burnlink link starts with https://.' });
  }
  const path = url.pathname.match(new RegExp(`^(.*)/n/(${ID})/?$`));
  if (!path) return err({ code: 'not_a_note', message: 'This link does not point to a Burnlink note.' });
  const fragment = url.hash.slice(1);
  if (fragment.length === 0) {
    return err({ code: 'missing_key', message: 'The link has lost its key (the part after #). Ask the sender to copy the whole link again.' });
  }
  const parts = fragment.match(FRAGMENT);
  if (!parts) return err({ code: 'bad_key', message: 'The key at the end of the link is damaged. Ask the sender for the whole link again.' });
  if (parts[1] !== '1' && parts[1] !== '2') {
    return err({ code: 'unsupported_version', message: 'This link was made by a newer version of Burnlink. Update Burnlink to open it.' });
  }
  const key = fromBase64url(parts[3] ?? '');
  if (!key || key.length !== LINK_KEY_BYTES) {
    return err({ code: 'bad_key', message: 'The key at the end of the link is incomplete or damaged. Ask the sender for the whole link again.' });
  }
  return ok({ server: `${url.origin}${path[1] ?? ''}`, id: path[2] ?? '', key, passphrase: parts[2] === 'p', version: parts[1] === '2' ? 2 : 1 });
}

/** Every well-formed note link in a text, in order, with its position. */
export function findLinks(text: string): Array<{ link: NoteLink; index: number; length: number }> {
  const found: Array<{ link: NoteLink; index: number; length: number }> = [];
  const pattern = new RegExp(LINK_SOURCE, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const link = fromMatch(m);
    if (link) found.push({ link, index: m.index, length: m[0].length });
  }
  return found;
}

/** Cheap test for the detector: does this text possibly contain a note link? */
export function mayContainLink(text: string): boolean {
  return text.includes('/n/') && (text.includes('#1') || text.includes('#2'));
}
