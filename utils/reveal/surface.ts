// Where the genuine reveal UI opens: browser UI beside the page, which the page cannot draw over,
// read, or take the keyboard from. Chrome: the side panel of the tab the link was on. Where there
// is no side panel, or the browser refuses to open it (Firefox opens its sidebar only from its own
// menus and buttons, never from a click relayed by a content script), a small extension window.
// docs/DESIGN.md has the measurements behind this choice.

export type SurfaceKind = 'side-panel' | 'window';

/** The reveal page's address for request `id`; `in` tells it which surface it is drawn in. */
export const surfacePath = (id: string, kind: SurfaceKind) => `reveal.html?r=${encodeURIComponent(id)}&in=${kind}`;

export const WINDOW_WIDTH = 440;
export const WINDOW_HEIGHT = 660;

interface WindowInfo {
  id?: number;
  left?: number;
  top?: number;
  width?: number;
  tabs?: Array<{ id?: number }>;
}

/** The parts of the browser API this needs; passed in so tests can watch what is called. */
export interface SurfaceApi {
  sidePanel?: {
    setOptions(options: { tabId: number; path: string; enabled: boolean }): Promise<void>;
    open(options: { tabId: number }): Promise<void>;
  };
  windows: {
    create(options: { url: string; type: 'popup'; width: number; height: number; left?: number; top?: number; focused: boolean }): Promise<WindowInfo | undefined>;
    get(windowId: number, options?: { populate: boolean }): Promise<WindowInfo>;
    update(windowId: number, options: { focused: boolean }): Promise<unknown>;
  };
  tabs: { update(tabId: number, options: { url: string }): Promise<unknown> };
  getURL(path: string): string;
  /** The reveal window opened last, if any (kept across service worker restarts). */
  lastWindow: { get(): Promise<number | null>; set(id: number | null): Promise<void> };
}

export interface SurfaceTarget {
  /** The tab the link was on. */
  tabId: number;
  /** Its window: the extension window opens beside it. */
  windowId?: number;
}

/**
 * Opens the genuine UI on request `id`. Must be called in the same turn as the person's click
 * arrived (no await before it): Chrome opens the side panel only "in response to a user gesture".
 */
export function openSurface(api: SurfaceApi, target: SurfaceTarget, id: string): Promise<SurfaceKind> {
  const panel = api.sidePanel;
  if (!panel) return openWindow(api, target, id);
  // Both calls in this turn: the path is set before the panel shows, and the gesture still counts.
  const configured = panel.setOptions({ tabId: target.tabId, path: surfacePath(id, 'side-panel'), enabled: true });
  const opened = panel.open({ tabId: target.tabId });
  return Promise.all([configured, opened]).then(() => 'side-panel' as const, () => openWindow(api, target, id));
}

/** One reveal window at a time: a new request replaces what the open one shows, and raises it. */
async function openWindow(api: SurfaceApi, target: SurfaceTarget, id: string): Promise<SurfaceKind> {
  const url = api.getURL(`/${surfacePath(id, 'window')}`);
  const previous = await api.lastWindow.get();
  if (previous !== null) {
    const existing = await api.windows.get(previous, { populate: true }).catch(() => undefined);
    const tabId = existing?.tabs?.[0]?.id;
    if (tabId !== undefined) {
      await api.tabs.update(tabId, { url });
      await api.windows.update(previous, { focused: true });
      return 'window';
    }
  }
  // Beside the browser window the person is looking at, at its right edge.
  const beside = target.windowId === undefined ? undefined : await api.windows.get(target.windowId).catch(() => undefined);
  const placement = beside?.left !== undefined && beside.width !== undefined && beside.top !== undefined
    ? { left: Math.max(0, beside.left + beside.width - WINDOW_WIDTH - 24), top: beside.top + 72 }
    : {};
  const options = { url, type: 'popup' as const, width: WINDOW_WIDTH, height: WINDOW_HEIGHT, focused: true };
  // The browser refuses a place mostly off screen (a window larger than its screen): then its own.
  const created = await api.windows.create({ ...options, ...placement }).catch(() => api.windows.create(options));
  await api.lastWindow.set(created?.id ?? null);
  return 'window';
}
