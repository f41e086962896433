// Running the service: graceful shutdown, structured logs without secrets, Prometheus metrics,
// and a health check that tells a load balancer when the store is gone.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import { request } from '../helpers/http';
import { consumeNote, createNote, openConsumed, sealNote } from '../helpers/notes';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const canConnect = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, closes the store and exits 0', async () => {
    const server = await startServer();
    const sealed = await sealNote('sent while the server stops');
    const body = JSON.stringify(sealed.body);
    const half = Math.floor(body.length / 2);

    // A create whose body is half sent: the server has taken the request (it answered
    // 100 Continue to its headers) and waits for the rest. The client keeps its connection alive,
    // as a proxy in front would.
    const agent = new http.Agent({ keepAlive: true });
    let answered: (value: { status: number; body: string }) => void = () => {};
    const answer = new Promise<{ status: number; body: string }>((resolve) => { answered = resolve; });
    const req = http.request(`${server.url}/api/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
      agent,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => answered({ status: res.statusCode ?? 0, body: text }));
    });
    await new Promise<void>((resolve) => req.once('continue', () => resolve()));
    req.write(body.slice(0, half));

    server.process.kill('SIGTERM');
    await waitFor('the server to begin its shutdown', () => server.output().includes('SIGTERM: finishing requests in flight'));
    expect(await canConnect(server.port)).toBe(false);

    req.end(body.slice(half));
    const { status, body: text } = await answer;
    expect(status).toBe(201);
    const created = JSON.parse(text) as { id: string; manageToken: string };

    const answeredAt = Date.now();
    const code = await new Promise<number | null>((resolve) => {
      if (server.process.exitCode !== null) resolve(server.process.exitCode);
      else server.process.once('exit', (c) => resolve(c));
    });
    expect(code).toBe(0);
    // Promptly: the kept-alive connection is closed once its answer is out, not when it times out.
    expect(Date.now() - answeredAt).toBeLessThan(2000);
    agent.destroy();

    // The note the server accepted while stopping was stored for good.
    const again = await startServer({ dataDir: server.dataDir });
    try {
      const response = await consumeNote(again.url, { id: created.id, keyProof: sealed.keyProof, readToken: sealed.readToken });
      expect(response.status).toBe(200);
      expect(await openConsumed(response, { ...sealed, ...created })).toBe('sent while the server stops');
    } finally {
      await again.stop();
    }
  });
});

describe('logs and metrics', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer(); });
  afterAll(async () => { await server?.stop(); });

  it('logs one JSON line per request with method, route pattern, status and time, and no id, token, ciphertext or client detail', async () => {
    const note = await createNote(server.url, 'logged? never');
    const reader = { 'user-agent': 'ReaderAgent/7.7', 'x-forwarded-for': '203.0.113.77' };
    expect((await request(server.url, `/api/notes/${note.id}/peek`, { json: { keyProof: note.keyProof }, headers: reader })).status).toBe(200);
    expect((await consumeNote(server.url, note, reader)).status).toBe(200);
    expect((await request(server.url, `/api/notes/${note.id}`, { headers: { authorization: `Bearer ${note.manageToken}` } })).status).toBe(200);
    expect((await request(server.url, `/api/notes/${note.id}/consume`, { text: '{"keyProof":' })).status).toBe(400);
    expect((await request(server.url, '/no/such/page')).status).toBe(404);
    await waitFor('the last request line', () => server.output().includes('"route":"unmatched"'));

    const lines = server.output().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests).toEqual(expect.arrayContaining([
      expect.objectContaining({ method: 'POST', route: '/api/notes', status: 201 }),
      expect.objectContaining({ method: 'POST', route: '/api/notes/:id/peek', status: 200 }),
      expect.objectContaining({ method: 'POST', route: '/api/notes/:id/consume', status: 200 }),
      expect.objectContaining({ method: 'GET', route: '/api/notes/:id', status: 200 }),
      expect.objectContaining({ method: 'POST', route: '/api/notes/:id/consume', status: 400 }),
      expect.objectContaining({ method: 'GET', route: 'unmatched', status: 404 }),
    ]));
    for (const entry of requests) {
      expect(Object.keys(entry).sort()).toEqual(['level', 'method', 'ms', 'msg', 'pid', 'route', 'service', 'status', 'time']);
      expect(entry.ms).toEqual(expect.any(Number));
    }
    const log = server.output();
    for (const secret of [note.id, note.keyProof, note.readToken, note.manageToken, note.envelope.ct, note.envelope.iv, 'ReaderAgent', '203.0.113.77', '/no/such/page']) {
      expect(log).not.toContain(secret);
    }
  });

  it('serves Prometheus metrics: request counts by route pattern and status, latency histograms, store gauges, no ids', async () => {
    const note = await createNote(server.url, 'counted');
    await consumeNote(server.url, note);
    await consumeNote(server.url, note);
    const response = await request(server.url, '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = String(response.body);
    // `name{a="1",b="2"} value`; label order is the library's business, so compare them as a set.
    const key = (series: string) => {
      const m = series.match(/^(\w+)(?:\{(.*)\})?$/);
      return `${m?.[1]}{${(m?.[2] ?? '').split(/,(?=\w+=")/).filter(Boolean).sort().join(',')}}`;
    };
    const samples = new Map(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => {
      const at = l.lastIndexOf(' ');
      return [key(l.slice(0, at)), Number(l.slice(at + 1))] as const;
    }));
    const sample = (series: string) => samples.get(key(series));
    expect(sample('burnlink_http_requests_total{method="POST",route="/api/notes/:id/consume",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample('burnlink_http_requests_total{method="POST",route="/api/notes/:id/consume",status="410"}')).toBeGreaterThanOrEqual(1);
    expect(sample('burnlink_http_request_duration_seconds_count{method="POST",route="/api/notes"}')).toBeGreaterThanOrEqual(1);
    expect(sample('burnlink_http_request_duration_seconds_bucket{method="POST",route="/api/notes",le="+Inf"}'))
      .toBe(sample('burnlink_http_request_duration_seconds_count{method="POST",route="/api/notes"}'));
    expect(sample('burnlink_store_up')).toBe(1);
    expect(sample('burnlink_store_bytes')).toEqual(expect.any(Number));
    expect(sample('process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(text).toMatch(/^# TYPE burnlink_http_requests_total counter$/m);
    expect(text).not.toContain(note.id);
  });

  it('needs a token for the metrics when the server listens beyond loopback, even asked from this machine', async () => {
    const open = await startServer({ env: { HOST: '0.0.0.0' } });
    try {
      const refused = await request(open.url, '/metrics');
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(/reachable beyond this machine.*set METRICS_TOKEN/) });
      expect(String(refused.body)).not.toContain('burnlink_http_requests_total');
    } finally {
      await open.stop();
    }
  });

  it.each<{ where: string; env: Record<string, string>; headers: Record<string, string>; expected: number }>([
    { where: 'on loopback, asked directly', env: { HOST: '127.0.0.1' }, headers: {}, expected: 200 },
    { where: 'on ::1, asked directly', env: { HOST: '::1' }, headers: {}, expected: 200 },
    { where: 'on all interfaces', env: { HOST: '0.0.0.0' }, headers: {}, expected: 401 },
    { where: 'on a public address', env: { HOST: '192.0.2.10' }, headers: {}, expected: 401 },
    { where: 'on loopback behind a trusted proxy', env: { HOST: '127.0.0.1', TRUST_PROXY: '1' }, headers: {}, expected: 401 },
    { where: 'on loopback, asked through a proxy (X-Forwarded-For)', env: { HOST: '127.0.0.1' }, headers: { 'x-forwarded-for': '203.0.113.5' }, expected: 401 },
    { where: 'on loopback, asked through a proxy (Forwarded)', env: { HOST: '127.0.0.1' }, headers: { forwarded: 'for=203.0.113.5' }, expected: 401 },
    { where: 'on loopback, asked through a proxy (X-Real-IP)', env: { HOST: '127.0.0.1' }, headers: { 'x-real-ip': '203.0.113.5' }, expected: 401 },
  ])('without METRICS_TOKEN, a server $where answers the metrics with $expected', async ({ env, headers, expected }) => {
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.error);
    const store = openSqliteStore({ file: ':memory:' });
    try {
      const response = await createApp({ store, config: loaded.value }).request('/metrics', { headers });
      expect(response.status).toBe(expected);
      const text = await response.text();
      if (expected === 200) expect(text).toMatch(/^burnlink_store_up 1$/m);
      else expect(text).not.toContain('burnlink_');
    } finally {
      await store.close();
    }
  });

  it('keeps the metrics to holders of METRICS_TOKEN when one is set', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startServer({ env: { METRICS_TOKEN: token } });
    try {
      const refused = await request(guarded.url, '/metrics');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/METRICS_TOKEN/) });
      expect((await request(guarded.url, '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      expect((await request(guarded.url, '/metrics', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe('health when the store is down', () => {
  let redis: RunningRedis;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('answers 503 while Redis is stopped, fails requests at once with 503 unavailable instead of hanging, and recovers when it is back', async () => {
    expect((await request(server.url, '/api/health')).body).toMatchObject({ ok: true, store: 'redis' });
    const note = await createNote(server.url, 'waits for Redis');
    await redis.stop({ keepFolder: true });

    const started = Date.now();
    const health = await request(server.url, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, store: 'redis' });
    const consume = await consumeNote(server.url, note);
    expect(consume.status).toBe(503);
    expect(consume.headers.get('retry-after')).toBe('5');
    expect(consume.body).toEqual({
      error: 'unavailable',
      message: 'The note server cannot reach its database right now. The note was not read: try again in a moment.',
    });
    const sealed = await sealNote('made while Redis is away');
    const create = await request(server.url, '/api/notes', { json: sealed.body });
    expect({ status: create.status, body: create.body }).toEqual({
      status: 503,
      body: { error: 'unavailable', message: 'The note server cannot reach its database right now, so the note was not stored. Try again in a moment.' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    // An outage is one warning line per request, with no stack, never an internal error.
    await waitFor('both warnings', () => server.output().split('store unavailable').length === 3);
    const log = server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log.filter((entry) => Number(entry.level) >= 50)).toEqual([]);
    expect(log.filter((entry) => entry.msg === 'store unavailable')).toEqual([
      expect.objectContaining({ level: 40, happened: 'no' }), expect.objectContaining({ level: 40, happened: 'no' })]);
    expect(server.output()).not.toMatch(/\n\s+at /);
    expect(String((await request(server.url, '/metrics')).body)).toMatch(/^burnlink_store_up 0$/m);

    const back = await startRedis({ dir: redis.dir, port: redis.port });
    redis = back;
    await waitFor('the server to reconnect', async () => (await request(server.url, '/api/health')).status === 200, { timeoutMs: 20_000 });
    const read = await consumeNote(server.url, note);
    expect(read.status).toBe(200);
    expect(await openConsumed(read, note)).toBe('waits for Redis');
  });
});
