// Starts the note server on its SQLite default.
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';
import { openSqliteStore } from './store/sqlite';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(1);
}
const config = loaded.value;
const store = openSqliteStore({ file: path.join(config.dataDir, 'burnlink.sqlite') });
const app = createApp({ store, config });

const sweep = () => store.sweep(Date.now()).catch((error: unknown) => console.error('sweep failed:', error));
const sweeper = setInterval(sweep, config.sweepIntervalSeconds * 1000);
sweeper.unref();
void sweep();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const extension = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
  console.log(`Burnlink note server listening on ${config.publicUrl} (port ${info.port}, store: ${store.kind} in ${config.dataDir})`);
  console.log(`Load the extension: chrome://extensions → Developer mode → Load unpacked → ${extension}`);
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then closing the store.`);
  clearInterval(sweeper);
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  // Idle keep-alive connections would hold close() open.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
