// Prometheus metrics in the text exposition format: counts and latencies only. Labels are the
// method, the route pattern (`/api/notes/:id/consume`, never an id) and the status code, so
// refusals are counted there too: 429 (rate limited), 507 (store full), 401 (create token).

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export interface Gauges {
  storeUp: boolean;
  storedBytes: number | undefined;
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  /** One answered request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `method="${label(method)}",route="${label(route)}"`;
    let h = this.durations.get(hKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    const bucket = BUCKETS.findIndex((le) => seconds <= le);
    if (bucket >= 0) h.counts[bucket] = (h.counts[bucket] ?? 0) + 1;
    h.sum += seconds;
    h.count++;
  }

  render({ storeUp, storedBytes }: Gauges): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    family('burnlink_http_requests_total', 'counter', 'HTTP requests answered, by method, route pattern and status.');
    for (const [labels, n] of this.requests) out.push(`burnlink_http_requests_total{${labels}} ${n}`);

    family('burnlink_http_request_duration_seconds', 'histogram', 'Time from request to response, by method and route pattern.');
    for (const [labels, h] of this.durations) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += h.counts[i] ?? 0;
        out.push(`burnlink_http_request_duration_seconds_bucket{${labels},le="${le}"} ${cumulative}`);
      });
      out.push(`burnlink_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(`burnlink_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      out.push(`burnlink_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }

    family('burnlink_store_up', 'gauge', 'Whether the note store answered the last scrape (1) or not (0).');
    out.push(`burnlink_store_up ${storeUp ? 1 : 0}`);

    if (storedBytes !== undefined) {
      family('burnlink_store_bytes', 'gauge', 'Ciphertext bytes held by the store (what MAX_STORE_BYTES caps).');
      out.push(`burnlink_store_bytes ${storedBytes}`);
    }

    family('process_resident_memory_bytes', 'gauge', 'Resident memory of this server process.');
    out.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return `${out.join('\n')}\n`;
  }
}
