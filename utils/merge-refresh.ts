/**
 * Folds a refresh that started from `before` into a stored list as it is now (`current`): an entry
 * added, changed or removed while the servers were being asked keeps that change; the others take
 * the refreshed state, and those the refresh pruned go. `key` says which entry is which;
 * `sameStatus` whether an entry is still as the refresh found it.
 */
export function mergeRefresh<T>(
  before: T[], refreshed: T[], current: T[], key: (entry: T) => string, sameStatus: (a: T, b: T) => boolean,
): T[] {
  const old = new Map(before.map((e) => [key(e), e]));
  const fresh = new Map(refreshed.map((e) => [key(e), e]));
  return current.flatMap((entry) => {
    const was = old.get(key(entry));
    if (!was || !sameStatus(was, entry)) return [entry];
    const next = fresh.get(key(entry));
    return next ? [next] : [];
  });
}
