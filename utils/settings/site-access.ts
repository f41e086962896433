// Host access is shared: link detection and the secret guard may both run on a site. Giving it
// back for one of them must not take it from the other, so each settings section removes access
// through this, naming what the other one still uses.
import { ALL_SITES, type PermissionsLike } from '../core/site';

/**
 * `permissions`, except that `remove` keeps every origin `othersUse()` still needs (all of them
 * while the other feature runs on every site).
 */
export function sharedAccess(permissions: PermissionsLike, othersUse: () => Promise<string[]>): PermissionsLike {
  return {
    request: (p) => permissions.request(p),
    contains: (p) => permissions.contains(p),
    async remove({ origins }) {
      const kept = await othersUse();
      if (kept.includes(ALL_SITES)) return true;
      const removable = origins.filter((origin) => !kept.includes(origin));
      if (removable.length === 0) return true;
      const removed = await permissions.remove({ origins: removable });
      // Chrome takes the sites away with the broader grant: ask for the other's sites again
      // (granted a moment ago, so the browser shows no prompt).
      if (removable.includes(ALL_SITES) && kept.length > 0 && !(await permissions.contains({ origins: kept }))) {
        await permissions.request({ origins: kept }).catch(() => false);
      }
      return removed;
    },
  };
}
