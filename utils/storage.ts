// Every item the extension stores, declared once. Secrets never go in `local:` or `sync:`.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SERVER } from './core/default-server';

export { DEFAULT_SERVER };

export interface Settings {
  /** Note server base URL, without a trailing slash. */
  server: string;
  /** Operator's create token, when the server requires one. */
  createToken: string;
  /** Default expiry in seconds (one of the server's choices). */
  defaultExpiry: number;
  defaultReads: number;
  /** Seconds after which a copied secret or link is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: number;
  /** Raise a notification when a sent link is read or expires unread. */
  readReceipts: boolean;
  /** Show the number of links still waiting on the toolbar badge. */
  badge: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  server: DEFAULT_SERVER,
  createToken: '',
  defaultExpiry: 24 * 3600,
  defaultReads: 1,
  clipboardClearSeconds: 60,
  readReceipts: true,
  badge: true,
};

/**
 * The person's own settings. Read the settings in force through currentSettings()
 * (utils/settings/managed.ts): an organisation may set some of them by policy (`storage.managed`).
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The settings the person saved, or null before they saved any (then an organisation's starting values apply). */
export const storedSettings = () => storage.getItem<Settings>('local:settings');

/** Whether the first-run page has been completed. */
export const onboardedItem = storage.defineItem<boolean>('local:onboarded', { fallback: false, version: 1 });

export type DetectionMode = 'off' | 'all' | 'sites';
export interface DetectionScope {
  mode: DetectionMode;
  /** Origins such as `https://app.slack.com`, when mode is `sites`. */
  sites: string[];
}

export const detectionItem = storage.defineItem<DetectionScope>('local:detection', {
  fallback: { mode: 'off', sites: [] },
  version: 1,
});

/** The secret guard's settings (utils/guard/): where it runs, which rules, what a link allows. */
export interface GuardSetup extends DetectionScope {
  /** Rules the person turned off: ids from utils/guard/rules.ts. */
  disabledRules: string[];
  /** Origins where the person chose "Never on this site" while the guard runs on every site. */
  neverSites: string[];
  /** Seconds a link made from a paste lasts; 0: the default expiry of the settings. */
  expiresIn: number;
  /** Reads a link made from a paste allows; 0: the default of the settings. */
  maxReads: number;
}

export const DEFAULT_GUARD: GuardSetup = { mode: 'off', sites: [], disabledRules: [], neverSites: [], expiresIn: 0, maxReads: 0 };

export const guardItem = storage.defineItem<GuardSetup>('local:guard', {
  fallback: DEFAULT_GUARD,
  version: 1,
});

/**
 * Links this browser created, for read receipts and revoke. Never the key, the link or the
 * plaintext: see SentNote in utils/sent/entry.ts, whose schema refuses anything else.
 */
export const sentItem = storage.defineItem<import('./sent/entry').SentNote[]>('local:sent', {
  fallback: [],
  version: 1,
});

/**
 * Read-receipt polling state: consecutive checks without a change (drives the backoff), and a
 * shorter first delay that only tests set.
 */
export const receiptsItem = storage.defineItem<{ idleChecks: number; baseDelayMs?: number }>('local:receipts', {
  fallback: { idleChecks: 0 },
  version: 1,
});

/**
 * Reveal requests registered but not yet claimed by the genuine reveal UI: the link (with its key)
 * for at most a couple of minutes, in session storage only (utils/reveal/requests.ts).
 */
export const revealRequestsItem = storage.defineItem<import('./reveal/requests').RequestTable>('session:revealRequests', {
  fallback: {},
});

/** The extension window the genuine reveal UI last opened in, where there is no side panel. */
export const revealWindowItem = storage.defineItem<number | null>('session:revealWindow', { fallback: null });

/**
 * The security phrase (utils/reveal/security-phrase.ts): shown in every Burnlink surface that asks
 * for a passphrase, so a look-alike drawn by a web page can be told apart. Not a secret to this
 * browser's extension pages, never shown to a page.
 */
export const securityPhraseItem = storage.defineItem<string>('local:securityPhrase', { fallback: '', version: 1 });
/**
 * The links this browser made that are still waiting, by `<server> <id>`, so the sender can copy
 * one again after the popup closed. Each holds its key: session storage only (memory, never
 * disk, gone when the browser closes), and dropped as soon as the link is read, revoked, expired
 * or forgotten (utils/sent/kept-links.ts). Not readable by content scripts.
 */
export const keptLinksItem = storage.defineItem<Record<string, string>>('session:keptLinks', { fallback: {} });

/**
 * The popup's "Link created" view, so that it is still there when the popup is opened again:
 * which link, and its passphrase when it has one (the sender still has to pass it on). Session
 * storage only, dropped with the link's key and when the sender starts a new link.
 */
export const createdViewItem = storage.defineItem<import('./sent/kept-links').CreatedView | null>('session:createdView', {
  fallback: null,
});

/**
 * A selection on its way from "Share with options…" to the popup's form: session storage only
 * (memory), taken and cleared by the popup as it opens, and ignored once older than a minute.
 */
/** How long a selection waits for the popup that "Share with options…" opens, in milliseconds. */
export const SHARE_DRAFT_MS = 60_000;

export const shareDraftItem = storage.defineItem<{ text: string; label: string; at: number } | null>('session:shareDraft', {
  fallback: null,
});

/** What "Copy with instructions" puts around a link until the sender writes their own. */
export const DEFAULT_INSTRUCTIONS =
  'One-time link: {link}\nIt can be opened {reads} and expires {expires}. If it says it was already read, tell me: someone else opened it first.';

/**
 * The text around a link that "Copy with instructions" copies, with {link}, {expires} and {reads}
 * filled in (utils/share/instructions.ts). An empty template turns the button off.
 */
export const instructionsItem = storage.defineItem<{ template: string }>('local:instructions', {
  fallback: { template: DEFAULT_INSTRUCTIONS },
  version: 1,
});

/** What each feature counts on the toolbar badge (utils/badge.ts). */
export interface BadgeCounts {
  /** Sent links still waiting to be read. */
  links: number;
  /** Answers to requests waiting to be revealed. */
  answers: number;
}

export const badgeCountsItem = storage.defineItem<BadgeCounts>('session:badgeCounts', { fallback: { links: 0, answers: 0 } });

/**
 * Requests for a secret made in this browser: fetch token, note and state, never a key or an
 * answer (see RequestEntry in utils/request/entry.ts, whose schema refuses anything else). The key
 * pairs are in IndexedDB (utils/request/keys.ts).
 */
export const requestsItem = storage.defineItem<import('./request/entry').RequestEntry[]>('local:requests', {
  fallback: [],
  version: 1,
});

/** Request-receipt polling: consecutive checks without a change (drives the backoff). */
export const requestReceiptsItem = storage.defineItem<{ idleChecks: number }>('local:requestReceipts', {
  fallback: { idleChecks: 0 },
  version: 1,
});
