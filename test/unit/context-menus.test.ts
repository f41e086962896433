// The context menu items, created in one place, and the first-run page: the background's listeners
// on install and on a click, fired as the browser fires them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { NOTE_LINK_PATTERNS, registerContextMenus, type MenuClick } from '../../utils/context-menus';
import { registerFirstRun, WELCOME_PATH } from '../../utils/settings/first-run';
import { REAL_LINKS } from './readers/links';
import { browserLanguage } from './browser-language';

browserLanguage('en');

/**
 * A link against a menu's `targetUrlPatterns` entry as the browsers match them: `*` the only
 * wildcard, the path matched with its query and without the fragment.
 */
function matchesPattern(pattern: string, link: string): boolean {
  const [, scheme = '', host = '', path = ''] = /^([^:]+):\/\/([^/]*)(\/.*)$/.exec(pattern) ?? [];
  const url = new URL(link);
  const glob = (p: string) => new RegExp(`^${p.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (scheme === '*' ? /^https?:$/.test(url.protocol) : url.protocol === `${scheme}:`)
    && glob(host).test(url.host) && glob(path).test(url.pathname + url.search);
}

type ClickListener = (info: { menuItemId: string | number; editable: boolean; pageUrl: string }, tab?: { id?: number }) => void;

/**
 * fakeBrowser has no contextMenus: a stand-in that records calls in order. Its removeAll settles
 * only when the test says so, to show that no item is created before the old ones are gone.
 */
function stubContextMenus() {
  const calls: string[] = [];
  let finishRemoving: () => void = () => undefined;
  const state: { onClicked?: ClickListener } = {};
  Object.assign(fakeBrowser, {
    contextMenus: {
      removeAll: () => new Promise<void>((resolve) => {
        calls.push('removeAll');
        finishRemoving = () => { calls.push('removed'); resolve(); };
      }),
      create: (item: { id: string }) => { calls.push(`create ${JSON.stringify(item)}`); },
      onClicked: { addListener: (listener: ClickListener) => { state.onClicked = listener; } },
    },
  });
  return { calls, finishRemoving: () => finishRemoving(), state };
}

describe('context menus', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each(['install', 'update'] as const)('on %s, removes the old items, then creates every item', async (reason) => {
    const menus = stubContextMenus();
    registerContextMenus({ 'share-selection': vi.fn(), 'share-with-options': vi.fn(), 'reveal-safely': vi.fn(), 'scan-page': vi.fn() });
    const installed = fakeBrowser.runtime.onInstalled.trigger({ reason, temporary: false });
    await vi.waitFor(() => expect(menus.calls).toEqual(['removeAll']));
    menus.finishRemoving();
    await installed;
    expect(menus.calls).toEqual([
      'removeAll',
      'removed',
      `create ${JSON.stringify({ id: 'share-selection', title: 'Share as one-time link', contexts: ['selection'] })}`,
      `create ${JSON.stringify({ id: 'share-with-options', title: 'Share with options…', contexts: ['selection'] })}`,
      `create ${JSON.stringify({ id: 'reveal-safely', title: 'Reveal safely', contexts: ['link'], targetUrlPatterns: NOTE_LINK_PATTERNS })}`,
      `create ${JSON.stringify({ id: 'scan-page', title: 'Scan this page for exposed secrets', contexts: ['page'] })}`,
    ]);
  });

  it('sends a click on each item to its own feature, and other clicks nowhere', () => {
    const menus = stubContextMenus();
    const onClick = { 'share-selection': vi.fn<MenuClick>(), 'share-with-options': vi.fn<MenuClick>(), 'reveal-safely': vi.fn<MenuClick>(), 'scan-page': vi.fn<MenuClick>() };
    registerContextMenus(onClick);
    // Without a registered listener the clicks below would reach nothing and the checks would fail.
    expect(menus.state.onClicked).toBeTypeOf('function');
    const click = (menuItemId: string) => menus.state.onClicked?.({ menuItemId, editable: false, pageUrl: 'https://chat.example/' }, { id: 7 });
    click('share-selection');
    click('share-with-options');
    click('reveal-safely');
    click('reveal-safely');
    click('scan-page');
    click('toString');
    click('another-extension-item');
    expect(onClick['share-selection'].mock.calls).toEqual([[expect.objectContaining({ menuItemId: 'share-selection' }), { id: 7 }]]);
    expect(onClick['share-with-options'].mock.calls).toEqual([[expect.objectContaining({ menuItemId: 'share-with-options' }), { id: 7 }]]);
    expect(onClick['reveal-safely']).toHaveBeenCalledTimes(2);
    expect(onClick['scan-page'].mock.calls).toEqual([[expect.objectContaining({ menuItemId: 'scan-page' }), { id: 7 }]]);
  });

  it.each(REAL_LINKS)('offers "Reveal safely" on a %s link', (_tool, link) => {
    expect(NOTE_LINK_PATTERNS.some((pattern) => matchesPattern(pattern, link))).toBe(true);
  });

  it.each([
    'https://example.org/about',
    'https://example.org/docs/page.html',
    'https://example.org/notes/2024',
    'https://example.org/secrets/1#x',
    'mailto:someone@example.org',
  ])('does not offer "Reveal safely" on %s', (link) => {
    expect(NOTE_LINK_PATTERNS.some((pattern) => matchesPattern(pattern, link))).toBe(false);
  });
});

describe('first-run page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('opens on install, and not again on update', async () => {
    const tabsCreate = vi.spyOn(fakeBrowser.tabs, 'create');
    registerFirstRun();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1', temporary: false });
    expect(tabsCreate).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(tabsCreate).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL(WELCOME_PATH) });
  });
});
