// Background side of link detection: the detector registered at run time for the sites the person
// chose, the "Reveal safely" context menu (works through activeTab, no host permission), and the
// handshake that gives the reveal panel its link (utils/reveal/panel-registry.ts).
import { browser, type Browser } from 'wxt/browser';
import { backgroundCopier, type Copier } from '../clipboard/background-copier';
import type { StopDetectorCommand } from './detector';
import { ALL_SITES, wantedPatterns } from './detection-scope';
import { onMessage } from '../messaging';
import { mountPanel, type PanelCommand } from './panel';
import { createPanelRegistry, type PanelRegistry } from './panel-registry';
import { detectionItem, revealPanelsItem, settingsItem } from '../storage';

export const DETECTOR_ID = 'burnlink-detector';
export const DETECTOR_FILE = '/content-scripts/detector.js';
export const REVEAL_MENU_ID = 'reveal-safely';
/** Links with /n/ in their path; the panel itself says when one is not a usable note link. */
export const NOTE_LINK_PATTERNS = ['*://*/n/*', '*://*/*/n/*'];
/** Longer than any link a person would paste; refuses junk before it is stored. */
const MAX_LINK_LENGTH = 4096;

/** Whether a message comes from the extension's own reveal page (not a content script). */
export function isRevealPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return /^(chrome|moz)-extension:$/.test(parsed.protocol) && parsed.pathname === '/reveal.html';
  } catch {
    return false;
  }
}

/** `https://host` for each pattern, `*` for every site: what a stopped detector compares against. */
function keptOrigins(patterns: string[]): string[] {
  return patterns.map((p) => (p === ALL_SITES ? '*' : p.replace(/\/\*$/, '')));
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the registered detector match the settings and the permissions actually granted (the
 * person may take access back in the browser's own settings). Tabs newly covered get the detector
 * at once; detectors on pages no longer covered stop.
 */
export function syncDetector(): Promise<void> {
  syncing = syncing.then(syncNow, syncNow);
  return syncing;
}

async function syncNow(): Promise<void> {
  const granted: string[] = [];
  for (const pattern of wantedPatterns(await detectionItem.getValue())) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [DETECTOR_ID] });
  const before = existing?.matches ?? [];
  if (granted.length === 0) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [DETECTOR_ID] });
  } else {
    const script: Browser.scripting.RegisteredContentScript = {
      id: DETECTOR_ID,
      js: [DETECTOR_FILE],
      matches: granted,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    };
    if (existing) await browser.scripting.updateContentScripts([script]);
    else await browser.scripting.registerContentScripts([script]);
  }

  const added = granted.filter((p) => !before.includes(p));
  if (added.length > 0) {
    // Already open pages of the new sites: no reload needed. The detector runs once per page.
    const tabs = await browser.tabs.query({ url: added }).catch(() => []);
    await Promise.all(tabs.map((tab) => tab.id === undefined ? undefined
      : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [DETECTOR_FILE] }).catch(() => undefined)));
  }
  if (before.some((p) => !granted.includes(p))) {
    const command: StopDetectorCommand = { burnlinkDetector: 'stop', keep: keptOrigins(granted) };
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((tab) => tab.id === undefined ? undefined
      : browser.tabs.sendMessage(tab.id, command).catch(() => undefined)));
  }
}

/** Opens the panel in a tab for a link the person right-clicked. */
export async function revealFromMenu(
  registry: PanelRegistry,
  info: { linkUrl?: string; frameId?: number },
  tabId: number | undefined,
): Promise<boolean> {
  if (tabId === undefined || tabId < 0 || !info.linkUrl || info.linkUrl.length > MAX_LINK_LENGTH) return false;
  const panelId = await registry.open(info.linkUrl, tabId);
  const inject = (frameId: number) => browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    func: mountPanel,
    args: [panelId, info.linkUrl ?? null],
  });
  try {
    await inject(info.frameId ?? 0);
  } catch {
    // activeTab covers the tab's own origin; a link inside a frame of another origin gets the
    // panel in the top frame instead.
    try {
      await inject(0);
    } catch {
      return false;
    }
  }
  return true;
}

export interface DetectionDeps {
  registry: PanelRegistry;
  copy: Copier;
}

function defaultDeps(): DetectionDeps {
  return {
    registry: createPanelRegistry({
      store: { get: () => revealPanelsItem.getValue(), set: (table) => revealPanelsItem.setValue(table) },
    }),
    copy: backgroundCopier(),
  };
}

/** Background listeners for detection and the reveal panel. Call once, at the top level. */
export function registerDetection(deps: DetectionDeps = defaultDeps()): void {
  const { registry, copy } = deps;

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: REVEAL_MENU_ID, title: 'Reveal safely', contexts: ['link'], targetUrlPatterns: NOTE_LINK_PATTERNS },
      // Already there after an update: nothing to do.
      () => void browser.runtime.lastError,
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== REVEAL_MENU_ID) return;
    void revealFromMenu(registry, info, tab?.id);
  });

  onMessage('openPanel', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || typeof data.link !== 'string' || data.link.length > MAX_LINK_LENGTH) return null;
    return { panelId: await registry.open(data.link, tabId) };
  });
  onMessage('claimPanel', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isRevealPage(sender.url) || typeof data.panelId !== 'string') return null;
    const link = await registry.claim(data.panelId, tabId);
    return link === null ? null : { link };
  });
  // The reveal page cannot reach the content script that framed it except through here.
  const toPanel = async (sender: Browser.runtime.MessageSender, command: PanelCommand) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isRevealPage(sender.url)) return;
    await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
  };
  onMessage('closePanel', ({ data, sender }) => toPanel(sender, { burnlinkPanel: 'close', panelId: data.panelId }));
  onMessage('resizePanel', ({ data, sender }) =>
    toPanel(sender, { burnlinkPanel: 'resize', panelId: data.panelId, height: data.height }));
  onMessage('copySecret', async ({ data, sender }) => {
    if (!isRevealPage(sender.url) || typeof data.text !== 'string') return { ok: false };
    const { clipboardClearSeconds } = await settingsItem.getValue();
    const copied = await copy(data.text, clipboardClearSeconds);
    return copied && clipboardClearSeconds > 0 ? { ok: true, clearsInSeconds: clipboardClearSeconds } : { ok: copied };
  });

  detectionItem.watch(() => void syncDetector());
  browser.permissions.onAdded.addListener(() => void syncDetector());
  browser.permissions.onRemoved.addListener(() => void syncDetector());
  void syncDetector();
}
