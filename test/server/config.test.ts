import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, loadConfig, parseDuration } from '../../server/config';

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true], ['localhost', true], ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false], ['::', false], ['192.0.2.10', false], ['10.0.0.1', false], ['notes.example.com', false], ['128.0.0.1', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('loadConfig', () => {
  it('runs a local single machine with no variables set', () => {
    expect(loadConfig({})).toMatchObject({
      ok: true,
      value: {
        port: 8787,
        host: '127.0.0.1',
        publicUrl: 'http://127.0.0.1:8787',
        dataDir: path.resolve('./data'),
        maxNoteBytes: 1024 * 1024,
        expiryChoices: [300, 3600, 86_400, 604_800],
        defaultExpiry: 86_400,
        maxReads: 10,
        sweepIntervalSeconds: 60,
        createToken: undefined,
        webCreate: true,
        redisUrl: undefined,
        trustProxy: 0,
        rateLimitCreate: { max: 60, windowSeconds: 60 },
        rateLimitConsume: { max: 300, windowSeconds: 60 },
        rateLimitManage: { max: 120, windowSeconds: 60 },
        maxStoreBytes: 1024 ** 3,
        headersTimeoutSeconds: 10,
        requestTimeoutSeconds: 30,
        logLevel: 'info',
        metricsToken: undefined,
      },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', EXPIRY_CHOICES: '', CREATE_TOKEN: '' })).toEqual(loadConfig({}));
  });

  it.each([
    [{ EXPIRY_CHOICES: '90s,5m,24h,7d', DEFAULT_EXPIRY: '5m' }, { expiryChoices: [90, 300, 86_400, 604_800], defaultExpiry: 300 }],
    [{ EXPIRY_CHOICES: '3600,2h', DEFAULT_EXPIRY: '3600' }, { expiryChoices: [3600, 7200], defaultExpiry: 3600 }],
    // Unsorted, repeated and spaced lists are tidied: clients show the choices in this order.
    [{ EXPIRY_CHOICES: '7d, 1h,1h,', DEFAULT_EXPIRY: '60m' }, { expiryChoices: [3600, 604_800], defaultExpiry: 3600 }],
    [{ SWEEP_INTERVAL: '5m' }, { sweepIntervalSeconds: 300 }],
    [{ PORT: '9000', HOST: '0.0.0.0' }, { port: 9000, host: '0.0.0.0', publicUrl: 'http://127.0.0.1:9000' }],
    [{ HOST: '::1' }, { host: '::1', publicUrl: 'http://[::1]:8787' }],
    [{ PUBLIC_URL: 'https://notes.example.com/burn/' }, { publicUrl: 'https://notes.example.com/burn' }],
    [{ MAX_NOTE_BYTES: '1024', MAX_READS: '3' }, { maxNoteBytes: 1024, maxReads: 3 }],
    // Large files are an operator's choice: 16 MiB and beyond, in binary units.
    [{ MAX_NOTE_BYTES: '16m' }, { maxNoteBytes: 16 * 1024 ** 2 }],
    [{ MAX_NOTE_BYTES: String(32 * 1024 ** 2 - 4) }, { maxNoteBytes: 32 * 1024 ** 2 - 4 }],
    [{ DATA_DIR: '/var/lib/burnlink' }, { dataDir: '/var/lib/burnlink' }],
    [{ CREATE_TOKEN: 'a-long-enough-token' }, { createToken: 'a-long-enough-token' }],
    [{ WEB_CREATE: 'off' }, { webCreate: false }],
    [{ WEB_CREATE: 'on' }, { webCreate: true }],
    [{ REDIS_URL: 'redis://user:pw@redis.internal:6380/2' }, { redisUrl: 'redis://user:pw@redis.internal:6380/2' }],
    [{ REDIS_URL: 'rediss://redis.example.com' }, { redisUrl: 'rediss://redis.example.com' }],
    [{ TRUST_PROXY: 'true' }, { trustProxy: 1 }],
    [{ TRUST_PROXY: '2' }, { trustProxy: 2 }],
    [{ TRUST_PROXY: 'false' }, { trustProxy: 0 }],
    [{ RATE_LIMIT_CREATE: '10/30s', RATE_LIMIT_CONSUME: '1000 / 1h' }, { rateLimitCreate: { max: 10, windowSeconds: 30 }, rateLimitConsume: { max: 1000, windowSeconds: 3600 } }],
    [{ RATE_LIMIT_CREATE: 'off', RATE_LIMIT_CONSUME: 'OFF' }, { rateLimitCreate: undefined, rateLimitConsume: undefined }],
    [{ RATE_LIMIT_MANAGE: '30/10s' }, { rateLimitManage: { max: 30, windowSeconds: 10 } }],
    [{ RATE_LIMIT_MANAGE: 'off' }, { rateLimitManage: undefined }],
    [{ MAX_STORE_BYTES: '512m' }, { maxStoreBytes: 512 * 1024 ** 2 }],
    [{ MAX_STORE_BYTES: '2GiB' }, { maxStoreBytes: 2 * 1024 ** 3 }],
    [{ MAX_STORE_BYTES: '65536' }, { maxStoreBytes: 65_536 }],
    [{ MAX_STORE_BYTES: 'off' }, { maxStoreBytes: 0 }],
    [{ HEADERS_TIMEOUT: '5s', REQUEST_TIMEOUT: '2m' }, { headersTimeoutSeconds: 5, requestTimeoutSeconds: 120 }],
    [{ LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    [{ METRICS_TOKEN: 'a-long-enough-token' }, { metricsToken: 'a-long-enough-token' }],
  ])('reads %o', (env, expected) => {
    const config = loadConfig(env);
    expect(config.ok).toBe(true);
    if (config.ok) expect(config.value).toMatchObject(expected);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PUBLIC_URL', 'notes.example.com'],
    ['MAX_NOTE_BYTES', '0'],
    ['MAX_NOTE_BYTES', String(32 * 1024 * 1024 - 3)],
    ['MAX_NOTE_BYTES', '32m'],
    ['MAX_NOTE_BYTES', 'off'],
    ['MAX_READS', '0'],
    ['MAX_READS', '11'],
    ['EXPIRY_CHOICES', '5x'],
    ['EXPIRY_CHOICES', '1h,forever'],
    ['EXPIRY_CHOICES', '0s'],
    ['DEFAULT_EXPIRY', '-1h'],
    ['SWEEP_INTERVAL', 'often'],
    ['CREATE_TOKEN', 'short'],
    ['WEB_CREATE', 'maybe'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://redis:6379'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '11'],
    ['RATE_LIMIT_CREATE', '60'],
    ['RATE_LIMIT_CREATE', '60/forever'],
    ['RATE_LIMIT_CONSUME', '-5/1m'],
    ['RATE_LIMIT_MANAGE', 'lots'],
    ['MAX_STORE_BYTES', 'lots'],
    ['MAX_STORE_BYTES', '1t'],
    ['HEADERS_TIMEOUT', 'soon'],
    ['REQUEST_TIMEOUT', '0s'],
    ['LOG_LEVEL', 'loud'],
    ['METRICS_TOKEN', 'short'],
  ])('refuses %s=%s with a sentence naming the variable', (name, value) => {
    const config = loadConfig({ [name]: value });
    expect(config.ok).toBe(false);
    if (!config.ok) {
      expect(config.error).toMatch(/^Invalid configuration: /);
      expect(config.error).toContain(name);
      expect(config.error).not.toMatch(/undefined/);
    }
  });

  it('refuses a HEADERS_TIMEOUT longer than REQUEST_TIMEOUT', () => {
    expect(loadConfig({ HEADERS_TIMEOUT: '1m', REQUEST_TIMEOUT: '30s' })).toEqual({
      ok: false,
      error: 'Invalid configuration: HEADERS_TIMEOUT (60s) must not be longer than REQUEST_TIMEOUT (30s).',
    });
  });

  it('names the bad duration in the sentence', () => {
    expect(loadConfig({ EXPIRY_CHOICES: '1h,5x' })).toEqual({
      ok: false,
      error: 'Invalid configuration: EXPIRY_CHOICES.1: "5x" is not a duration like 90s, 5m, 24h or 7d',
    });
  });

  it.each([
    [{ DEFAULT_EXPIRY: '2h' }],
    [{ EXPIRY_CHOICES: '5m,1h', DEFAULT_EXPIRY: '24h' }],
    // The default list without 24h makes the default default invalid too.
    [{ EXPIRY_CHOICES: '5m,1h' }],
  ])('refuses a DEFAULT_EXPIRY that is not one of EXPIRY_CHOICES: %o', (env) => {
    const config = loadConfig(env);
    expect(config.ok).toBe(false);
    if (!config.ok) expect(config.error).toMatch(/DEFAULT_EXPIRY \(\d+s\) must be one of EXPIRY_CHOICES/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90], ['5m', 300], ['24h', 86_400], ['7d', 604_800], ['45', 45], [' 2h ', 7200],
    ['0', undefined], ['0m', undefined], ['1.5h', undefined], ['1w', undefined], ['', undefined], ['h', undefined],
  ])('%j is %s seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});
