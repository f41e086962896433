// Starts the note server: SQLite by default, Redis when REDIS_URL is set.
import { createServer } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createApp, securityHeaderList } from './app';
import { answerClientErrors } from './client-errors';
import { loadConfig } from './config';
import { hotPath } from './hot-path';
import { buildLimits, type RateCounters } from './limits';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { noteAnswers } from './routes/note-answers';
import { openRedisStore, redactRedisUrl } from './store/redis';
import { openSqliteStore } from './store/sqlite';
import { listenErrorMessage, startupSummary } from './startup';
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
const metrics = new Metrics({ store, processMetrics: true });
// Built once, for the Hono app and the hot path alike: routes that share a limit share its counts.
const limits = buildLimits(config, rateCounters);
const app = createApp({ store, config, logger, metrics, limits });
const hot = hotPath({
  answers: noteAnswers({ store, config, now: Date.now }),
  config,
  limits,
  observers: { logger, metrics },
  securityHeaders: securityHeaderList(config),
});

const sweep = () => Promise.all([store.sweep(Date.now()), store.requests.sweep(Date.now())]).catch((error: unknown) => {
  logger.error({ error: error instanceof Error ? error.message : String(error) }, 'sweep failed');
});
const sweeper = setInterval(sweep, config.sweepIntervalSeconds * 1000);
sweeper.unref();
void sweep();

// Create, peek and consume are answered by the hot path; everything else by the Hono app.
const honoListener = getRequestListener(app.fetch);
const server = createServer({
  // Slow clients (slowloris) may not hold connections open: headers and the whole request
  // must arrive in time, else the connection is answered 408 and closed. Checked every second.
  headersTimeout: config.headersTimeoutSeconds * 1000,
  requestTimeout: config.requestTimeoutSeconds * 1000,
  connectionsCheckingInterval: 1000,
}, (req, res) => {
  if (!hot(req, res)) void honoListener(req, res);
});
answerClientErrors(server, logger);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const extension = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
  logger.info(`Burnlink note server listening on ${config.publicUrl} (port ${port}, store: ${store.kind} in ${storeWhere})`);
  logger.info(`Load the extension: chrome://extensions → Developer mode → Load unpacked → ${extension}`);
  // A person at a terminal (npm start) gets a summary to read; logs sent elsewhere stay JSON.
  if (process.stdout.isTTY || process.env.BURNLINK_SUMMARY === '1') {
    process.stderr.write(`\n${startupSummary({ config, port, store: store.kind, storeWhere }).join('\n')}\n\n`);
  }
});
// Cannot listen (the port is taken, a privileged port, an address not of this machine): one
// sentence saying what to do, not a stack trace.
server.once('error', (error: NodeJS.ErrnoException) => {
  const message = listenErrorMessage(error, config.host, config.port);
  if (process.stdout.isTTY) process.stderr.write(`${message}\n`);
  else logger.fatal({ code: error.code }, message);
  void store.close().finally(() => process.exit(1));
});

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
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
