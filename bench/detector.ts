// The link detector's cost, in headless Chromium with the built extension. Run after `npm run build`:
//   node --import tsx bench/detector.ts
// 1. Initial scan of a synthetic page: 200,000 text nodes, 10,000 ordinary links, 50 note links
//    (25 as anchors, 25 as plain text). Timed by the detector's own performance marks, which it
//    sets only on pages whose <html> carries data-burnlink-bench: from the start of its scan to the
//    50th button drawn.
// 2. 10,000 chat messages appended by the page's own script in batches of 20 (one task each), 50 of
//    them with note links: time until the page is idle and every button is drawn, with the detector
//    (the site is granted) and without it (the same page under another host name), interleaved in
//    one run. Twice: keeping the newest message in view as a chat does (a layout per batch), and
//    appends alone. The figure is the ratio of the medians; the detector's own work is also timed
//    from inside (its performance measures).
// 3. The content script's size, gzipped.
// Aims (DESIGN.md): scan ≤ 50 ms, appends ≤ +10 %, ≤ 10 KB gzipped.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../test/e2e/fixtures';
import { turnOnDetectionFor } from '../test/e2e/pages/DetectionOptions';

const OUT = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
const SCRIPT = path.join(OUT, 'detector.js');
const RUNS = Number(process.env.RUNS ?? 7);
const TEXT_NODES = 200_000;
const ORDINARY_LINKS = 10_000;
const NOTE_LINKS = 50;
const APPENDED = 10_000;
const BATCH = 20;

const KEY = 'qL0-_x'.repeat(7) + 'A'; // 43 base64url characters, canonical last one
const noteLink = (i: number) => `http://127.0.0.1:8787/n/${String(i).padStart(22, 'x')}#1.${KEY}`;

/** The big page: message rows of spans, bold words and links, exactly TEXT_NODES text nodes. */
function bigPage(): string {
  const parts = ['<!doctype html><html data-burnlink-bench><head><meta charset="utf-8"><title>big</title></head><body><div id="app"><nav>channels</nav><main>'];
  let texts = 2; // "channels" and the footer
  let links = 0;
  let notes = 0;
  const every = Math.floor(TEXT_NODES / 6 / NOTE_LINKS);
  for (let m = 0; texts < TEXT_NODES - 10; m++) {
    // 4 text nodes: author, time, text, bold
    let row = `<div class="m"><b>user${m % 97}</b><i>09:${String(m % 60).padStart(2, '0')}</i><p>message ${m} about the deploy <b>today</b>`;
    texts += 4;
    if (links < ORDINARY_LINKS && m % 3 === 0) {
      row += `<a href="https://tracker.example.com/browse/OPS-${m}">OPS-${m}</a>`;
      texts += 1;
      links += 1;
    }
    if (notes < NOTE_LINKS && m % every === 5) {
      row += notes % 2 === 0 ? `<a href="${noteLink(notes)}">${noteLink(notes)}</a>` : `key: ${noteLink(notes)} ok`;
      texts += 1;
      notes += 1;
    }
    parts.push(`${row}</p></div>`);
  }
  while (texts < TEXT_NODES) {
    parts.push('<span>pad</span>');
    texts += 1;
  }
  parts.push('</main><footer>end</footer></div></body></html>');
  if (links !== ORDINARY_LINKS || notes !== NOTE_LINKS) throw new Error(`page has ${links} links and ${notes} notes`);
  return parts.join('');
}

/** The chat page: an empty room whose own script appends messages on request. */
const CHAT_PAGE = `<!doctype html><html data-burnlink-bench><head><meta charset="utf-8"><title>chat</title>
<style>#list { height: 600px; overflow-y: auto; font: 14px sans-serif; } .m { padding: 4px 8px; }</style></head>
<body><div id="list"></div><script>
  const list = document.getElementById('list');
  const KEY = ${JSON.stringify(KEY)};
  function message(i, withNote) {
    const div = document.createElement('div');
    div.className = 'm';
    const author = document.createElement('b');
    author.textContent = 'user' + (i % 37);
    const time = document.createElement('i');
    time.textContent = ' 10:' + String(i % 60).padStart(2, '0') + ' ';
    const p = document.createElement('p');
    p.append('message ' + i + ' about the rollout, see ');
    const a = document.createElement('a');
    a.href = withNote ? 'http://127.0.0.1:8787/n/' + String(i).padStart(22, 'y') + '#1.' + KEY : 'https://tracker.example.com/browse/OPS-' + i;
    a.textContent = withNote ? a.href : 'OPS-' + i;
    p.append(a, ' thanks');
    div.append(author, time, p);
    return div;
  }
  /** Appends total messages in batches, one task each; resolves when idle and, with the detector, all buttons are drawn. */
  window.runAppend = (total, batch, noteEvery, detector, follow) => new Promise((resolve) => {
    let i = 0;
    let lastAppend = 0;
    const t0 = performance.now();
    const channel = new MessageChannel();
    const finish = () => {
      const buttons = document.querySelectorAll('burnlink-reveal').length;
      const flushed = performance.getEntriesByName('burnlink:flushed').some((e) => e.startTime >= lastAppend);
      if (detector && (!flushed || buttons < Math.floor(total / noteEvery))) return requestIdleCallback(finish, { timeout: 50 });
      const detectorMs = performance.getEntriesByName('burnlink:flush').reduce((sum, e) => sum + e.duration, 0);
      resolve({ ms: performance.now() - t0, buttons, detectorMs });
    };
    channel.port1.onmessage = () => {
      for (let k = 0; k < batch && i < total; k++, i++) list.append(message(i, i % noteEvery === noteEvery - 1));
      // A chat keeps the newest message in view: this reads layout after every batch.
      if (follow) list.scrollTop = list.scrollHeight;
      lastAppend = performance.now();
      if (i < total) channel.port2.postMessage(0);
      else requestIdleCallback(finish);
    };
    channel.port2.postMessage(0);
  });
</script></body></html>`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function scanOnce(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('burnlink-reveal').length === n, NOTE_LINKS, { timeout: 60_000 });
  return page.evaluate(() => {
    const [start] = performance.getEntriesByName('burnlink:scan:start');
    const [end] = performance.getEntriesByName('burnlink:scan:end');
    let textNodes = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) textNodes++;
    return { ms: (end?.startTime ?? NaN) - (start?.startTime ?? NaN), textNodes, links: document.links.length };
  });
}

