// Background listeners of the reveal feature: the detector follows the person's choice of sites
// (utils/reveal/detector-sync.ts), the one-time handshake that gives a panel its link
// (utils/reveal/panel-registry.ts), and what the panel asks of the background.
import { browser, type Browser } from 'wxt/browser';
import { backgroundCopier, copyAndReport, type Copier } from '../clipboard/background-copier';
import type { MenuClick } from '../context-menus';
import { fromRevealPage, onMessage } from '../messaging';
import { detectionItem, revealPanelsItem, settingsItem } from '../storage';
import { watchPolicy } from '../settings/managed';
import { syncDetector } from './detector-sync';
import type { PanelCommand } from './panel';
import { createPanelRegistry, type PanelRegistry } from './panel-registry';
import { MAX_LINK_LENGTH, revealFromMenu } from './reveal-from-menu';

export interface RevealDeps {
  registry: PanelRegistry;
  copy: Copier;
}

function defaultDeps(): RevealDeps {
  return {
    registry: createPanelRegistry({
      store: { get: () => revealPanelsItem.getValue(), set: (table) => revealPanelsItem.setValue(table) },
    }),
    copy: backgroundCopier(),
  };
}

/**
 * Background listeners for detection and the reveal panel. Call once, at the top level. Returns
 * what a click on "Reveal safely" does.
 */
export function registerReveal(deps: RevealDeps = defaultDeps()): { onMenuClick: MenuClick } {
  registerPanelMessages(deps);
  detectionItem.watch(() => void syncDetector());
  // An organisation's sites count too, and its policy can change at any time.
  watchPolicy(() => void syncDetector());
  browser.permissions.onAdded.addListener(() => void syncDetector());
  browser.permissions.onRemoved.addListener(() => void syncDetector());
  void syncDetector();
  return { onMenuClick: (info, tab) => void revealFromMenu(deps.registry, info, tab?.id) };
}

function registerPanelMessages({ registry, copy }: RevealDeps): void {
  onMessage('openPanel', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || typeof data.link !== 'string' || data.link.length > MAX_LINK_LENGTH) return null;
    return { panelId: await registry.open(data.link, tabId) };
  });
  onMessage('claimPanel', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !fromRevealPage(sender) || typeof data.panelId !== 'string') return null;
    const link = await registry.claim(data.panelId, tabId);
    return link === null ? null : { link };
  });
  // The reveal page cannot reach the content script that framed it except through here.
  const toPanel = async (sender: Browser.runtime.MessageSender, command: PanelCommand) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !fromRevealPage(sender)) return;
    await browser.tabs.sendMessage(tabId, command).catch(() => undefined);
  };
  onMessage('closePanel', ({ data, sender }) => toPanel(sender, { burnlinkPanel: 'close', panelId: data.panelId }));
  onMessage('resizePanel', ({ data, sender }) =>
    toPanel(sender, { burnlinkPanel: 'resize', panelId: data.panelId, height: data.height }));
  onMessage('copySecret', async ({ data, sender }) => {
    if (!fromRevealPage(sender) || typeof data.text !== 'string') return { ok: false };
    return copyAndReport(copy, data.text, (await settingsItem.getValue()).clipboardClearSeconds);
  });
}
