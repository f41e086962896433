// Sending commands to Redis without ever sending one twice by accident. The client does not resend
// commands that were in flight when its connection dropped (`autoResendUnfulfilledCommands: off`);
// here, a command in flight when the connection closes fails at once, and whether it may have run
// is known: `no` when it was never sent (Redis away), `unknown` when it was sent and its answer
// lost. Only operations that are safe to run twice (reads, and the scripts that recognise their
// own earlier run: create by note id, consume by request id) are tried again, after a reconnect,
// within a short time; everything else fails with a StoreUnavailable that says what is known.
import type { Redis } from 'ioredis';
import { StoreUnavailable } from '../store';

/** The command was never sent: Redis was away. */
class NotSent extends Error {}
/** The command was sent, and the connection closed before its answer came. */
class Lost extends Error {}

/** Redis answered, but cannot serve now (out of memory, loading, read-only replica, busy script). */
const UNAVAILABLE_REPLY = /^(OOM|LOADING|READONLY|MASTERDOWN|BUSY|NOREPLICAS|TRYAGAIN|CLUSTERDOWN)\b/;

/** What each operation tells people when the store is away. */
export type Operation = 'create' | 'consume' | 'other';

const SENTENCES: Record<Operation, Record<'no' | 'unknown', string>> = {
  create: {
    no: 'The note server cannot reach its database right now, so the note was not stored. Try again in a moment.',
    unknown: 'The note server lost contact with its database while storing the note and cannot tell whether it was stored. Try again in a moment: a copy stored meanwhile has no link and expires unread.',
  },
  consume: {
    no: 'The note server cannot reach its database right now. The note was not read: try again in a moment.',
    unknown: 'The note server lost contact with its database while opening the note and cannot tell whether it was read. Try again in a moment.',
  },
  other: {
    no: 'The note server cannot reach its database right now. Nothing was changed: try again in a moment.',
    unknown: 'The note server lost contact with its database and cannot tell whether the change was made. Try again in a moment.',
  },
};

export interface Connection {
  readonly redis: Redis;
  /** Sends once; fails with StoreUnavailable when Redis is away or the answer is lost. */
  once<T>(operation: Operation, command: () => Promise<T>): Promise<T>;
  /**
   * For commands that are safe to run twice: when the connection drops while one is in flight,
   * waits for the reconnect (up to `retryMs`) and sends it again.
   */
  retrying<T>(operation: Operation, command: () => Promise<T>): Promise<T>;
}

function classify(error: unknown): 'no' | 'unknown' | undefined {
  if (error instanceof NotSent) return 'no';
  if (error instanceof Lost) return 'unknown';
  if (!(error instanceof Error)) return undefined;
  // Redis's own error replies (ioredis's ReplyError): only some mean "cannot serve now".
  if (error.name === 'ReplyError') return UNAVAILABLE_REPLY.test(error.message) ? 'no' : undefined;
  if (/Stream isn't writeable|enableOfflineQueue|Connection is closed/.test(error.message)) return 'no';
  if (/Command timed out|MaxRetriesPerRequest|Reached the max retries/.test(error.message)) return 'unknown';
  return undefined;
}

/**
 * A Redis error from a command sent without this module (a pipeline elsewhere) as an outage, when
 * it is one; undefined for anything else (a bug).
 */
export function redisOutage(error: unknown): StoreUnavailable | undefined {
  const happened = classify(error);
  return happened === undefined ? undefined : new StoreUnavailable(SENTENCES.other[happened], happened, { cause: error });
}

/** Watches the connection: commands in flight fail as soon as it closes. */
export function watchConnection(redis: Redis, { retryMs = 3000 } = {}): Connection {
  const inFlight = new Set<(error: Error) => void>();
  redis.on('close', () => {
    for (const lose of inFlight) lose(new Lost('the connection to Redis closed before the answer came'));
    inFlight.clear();
  });

  async function send<T>(command: () => Promise<T>): Promise<T> {
    if (redis.status !== 'ready') throw new NotSent(`Redis is ${redis.status}`);
    let lose: (error: Error) => void = () => {};
    const lost = new Promise<never>((_, reject) => { lose = reject; });
    inFlight.add(lose);
    const sent = command();
    // Abandoned when lost: its own late failure (a timeout) is nobody's to report.
    sent.catch(() => {});
    try {
      return await Promise.race([sent, lost]);
    } finally {
      inFlight.delete(lose);
    }
  }

  const ready = (deadline: number) => new Promise<boolean>((resolve) => {
    const look = () => {
      if (redis.status === 'ready') return resolve(true);
      if (Date.now() >= deadline || redis.status === 'end') return resolve(false);
      setTimeout(look, 20);
    };
    look();
  });

  return {
    redis,
    once: async (operation, command) => {
      try {
        return await send(command);
      } catch (error) {
        const happened = classify(error);
        if (happened === undefined) throw error;
        throw new StoreUnavailable(SENTENCES[operation][happened], happened, { cause: error });
      }
    },
    retrying: async (operation, command) => {
      const deadline = Date.now() + retryMs;
      let happened: 'no' | 'unknown' = 'no';
      for (;;) {
        try {
          return await send(command);
        } catch (error) {
          const now = classify(error);
          if (now === undefined) throw error;
          if (now === 'unknown') happened = 'unknown';
          // Redis known to be away from the start: say so at once rather than wait.
          if (happened === 'no' || !(await ready(deadline))) {
            throw new StoreUnavailable(SENTENCES[operation][happened], happened, { cause: error });
          }
        }
      }
    },
  };
}
