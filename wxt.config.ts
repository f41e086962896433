import preact from '@preact/preset-vite';
import fs from 'node:fs';
import { defineConfig } from 'wxt';
import { readCatalogues } from './utils/i18n/catalogues';
import { localeFolder, toChromeMessages } from './utils/i18n/chrome-messages';
import { chromeManagedSchema } from './utils/settings/managed-schema';

/** Chrome's schema of the settings an organisation can push (utils/settings/managed-schema.ts). */
const MANAGED_SCHEMA = 'managed_schema.json';

/** The browsers' default policy for extension pages, plus WebAssembly (for Argon2). */
const EXTENSION_PAGES_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";

/**
 * What git ignores is local state (the server's data, test results, logs, builds): the sources
 * zip leaves it out, as a fresh clone has none of it. Each .gitignore line as globs.
 */
function ignoredByGit(): string[] {
  return fs.readFileSync(new URL('.gitignore', import.meta.url), 'utf8').split('\n')
    .map((line) => line.trim().replace(/^\//, '').replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .flatMap((line) => (line.includes('/') ? [line, `${line}/**`] : [`**/${line}`, `**/${line}/**`]));
}

export default defineConfig({
  // The browser API through webextension-polyfill: promises and one `browser` namespace everywhere.
  modules: ['@wxt-dev/webextension-polyfill'],
  // Components are imported by name where used, never auto-imported: a component and a type of
  // utils/ may then share a name (GuardSettings) without WXT warning on every build.
  imports: { dirs: ['!components'] },
  zip: { excludeSources: ignoredByGit() },
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      // The extension's _locales come from the same catalogues as the note server's pages.
      for (const [language, catalogue] of readCatalogues()) {
        files.push({ relativeDest: `_locales/${localeFolder(language)}/messages.json`, contents: JSON.stringify(toChromeMessages(catalogue)) });
      }
      // Chrome's managed storage schema, from the zod schema at each build: the two cannot drift apart.
      if (wxt.config.browser !== 'firefox') {
        files.push({ relativeDest: MANAGED_SCHEMA, contents: `${JSON.stringify(chromeManagedSchema(), null, 2)}\n` });
      }
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    default_locale: 'en',
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'notifications', 'clipboardWrite',
      // Firefox has no offscreen documents (its background page writes the clipboard itself), and
      // no side panel API: the genuine reveal UI opens in an extension window there (docs/DESIGN.md).
      ...(browser === 'firefox' ? [] : ['offscreen', 'sidePanel'])],
    // Automatic link detection is opt-in: the user grants sites at run time (DESIGN.md invariant 9).
    // MV2 (Firefox's build) has no separate host list: hosts go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    commands: {
      'share-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_command_shareSelection__',
      },
      // In MV2 (Firefox's build), opening the popup is `_execute_browser_action`. Not Alt+Shift+B:
      // Chrome keeps that for its bookmarks bar and leaves the extension's shortcut unset.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_command_open__',
      },
    },
    // The paste guard's passphrase step: an extension page framed inside a closed shadow root.
    // Chrome only lets a content script frame an extension page that is web-accessible; the
    // dynamic URL changes every session, so pages cannot probe for it. Firefox lets content scripts
    // frame the extension's pages without this key: leaving it out means no web page can load them
    // at all. The genuine reveal UI is never web-accessible in either browser: it opens in the
    // browser's side panel (or an extension window), never inside a page (docs/DESIGN.md).
    ...(browser === 'firefox'
      ? {}
      : { web_accessible_resources: [{ resources: ['guard-passphrase.html'], matches: ['<all_urls>'], use_dynamic_url: true }] }),
    // Settings an organisation pushes by policy. Firefox has no schema file: it reads the same keys
    // from policies.json or a managed storage manifest (docs/DEPLOY.md).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: MANAGED_SCHEMA } }),
    // Yopass secrets may use Argon2 to stretch a password; openpgp.js runs it as WebAssembly, which
    // the default extension-page policy forbids compiling. 'wasm-unsafe-eval' allows compiling
    // WebAssembly and nothing else: no eval, no new Function, no remote code (docs/INTEROP.md).
    content_security_policy: manifestVersion === 2
      ? EXTENSION_PAGES_CSP
      : { extension_pages: EXTENSION_PAGES_CSP },
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
