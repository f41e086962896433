// What the genuine reveal UI is asked to open, and the background's one-time handshake that hands
// it over. A click on "Reveal safely" (or the right-click item) registers a request under a random
// id; the side panel or window the background opens carries that id in its own address, which no
// page can read, and claims the request once. A page can neither mint an id nor send extension
// messages, so it cannot make the genuine UI open a link of its choosing.
//
// How a link reaches the genuine UI (the seam other features plug into):
// - From a content script, only inside a person's trusted click: `sendMessage('openReveal',
//   { link, text?, refused? })` (utils/messaging.ts). In the background, from a browser-UI event
//   (a menu item, a command): `open(tab, request)` as returned by `registerReveal()` in
//   utils/reveal/listeners.ts, called in the event's own turn with no await before it, or Chrome
//   will not open the side panel.
// - The background stores `{ [id]: { request: RevealRequest, createdAt } }` under
//   `session:revealRequests` (session storage only; gone after REQUEST_TTL_MS or once claimed) and
//   opens `reveal.html?r=<id>&in=side-panel|window` (utils/reveal/surface.ts).
// - The reveal page claims it with `sendMessage('claimReveal', { id })` (answered only to the
//   extension's own reveal page), then hands `request.link` to `recogniseLink`
//   (utils/reveal/readers/index.ts): the first reader in READERS that knows the link gives a
//   `Recognised`, whose `session(env)` the view drives: `precheck()` before anything is consumed,
//   `reveal(password?)` on the person's click. Burnlink's own notes are one reader among them; a new
//   tool is one more `Reader` (readers/types.ts) added to READERS, with no change to the UI.

/** Why the in-page button refused to open anything (utils/reveal/launcher.ts). */
export type LauncherRefusal =
  /** Faded out: the button or something around it is (nearly) transparent. */
  | 'faded'
  /** Hidden, clipped, off screen or too small to see. */
  | 'hidden'
  /** Something else was drawn over it where it was clicked. */
  | 'covered'
  /** It was moved away from the link it belongs to. */
  | 'moved'
  /** The link it belongs to changed after the button was drawn. */
  | 'changed'
  /** The link's text shows one address and the link opens another. */
  | 'mismatch';

export const LAUNCHER_REFUSALS: readonly LauncherRefusal[] = ['faded', 'hidden', 'covered', 'moved', 'changed', 'mismatch'];

export interface RevealRequest {
  /** The link to open. Absent when the launcher refused: then nothing is opened. */
  link?: string;
  /** The link's text as the page showed it, when it was a detected link. */
  text?: string;
  /** Host of the page (or frame) the link was on, as the browser reports it (not as the page says). */
  foundOn?: string;
  /** How the person asked: the in-page button, or the browser's right-click menu. */
  via: 'button' | 'menu';
  refused?: LauncherRefusal;
}

/** Long enough for a slow side panel to load, short enough that a stray id is soon worthless. */
export const REQUEST_TTL_MS = 2 * 60_000;

export interface RequestRecord {
  request: RevealRequest;
  createdAt: number;
}

export type RequestTable = Record<string, RequestRecord>;

/** Where pending requests live: session storage in the extension (never disk, never a page). */
export interface RequestStore {
  get(): Promise<RequestTable>;
  set(table: RequestTable): Promise<void>;
}

export interface RequestRegistryDeps {
  store: RequestStore;
  now?: () => number;
  /** 128 random bits, base64url. */
  randomId?: () => string;
}

export function randomRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;

export function createRequestRegistry({ store, now = Date.now, randomId = randomRequestId }: RequestRegistryDeps) {
  // Read-modify-write of one table: one change at a time, in the order they were asked for.
  let last: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
  const fresh = (table: RequestTable): RequestTable =>
    Object.fromEntries(Object.entries(table).filter(([, r]) => now() - r.createdAt < REQUEST_TTL_MS));

  return {
    /**
     * Registers `request` and returns its id at once, without awaiting anything: the caller
     * opens the side panel in the same turn, while the person's click still counts as a gesture.
     * A claim made after this call is answered after the request is stored.
     */
    register(request: RevealRequest): string {
      const id = randomId();
      const createdAt = now();
      void serial(async () => {
        await store.set({ ...fresh(await store.get()), [id]: { request, createdAt } });
      });
      return id;
    },
    /** The request of `id`, once. */
    claim: (id: string) => serial(async (): Promise<RevealRequest | null> => {
      if (!REQUEST_ID.test(id)) return null;
      const table = fresh(await store.get());
      const record = Object.hasOwn(table, id) ? table[id] : undefined;
      delete table[id];
      await store.set(table);
      return record?.request ?? null;
    }),
  };
}

export type RequestRegistry = ReturnType<typeof createRequestRegistry>;
