// Where the paste guard runs: its content script registered at run time, at document_start and in
// every frame, for the sites the person chose and the browser granted. Nothing is registered while
// the guard is off, so it runs on no page (DESIGN.md invariant 9).
import { browser, type Browser } from 'wxt/browser';
import { ALL_SITES, sitePattern, wantedPatterns } from '../reveal/detection-scope';
import type { GuardSetup } from '../storage';
import type { GuardCommand } from './commands';

export const GUARD_ID = 'burnlink-guard';
export const GUARD_FILE = '/guard.js';

/** `https://host` for each pattern, `*` for every site: what a stopped guard compares against. */
function keptOrigins(patterns: string[]): string[] {
  return patterns.map((p) => (p === ALL_SITES ? '*' : p.replace(/\/\*$/, '')));
}

/** Sends a command to every frame of every tab; tabs without a guard ignore it. */
export async function broadcast(command: GuardCommand): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined
    : browser.tabs.sendMessage(tab.id, command).catch(() => undefined))));
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the registered guard match the settings and the access actually granted (the person may
 * take it back in the browser's own settings). Open tabs of newly covered sites get the guard at
 * once; guards on pages no longer covered stop.
 */
export function syncGuard(settings: () => Promise<GuardSetup>): Promise<void> {
  syncing = syncing.then(() => syncNow(settings), () => syncNow(settings));
  return syncing;
}

async function syncNow(settings: () => Promise<GuardSetup>): Promise<void> {
  const guard = await settings();
  const granted: string[] = [];
  for (const pattern of wantedPatterns(guard)) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const excluded = guard.mode === 'all' ? guard.neverSites.map(sitePattern) : [];
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [GUARD_ID] });
  const before = existing?.matches ?? [];
  if (granted.length === 0) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [GUARD_ID] });
  } else {
    const script: Browser.scripting.RegisteredContentScript = {
      id: GUARD_ID,
      js: [GUARD_FILE],
      matches: granted,
      ...(excluded.length > 0 ? { excludeMatches: excluded } : {}),
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    };
    if (existing) {
      // An update keeps the old exclusions when the new script names none: register it afresh.
      await browser.scripting.unregisterContentScripts({ ids: [GUARD_ID] });
    }
    await browser.scripting.registerContentScripts([script]);
  }

  const added = granted.filter((p) => !before.includes(p));
  if (added.length > 0) {
    // Open pages of the new sites: no reload needed, though a page that added its own paste
    // listener before this one may still see pastes until it is reloaded.
    const tabs = await browser.tabs.query({ url: added }).catch(() => []);
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined
      : browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [GUARD_FILE] }).catch(() => undefined))));
  }
  const drop = guard.mode === 'all' ? guard.neverSites : [];
  if (before.some((p) => !granted.includes(p)) || drop.length > 0) {
    await broadcast({ burnlinkGuard: 'stop', keep: keptOrigins(granted), drop });
  }
}