async function appendOnce(page: Page, url: string, detector: boolean, follow: boolean) {
  await page.goto(url);
  await page.waitForLoadState('load');
  return page.evaluate(([total, batch, every, withDetector, followScroll]) =>
    (window as unknown as { runAppend(...a: unknown[]): Promise<{ ms: number; buttons: number; detectorMs: number }> })
      .runAppend(total, batch, every, withDetector, followScroll),
  [APPENDED, BATCH, APPENDED / NOTE_LINKS, detector, follow] as const);
}

interface AppendFigures { with: number[]; without: number[]; detector: number[] }

/** With and without the detector, interleaved, RUNS times each after one warm-up pair. */
async function appends(page: Page, granted: string, other: string, follow: boolean): Promise<AppendFigures> {
  const figures: AppendFigures = { with: [], without: [], detector: [] };
  await appendOnce(page, `${granted}/chat`, true, follow);
  await appendOnce(page, `${other}/chat`, false, follow);
  for (let i = 0; i < RUNS; i++) {
    const a = await appendOnce(page, `${granted}/chat`, true, follow);
    if (a.buttons !== NOTE_LINKS) throw new Error(`expected ${NOTE_LINKS} buttons after the appends, saw ${a.buttons}`);
    figures.with.push(a.ms);
    figures.detector.push(a.detectorMs);
    const b = await appendOnce(page, `${other}/chat`, false, follow);
    if (b.buttons !== 0) throw new Error('the detector ran on the host that was not granted');
    figures.without.push(b.ms);
  }
  return figures;
}

function appendReport(title: string, f: AppendFigures) {
  const ratio = median(f.with) / median(f.without);
  const pairs = f.with.map((w, i) => w / (f.without[i] ?? NaN));
  console.log(`  ${title}`);
  console.log(`    without detector: ${ms(median(f.without))}  [${f.without.map((v) => v.toFixed(0)).join(', ')}]`);
  console.log(`    with detector:    ${ms(median(f.with))}  [${f.with.map((v) => v.toFixed(0)).join(', ')}]`);
  console.log(`    overhead: ${((ratio - 1) * 100).toFixed(1)} % (ratio of medians ${ratio.toFixed(3)}; median of paired ratios ${median(pairs).toFixed(3)})  aim ≤ 10 %`);
  console.log(`    the detector's own work (its idle-time batches, measured inside): ${ms(median(f.detector))}` +
    ` = ${((median(f.detector) / median(f.without)) * 100).toFixed(1)} % of the page's time`);
}

async function main() {
  if (!fs.existsSync(SCRIPT)) throw new Error('Build first: npm run build');
  const big = bigPage();
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.url === '/big' ? big : CHAT_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const granted = `http://127.0.0.1:${port}`;
  const other = `http://localhost:${port}`;

  const ext = await launchWithExtension();
  try {
    await (await turnOnDetectionFor(ext, granted)).page.close();
    const page = await ext.context.newPage();

    const scans: number[] = [];
    let shape = { textNodes: 0, links: 0 };
    for (let i = 0; i < RUNS; i++) {
      const r = await scanOnce(page, `${granted}/big`);
      scans.push(r.ms);
      shape = r;
    }

    const chat = await appends(page, granted, other, true);
    const raw = await appends(page, granted, other, false);

    const size = gzipSync(fs.readFileSync(SCRIPT), { level: 9 }).length;
    console.log(`Link detector, headless Chromium, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, median of ${RUNS} runs`);
    console.log(`  page: ${shape.textNodes.toLocaleString('en')} text nodes, ${shape.links.toLocaleString('en')} links (${NOTE_LINKS} note links)`);
    console.log(`  initial scan (${NOTE_LINKS} buttons drawn): ${ms(median(scans))}  [${scans.map((v) => v.toFixed(1)).join(', ')}]  aim ≤ 50 ms`);
    console.log(`  ${APPENDED.toLocaleString('en')} messages appended in batches of ${BATCH}, ${NOTE_LINKS} with note links:`);
    appendReport('a chat that keeps the newest message in view (layout after each batch)', chat);
    appendReport('appends only (no layout: the detector\'s cost weighs the most here)', raw);
    console.log(`  content script: ${(size / 1024).toFixed(1)} KB gzipped (${size} bytes)  aim ≤ 10 KB`);
  } finally {
    await ext.close();
    server.close();
  }
}

await main();
