// Where the link detector runs: registered at run time for the sites the person (or their
// organisation, by policy) chose and the browser granted, injected into tabs of newly covered sites, stopped on sites no longer covered.
import { browser, type Browser } from 'wxt/browser';
import { serialQueue } from '../core/queue';
import { currentDetection } from '../settings/managed';
import { ALL_SITES, wantedPatterns } from './detection-scope';
import type { StopDetectorCommand } from './detector';

const DETECTOR_ID = 'burnlink-detector';
const DETECTOR_FILE = '/detector.js';

/** `https://host` for each pattern, `*` for every site: what a stopped detector compares against. */
function keptOrigins(patterns: string[]): string[] {
  return patterns.map((p) => (p === ALL_SITES ? '*' : p.replace(/\/\*$/, '')));
}

const oneAtATime = serialQueue();

/**
 * Makes the registered detector match the settings and the permissions actually granted (the
 * person may take access back in the browser's own settings). Tabs newly covered get the detector
 * at once; detectors on pages no longer covered stop.
 */
export function syncDetector(): Promise<void> {
  return oneAtATime(syncNow);
}

async function syncNow(): Promise<void> {
  const granted: string[] = [];
  for (const pattern of wantedPatterns(await currentDetection())) {
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [DETECTOR_ID] });
  const before = existing?.matches ?? [];
  await register(granted, existing !== undefined);
  const added = granted.filter((p) => !before.includes(p));
  if (added.length > 0) await injectInto(added);
  if (before.some((p) => !granted.includes(p))) await stopOutside(granted);
}

/** Registers, updates or removes the detector so that it runs on `granted` from now on. */
async function register(granted: string[], registered: boolean): Promise<void> {
  if (granted.length === 0) {
    if (registered) await browser.scripting.unregisterContentScripts({ ids: [DETECTOR_ID] });
    return;
  }
  const script: Browser.scripting.RegisteredContentScript = {
    id: DETECTOR_ID,
    js: [DETECTOR_FILE],
    matches: granted,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
  if (registered) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}

/** Already open pages of newly covered sites: no reload needed. The detector runs once per page. */
async function injectInto(patterns: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: patterns }).catch(() => []);
  await Promise.all(tabs.map((tab) => tab.id === undefined ? undefined
    : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [DETECTOR_FILE] }).catch(() => undefined)));
}

/** Tells every page's detector to stop unless its site is still in `granted`. */
async function stopOutside(granted: string[]): Promise<void> {
  const command: StopDetectorCommand = { burnlinkDetector: 'stop', keep: keptOrigins(granted) };
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => tab.id === undefined ? undefined
    : browser.tabs.sendMessage(tab.id, command).catch(() => undefined)));
}
