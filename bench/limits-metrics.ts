// What the rate limiter (rate-limiter-flexible) and the metrics (prom-client) cost the server per
// request, measured call by call in this process: `node --import tsx bench/limits-metrics.ts`.
// Redis figures use a real redis-server on loopback (a round trip each). See bench/README.md.
import { Redis } from 'ioredis';
import { createLimiter, take } from '../server/limits';
import { Metrics } from '../server/metrics';
import { startRedis } from '../test/helpers/redis';
import { numberFromEnv } from './env';

const CALLS = numberFromEnv('BENCH_CALLS', 200_000);

/** Mean microseconds per call of `fn`, after a tenth as many unrecorded calls. */
async function perCall(calls: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < calls / 10; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / calls / 1000;
}

/** 1,000 different client addresses, as a busy public server sees them. */
const client = (i: number) => `198.51.${(i >> 8) & 3}.${i & 255}`;

const rows: Array<[string, number]> = [];
const memory = createLimiter('consume', { max: 1e9, windowSeconds: 60 }, { kind: 'memory' });
rows.push(['rate limit, memory, one client', await perCall(CALLS, () => take(memory, '192.0.2.1'))]);
rows.push(['rate limit, memory, 1,000 clients', await perCall(CALLS, (i) => take(memory, client(i)))]);

const metrics = new Metrics({ store: { ping: async () => true, storedBytes: async () => 0 } });
const routes = ['/api/notes', '/api/notes/:id/peek', '/api/notes/:id/consume'];
rows.push(['metrics, one request observed (counter + histogram)',
  await perCall(CALLS, (i) => metrics.observe('POST', routes[i % 3] ?? '', i & 1 ? 200 : 404, 0.003))]);
rows.push(['metrics, one scrape rendered', await perCall(2000, () => metrics.render())]);

const redis = await startRedis();
const connection = new Redis(redis.url, { enableAutoPipelining: true });
try {
  // The limiter counts in memory while its connection is not ready: measure Redis, not that.
  await connection.ping();
  const shared = createLimiter('consume', { max: 1e9, windowSeconds: 60 }, { kind: 'redis', client: connection, prefix: 'bench:' });
  const calls = Math.min(CALLS, 20_000);
  rows.push(['rate limit, Redis, one at a time (a round trip each)', await perCall(calls, (i) => take(shared, client(i)))]);
  // Concurrent requests share round trips (auto-pipelining), as they do under load.
  const batch = 50;
  const batched = await perCall(calls / batch, (i) => Promise.all(Array.from({ length: batch }, (_, j) => take(shared, client(i * batch + j)))));
  rows.push([`rate limit, Redis, ${batch} at once (per request)`, batched / batch]);
  const counted = Number(await connection.get(`bench:rl:consume:${client(0)}`));
  if (!(counted > 0)) throw new Error('the Redis limiter did not count in Redis');
} finally {
  connection.disconnect();
  await redis.stop();
}

console.log('| what | µs per call |\n|---|---|');
for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(2)} |`);
