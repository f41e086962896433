// Starts the note server: SQLite by default, Redis when REDIS_URL is set.
import { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { answerClientErrors } from './client-errors';
import { loadConfig } from './config';
import type { RateCounters } from './limits';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { openRedisStore, redactRedisUrl } from './store/redis';
import { openSqliteStore } from './store/sqlite';
import type { NoteStore } from './store/store';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const config = loaded.value;
const logger = createLogger(config.logLevel);

let store: NoteStore;
let rateCounters: RateCounters = { kind: 'memory' };
let storeWhere: string;
if (config.redisUrl === undefined) {
  try {
    store = openSqliteStore({ file: path.join(config.dataDir, 'burnlink.sqlite'), maxBytes: config.maxStoreBytes });
  } catch (error) {
    logger.fatal(`Cannot open the database in ${config.dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  storeWhere = config.dataDir;
} else {
  try {
    const redis = await openRedisStore({ url: config.redisUrl, maxBytes: config.maxStoreBytes });
    store = redis;
    rateCounters = { kind: 'redis', client: redis.client, prefix: redis.prefix };
    storeWhere = redactRedisUrl(config.redisUrl);
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
const app = createApp({ store, config, logger, rateCounters, metrics: new Metrics({ store, processMetrics: true }) });

const sweep = () => Promise.all([store.sweep(Date.now()), store.requests.sweep(Date.now())]).catch((error: unknown) => {
  logger.error({ error: error instanceof Error ? error.message : String(error) }, 'sweep failed');
});
const sweeper = setInterval(sweep, config.sweepIntervalSeconds * 1000);
sweeper.unref();
void sweep();

const server = serve({
  fetch: app.fetch,
  port: config.port,
  hostname: config.host,
  serverOptions: {
    // Slow clients (slowloris) may not hold connections open: headers and the whole request
    // must arrive in time, else the connection is answered 408 and closed. Checked every second.
    headersTimeout: config.headersTimeoutSeconds * 1000,
    requestTimeout: config.requestTimeoutSeconds * 1000,
    connectionsCheckingInterval: 1000,
  },
}, (info) => {
  const extension = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
  logger.info(`Burnlink note server listening on ${config.publicUrl} (port ${info.port}, store: ${store.kind} in ${storeWhere})`);
  logger.info(`Load the extension: chrome://extensions → Developer mode → Load unpacked → ${extension}`);
});

if (server instanceof Server) answerClientErrors(server, logger);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: finishing requests in flight, then closing the store.`);
  clearInterval(sweeper);
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  // Idle keep-alive connections would hold close() open until they time out; a connection
  // whose request finishes during the shutdown becomes idle then, so look again until closed.
  if ('closeIdleConnections' in server) {
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
  }
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
