// Renders the extension icons (public/icon/*.png) from the flame mark with headless Chromium.
// Run once after changing the mark: node scripts/make-icons.mjs
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './find-browsers.mjs';

const FLAME = 'M12 2c.5 3.2-1.3 5-2.9 6.8C7.5 10.6 6 12.4 6 15a6 6 0 0 0 12 0c0-2.3-1-4.3-2.3-5.8.1 1.6-.5 2.9-1.7 3.6.3-3.9-.9-7.5-2-10.8Z';
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>
    <svg width="${size}" height="${size}" viewBox="0 0 24 24"><rect x="1" y="1" width="22" height="22" rx="5" fill="#c2410c"/>
    <path transform="translate(2.4 2.2) scale(0.8)" fill="#fff" d="${FLAME}"/></svg>`);
  await page.screenshot({ path: path.join('public/icon', `${size}.png`), omitBackground: true });
}
await browser.close();
