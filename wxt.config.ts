import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Burnlink',
    description: 'Share secrets as self-destructing one-time links, encrypted in your browser.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'notifications',
      ...(browser === 'firefox' ? [] : ['offscreen', 'clipboardWrite'])],
    optional_host_permissions: ['*://*/*'],
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
