// Prometheus scrape endpoint. Counts and latencies only, yet they show a deployment's traffic:
// with METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without one it answers only
// scrapers on this machine (the server listens on loopback, no proxy is trusted, and the
// request came through none).
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { isLoopback, type Config } from '../config';
import { fail } from '../errors';
import type { Metrics } from '../metrics';
import { sameHash } from '../store/store';

const hash = (text: string) => createHash('sha256').update(text).digest();

/** Headers a reverse proxy adds: a request carrying one came from beyond this machine. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-forwarded-proto', 'via'];
const throughProxy = (c: Context) => PROXY_HEADERS.some((name) => c.req.header(name) !== undefined);

export function metricsRoutes({ metrics, config }: { metrics: Metrics; config: Pick<Config, 'metricsToken' | 'host' | 'trustProxy'> }) {
  const tokenHash = config.metricsToken === undefined ? undefined : hash(config.metricsToken);
  const localOnly = isLoopback(config.host) && config.trustProxy === 0;

  return new Hono().get('/', async (c) => {
    if (tokenHash !== undefined) {
      const header = c.req.header('authorization') ?? '';
      if (!header.startsWith('Bearer ') || !sameHash(hash(header.slice('Bearer '.length)), tokenHash)) {
        c.header('www-authenticate', 'Bearer realm="burnlink-metrics"');
        return fail(c, 401, 'unauthorized', 'The metrics need the METRICS_TOKEN as "Authorization: Bearer <token>".');
      }
    } else if (!localOnly || throughProxy(c)) {
      return fail(c, 401, 'unauthorized',
        'This server is reachable beyond this machine, so its metrics need a token: set METRICS_TOKEN (16 or more characters) and scrape with "Authorization: Bearer <token>".');
    }
    const text = await metrics.render();
    c.header('content-type', metrics.contentType);
    c.header('cache-control', 'no-store');
    return c.body(text);
  });
}
