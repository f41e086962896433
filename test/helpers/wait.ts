// The one way tests (and benchmarks) wait for something: poll a condition until it holds or a
// deadline passes. Never a fixed sleep: a busy machine only makes the wait longer.

export interface WaitOptions {
  /** Give up after this many milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Milliseconds between two looks (default 20). */
  intervalMs?: number;
}

/**
 * Resolves with the first truthy value `condition` returns; rejects with "timed out waiting for
 * <what>" once the deadline passes. A condition that throws counts as not yet.
 */
export async function waitFor<T>(what: string, condition: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 20 }: WaitOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
