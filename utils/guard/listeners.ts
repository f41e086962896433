// Background side of the secret guard: its registration follows the settings and the granted
// access, its content script asks here for links (crypto stays in the background), the passphrase
// page reaches the held paste through here, and the context menu's page scan runs from here.
import { browser, type Browser } from 'wxt/browser';
import { err, type Result } from '../core/result';
import { extensionTranslator } from '../i18n/extension';
import { fromExtensionPage, onMessage } from '../messaging';
import { currentGuard, currentSettings, readPolicy, watchPolicy } from '../settings/managed';
import { guardItem, type GuardSetup } from '../storage';
import type { GuardCommand } from './commands';
import { createGuardLinks, guardProblemText, guardTerms, termsText, type GuardLinkDeps } from './guard-links';
import { broadcast, syncGuard } from './guard-sync';
import type { ScanSummary } from './page-scan';
import { scanTab } from './scan-tab';

export const SCAN_MENU_ID = 'scan-page';
export const SCAN_NOTIFICATION_ID = 'scan-page';

/** `https://host` of a sender's frame (ports apart: a chosen site covers every port). */
function senderSite(sender: Browser.runtime.MessageSender): string | undefined {
  try {
    const url = new URL(sender.url ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.protocol}//${url.hostname}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the guard is on for a site. */
export function guardsSite(guard: GuardSetup, site: string): boolean {
  if (guard.mode === 'all') return !guard.neverSites.includes(site);
  return guard.mode === 'sites' && guard.sites.includes(site);
}

/** The settings after "Never on this site": dropped from the chosen sites, or excluded from all. */
export function neverOn(guard: GuardSetup, site: string): GuardSetup {
  if (guard.mode === 'sites') return { ...guard, sites: guard.sites.filter((s) => s !== site) };
  if (guard.mode === 'all' && !guard.neverSites.includes(site)) return { ...guard, neverSites: [...guard.neverSites, site] };
  return guard;
}

/** Whether a message comes from the passphrase page framed in the guard's prompt. */
export function fromPassphrasePage(sender: { url?: string; id?: string }): boolean {
  return fromExtensionPage(sender) && new URL(sender.url ?? '').pathname === '/guard-passphrase.html';
}

export interface GuardDeps extends GuardLinkDeps {
  notify(title: string, message: string): Promise<void>;
}

function defaultDeps(): GuardDeps {
  return {
    // The organisation's server, token and guard sites win over the person's (utils/settings/managed.ts).
    settings: () => currentSettings(),
    guard: () => currentGuard(),
    notify: async (title, message) => {
      await browser.notifications.create(SCAN_NOTIFICATION_ID, {
        type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message,
      });
    },
  };
}

/** Scans the tab of a context-menu click; the page shows what it found, a notification says why not. */
export async function scanFromMenu(tabId: number | undefined, deps: Pick<GuardDeps, 'notify'>): Promise<Result<ScanSummary, string>> {
  const scanned = await scanTab(tabId);
  if (!scanned.ok) {
    // Every reason the scan cannot run comes to the same advice (scan-tab.ts).
    const { t } = extensionTranslator();
    await deps.notify(t('notify.scanFailed.title'), t('notify.scanFailed.message'));
  }
  return scanned;
}

/** Background listeners of the guard. Call once, at the top level. Returns the menu click handler. */
export function registerGuard(deps: GuardDeps = defaultDeps()) {
  const sync = () => void syncGuard(deps.guard);

  onMessage('guardConfig', async () => ({ disabledRules: (await deps.guard()).disabledRules }));
  onMessage('guardTerms', () => guardTerms(deps).then((terms) => termsText(extensionTranslator(), terms, Date.now()), () => null));
  onMessage('guardCreateLinks', async ({ data, sender }) => {
    // The prompt shows the sentence as it is: worded here, in the browser's language.
    const tr = extensionTranslator();
    const site = senderSite(sender);
    if (sender.tab?.id === undefined || !site || !guardsSite(await deps.guard(), site)) {
      return err(guardProblemText(tr, { code: 'not_on' }));
    }
    if (!Array.isArray(data.secrets) || (data.passphrase !== undefined && typeof data.passphrase !== 'string')) {
      return err(guardProblemText(tr, { code: 'unreadable' }));
    }
    const made = await createGuardLinks({ secrets: data.secrets, passphrase: data.passphrase, site: new URL(site).hostname }, deps, tr);
    return made.ok ? made : err(guardProblemText(tr, made.error));
  });
  onMessage('guardNever', async ({ sender }) => {
    const site = senderSite(sender);
    if (sender.tab?.id === undefined || !site) return;
    // A site the organisation guards stays guarded: the person's own choice is what changes.
    if ((await readPolicy()).values.guardSites?.includes(site)) return;
    await guardItem.setValue(neverOn(await guardItem.getValue(), site));
  });
  onMessage('guardPassphrase', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !fromPassphrasePage(sender) || typeof data.requestId !== 'string' || typeof data.passphrase !== 'string') return false;
    const command: GuardCommand = { burnlinkGuard: 'passphrase', requestId: data.requestId, passphrase: data.passphrase };
    // Every frame of the tab hears it; only the guard holding that paste answers.
    return (await browser.tabs.sendMessage(tabId, command).catch(() => undefined)) === true;
  });

  let disabled = '';
  guardItem.watch((guard) => {
    sync();
    const rules = JSON.stringify(guard.disabledRules);
    if (rules !== disabled) void broadcast({ burnlinkGuard: 'config', disabledRules: guard.disabledRules });
    disabled = rules;
  });
  void deps.guard().then((guard) => { disabled = JSON.stringify(guard.disabledRules); });
  // The organisation's sites count too, and its policy can change at any time.
  watchPolicy(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();

  return {
    onMenuClick: (_info: unknown, tab?: { id?: number }) => void scanFromMenu(tab?.id, deps),
  };
}
