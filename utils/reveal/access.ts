// Access to another tool's server, for the genuine reveal UI: asked for at the click that needs it,
// for that one origin, with the sentence the reader gives (utils/reveal/readers/types.ts). Tools
// whose servers answer any site (PrivateBin, Yopass) need none; the browser withholds the answers
// of the others (cryptgeon, Hemmelig, Bitwarden Send) from a page without access, before anything
// is counted. The manifest lists every site as optional, so nothing is granted at install.
import type { ForeignLink } from './readers/types';

/** The parts of `browser.permissions` used here; passed in so tests can watch them. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * The match pattern of one origin: its scheme and host, every path. Without the port, which
 * Firefox's patterns cannot hold and Chrome's then match on every port.
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The patterns a link's reader needs granted before it can read; none when its tool answers any site. */
export function neededPatterns(link: Pick<ForeignLink, 'access'>): string[] {
  return link.access.cors === 'permission' ? [...new Set(link.access.origins.map(originPattern))] : [];
}

/** Every origin a link's reader contacts, as patterns: what to ask for when an open tool did not answer. */
export const allPatterns = (link: Pick<ForeignLink, 'access'>): string[] => [...new Set(link.access.origins.map(originPattern))];

/** Whether every pattern is granted already (true for none). */
export async function hasAccess(api: PermissionsApi, patterns: string[]): Promise<boolean> {
  if (patterns.length === 0) return true;
  return api.contains({ origins: patterns }).catch(() => false);
}

/**
 * Asks the browser for exactly `patterns`. Call it straight from the person's click, before any
 * await: browsers show the prompt only in answer to a gesture. False when refused or impossible.
 */
export function requestAccess(api: PermissionsApi, patterns: string[]): Promise<boolean> {
  if (patterns.length === 0) return Promise.resolve(true);
  return api.request({ origins: patterns }).catch(() => false);
}

/** Gives back access this reveal asked for, once it is no longer needed. Never throws. */
export function giveBackAccess(api: PermissionsApi, patterns: string[]): Promise<void> {
  if (patterns.length === 0) return Promise.resolve();
  return api.remove({ origins: patterns }).then(() => undefined, () => undefined);
}
