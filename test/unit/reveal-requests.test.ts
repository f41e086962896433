import { describe, expect, it } from 'vitest';
import { createRequestRegistry, randomRequestId, REQUEST_TTL_MS, type RequestTable, type RevealRequest } from '../../utils/reveal/requests';

const LINK = 'https://burn.example.com/n/Ab-_EfGhIjKlMnOpQrStUv#1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const REQUEST: RevealRequest = { link: LINK, text: LINK, foundOn: 'chat.example.com', via: 'button' };

function setup() {
  let table: RequestTable = {};
  let now = 1_000_000;
  const store = {
    // A slow store, as session storage is: the claim must still wait for the write before it.
    get: async () => { await new Promise((resolve) => setTimeout(resolve, 5)); return structuredClone(table); },
    set: async (next: RequestTable) => { await new Promise((resolve) => setTimeout(resolve, 5)); table = structuredClone(next); },
  };
  const registry = createRequestRegistry({ store, now: () => now });
  return { registry, table: () => table, advance: (ms: number) => { now += ms; } };
}

describe('reveal requests', () => {
  it('hands the request over once, even when claimed before the write finished', async () => {
    const { registry, table } = setup();
    const id = registry.register(REQUEST);
    expect(await registry.claim(id)).toEqual(REQUEST);
    expect(await registry.claim(id)).toBeNull();
    expect(table()).toEqual({});
  });

  it.each([
    ['an id it never handed out', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty id', ''],
    ['an id of another shape', '../../etc/passwd'],
    ['a prototype key', '__proto__'],
    ['another prototype key', 'constructor'],
  ])('refuses %s', async (_what, id) => {
    const { registry } = setup();
    registry.register(REQUEST);
    expect(await registry.claim(id)).toBeNull();
  });

  it('forgets a request that was not claimed in time, link and all', async () => {
    const { registry, table, advance } = setup();
    const id = registry.register(REQUEST);
    await registry.claim('AAAAAAAAAAAAAAAAAAAAAA');
    advance(REQUEST_TTL_MS + 1);
    expect(await registry.claim(id)).toBeNull();
    expect(JSON.stringify(table())).not.toContain(LINK);
  });

  it('keeps every request when many arrive at once', async () => {
    const { registry } = setup();
    const ids = Array.from({ length: 20 }, (_, i) => registry.register({ ...REQUEST, link: `${LINK}${i}` }));
    expect(new Set(ids).size).toBe(20);
    const claimed = await Promise.all(ids.map((id) => registry.claim(id)));
    expect(claimed.map((r) => r?.link)).toEqual(ids.map((_, i) => `${LINK}${i}`));
  });

  it('makes ids of 128 random bits', () => {
    const ids = Array.from({ length: 1000 }, randomRequestId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
