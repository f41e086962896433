// Structured logs (pino, one JSON object a line on stdout). Log only what an operator needs to
// run the service: never a request body, a token, a key or a ciphertext (see observe.ts).
import pino, { type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'burnlink', pid: process.pid },
  });
}

export type { Logger };
