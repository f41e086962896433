// Clipboard writes from the background: the offscreen document (Chrome) and the background page
// with an alarm for the clear (Firefox); the offscreen document's own writer and timer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CLEAR_ALARM, offscreenCopier, pageCopier, registerClipboardClear, type ChromeOffscreenApi } from '../../utils/clipboard/background-copier';
import { createOffscreenClipboard, writeThroughCopyEvent, type CopyDocument } from '../../utils/clipboard/offscreen-copy';

function fakeChrome(open = false) {
  let documents = open ? 1 : 0;
  const created: unknown[] = [];
  const api: ChromeOffscreenApi = {
    offscreen: {
      createDocument: async (parameters) => {
        if (documents > 0) throw new Error('Only a single offscreen document may be created.');
        await new Promise((resolve) => setTimeout(resolve, 5));
        created.push(parameters);
        documents++;
      },
      closeDocument: async () => {
        documents = 0;
      },
    },
    runtime: { getContexts: async () => Array.from({ length: documents }, () => ({})) },
  };
  return { api, created };
}

describe('offscreenCopier (Chrome)', () => {
  it('creates the offscreen document once, even for two copies at the same moment', async () => {
    const { api, created } = fakeChrome();
    const sent: Array<[string, number]> = [];
    const copy = offscreenCopier(api, async (text, seconds) => { sent.push([text, seconds]); return true; });
    expect(await Promise.all([copy('link 1', 60), copy('link 2', 60)])).toEqual([true, true]);
    expect(created).toEqual([{ url: fakeBrowser.runtime.getURL('/offscreen.html'), reasons: ['CLIPBOARD'], justification: expect.any(String) }]);
    expect(sent).toEqual([['link 1', 60], ['link 2', 60]]);
  });

  it('goes on when another copier created the document first', async () => {
    const { api } = fakeChrome();
    await api.offscreen.createDocument({ url: 'x', reasons: [], justification: '' });
    // The first check says "none open", as a check racing the other copier would.
    let checks = 0;
    const stale: ChromeOffscreenApi = { ...api, runtime: { getContexts: async () => (checks++ === 0 ? [] : [{}]) } };
    expect(await offscreenCopier(stale, async () => true)('link', 0)).toBe(true);
  });

  it('reuses an open document', async () => {
    const { api, created } = fakeChrome(true);
    expect(await offscreenCopier(api, async () => true)('link', 0)).toBe(true);
    expect(created).toEqual([]);
  });

  it('starts a document that does not answer afresh, once', async () => {
    const { api, created } = fakeChrome(true);
    let sends = 0;
    const copy = offscreenCopier(api, async () => {
      if (sends++ === 0) throw new Error('Could not establish connection. Receiving end does not exist.');
      return true;
    });
    expect(await copy('link', 0)).toBe(true);
    expect(created).toHaveLength(1);
  });

  it('says false when the document cannot write', async () => {
    const { api } = fakeChrome();
    let sends = 0;
    expect(await offscreenCopier(api, async () => { sends++; throw new Error('No response'); })('link', 0)).toBe(false);
    expect(sends).toBe(2);
  });
});

describe('pageCopier (Firefox)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes, then sets an alarm for the clear', async () => {
    const writes: string[] = [];
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true) };
    const copy = pageCopier({ writeText: async (t) => { writes.push(t); } }, alarms, () => 1000);
    expect(await copy('link', 30)).toBe(true);
    expect(writes).toEqual(['link']);
    expect(alarms.create).toHaveBeenCalledWith(CLEAR_ALARM, { when: 31_000 });
  });

  it('cancels a pending clear when the new copy is never cleared', async () => {
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true) };
    await pageCopier({ writeText: async () => undefined }, alarms)('link', 0);
    expect(alarms.create).not.toHaveBeenCalled();
    expect(alarms.clear).toHaveBeenCalledWith(CLEAR_ALARM);
  });

  it('says false, and schedules nothing, when the clipboard refuses', async () => {
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true) };
    expect(await pageCopier({ writeText: async () => { throw new Error('denied'); } }, alarms)('link', 30)).toBe(false);
    expect(alarms.create).not.toHaveBeenCalled();
  });

  it('clears the clipboard when its alarm fires, and only then', async () => {
    const writes: string[] = [];
    registerClipboardClear({ writeText: async (t) => { writes.push(t); } });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'read-receipts', scheduledTime: 0 });
    expect(writes).toEqual([]);
    await fakeBrowser.alarms.onAlarm.trigger({ name: CLEAR_ALARM, scheduledTime: 0 });
    expect(writes).toEqual(['']);
  });
});

/** A document whose execCommand('copy') fires the copy event, as Chrome's does. */
function fakeDocument(accepts = true) {
  const clipboard: string[] = [];
  let listener: ((event: ClipboardEvent) => void) | undefined;
  const doc: CopyDocument = {
    addEventListener: (_type, l) => { listener = l; },
    removeEventListener: () => { listener = undefined; },
    execCommand: () => {
      if (!accepts) return false;
      let data = '';
      const event = { clipboardData: { setData: (_type: string, value: string) => { data = value; } }, preventDefault: () => undefined };
      listener?.(event as unknown as ClipboardEvent);
      clipboard.push(data);
      return true;
    },
  };
  return { doc, clipboard, hasListener: () => listener !== undefined };
}

describe('offscreen document clipboard', () => {
  it('writes the text exactly, \\r\\n included, and removes its listener', () => {
    const { doc, clipboard, hasListener } = fakeDocument();
    expect(writeThroughCopyEvent(doc, 'a\r\nb  \n')).toBe(true);
    expect(clipboard).toEqual(['a\r\nb  \n']);
    expect(hasListener()).toBe(false);
  });

  it('says false when the browser refuses the copy', () => {
    expect(writeThroughCopyEvent(fakeDocument(false).doc, 'x')).toBe(false);
  });

  it('clears after the delay; a newer copy replaces the pending clear', () => {
    const { doc, clipboard } = fakeDocument();
    const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
    const copy = createOffscreenClipboard(doc, {
      set: (run, ms) => { const t = { run, ms, cancelled: false }; timers.push(t); return t; },
      clear: (t) => { (t as { cancelled: boolean }).cancelled = true; },
    });
    copy('link 1', 60);
    copy('link 2', 30);
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([[60_000, true], [30_000, false]]);
    timers[1]?.run();
    expect(clipboard).toEqual(['link 1', 'link 2', '']);
    copy('link 3', 0);
    expect(timers).toHaveLength(2);
  });
});
