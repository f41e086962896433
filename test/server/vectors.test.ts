// The create bodies of test/vectors/negative-v1.json, posted to the real app: each is refused
// with the status and error code the file names, and nothing is stored. Its valid base body is
// accepted, so the refusals are about what each case changed.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';
import { ErrorBody } from '../../utils/core/protocol';

const vectors = z.object({
  createBodies: z.array(z.object({
    name: z.string(),
    body: z.record(z.string(), z.unknown()),
    expected: z.object({ status: z.number(), error: z.string() }),
  })).min(8),
}).parse(JSON.parse(readFileSync(new URL('../vectors/negative-v1.json', import.meta.url), 'utf8')));
const crypto = z.object({ cases: z.array(z.object({ expected: z.object({ envelope: z.unknown(), keyProof: z.string(), readToken: z.string() }) })) })
  .parse(JSON.parse(readFileSync(new URL('../vectors/crypto-v1.json', import.meta.url), 'utf8')));

const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const loaded = loadConfig({ RATE_LIMIT_CREATE: 'off', EXPIRY_CHOICES: '1h', DEFAULT_EXPIRY: '1h' });
if (!loaded.ok) throw new Error(loaded.error);
const app = createApp({ store, config: loaded.value });
const create = (body: unknown) => app.request('/api/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('negative create bodies on a real server', () => {
  it.each(vectors.createBodies)('refuses $name with $expected.status $expected.error, storing nothing', async ({ body, expected }) => {
    const before = await store.storedBytes();
    const response = await create(body);
    expect(response.status).toBe(expected.status);
    expect(ErrorBody.parse(await response.json())).toMatchObject({ error: expected.error, message: expect.stringMatching(/^[A-Z].{10,}\.$/) });
    expect(await store.storedBytes()).toBe(before);
  });

  it('accepts the body they were all made from', async () => {
    const base = crypto.cases[0]?.expected;
    const response = await create({ envelope: base?.envelope, expiresIn: 3600, maxReads: 1, keyProof: base?.keyProof, readToken: base?.readToken });
    expect(response.status).toBe(201);
  });
});
