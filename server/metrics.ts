// Prometheus metrics (prom-client): counts and latencies only. Labels are the method, the route
// pattern (`/api/notes/:id/consume`, never an id) and the status code, so refusals are counted
// there too: 429 (rate limited), 507 (store full), 401 (create token).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { NoteStore } from './store/store';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  /** Asked at each scrape whether it answers and how many bytes it holds. */
  store: Pick<NoteStore, 'ping' | 'storedBytes'>;
  /**
   * Node's own figures too (`process_*`, `nodejs_*`: memory, CPU, event loop delay, GC). They
   * watch the whole process, so only the server's entry point turns them on, once.
   */
  processMetrics?: boolean;
}

export class Metrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'burnlink_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'burnlink_http_request_duration_seconds',
    help: 'Time from request to response, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  constructor({ store, processMetrics = false }: MetricsOptions) {
    new Gauge({
      name: 'burnlink_store_up',
      help: 'Whether the note store answered the last scrape (1) or not (0).',
      registers: [this.registry],
      async collect() { this.set((await store.ping()) ? 1 : 0); },
    });
    new Gauge({
      name: 'burnlink_store_bytes',
      help: 'Ciphertext bytes held by the store (what MAX_STORE_BYTES caps); the last value seen while the store answered.',
      registers: [this.registry],
      async collect() {
        const bytes = await store.storedBytes().catch(() => undefined);
        if (bytes !== undefined) this.set(bytes);
      },
    });
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** One answered request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status });
    this.durations.observe({ method, route }, seconds);
  }

  /** The `Content-Type` of `render`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every metric, after asking the store. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
