import { describe, expect, it } from 'vitest';
import { createPanelRegistry, PANEL_TTL_MS, randomPanelId, type PanelTable } from '../../utils/reveal/panel-registry';

const LINK = 'https://burn.example.com/n/Ab-_EfGhIjKlMnOpQrStUw#1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function setup() {
  let table: PanelTable = {};
  let now = 1_000_000;
  const store = {
    get: async () => structuredClone(table),
    set: async (next: PanelTable) => { table = structuredClone(next); },
  };
  const registry = createPanelRegistry({ store, now: () => now });
  return { registry, table: () => table, advance: (ms: number) => { now += ms; } };
}

describe('panel registry', () => {
  it('hands the link to the frame once, and only in the tab it was opened for', async () => {
    const { registry, table } = setup();
    const id = await registry.open(LINK, 7);
    expect(await registry.claim(id, 8)).toBeNull();
    expect(await registry.claim(id, 7)).toBe(LINK);
    expect(await registry.claim(id, 7)).toBeNull();
    expect(table()).toEqual({});
  });

  it.each([
    ['an id it never handed out', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty id', ''],
    ['an id of another shape', '../../etc/passwd'],
    ['a prototype key', '__proto__'],
  ])('refuses %s', async (_what, id) => {
    const { registry } = setup();
    await registry.open(LINK, 1);
    expect(await registry.claim(id, 1)).toBeNull();
  });

  it('forgets a panel that was not claimed in time, link and all', async () => {
    const { registry, table, advance } = setup();
    const id = await registry.open(LINK, 1);
    advance(PANEL_TTL_MS + 1);
    expect(await registry.claim(id, 1)).toBeNull();
    expect(JSON.stringify(table())).not.toContain(LINK);
  });

  it('keeps every panel when many open at once', async () => {
    const { registry } = setup();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => registry.open(`${LINK}#${i}`, i)));
    expect(new Set(ids).size).toBe(20);
    const links = await Promise.all(ids.map((id, i) => registry.claim(id, i)));
    expect(links).toEqual(ids.map((_, i) => `${LINK}#${i}`));
  });

  it('makes ids of 128 random bits', () => {
    const ids = Array.from({ length: 1000 }, randomPanelId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
