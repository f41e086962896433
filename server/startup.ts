// What a person starting the server reads: a short summary of what runs where once it listens,
// and one sentence instead of a stack trace when it cannot listen. The JSON log lines stay as
// they are for production logs; the summary is for a terminal.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEFAULT_SERVER } from '../utils/core/default-server';
import type { Config } from './config';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface SummaryInput {
  config: Pick<Config, 'publicUrl' | 'host'>;
  /** The port actually listened on (PORT=0 picks a free one). */
  port: number;
  /** "sqlite" or "redis", and where: the data folder or the redacted Redis URL. */
  store: string;
  storeWhere: string;
  /** The built extensions' folders; the project's .output by default. */
  chromeDir?: string;
  firefoxDir?: string;
}

/** The lines printed under each other when the server is up. */
export function startupSummary({ config, port, store, storeWhere, chromeDir = path.join(ROOT, '.output/chrome-mv3'), firefoxDir = path.join(ROOT, '.output/firefox-mv2') }: SummaryInput): string[] {
  // PORT=0 (a free port picked at start) leaves the port out of the address until now.
  const url = config.publicUrl.replace(/:0$/, `:${port}`);
  const built = (dir: string, shown: string) => (fs.existsSync(path.join(dir, 'manifest.json')) ? shown : `not built yet (run npm run build), then ${shown}`);
  const lines = [
    `Burnlink note server is running at ${url}`,
    `  listening on   ${config.host} port ${port}`,
    `  notes stored   ${store === 'sqlite' ? `SQLite, in ${storeWhere}` : `Redis at ${storeWhere}`}`,
    `  Chrome         ${built(chromeDir, `chrome://extensions → Developer mode → Load unpacked → ${chromeDir}`)}`,
    `  Firefox        ${built(firefoxDir, `about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${path.join(firefoxDir, 'manifest.json')}`)}`,
  ];
  if (url !== DEFAULT_SERVER) {
    lines.push(`  The extension starts with ${DEFAULT_SERVER} as its note server: enter ${url} in its options.`);
  }
  lines.push('Stop it with Ctrl+C.');
  return lines;
}

/** One sentence for an error of listening on HOST:PORT, saying what to do. */
export function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `port ${port} on ${host}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Cannot start: ${where} is already in use (another Burnlink server, or another program). Stop it, or choose another port, e.g. PORT=${port === 8790 ? 8791 : 8790}.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot start: this user may not listen on ${where}. Choose a port above 1023 with PORT, e.g. PORT=8787.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Cannot start: ${host} is not an address of this machine. Set HOST to one of its addresses, e.g. HOST=127.0.0.1 or HOST=0.0.0.0.`;
    default:
      return `Cannot start listening on ${where}: ${error.message}`;
  }
}

/** Whether HOST:PORT can be listened on now: the error's sentence when not. Port 0 is always free. */
export function checkPort(host: string, port: number): Promise<string | undefined> {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(listenErrorMessage(error, host, port)));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}
