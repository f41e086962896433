// Prometheus scrape endpoint. Counts and latencies only; with METRICS_TOKEN set it needs
// `Authorization: Bearer <token>`, so that a public deployment need not show its traffic.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { fail } from '../errors';
import type { Metrics } from '../metrics';
import { sameHash, type NoteStore } from '../store/store';

const hash = (text: string) => createHash('sha256').update(text).digest();

export function metricsRoutes({ store, metrics, token }: { store: NoteStore; metrics: Metrics; token: string | undefined }) {
  const tokenHash = token === undefined ? undefined : hash(token);
  return new Hono().get('/', async (c) => {
    if (tokenHash !== undefined) {
      const header = c.req.header('authorization') ?? '';
      if (!header.startsWith('Bearer ') || !sameHash(hash(header.slice('Bearer '.length)), tokenHash)) {
        return fail(c, 401, 'unauthorized', 'The metrics need the METRICS_TOKEN as "Authorization: Bearer <token>".');
      }
    }
    const storeUp = await store.ping();
    const storedBytes = storeUp ? await store.storedBytes().catch(() => undefined) : undefined;
    c.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    c.header('cache-control', 'no-store');
    return c.body(metrics.render({ storeUp, storedBytes }));
  });
}
