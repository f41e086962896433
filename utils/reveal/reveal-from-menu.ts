// "Reveal safely" from the context menu on a link: works through activeTab, on any site, with no
// host permission and no detector.
import { browser } from 'wxt/browser';
import { mountPanel } from './panel';
import type { PanelRegistry } from './panel-registry';

/** Longer than any link a person would paste; refuses junk before it is stored. */
export const MAX_LINK_LENGTH = 4096;

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
