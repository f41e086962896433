import { useEffect, useState } from 'preact/hooks';

/** Renders the component again every `ms` milliseconds while `active`, so countdowns follow the clock. */
export function useTicking(ms: number, active = true): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}
