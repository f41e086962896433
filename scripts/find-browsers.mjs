// Finds the browsers for the browser tests, or fails with one line for each one missing that says
// how to install it. Browser tests are never skipped silently.
import fs from 'node:fs';

export const BROWSERS = {
  chromium: {
    env: 'CHROMIUM_PATH',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
    install: 'No Chromium found for the browser tests: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
  },
  firefox: {
    env: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    install: 'No Firefox found for the browser tests: install it (Debian: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.',
  },
};

/** The first existing binary of a browser: its environment variable first, then the usual places. */
export function findBrowser(name, env = process.env, exists = fs.existsSync) {
  const { env: variable, candidates } = BROWSERS[name];
  return [env[variable], ...candidates].filter(Boolean).find((p) => exists(p));
}

export const findChromium = () => findBrowser('chromium');
export const findFirefox = () => findBrowser('firefox');

/** One line for each browser that is missing, saying how to install it. */
export function missingBrowsers(env = process.env, exists = fs.existsSync) {
  return Object.keys(BROWSERS).filter((name) => !findBrowser(name, env, exists)).map((name) => BROWSERS[name].install);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const missing = missingBrowsers();
  for (const line of missing) console.error(line);
  if (missing.length > 0) process.exit(1);
}
