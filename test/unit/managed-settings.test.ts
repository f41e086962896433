// Settings an organisation pushes by browser policy: what is accepted, what is refused and said,
// how they lie over the person's own, Chrome's generated schema, and the docs' examples.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { updateSettings } from '../../utils/settings/form';
import {
  applyDetectionPolicy,
  applyGuardPolicy,
  applyPolicy,
  currentSettings,
  lockedSettings,
  NO_POLICY,
  parsePolicy,
  readPolicy,
  type Policy,
} from '../../utils/settings/managed';
import { chromeManagedSchema, managedSettingsSchema } from '../../utils/settings/managed-schema';
import { DEFAULT_GUARD, DEFAULT_SETTINGS, settingsItem, type Settings } from '../../utils/storage';

const FULL = {
  server: 'https://Burnlink.Example.com/',
  createToken: '  operator-token-1234567890 ',
  lockServer: true,
  defaultExpiry: 3600,
  defaultReads: 3,
  detectionSites: ['app.slack.com', 'https://mail.google.com/mail/u/0', 'https://app.slack.com/client'],
  guardSites: ['https://jira.example.com'],
};

const mine: Settings = {
  ...DEFAULT_SETTINGS, server: 'https://mine.example.org', createToken: 'my-token-1234567890', defaultExpiry: 300, defaultReads: 2, badge: false,
};

const policy = (values: Record<string, unknown>): Policy => parsePolicy(values);

describe('parsePolicy', () => {
  it('accepts every key, normalised as if typed by hand', () => {
    expect(parsePolicy(FULL)).toEqual({
      values: {
        server: 'https://burnlink.example.com',
        createToken: 'operator-token-1234567890',
        lockServer: true,
        defaultExpiry: 3600,
        defaultReads: 3,
        detectionSites: ['https://app.slack.com', 'https://mail.google.com'],
        guardSites: ['https://jira.example.com'],
      },
      problems: [],
    });
  });

  it.each([
    ['plain http to another computer', { server: 'http://burnlink.example.com' }, 'Your organisation\'s setting "server" cannot be used: Use https://'],
    ['a server that is no address', { server: 'my burnlink' }, '"server" cannot be used: "my burnlink" is not a web address'],
    ['a number where text belongs', { server: 42 }, '"server" is not valid'],
    ['a token with spaces', { createToken: 'two words' }, '"createToken" contains spaces, so it is ignored.'],
    ['reads beyond the protocol\'s limit', { defaultReads: 11 }, '"defaultReads" is not valid'],
    ['an expiry that is not whole seconds', { defaultExpiry: 90.5 }, '"defaultExpiry" is not valid'],
    ['a lock with nothing to lock', { lockServer: true }, '"lockServer" has no usable "server" to lock'],
    ['a key Burnlink does not know', { serverUrl: 'https://x.example.com' }, '"serverUrl" is not a Burnlink setting, so it is ignored.'],
    ['sites given as one string', { detectionSites: 'app.slack.com' }, '"detectionSites" is not valid'],
  ])('refuses %s, says so in a sentence, and keeps the rest', (_case, bad, sentence) => {
    const parsed = parsePolicy({ defaultReads: 2, ...bad });
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toContain(sentence);
    expect(parsed.problems[0]).toMatch(/ignored\.$/);
    if (!('defaultReads' in bad)) expect(parsed.values.defaultReads).toBe(2);
    for (const key of Object.keys(bad)) expect(parsed.values).not.toHaveProperty(key);
  });

  it('keeps the good sites of a list and names the bad one', () => {
    const parsed = parsePolicy({ detectionSites: ['app.slack.com', 'ftp://files.example.com', 'app.slack.com'] });
    expect(parsed.values.detectionSites).toEqual(['https://app.slack.com']);
    expect(parsed.problems).toEqual(['Your organisation\'s setting "detectionSites: ftp://files.example.com" is not a web site, so it is ignored.']);
  });

  it.each([null, undefined, 'server=x', 42, []])('reads %j as no policy at all', (raw) => {
    expect(parsePolicy(raw)).toEqual(NO_POLICY);
  });
});

