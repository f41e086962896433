// The background's one-time handshake between a click on a page and the reveal panel's frame.
// The detector (or the context menu) registers the link under a random panel id bound to its tab;
// the reveal page, framed with that id, claims the link once. A page cannot mint an id, cannot
// send extension messages, and cannot read the frame's address inside the closed shadow root: so
// it can neither see the link travel nor make the panel open on a link of its choosing.
import { serialQueue } from '../core/queue';

/** Long enough for a slow frame to load, short enough that a stray id is soon worthless. */
export const PANEL_TTL_MS = 2 * 60_000;

export interface PanelRecord {
  link: string;
  tabId: number;
  createdAt: number;
}

export type PanelTable = Record<string, PanelRecord>;

/** Where pending panels live: session storage in the extension (never disk, never a page). */
export interface PanelStore {
  get(): Promise<PanelTable>;
  set(table: PanelTable): Promise<void>;
}

export interface PanelRegistryDeps {
  store: PanelStore;
  now?: () => number;
  /** 128 random bits, base64url. */
  randomId?: () => string;
}

export function randomPanelId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const PANEL_ID = /^[A-Za-z0-9_-]{22}$/;

export function createPanelRegistry({ store, now = Date.now, randomId = randomPanelId }: PanelRegistryDeps) {
  // Read-modify-write of one table: one change at a time.
  const serial = serialQueue();
  const fresh = (table: PanelTable): PanelTable =>
    Object.fromEntries(Object.entries(table).filter(([, r]) => now() - r.createdAt < PANEL_TTL_MS));

  return {
    /** Registers `link` for a panel in tab `tabId`; returns the panel id. */
    open: (link: string, tabId: number) => serial(async () => {
      const panelId = randomId();
      await store.set({ ...fresh(await store.get()), [panelId]: { link, tabId, createdAt: now() } });
      return panelId;
    }),
    /** The link of `panelId`, once, and only for the tab it was opened in. */
    claim: (panelId: string, tabId: number) => serial(async (): Promise<string | null> => {
      if (!PANEL_ID.test(panelId)) return null;
      const table = fresh(await store.get());
      const record = table[panelId];
      if (record?.tabId !== tabId) {
        await store.set(table);
        return null;
      }
      delete table[panelId];
      await store.set(table);
      return record.link;
    }),
  };
}

export type PanelRegistry = ReturnType<typeof createPanelRegistry>;
