// Settings an organisation pushes by browser policy (storage.managed; the keys are in
// managed-schema.ts): read, checked like anything typed by hand, and laid over the person's own.
// What the organisation set is locked: the options and first-run pages show it and offer no way
// to change it, and every part of the extension reads the settings through here.
import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { siteOrigin } from '../core/site';
import { DEFAULT_SETTINGS, detectionItem, guardItem, storedSettings, type DetectionScope, type GuardSetup, type Settings } from '../storage';
import { managedSettingsSchema, type ManagedKey, type ManagedSettings } from './managed-schema';
import { normalizeServerUrl } from './server-check';

export interface Policy {
  /** The organisation's settings that can be used, normalised (server address, site origins). */
  values: ManagedSettings;
  /** A sentence for each setting the organisation set that cannot be used (it is ignored). */
  problems: string[];
}

export const NO_POLICY: Policy = { values: {}, problems: [] };

/** The settings the person cannot change, because the organisation set them. */
export type LockedSetting = 'server' | 'createToken' | 'defaultExpiry' | 'defaultReads';

const shape = managedSettingsSchema.shape;

const problem = (key: string, why: string) => `Your organisation's setting "${key}" ${why}, so it is ignored.`;

/** The value of `key` in `raw` if it has the type the schema wants; else a problem, and nothing. */
function take<T>(raw: object, key: ManagedKey, schema: z.ZodMiniType<T>, problems: string[]): T | undefined {
  if (!(key in raw)) return undefined;
  const typed = schema.safeParse(Reflect.get(raw, key));
  if (typed.success) return typed.data;
  problems.push(problem(key, `is not valid (${typed.error.issues[0]?.message ?? 'wrong type'})`));
  return undefined;
}

/** Origins of the sites listed, each once; a problem for each entry that is not a site. */
function takeSites(raw: object, key: 'detectionSites' | 'guardSites', problems: string[]): string[] | undefined {
  const entries = take(raw, key, shape[key], problems);
  if (entries === undefined) return undefined;
  const sites: string[] = [];
  for (const entry of entries) {
    const origin = siteOrigin(entry);
    if (!origin.ok) problems.push(problem(`${key}: ${entry}`, 'is not a web site'));
    else if (!sites.includes(origin.value)) sites.push(origin.value);
  }
  return sites;
}

/** The note server and its token, checked as if the person had typed them. */
function takeServer(raw: object, problems: string[]): Pick<ManagedSettings, 'server' | 'createToken' | 'lockServer'> {
  const values: Pick<ManagedSettings, 'server' | 'createToken' | 'lockServer'> = {};
  const server = take(raw, 'server', shape.server, problems);
  if (server !== undefined) {
    const normalized = normalizeServerUrl(server);
    if (normalized.ok) values.server = normalized.value;
    else problems.push(problem('server', `cannot be used: ${normalized.error}`));
  }
  const token = take(raw, 'createToken', shape.createToken, problems)?.trim();
  if (token !== undefined && /\s/.test(token)) problems.push(problem('createToken', 'contains spaces'));
  else if (token !== undefined) values.createToken = token;
  const lock = take(raw, 'lockServer', shape.lockServer, problems);
  if (lock !== undefined && values.server === undefined) problems.push(problem('lockServer', 'has no usable "server" to lock'));
  else if (lock !== undefined) values.lockServer = lock;
  return values;
}

/**
 * The organisation's settings from whatever the browser's managed storage holds (untrusted: an
 * administrator typed it). Each key is checked on its own: one bad value does not drop the others.
 */
export function parsePolicy(raw: unknown): Policy {
  if (typeof raw !== 'object' || raw === null) return NO_POLICY;
  const problems: string[] = [];
  for (const key of Object.keys(raw)) if (!(key in shape)) problems.push(problem(key, 'is not a Burnlink setting'));
  const candidates: ManagedSettings = {
    ...takeServer(raw, problems),
    defaultExpiry: take(raw, 'defaultExpiry', shape.defaultExpiry, problems),
    defaultReads: take(raw, 'defaultReads', shape.defaultReads, problems),
    detectionSites: takeSites(raw, 'detectionSites', problems),
    guardSites: takeSites(raw, 'guardSites', problems),
  };
  // Only what was set: a key present with `undefined` would read as "set" to the pages.
  const values = Object.fromEntries(Object.entries(candidates).filter(([, v]) => v !== undefined));
  return { values: managedSettingsSchema.parse(values), problems };
}