describe('readPolicy', () => {
  it('is no policy when Firefox has no managed storage for the add-on (it rejects the read)', async () => {
    const firefox = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect(await readPolicy(firefox)).toEqual(NO_POLICY);
  });

  it('is no policy where the browser has no managed storage at all', async () => {
    expect(await readPolicy(undefined)).toEqual(NO_POLICY);
  });

  it('parses what the browser holds', async () => {
    expect((await readPolicy({ get: async () => ({ defaultReads: 4 }) })).values).toEqual({ defaultReads: 4 });
  });
});

describe('applyPolicy and lockedSettings', () => {
  it('changes nothing without a policy', () => {
    expect(applyPolicy(mine, NO_POLICY)).toEqual(mine);
    expect(applyPolicy(null, NO_POLICY)).toEqual(DEFAULT_SETTINGS);
    expect(lockedSettings(NO_POLICY)).toEqual(new Set());
  });

  it('lays every locked value over the person\'s own, and leaves the rest theirs', () => {
    const full = parsePolicy(FULL);
    expect(lockedSettings(full)).toEqual(new Set(['server', 'createToken', 'defaultExpiry', 'defaultReads']));
    expect(applyPolicy(mine, full)).toEqual({
      ...mine, server: 'https://burnlink.example.com', createToken: 'operator-token-1234567890', defaultExpiry: 3600, defaultReads: 3,
    });
  });

  it('locks the server (and not a token it did not set) when lockServer is left out', () => {
    const set = policy({ server: 'https://burnlink.example.com' });
    expect(lockedSettings(set)).toEqual(new Set(['server']));
    expect(applyPolicy(mine, set)).toEqual({ ...mine, server: 'https://burnlink.example.com' });
  });

  it('with lockServer false, the server and token are only where the person starts', () => {
    const starting = policy({ server: 'https://burnlink.example.com', createToken: 'operator-token-1234567890', lockServer: false });
    expect(lockedSettings(starting)).toEqual(new Set());
    expect(applyPolicy(null, starting)).toEqual({ ...DEFAULT_SETTINGS, server: 'https://burnlink.example.com', createToken: 'operator-token-1234567890' });
    expect(applyPolicy(mine, starting)).toEqual(mine);
  });
});

describe('the settings in force, through storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are the organisation\'s starting values until the person saves, and a first save keeps them', async () => {
    const starting = policy({ server: 'https://burnlink.example.com', lockServer: false });
    expect((await currentSettings(starting)).server).toBe('https://burnlink.example.com');
    // A first save of anything (here the badge box), while that policy is in force.
    const readPolicyOnce = await currentSettings(starting);
    await settingsItem.setValue({ ...readPolicyOnce, badge: false });
    expect(await currentSettings(NO_POLICY)).toMatchObject({ server: 'https://burnlink.example.com', badge: false });
  });

  it('cannot be changed for what is locked, whatever is saved', async () => {
    await updateSettings({ server: 'https://elsewhere.example.org', defaultReads: 5 });
    const locked = policy({ server: 'https://burnlink.example.com', defaultReads: 1 });
    expect(await currentSettings(locked)).toMatchObject({ server: 'https://burnlink.example.com', defaultReads: 1 });
    expect(await currentSettings(NO_POLICY)).toMatchObject({ server: 'https://elsewhere.example.org', defaultReads: 5 });
  });
});

describe('applyDetectionPolicy', () => {
  const required = policy({ detectionSites: ['https://app.slack.com'] });

  it.each([
    ['off', { mode: 'off', sites: [] }, { mode: 'sites', sites: ['https://app.slack.com'] }],
    ['chosen sites', { mode: 'sites', sites: ['https://jira.example.com'] }, { mode: 'sites', sites: ['https://app.slack.com', 'https://jira.example.com'] }],
    ['the same site', { mode: 'sites', sites: ['https://app.slack.com'] }, { mode: 'sites', sites: ['https://app.slack.com'] }],
    ['every site', { mode: 'all', sites: ['https://jira.example.com'] }, { mode: 'all', sites: ['https://jira.example.com'] }],
  ] as const)('turns the organisation\'s sites on when the person chose %s', (_case, scope, expected) => {
    expect(applyDetectionPolicy({ mode: scope.mode, sites: [...scope.sites] }, required)).toEqual(expected);
  });

  it('leaves the person\'s choice alone without such a policy', () => {
    expect(applyDetectionPolicy({ mode: 'off', sites: ['https://x.example.com'] }, NO_POLICY)).toEqual({ mode: 'off', sites: ['https://x.example.com'] });
  });
});

