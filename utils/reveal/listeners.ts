// Background listeners of the reveal feature: the detector follows the person's choice of sites
// (utils/reveal/detector-sync.ts); a click on "Reveal safely" (the in-page launcher, or the
// right-click item) opens the genuine reveal UI beside the page (utils/reveal/surface.ts) on a
// one-time request (utils/reveal/requests.ts); and what that UI asks of the background.
import { browser, type Browser } from 'wxt/browser';
import { backgroundCopier, copyAndReport, type Copier } from '../clipboard/background-copier';
import type { MenuClick } from '../context-menus';
import { fromRevealPage, onMessage } from '../messaging';
import { watchPolicy } from '../settings/managed';
import { detectionItem, revealRequestsItem, revealWindowItem, securityPhraseItem, settingsItem } from '../storage';
import { syncDetector } from './detector-sync';
import { PROBE_CSS } from './launcher';
import { createRequestRegistry, LAUNCHER_REFUSALS, type RequestRegistry, type RevealRequest } from './requests';
import { generatePhrase } from './security-phrase';
import { openSurface, type SurfaceApi } from './surface';

/** Longer than any link a person would paste; refuses junk before it is stored. */
export const MAX_LINK_LENGTH = 4096;
/** Longest link text kept (the launcher sends no more). */
const MAX_TEXT_LENGTH = 300;

export interface RevealDeps {
  registry: RequestRegistry;
  surfaces: SurfaceApi;
  copy: Copier;
}

function defaultDeps(): RevealDeps {
  return {
    registry: createRequestRegistry({
      store: { get: () => revealRequestsItem.getValue(), set: (table) => revealRequestsItem.setValue(table) },
    }),
    surfaces: {
      // Chrome only; Firefox has no side panel API (its sidebar cannot be opened from here).
      sidePanel: browser.sidePanel,
      windows: browser.windows,
      tabs: browser.tabs,
      getURL: (path) => browser.runtime.getURL(path as '/reveal.html'),
      lastWindow: { get: () => revealWindowItem.getValue(), set: (id) => revealWindowItem.setValue(id) },
    },
    copy: backgroundCopier(),
  };
}

/** The host of a page address, as the browser reported it. */
function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registers `request` and opens the genuine UI on it, beside tab `tab`. Nothing is awaited before
 * the side panel is asked to open: the person's click must still count as a gesture.
 */
export function openReveal({ registry, surfaces }: RevealDeps, tab: { id?: number; windowId?: number } | undefined, request: RevealRequest): boolean {
  if (tab?.id === undefined || tab.id < 0) return false;
  const id = registry.register(request);
  void openSurface(surfaces, { tabId: tab.id, ...(tab.windowId === undefined ? {} : { windowId: tab.windowId }) }, id);
  return true;
}

/** The request a launcher click asks for, or undefined when its message is not one. */
export function launchRequest(data: unknown, pageUrl: string | undefined): RevealRequest | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { link, text, refused } = data as Record<string, unknown>;
  if (typeof link !== 'string' || link.length === 0 || link.length > MAX_LINK_LENGTH) return undefined;
  if (text !== undefined && typeof text !== 'string') return undefined;
  const refusal = LAUNCHER_REFUSALS.find((r) => r === refused);
  if (refused !== undefined && refusal === undefined) return undefined;
  const foundOn = hostOf(pageUrl);
  const shown = text?.slice(0, MAX_TEXT_LENGTH);
  // A refused launch carries no link: the genuine UI then opens nothing at all.
  return {
    ...(refusal ? { refused: refusal } : { link }),
    ...(shown ? { text: shown } : {}),
    ...(foundOn ? { foundOn } : {}),
    via: 'button',
  };
}

/** The request a right-click on a link asks for. */
export function menuRequest(info: Browser.contextMenus.OnClickData & { linkText?: string }): RevealRequest | undefined {
  const link = info.linkUrl;
  if (!link || link.length > MAX_LINK_LENGTH) return undefined;
  const foundOn = hostOf(info.frameUrl ?? info.pageUrl);
  return {
    link,
    // Firefox says what the link's text was; Chrome does not.
    ...(info.linkText ? { text: info.linkText.slice(0, MAX_TEXT_LENGTH) } : {}),
    ...(foundOn ? { foundOn } : {}),
    via: 'menu',
  };
}

/** A security phrase from the first run on; existing installs get one on update. */
async function ensureSecurityPhrase(): Promise<void> {
  if ((await securityPhraseItem.getValue()) === '') await securityPhraseItem.setValue(generatePhrase());
}

/**
 * Background listeners for detection and the genuine reveal UI. Call once, at the top level.
 * Returns what a click on the "Reveal safely" menu item does, and `open`: how another background
 * feature opens the genuine UI on a link from a browser-UI event of its own (in that event's turn).
 */
export function registerReveal(deps: RevealDeps = defaultDeps()): {
  onMenuClick: MenuClick;
  open: (tab: { id?: number; windowId?: number } | undefined, request: RevealRequest) => boolean;
} {
  registerRevealMessages(deps);
  browser.runtime.onInstalled.addListener(() => void ensureSecurityPhrase());
  detectionItem.watch(() => void syncDetector());
  // An organisation's sites count too, and its policy can change at any time.
  watchPolicy(() => void syncDetector());
  browser.permissions.onAdded.addListener(() => void syncDetector());
  browser.permissions.onRemoved.addListener(() => void syncDetector());
  void syncDetector();
  return {
    onMenuClick: (info, tab) => {
      const request = menuRequest(info);
      if (request) openReveal(deps, tab, request);
    },
    open: (tab, request) => openReveal(deps, tab, request),
  };
}

function registerRevealMessages(deps: RevealDeps): void {
  // Synchronous to the end: an await before the side panel opens would lose the click's gesture.
  onMessage('openReveal', ({ data, sender }) => {
    const request = launchRequest(data, sender.url);
    if (request) openReveal(deps, sender.tab, request);
  });
  onMessage('launcherProbe', async ({ sender }) => {
    if (sender.tab?.id === undefined) return false;
    const target = { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] };
    return browser.scripting.insertCSS({ target, css: PROBE_CSS, origin: 'USER' }).then(() => true, () => false);
  });
  onMessage('claimReveal', async ({ data, sender }) => {
    if (!fromRevealPage(sender) || typeof data.id !== 'string') return null;
    return deps.registry.claim(data.id);
  });
  onMessage('copySecret', async ({ data, sender }) => {
    if (!fromRevealPage(sender) || typeof data.text !== 'string') return { ok: false };
    return copyAndReport(deps.copy, data.text, (await settingsItem.getValue()).clipboardClearSeconds);
  });
}