/** The part of `browser.storage.managed` this needs; passed in so tests need no browser. */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/**
 * The organisation's settings now. No policy at all is the usual case: Firefox then rejects the
 * read ("managed storage manifest not found"), Chrome answers with nothing.
 */
export async function readPolicy(area: ManagedArea | undefined = browser.storage?.managed): Promise<Policy> {
  if (!area) return NO_POLICY;
  return parsePolicy(await area.get().catch(() => ({})));
}

/** Calls `onChange` whenever the browser's policy for the extension changes. */
export function watchPolicy(onChange: () => void): () => void {
  const listener = (_changes: unknown, area: string) => { if (area === 'managed') onChange(); };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Whether the organisation's server is binding (else it is only the starting value). */
const serverLocked = (values: ManagedSettings) => values.server !== undefined && values.lockServer !== false;

export function lockedSettings({ values }: Policy): Set<LockedSetting> {
  const locked = new Set<LockedSetting>();
  if (serverLocked(values)) {
    locked.add('server');
    if (values.createToken !== undefined) locked.add('createToken');
  }
  if (values.defaultExpiry !== undefined) locked.add('defaultExpiry');
  if (values.defaultReads !== undefined) locked.add('defaultReads');
  return locked;
}

/**
 * The settings in force: the person's own (or, before they saved any, the defaults with the
 * organisation's starting values), with what the organisation locked laid over them.
 */
export function applyPolicy(stored: Settings | null, policy: Policy): Settings {
  const settings = { ...(stored ?? startingSettings(policy)) };
  for (const key of lockedSettings(policy)) {
    const value = policy.values[key];
    if (value !== undefined) Object.assign(settings, { [key]: value });
  }
  return settings;
}

/** Before the person saved any settings: the defaults, with the organisation's server and token. */
function startingSettings({ values }: Policy): Settings {
  const start = { ...DEFAULT_SETTINGS };
  if (values.server !== undefined) start.server = values.server;
  if (values.createToken !== undefined) start.createToken = values.createToken;
  return start;
}

/**
 * The person's own settings after a change: what the organisation locked stays as the person had
 * it underneath, and comes back if the organisation lets it go.
 */
export function changeOwnSettings(stored: Settings | null, patch: Partial<Settings>, policy: Policy): Settings {
  const locked: ReadonlySet<string> = lockedSettings(policy);
  const own = Object.fromEntries(Object.entries(patch).filter(([key]) => !locked.has(key)));
  return { ...(stored ?? startingSettings(policy)), ...own };
}

/**
 * Where link detection runs: the person's choice, and always the organisation's sites (detection
 * on every site already covers them).
 */
export function applyDetectionPolicy(scope: DetectionScope, { values }: Policy): DetectionScope {
  return withRequiredSites(scope, values.detectionSites ?? []);
}

/**
 * Where the secret guard runs: the person's choice, and always the organisation's sites, which
 * "Never on this site" cannot exclude.
 */
export function applyGuardPolicy(guard: GuardSetup, { values }: Policy): GuardSetup {
  const required = values.guardSites ?? [];
  const { mode, sites } = withRequiredSites(guard, required);
  return { ...guard, mode, sites, neverSites: guard.neverSites.filter((site) => !required.includes(site)) };
}

/** `scope` with these sites always among the chosen ones (first), unless it covers every site. */
export function withRequiredSites(scope: DetectionScope, required: string[]): DetectionScope {
  if (required.length === 0 || scope.mode === 'all') return scope;
  return { mode: 'sites', sites: [...new Set([...required, ...scope.sites])] };
}

/** The settings in force now. Read settings through this wherever an organisation may set them. */
export async function currentSettings(policy?: Policy): Promise<Settings> {
  return applyPolicy(await storedSettings(), policy ?? await readPolicy());
}

/** Where link detection runs now, the organisation's sites included. */
export async function currentDetection(policy?: Policy): Promise<DetectionScope> {
  return applyDetectionPolicy(await detectionItem.getValue(), policy ?? await readPolicy());
}

/** The secret guard's settings now, the organisation's sites included. */
export async function currentGuard(policy?: Policy): Promise<GuardSetup> {
  return applyGuardPolicy(await guardItem.getValue(), policy ?? await readPolicy());
}
