// One load run with autocannon, in this process, against a server in another process.
import autocannon, { type RequestSpec } from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Stop after this many requests in all (a pool of one-time notes must not run dry). */
  maxRequests?: number;
  /** How each request is built, and what to do with its response. */
  request: RequestSpec;
}

export interface LoadResult {
  /** Completed requests (any status). */
  requests: number;
  /** From the start of the run to its last response. */
  seconds: number;
  /** requests ÷ seconds. */
  rps: number;
  /** Latency percentiles in milliseconds (autocannon's resolution is 1 ms). */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Responses by HTTP status. */
  status: Record<string, number>;
  non2xx: number;
  /** Connection errors and timeouts (no HTTP status). */
  errors: number;
  timeouts: number;
}

export function runLoad({ url, connections, duration, maxRequests, request }: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const instance = autocannon({
      url,
      connections,
      duration,
      maxOverallRequests: maxRequests,
      pipelining: 1,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      requests: [request],
    }, (error, result) => {
      if (error) return reject(error);
      const seconds = (last - start) / 1000;
      const requests = result.requests.total;
      resolve({
        requests,
        seconds,
        rps: seconds > 0 ? requests / seconds : 0,
        latency: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
          mean: result.latency.mean,
        },
        status: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    // autocannon ends a run only on its next one-second tick: time the requests themselves.
    instance.on('response', () => { last = performance.now(); });
  });
}
