// Answers lost on their way back from Redis. A consume (and a request's fetch) runs with a request
// id, and its script keeps its answer under that id for OUTCOME_MS; when the connection dropped
// before the answer came, the next attempt of the same reader on this instance reuses the id and
// gets that answer, instead of running again and being told "already read".
import { randomBytes } from 'node:crypto';
import { toBase64url } from '../../../utils/core/base64url';

/** How long an answer is kept under its request id, for a run again after a lost answer. */
export const OUTCOME_MS = 60_000;

/**
 * Request ids of consumes (and fetches) whose answer was lost (the store said `unknown`), by note
 * (or request) id and read (or fetch) hash, for OUTCOME_MS: the next attempt with the same token
 * on this instance reuses the id, and so gets the lost answer (a read, or a wrong attempt counted
 * once) instead of running again and being told "already read".
 */
export class LostAnswers {
  private readonly lost = new Map<string, { request: string; until: number }>();

  take(id: string, readHash: Buffer): string | undefined {
    const key = `${id}:${readHash.toString('base64url')}`;
    const entry = this.lost.get(key);
    this.lost.delete(key);
    return entry && entry.until > Date.now() ? entry.request : undefined;
  }

  remember(id: string, readHash: Buffer, request: string): void {
    if (this.lost.size > 10_000) for (const [key, { until }] of this.lost) if (until <= Date.now()) this.lost.delete(key);
    this.lost.set(`${id}:${readHash.toString('base64url')}`, { request, until: Date.now() + OUTCOME_MS });
  }
}

/** A fresh request id: 128 random bits. */
export const requestId = () => toBase64url(randomBytes(16));
