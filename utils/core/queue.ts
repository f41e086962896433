// One change at a time: for read-modify-write of shared state (a storage item, a registration)
// that several callers may start at once.

/**
 * Runs each task after every task queued before it has settled, and resolves (or rejects) with its
 * own outcome. A task that fails does not stop the ones queued after it.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = last.then(task, task);
    last = next.catch(() => undefined);
    return next;
  };
}
