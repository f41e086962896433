// Finds a Chromium for the browser tests, or fails with one line that says how to install it.
// Browser tests are never skipped silently.
import fs from 'node:fs';

export const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

export function findChromium() {
  return CANDIDATES.find((p) => fs.existsSync(p));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!findChromium()) {
    console.error('No Chromium found for the browser tests: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}
