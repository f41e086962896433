// Sites as people (and organisations) name them, and the match patterns that cover them: shared by
// link detection, the secret guard and the settings an organisation pushes.
import { err, ok, type Result } from './result';

/** The part of `browser.permissions` that grants sites; passed in so tests need no browser. */
export interface PermissionsLike {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

/** Every http and https page. */
export const ALL_SITES = '*://*/*';

/** Hosts that are almost never served over https when typed without a scheme: this computer, and bare IPv4 addresses. */
const PLAIN_HTTP_HOST = /^(localhost|127(\.\d{1,3}){3}|\d{1,3}(\.\d{1,3}){3})(:\d+)?([/?#]|$)/i;

/**
 * The origin of a site as a person types it: `app.slack.com`, `https://app.slack.com/client/T01`
 * and `HTTPS://App.Slack.com` all give `https://app.slack.com`; `127.0.0.1:18821` and
 * `localhost:3000` give http. No port: match patterns have none, so a site means every port of
 * its host.
 */
export function siteOrigin(input: string): Result<string, string> {
  const text = input.trim();
  if (text.length === 0) return err('Type the address of a site, such as app.slack.com.');
  let url: URL;
  try {
    const scheme = PLAIN_HTTP_HOST.test(text) ? 'http' : 'https';
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${scheme}://${text}`);
  } catch {
    return err(`"${text}" is not a site address. Type one such as app.slack.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err('Only web sites (http and https) can be chosen.');
  }
  if (url.hostname.length === 0 || url.hostname.includes('*')) {
    return err(`"${text}" is not a site address. Type one such as app.slack.com.`);
  }
  return ok(`${url.protocol}//${url.hostname}`);
}

/** The match pattern that grants and runs on every page of a site. */
export function sitePattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