describe('applyGuardPolicy', () => {
  const required = policy({ guardSites: ['https://jira.example.com'] });

  it('turns the guard on for the organisation\'s sites when the person left it off, keeping their rules', () => {
    const guard = { ...DEFAULT_GUARD, disabledRules: ['slack-token'], maxReads: 2 };
    expect(applyGuardPolicy(guard, required)).toEqual({ ...guard, mode: 'sites', sites: ['https://jira.example.com'] });
  });

  it('adds them to the person\'s own sites', () => {
    const guard = { ...DEFAULT_GUARD, mode: 'sites' as const, sites: ['https://chat.example.com'] };
    expect(applyGuardPolicy(guard, required).sites).toEqual(['https://jira.example.com', 'https://chat.example.com']);
  });

  it('on every site, "Never on this site" cannot exclude one of them', () => {
    const guard = { ...DEFAULT_GUARD, mode: 'all' as const, neverSites: ['https://jira.example.com', 'https://chat.example.com'] };
    expect(applyGuardPolicy(guard, required)).toMatchObject({ mode: 'all', neverSites: ['https://chat.example.com'] });
  });

  it('leaves the person\'s choice alone without such a policy', () => {
    const guard = { ...DEFAULT_GUARD, mode: 'all' as const, neverSites: ['https://jira.example.com'] };
    expect(applyGuardPolicy(guard, policy({ detectionSites: ['https://jira.example.com'] }))).toEqual(guard);
  });
});

describe('Chrome\'s managed_schema.json', () => {
  const schema = chromeManagedSchema() as { type: string; properties: Record<string, Record<string, unknown>> };

  it('has every key of the zod schema, with its type, and only keywords Chrome reads', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(Object.keys(managedSettingsSchema.shape));
    expect(schema.properties.server?.type).toBe('string');
    expect(schema.properties.lockServer?.type).toBe('boolean');
    expect(schema.properties.defaultReads).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
    expect(schema.properties.detectionSites).toMatchObject({ type: 'array', items: { type: 'string' } });
    const keywords = new Set<string>();
    const walk = (node: unknown, names = false) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, inner] of Object.entries(node)) {
        if (!names) keywords.add(key);
        walk(inner, !names && key === 'properties');
      }
    };
    walk(schema);
    expect([...keywords].sort()).toEqual(['description', 'items', 'maximum', 'minimum', 'properties', 'title', 'type']);
  });
});

describe('docs/DEPLOY.md', () => {
  const docs = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/DEPLOY.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Rolling out the extension'));
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
  /** The extension's settings inside each example: Chrome's, Firefox's policies.json, the manifest. */
  const settingsOf = (block: Record<string, unknown>): unknown => {
    const dig = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) =>
      (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);
    return dig(block, '3rdparty', 'extensions', '<extension id>')
      ?? dig(block, 'policies', '3rdparty', 'Extensions', 'burnlink@burnlink.dev')
      ?? dig(block, 'data');
  };

  it('has the Chrome policy, the Firefox policies.json and the managed storage manifest', () => {
    expect(blocks).toHaveLength(3);
    expect(blocks.map(settingsOf).every((s) => typeof s === 'object' && s !== null)).toBe(true);
  });

  it('shows only settings the extension accepts as they are', () => {
    for (const block of blocks) {
      const parsed = parsePolicy(settingsOf(block));
      expect(parsed.problems).toEqual([]);
      expect(Object.keys(parsed.values).length).toBeGreaterThan(2);
    }
  });

  it('lists every key of the schema in its table', () => {
    for (const key of Object.keys(managedSettingsSchema.shape)) expect(section).toContain(`| \`${key}\` |`);
  });
});
