// Request links: `https://<server>/r/<id>#1.<public key>`. The fragment, which browsers never send
// to a server, holds the format version and the requester's X25519 public key. Whoever holds the
// link can answer the request once; nobody but the requester can read the answer.
import { base64urlPattern, fromBase64url, toBase64url } from '../base64url';
import { stripWrappers, type LinkError } from '../link';
import { err, ok, type Result } from '../result';
import { PUBLIC_KEY_BYTES } from './crypto';

export interface RequestLink {
  /** Origin of the note server plus any base path, without a trailing slash. */
  server: string;
  id: string;
  /** The requester's public key, raw. */
  publicKey: Uint8Array;
}

export type RequestLinkErrorCode = Exclude<LinkError['code'], 'not_a_note'> | 'not_a_request';
export interface RequestLinkError {
  code: RequestLinkErrorCode;
  message: string;
}

/** A request id, canonical base64url only; the fragment's version is decimal without a leading zero. */
const ID = base64urlPattern(16);
const FRAGMENT = /^(0|[1-9]\d*)\.(.*)$/;

/** Builds a request link; `server` may end with a slash. */
export function formatRequestLink(link: RequestLink): string {
  return `${link.server.replace(/\/+$/, '')}/r/${link.id}#1.${toBase64url(link.publicKey)}`;
}

/**
 * Parses a request link as a person pastes it (brackets, quotes, trailing punctuation, a query
 * string and a slash after the id are forgiven). Says what is wrong in a sentence otherwise.
 */
export function parseRequestLink(input: string): Result<RequestLink, RequestLinkError> {
  const text = stripWrappers(input);
  if (text.length === 0) return err({ code: 'empty', message: 'Paste a Burnlink request link first.' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ code: 'not_a_link', message: 'This is not a link. A Burnlink request link starts with https:// and contains /r/.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err({ code: 'not_a_link', message: 'This is not a web link. A Burnlink request link starts with https://.' });
  }
  const path = url.pathname.match(new RegExp(`^(.*)/r/(${ID})/?$`));
  if (!path) return err({ code: 'not_a_request', message: 'This link does not point to a Burnlink request.' });
  const fragment = url.hash.slice(1);
  if (fragment.length === 0) {
    return err({ code: 'missing_key', message: 'The link has lost its key (the part after #). Ask the person who sent it to copy the whole link again.' });
  }
  const parts = fragment.match(FRAGMENT);
  if (!parts) return err({ code: 'bad_key', message: 'The key at the end of the link is damaged. Ask for the whole link again.' });
  if (parts[1] !== '1') {
    return err({ code: 'unsupported_version', message: 'This request link was made by a newer version of Burnlink. Update Burnlink (or your browser) to answer it.' });
  }
  const publicKey = fromBase64url(parts[2] ?? '');
  if (!publicKey || publicKey.length !== PUBLIC_KEY_BYTES) {
    return err({ code: 'bad_key', message: 'The key at the end of the link is incomplete or damaged. Ask for the whole link again.' });
  }
  return ok({ server: `${url.origin}${path[1] ?? ''}`, id: path[2] ?? '', publicKey });
}
