// The link detector in real headless Chromium with the built extension and a real note server:
// off until the person turns it on for a site, then a button beside every note link, and never a
// request to the note server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { EXTENSION_DIR, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { noteState, shareNote } from './notes';
import { anchor, busyRoom, ChatPage, startChatSite, type ChatSite } from './pages/ChatSite';
import { DetectionOptions, detectionState, turnOnDetectionFor, waitForDetection } from './pages/DetectionOptions';
import { LOOK_ALIKES, REAL_LINKS } from '../unit/readers/links';

let server: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  [server, site, ext] = await Promise.all([startServer(), startChatSite(), launchWithExtension()]);
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
});

/** Look-alikes of `link` that must not get a button. */
function lookAlikes(link: string): string[] {
  const at = link.indexOf('/n/') + 3;
  return [
    link.slice(0, -1), // key cut short
    `${link}A`, // key too long
    link.slice(0, at) + link.slice(at + 1), // id of 21 characters
    link.replace('#1.', '#3.'), // unknown version (2 is a note with files)
    link.replace('/n/', '/x/'), // another path
    link.slice(0, link.indexOf('#')), // key lost
  ];
}

async function openRoom(name: string, origin = site.origin) {
  const chat = new ChatPage(await ext.context.newPage());
  await chat.open(`${origin}/${name}`);
  return chat;
}

describe('before the person turns detection on', () => {
  it('has no host access, no detector and draws no button', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
    expect(await detectionState(ext.worker)).toEqual({ matches: [], origins: [] });

    const { link } = await shareNote(server.url, 'not yet');
    site.room('before', [{ author: 'Ann', html: `${anchor(link)} and as text: ${link}` }]);
    const chat = await openRoom('before');
    await chat.settle();
    expect(await chat.buttons.count()).toBe(0);
    await chat.page.close();
  });
});

