// Running "Scan this page for exposed secrets" in a tab, for the popup and the context menu. Both
// are the person's own gesture, which grants activeTab on that tab: no standing access is needed.
import { browser } from 'wxt/browser';
import { err, ok, type Result } from '../core/result';
import type { ScanSummary } from './page-scan';

export const SCAN_FILE = '/content-scripts/page-scan.js' as const;

export const CANNOT_SCAN = 'Burnlink cannot scan this page (browser pages and the extension store are off limits). '
  + 'On a web page, reload it and try again.';

/** Whether a script's result is a scan summary (results cross a process boundary untyped). */
export function isScanSummary(value: unknown): value is ScanSummary {
  if (typeof value !== 'object' || value === null) return false;
  const { count, kinds } = value as Partial<ScanSummary>;
  return typeof count === 'number' && Array.isArray(kinds)
    && kinds.every((k) => typeof k === 'object' && k !== null && typeof k.rule === 'string' && typeof k.count === 'number');
}

/** The part of `browser.scripting` the scan needs; passed in so tests need no browser. */
export interface ScanScripting {
  executeScript(injection: { target: { tabId: number }; files: [typeof SCAN_FILE] }): Promise<Array<{ result?: unknown }>>;
}

/** Scans the top frame of a tab; marks what it found on the page and returns the summary. */
export async function scanTab(tabId: number | undefined, scripting: ScanScripting = browser.scripting): Promise<Result<ScanSummary, string>> {
  if (tabId === undefined || tabId < 0) return err(CANNOT_SCAN);
  try {
    const [frame] = await scripting.executeScript({ target: { tabId }, files: [SCAN_FILE] });
    return isScanSummary(frame?.result) ? ok(frame.result) : err(CANNOT_SCAN);
  } catch {
    return err(CANNOT_SCAN);
  }
}
