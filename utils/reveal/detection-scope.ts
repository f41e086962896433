// The person's choice of where link detection runs, and the optional host permissions behind it.
// Nothing is granted at install (DESIGN.md invariant 9): each change asks the browser, and turning
// detection off gives the access back. The background follows the result (utils/reveal/detection.ts).
import { err, ok, type Result } from '../core/result';
import { ALL_SITES, siteOrigin, sitePattern, type PermissionsLike } from '../core/site';
import type { DetectionScope } from '../storage';

export { ALL_SITES, siteOrigin, sitePattern, type PermissionsLike };

/** The match patterns the detector should run on for these settings. */
export function wantedPatterns(settings: DetectionScope): string[] {
  if (settings.mode === 'off') return [];
  if (settings.mode === 'all') return [ALL_SITES];
  return [...new Set(settings.sites.map(sitePattern))];
}

export type DetectionChange = Result<DetectionScope, string>;

const REFUSED_ALL = 'Burnlink was not given access to pages, so detection stays as it was.';
const refusedSites = (sites: string[]) =>
  `Burnlink was not given access to ${sites.length === 1 ? sites[0] : 'these sites'}, so nothing changed.`;

/**
 * Applies a change of mode. The permission request comes first, before anything else is awaited:
 * browsers only show it in answer to a click. Returns the settings to save, or why not.
 */
export async function changeMode(
  mode: DetectionScope['mode'],
  current: DetectionScope,
  permissions: PermissionsLike,
): Promise<DetectionChange> {
  const sitePatterns = wantedPatterns({ mode: 'sites', sites: current.sites });
  if (mode === 'all') {
    if (!(await permissions.request({ origins: [ALL_SITES] }))) return err(REFUSED_ALL);
    return ok({ mode: 'all', sites: current.sites });
  }
  if (mode === 'sites') {
    if (sitePatterns.length > 0 && !(await permissions.request({ origins: sitePatterns }))) {
      return err(refusedSites(current.sites));
    }
    if (current.mode === 'all') {
      await permissions.remove({ origins: [ALL_SITES] });
      // Chrome takes the sites away with the broader grant; they were just granted, so asking
      // again shows no prompt.
      if (sitePatterns.length > 0 && !(await permissions.contains({ origins: sitePatterns }))) {
        await permissions.request({ origins: sitePatterns }).catch(() => false);
      }
    }
    return ok({ mode: 'sites', sites: current.sites });
  }
  await permissions.remove({ origins: [ALL_SITES, ...sitePatterns] });
  return ok({ mode: 'off', sites: current.sites });
}

/** Adds a chosen site: asks for it first, then lists it. */
export async function addSite(input: string, current: DetectionScope, permissions: PermissionsLike): Promise<DetectionChange> {
  const origin = siteOrigin(input);
  if (!origin.ok) return origin;
  if (current.sites.includes(origin.value)) return ok(current);
  if (!(await permissions.request({ origins: [sitePattern(origin.value)] }))) {
    return err(refusedSites([origin.value]));
  }
  return ok({ mode: 'sites', sites: [...current.sites, origin.value] });
}

/** Removes a chosen site and gives its access back. */
export async function removeSite(origin: string, current: DetectionScope, permissions: PermissionsLike): Promise<DetectionChange> {
  await permissions.remove({ origins: [sitePattern(origin)] });
  return ok({ ...current, sites: current.sites.filter((s) => s !== origin) });
}