describe('on a site chosen in the options', () => {
  let options: DetectionOptions;
  beforeAll(async () => {
    options = await turnOnDetectionFor(ext, site.origin);
  });

  it('asked for that one site only', async () => {
    expect(await options.sites.allTextContents()).toEqual([expect.stringContaining('http://127.0.0.1')]);
    expect(await detectionState(ext.worker)).toEqual({ matches: ['http://127.0.0.1/*'], origins: ['http://127.0.0.1/*'] });
    await screenshot(options.page, 'detection-options-sites');
  });

  it('puts a button beside links in anchors and in plain text, and none beside look-alikes', async () => {
    const [a, b, c, d, e] = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((s) => shareNote(server.url, `secret ${s}`)));
    if (!a || !b || !c || !d || !e) throw new Error('share failed');
    const textB = `Staging key: ${b.link} (expires tonight)`;
    const textDE = `two at once: ${d.link}, ${e.link}.`;
    site.room('general', [
      { author: 'Ann', html: anchor(a.link) },
      { author: 'Bob', html: textB },
      { author: 'Cy', html: `the prod one is ${anchor(c.link, 'here')}` },
      { author: 'Dee', html: textDE },
      { author: 'Eve', html: lookAlikes(a.link).map((l) => `${anchor(l)} ${l}`).join('<br>') },
      { author: 'Fay', html: `docs: ${anchor('https://example.com/n/docs#1.intro')} and https://example.com/n/abc#1.x` },
    ]);
    const chat = await openRoom('general');
    await chat.waitForButtons(5);
    expect(await chat.buttonTargets()).toEqual([a.link, textB, c.link, textDE, textDE]);

    // The person's typing box is theirs: a link being typed gets no button.
    await chat.composer.click();
    await chat.page.keyboard.type(`for you: ${e.link} `);
    await chat.settle();
    expect(await chat.page.locator('#composer burnlink-reveal').count()).toBe(0);
    expect(await chat.buttons.count()).toBe(5);
    await chat.page.close();
  });

  it("puts a button beside other tools' links too, and none beside their look-alikes", async () => {
    const others = REAL_LINKS.filter(([tool]) => tool !== 'burnlink').map(([, link]) => link);
    site.room('others', [
      ...others.map((link) => ({ author: 'Ann', html: anchor(link, 'the secret') })),
      ...others.map((link) => ({ author: 'Bob', html: `here: ${link}.` })),
      ...LOOK_ALIKES.map((link) => ({ author: 'Eve', html: `${anchor(link)} and ${link}` })),
    ]);
    const chat = await openRoom('others');
    await chat.waitForButtons(others.length * 2);
    await chat.settle();
    expect(await chat.buttonTargets()).toEqual([...others.map((l) => new URL(l).href), ...others.map((l) => `here: ${l}.`)]);
    await chat.page.close();
  });

  it('finds links in messages that arrive after load', async () => {
    const [x, y] = await Promise.all([shareNote(server.url, 'later x'), shareNote(server.url, 'later y')]);
    site.room('live', [{ author: 'Ann', html: 'Morning all' }]);
    const chat = await openRoom('live');
    await chat.settle();
    expect(await chat.buttons.count()).toBe(0);

    await chat.post('Bob', anchor(x.link));
    await chat.waitForButtons(1);
    for (let i = 0; i < 50; i++) await chat.post('Cy', `message ${i} with ${anchor('https://example.com/page')}`);
    await chat.post('Dee', `here: ${y.link}`);
    await chat.waitForButtons(2);
    expect(await chat.buttonTargets()).toEqual([x.link, `here: ${y.link}`]);
    await chat.page.close();
  });

  it('never opens a note: loading, scrolling and new messages leave it pending, with no request', async () => {
    const notes = await Promise.all([shareNote(server.url, 'one'), shareNote(server.url, 'two'), shareNote(server.url, 'three')]);
    const requests: string[] = [];
    const onRequest = (request: { url(): string }) => { if (request.url().startsWith(server.url)) requests.push(request.url()); };
    ext.context.on('request', onRequest);
    try {
      const filler = Array.from({ length: 60 }, (_, i) => ({ author: 'Fay', html: `filler ${i}` }));
      site.room('scroll', [
        { author: 'Ann', html: anchor(notes[0]?.link ?? '') },
        ...filler,
        { author: 'Bob', html: notes[1]?.link ?? '' },
      ]);
      const chat = await openRoom('scroll');
      await chat.waitForButtons(2);
      for (const top of [0, 10_000, 0, 10_000]) {
        await chat.page.evaluate((t) => { document.getElementById('messages')?.scrollTo(0, t); }, top);
        await chat.page.mouse.wheel(0, top === 0 ? -2000 : 2000);
      }
      await chat.post('Cy', anchor(notes[2]?.link ?? ''));
      await chat.waitForButtons(3);
      await chat.settle();
      await chat.page.close();
    } finally {
      ext.context.off('request', onRequest);
    }
    expect(requests).toEqual([]);
    expect(await Promise.all(notes.map((n) => noteState(server.url, n.note)))).toEqual(['pending', 'pending', 'pending']);
  });

  it('draws a button the page cannot hide or restyle', async () => {
    const notes = await Promise.all([shareNote(server.url, 'busy 1'), shareNote(server.url, 'busy 2'), shareNote(server.url, 'busy 3')]);
    site.room('busy', busyRoom(notes.map((n) => n.link)));
    const chat = await openRoom('busy');
    await chat.waitForButtons(3);
    const looks = await chat.buttons.first().evaluate((host) => {
      const box = host.getBoundingClientRect();
      return { display: getComputedStyle(host).display, opacity: getComputedStyle(host).opacity, height: box.height, width: box.width };
    });
    // The room's style sheet says display: none, opacity 0.1, and 30px hot pink buttons.
    expect(looks).toMatchObject({ display: 'inline-block', opacity: '1' });
    expect(looks.height).toBeGreaterThan(12);
    expect(looks.height).toBeLessThan(24);
    expect(looks.width).toBeLessThan(130);
    await screenshot(chat.page, 'detector-busy-page');
    await chat.page.close();
  });

  it('does not run on a site that was not chosen', async () => {
    const { link } = await shareNote(server.url, 'elsewhere');
    site.room('elsewhere', [{ author: 'Ann', html: `${anchor(link)} ${link}` }]);
    const granted = await openRoom('elsewhere');
    const other = await openRoom('elsewhere', site.otherOrigin);
    await granted.waitForButtons(2);
    await other.settle();
    expect(await other.buttons.count()).toBe(0);
    await granted.page.close();
    await other.page.close();
  });

  it('turning it off removes the detector, its access and its buttons', async () => {
    const { link } = await shareNote(server.url, 'switch off');
    site.room('off', [{ author: 'Ann', html: anchor(link) }]);
    const chat = await openRoom('off');
    await chat.waitForButtons(1);

    await options.page.bringToFront();
    await options.choose('Off');
    await waitForDetection(ext.worker, { matches: [], origins: [] });
    // The open page drops its buttons at once; a reload brings no detector back.
    await chat.waitForButtons(0);
    await chat.page.reload();
    await chat.settle();
    expect(await chat.buttons.count()).toBe(0);
    await chat.page.close();
  });
});
