import { describe, expect, it } from 'vitest';
import { addSite, ALL_SITES, changeMode, removeSite, siteOrigin, sitePattern, wantedPatterns, type PermissionsLike } from '../../utils/reveal/detection-scope';
import type { DetectionScope } from '../../utils/storage';

/**
 * The browser's permissions, Chrome's way: removing a pattern also takes away the narrower ones it
 * covers. `answer` is the person's reply to each prompt.
 */
function fakePermissions(answer = true) {
  const granted = new Set<string>();
  const calls: string[] = [];
  const covers = (broad: string, narrow: string) => broad === narrow || broad === ALL_SITES;
  const permissions: PermissionsLike = {
    request: async ({ origins }) => {
      calls.push(`request ${origins.join(' ')}`);
      if (origins.every((o) => [...granted].some((g) => covers(g, o)))) return true;
      if (answer) for (const o of origins) granted.add(o);
      return answer;
    },
    remove: async ({ origins }) => {
      calls.push(`remove ${origins.join(' ')}`);
      for (const o of origins) for (const g of [...granted]) if (covers(o, g)) granted.delete(g);
      return true;
    },
    contains: async ({ origins }) => origins.every((o) => [...granted].some((g) => covers(g, o))),
  };
  return { permissions, granted, calls };
}

const OFF: DetectionScope = { mode: 'off', sites: [] };

describe('siteOrigin', () => {
  it.each([
    ['app.slack.com', 'https://app.slack.com'],
    ['  mail.google.com  ', 'https://mail.google.com'],
    ['https://app.slack.com/client/T0123/C456', 'https://app.slack.com'],
    ['HTTPS://App.Slack.COM', 'https://app.slack.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1'],
    ['jira.example.com:8443/browse/OPS-1', 'https://jira.example.com'],
    // Typed without a scheme, this computer and bare addresses are http (every port of them).
    ['127.0.0.1:18821', 'http://127.0.0.1'],
    ['localhost:3000/chat', 'http://localhost'],
    ['192.168.1.20', 'http://192.168.1.20'],
    ['https://127.0.0.1:8443', 'https://127.0.0.1'],
    ['localhost.example.com', 'https://localhost.example.com'],
  ])('reads %s as %s', (input, expected) => {
    expect(siteOrigin(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['nothing', ''],
    ['spaces', '   '],
    ['a file: address', 'file:///etc/hosts'],
    ['a wildcard', '*.example.com'],
    ['words', 'my chat app'],
  ])('refuses %s with a sentence', (_what, input) => {
    const result = siteOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^[A-Z"].{10,}\.$/);
  });
});

describe('patterns', () => {
  it('grants a whole site, every path and port', () => {
    expect(sitePattern('https://app.slack.com')).toBe('https://app.slack.com/*');
  });

  it.each<[DetectionScope, string[]]>([
    [OFF, []],
    [{ mode: 'off', sites: ['https://a.example'] }, []],
    [{ mode: 'all', sites: ['https://a.example'] }, [ALL_SITES]],
    [{ mode: 'sites', sites: [] }, []],
    [{ mode: 'sites', sites: ['https://a.example', 'http://b.example', 'https://a.example'] }, ['https://a.example/*', 'http://b.example/*']],
  ])('%j runs on %j', (settings, expected) => {
    expect(wantedPatterns(settings)).toEqual(expected);
  });
});

describe('changeMode', () => {
  it('asks before anything else, straight from the click (browsers need the gesture)', () => {
    const { permissions, calls } = fakePermissions();
    void changeMode('all', OFF, permissions);
    // Synchronously: nothing was awaited before the request.
    expect(calls).toEqual([`request ${ALL_SITES}`]);
    const sites = fakePermissions();
    void changeMode('sites', { mode: 'all', sites: ['https://a.example'] }, sites.permissions);
    expect(sites.calls).toEqual(['request https://a.example/*']);
  });

  it('turns on every site when the person allows it', async () => {
    const { permissions, granted } = fakePermissions();
    expect(await changeMode('all', OFF, permissions)).toEqual({ ok: true, value: { mode: 'all', sites: [] } });
    expect([...granted]).toEqual([ALL_SITES]);
  });

  it('changes nothing when the person says no', async () => {
    const { permissions, granted } = fakePermissions(false);
    const result = await changeMode('all', OFF, permissions);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not given access/) });
    expect(granted.size).toBe(0);
  });

  it('going from every site to chosen sites gives every site back and keeps the chosen ones', async () => {
    const { permissions, granted } = fakePermissions();
    await changeMode('all', OFF, permissions);
    const result = await changeMode('sites', { mode: 'all', sites: ['https://a.example'] }, permissions);
    expect(result).toEqual({ ok: true, value: { mode: 'sites', sites: ['https://a.example'] } });
    expect([...granted]).toEqual(['https://a.example/*']);
  });

  it('turning off gives all access back and remembers the sites for next time', async () => {
    const { permissions, granted } = fakePermissions();
    granted.add('https://a.example/*');
    const result = await changeMode('off', { mode: 'sites', sites: ['https://a.example'] }, permissions);
    expect(result).toEqual({ ok: true, value: { mode: 'off', sites: ['https://a.example'] } });
    expect(granted.size).toBe(0);
  });
});

describe('sites', () => {
  it('adds a site after the person allows it', async () => {
    const { permissions, granted } = fakePermissions();
    const result = await addSite('app.slack.com', { mode: 'sites', sites: [] }, permissions);
    expect(result).toEqual({ ok: true, value: { mode: 'sites', sites: ['https://app.slack.com'] } });
    expect([...granted]).toEqual(['https://app.slack.com/*']);
  });

  it('does not list a site the person refused', async () => {
    const { permissions } = fakePermissions(false);
    expect(await addSite('app.slack.com', { mode: 'sites', sites: [] }, permissions)).toMatchObject({ ok: false });
  });

  it('does not ask for a malformed address', async () => {
    const { permissions, calls } = fakePermissions();
    expect(await addSite('file:///x', { mode: 'sites', sites: [] }, permissions)).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('lists a site once', async () => {
    const { permissions } = fakePermissions();
    const current: DetectionScope = { mode: 'sites', sites: ['https://app.slack.com'] };
    expect(await addSite('https://app.slack.com/client', current, permissions)).toEqual({ ok: true, value: current });
  });

  it('removing a site gives its access back', async () => {
    const { permissions, granted } = fakePermissions();
    granted.add('https://a.example/*');
    granted.add('https://b.example/*');
    const result = await removeSite('https://a.example', { mode: 'sites', sites: ['https://a.example', 'https://b.example'] }, permissions);
    expect(result).toEqual({ ok: true, value: { mode: 'sites', sites: ['https://b.example'] } });
    expect([...granted]).toEqual(['https://b.example/*']);
  });
});
