import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  // The browser API through webextension-polyfill: promises and one `browser` namespace everywhere.
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Burnlink',
    description: 'Share secrets as self-destructing one-time links, encrypted in your browser.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'notifications', 'clipboardWrite',
      // Firefox has no offscreen documents: its background page writes the clipboard itself.
      ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Automatic link detection is opt-in: the user grants sites at run time (DESIGN.md invariant 9).
    // MV2 (Firefox's build) has no separate host list: hosts go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    commands: {
      'share-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Share the selected text as a one-time link',
      },
      // In MV2 (Firefox's build), opening the popup is `_execute_browser_action`.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Open Burnlink',
      },
    },
    // The isolated reveal panel and the paste guard's passphrase step: extension pages framed
    // inside a closed shadow root. Chrome only lets a content script frame an extension page that
    // is web-accessible; the dynamic URL changes every session, so pages cannot probe for it.
    // Firefox has no use_dynamic_url, but lets content scripts frame the extension's pages without
    // this key: leaving it out means no web page can load them at all, not even one that knows the
    // extension's address.
    ...(browser === 'firefox'
      ? {}
      : { web_accessible_resources: [{ resources: ['reveal.html', 'guard-passphrase.html'], matches: ['<all_urls>'], use_dynamic_url: true }] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'burnlink@burnlink.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
