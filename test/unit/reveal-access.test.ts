// Access to other tools' servers: exactly the origins a link's reader contacts, only for the tools
// whose servers do not answer other sites, asked for only when a person asks.
import { describe, expect, it } from 'vitest';
import { allPatterns, giveBackAccess, hasAccess, neededPatterns, originPattern, requestAccess, type PermissionsApi } from '../../utils/reveal/access';
import { recogniseLink } from '../../utils/reveal/readers';
import { REAL_LINKS } from './readers/links';

function recognised(href: string) {
  const result = recogniseLink(href);
  if (!result?.ok) throw new Error(`not recognised: ${href}`);
  return result.value;
}

/** A permissions API that grants what is in `granted`, answers requests with `answer`, and records them. */
function permissions(granted: string[], answer: boolean | Error = true) {
  const requests: string[][] = [];
  const api: PermissionsApi = {
    contains: async ({ origins }) => origins.every((o) => granted.includes(o)),
    request: async ({ origins }) => {
      requests.push(origins);
      if (answer instanceof Error) throw answer;
      if (answer) granted.push(...origins);
      return answer;
    },
    remove: async ({ origins }) => {
      for (const o of origins) granted.splice(granted.indexOf(o), 1);
      return true;
    },
  };
  return { api, requests };
}

describe('which access a link needs', () => {
  it('is one pattern per origin, without port or path', () => {
    expect(originPattern('http://127.0.0.1:8443')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://api.bitwarden.com')).toBe('https://api.bitwarden.com/*');
  });

  it.each(REAL_LINKS)('for a %s link: exactly the origins its reader contacts, and only when its server does not answer other sites', (tool, href) => {
    const link = recognised(href);
    const needed = neededPatterns(link);
    if (['cryptgeon', 'hemmelig', 'bitwarden-send'].includes(tool)) {
      expect(needed.length).toBeGreaterThan(0);
      expect(needed).toEqual(allPatterns(link));
      expect(link.access.why).toMatch(/needs access to/);
    } else if (tool === 'yopass' && link.access.origins.includes('https://api.yopass.se')) {
      // The public instance's API answers only yopass.se.
      expect(needed).toEqual(['https://api.yopass.se/*']);
    } else {
      expect(needed).toEqual([]);
    }
    // Never every site, never a pattern wider than one host.
    for (const pattern of allPatterns(link)) expect(pattern).toMatch(/^https?:\/\/[^*/]+\/\*$/);
  });
});

describe('asking for it', () => {
  it('asks for exactly the patterns, and then holds them', async () => {
    const { api, requests } = permissions([]);
    const patterns = ['https://cryptgeon.example/*'];
    expect(await hasAccess(api, patterns)).toBe(false);
    expect(await requestAccess(api, patterns)).toBe(true);
    expect(requests).toEqual([patterns]);
    expect(await hasAccess(api, patterns)).toBe(true);
  });

  it('gives it back once done, and gives back nothing when nothing was needed', async () => {
    const granted = ['https://chat.example/*'];
    const { api } = permissions(granted);
    await requestAccess(api, ['https://hemmelig.example/*']);
    await giveBackAccess(api, ['https://hemmelig.example/*']);
    await giveBackAccess(api, []);
    expect(granted).toEqual(['https://chat.example/*']);
  });

  it('asks nothing when nothing is needed', async () => {
    const { api, requests } = permissions([]);
    expect(await hasAccess(api, [])).toBe(true);
    expect(await requestAccess(api, [])).toBe(true);
    expect(requests).toEqual([]);
  });

  it.each([['refused', false], ['impossible (no gesture)', new Error('This function must be called during a user gesture')]] as const)(
    'says no when the request is %s',
    async (_case, answer) => {
      const { api } = permissions([], answer);
      expect(await requestAccess(api, ['https://hemmelig.example/*'])).toBe(false);
      expect(await hasAccess(api, ['https://hemmelig.example/*'])).toBe(false);
    },
  );
});
