// `npm test` starts by looking for both browsers: a missing one stops it with one line saying how
// to install it, never a silent skip of its tests.
import { describe, expect, it } from 'vitest';
import { findBrowser, missingBrowsers } from '../../scripts/find-browsers.mjs';

describe('finding the browsers for the browser tests', () => {
  it('names each missing browser in one line that says how to install it', () => {
    expect(missingBrowsers({}, () => false)).toEqual([
      'No Chromium found for the browser tests: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
      'No Firefox found for the browser tests: install it (Debian: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.',
    ]);
    expect(missingBrowsers({}, (p) => p === '/usr/bin/chromium')).toEqual([expect.stringContaining('No Firefox found')]);
    expect(missingBrowsers({}, (p) => p === '/usr/bin/firefox-esr')).toEqual([expect.stringContaining('No Chromium found')]);
  });

  it('prefers the binary named in the environment, and ignores one that does not exist', () => {
    const exists = (p: string) => ['/opt/ff/firefox', '/usr/bin/firefox-esr'].includes(p);
    expect(findBrowser('firefox', { FIREFOX_PATH: '/opt/ff/firefox' }, exists)).toBe('/opt/ff/firefox');
    expect(findBrowser('firefox', { FIREFOX_PATH: '/gone/firefox' }, exists)).toBe('/usr/bin/firefox-esr');
    expect(findBrowser('chromium', {}, exists)).toBeUndefined();
  });
});
