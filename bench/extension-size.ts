// Extension budgets: gzipped size of what each part loads, and the popup's time to first render
// in headless Chromium (median of 20 opens). Run after `npm run build`:
//   node --import tsx bench/extension-size.ts
// Budgets (DESIGN.md): popup ≤ 40 KB gzipped JS+CSS and first render ≤ 100 ms; background ≤ 40 KB;
// content script ≤ 10 KB, ≤ 16 KB with the secret guard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension } from '../test/e2e/fixtures';

const OUT = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
const OPENS = 20;

const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A JS file and every chunk it imports statically (dynamic imports load later, on demand). */
function withStaticImports(file: string, seen: Set<string>): void {
  if (seen.has(file) || !fs.existsSync(file)) return;
  seen.add(file);
  const code = fs.readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^"'();]*?from\s*)?["']([^"']+\.js)["']/g)) {
    const spec = m[1] ?? '';
    withStaticImports(spec.startsWith('/') ? path.join(OUT, spec) : path.resolve(path.dirname(file), spec), seen);
  }
}

/** Everything an HTML entrypoint loads before it can run: scripts, preloads, styles and their imports. */
function pageFiles(html: string): string[] {
  const text = fs.readFileSync(path.join(OUT, html), 'utf8');
  const seen = new Set<string>();
  for (const m of text.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)) {
    const file = path.join(OUT, m[1] ?? '');
    if (file.endsWith('.js')) withStaticImports(file, seen);
    else if (file.endsWith('.css')) seen.add(file);
  }
  return [...seen];
}

function report(name: string, files: string[], budget?: number) {
  const sizes = files.map((f) => ({ file: path.relative(OUT, f), bytes: gz(f) }));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  const js = sizes.filter((s) => s.file.endsWith('.js')).reduce((sum, s) => sum + s.bytes, 0);
  const verdict = budget === undefined ? '' : total <= budget ? `  (budget ${kb(budget)}: ok)` : `  (budget ${kb(budget)}: OVER)`;
  console.log(`${name.padEnd(16)} ${kb(total).padStart(9)} gzipped (JS ${kb(js)}, CSS ${kb(total - js)})${verdict}`);
  for (const s of sizes.sort((a, b) => b.bytes - a.bytes)) console.log(`    ${kb(s.bytes).padStart(9)}  ${s.file}`);
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Opens the popup OPENS times, each in a new tab, and reads the mark it sets right after its
 * first render (navigation start → text box in the DOM). Interleaved with it, the same for the
 * smallest extension page (offscreen.html, one tiny module) up to DOMContentLoaded: the cost of
 * any extension page on this machine, which the popup cannot go below.
 */
async function firstRender(): Promise<{ popup: number[]; baseline: number[] }> {
  const browser = await launchWithExtension();
  try {
    const popup: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const page = await browser.openExtensionPage('popup.html');
      popup.push(await page.evaluate(async () => {
        for (;;) {
          const mark = performance.getEntriesByName('burnlink:popup-rendered')[0];
          if (mark && document.querySelector('textarea')) return mark.startTime;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      }));
      await page.close();
      const empty = await browser.openExtensionPage('offscreen.html');
      baseline.push(await empty.evaluate(async () => {
        for (;;) {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          if (nav && nav.domContentLoadedEventEnd > 0) return nav.domContentLoadedEventEnd;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }));
      await empty.close();
    }
    return { popup, baseline };
  } finally {
    await browser.close();
  }
}

if (!fs.existsSync(path.join(OUT, 'manifest.json'))) {
  console.error(`${OUT} is missing: run npm run build first.`);
  process.exit(1);
}

console.log(`Gzipped sizes (level 9) in ${path.relative(process.cwd(), OUT)}\n`);
report('popup', pageFiles('popup.html'), 40 * 1024);
report('background', [path.join(OUT, 'background.js')], 40 * 1024);
/**
 * The scripts Burnlink puts on web pages and their budgets: the detector ≤ 10 KB; with the secret
 * guard ≤ 16 KB (the guard's own script, and both together on a page where both run). The page
 * scan is injected only when the person asks for a scan, so it has none.
 */
const PAGE_SCRIPTS: Array<[name: string, file: string, budget: number | undefined]> = [
  ['detector', 'detector.js', 10 * 1024],
  ['guard', 'guard.js', 16 * 1024],
  ['page-scan', 'content-scripts/page-scan.js', undefined],
];
const contentSizes: Record<string, number> = {};
for (const [name, file, budget] of PAGE_SCRIPTS) {
  if (fs.existsSync(path.join(OUT, file))) contentSizes[name] = report(`content ${name}`, [path.join(OUT, file)], budget);
}
if (contentSizes.detector !== undefined && contentSizes.guard !== undefined) {
  const both = contentSizes.detector + contentSizes.guard;
  console.log(`${'detector + guard'.padEnd(16)} ${kb(both).padStart(9)} gzipped on a page where both run  (budget ${kb(16 * 1024)}: ${both <= 16 * 1024 ? 'ok' : 'OVER'})`);
}
for (const page of ['reveal.html', 'options.html', 'welcome.html', 'offscreen.html', 'guard-passphrase.html']) {
  if (fs.existsSync(path.join(OUT, page))) report(path.parse(page).name, pageFiles(page));
}

const { popup, baseline } = await firstRender();
const range = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${median(times).toFixed(1)} ms (min ${sorted[0]?.toFixed(1)}, max ${sorted[sorted.length - 1]?.toFixed(1)})`;
};
console.log(`\nFirst render in headless Chromium, ${OPENS} opens each, load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores:`);
console.log(`  popup (navigation start → text box in the DOM):    ${range(popup)}  (budget 100 ms: ${median(popup) <= 100 ? 'ok' : 'OVER'})`);
console.log(`  smallest extension page (offscreen.html, to DCL):  ${range(baseline)}`);
