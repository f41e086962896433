import js from '@eslint/js';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import tseslint from 'typescript-eslint';

/**
 * Surfaces whose words all come from the catalogues (locales/): a string written into their UI is
 * an error. Grows with each surface converted; test/unit/i18n-lint.test.ts proves it bites.
 */
export const TRANSLATED_UI = [
  'components/I18n.tsx',
  'server/web/main.tsx',
  'server/web/LanguageSwitch.tsx',
  'components/AnswerView.tsx',
  'components/ShortcutList.tsx',
  'components/ReceiptSettings.tsx',
  'components/TabBar.tsx',
  'components/ExtensionPage.tsx',
  'entrypoints/popup/main.tsx',
  'entrypoints/options/main.tsx',
  'entrypoints/welcome/main.tsx',
  'entrypoints/options/App.tsx',
  'components/GuardSettings.tsx',
  'components/DetectionSettings.tsx',
  'components/InstructionsSettings.tsx',
  'components/SecurityPhraseSettings.tsx',
  'components/SiteList.tsx',
  'components/ManagedNotice.tsx',
  'components/useRequiredSites.tsx',
  'components/RevealView.tsx',
  'components/RevealedFiles.tsx',
  'components/HoldButton.tsx',
  'components/CodeConfirm.tsx',
  'components/AccessGate.tsx',
  'entrypoints/reveal/App.tsx',
  'entrypoints/reveal/main.tsx',
  'server/web/RecipientPage.tsx',
  'entrypoints/welcome/App.tsx',
  'components/AnswerFiles.tsx',
  'components/AnswerReveal.tsx',
  'entrypoints/reveal-answer/main.tsx',
  'entrypoints/popup/App.tsx',
  'components/ShareForm.tsx',
  'components/LinkCreated.tsx',
  'components/SentList.tsx',
  'components/AttachedFiles.tsx',
  'components/Field.tsx',
  'components/Choice.tsx',
  'components/QrCode.tsx',
  'components/PageScan.tsx',
  'components/RequestPanel.tsx',
  'components/RequestForm.tsx',
  'components/RequestList.tsx',
  'components/RequestCreated.tsx',
  'components/CopiedSentence.tsx',
  'server/web/CreatePage.tsx',
  'server/web/App.tsx',
];
/** Plain-DOM pages, where every string literal is checked, not only JSX. */
export const TRANSLATED_DOM = [
  'entrypoints/guard-passphrase/main.ts',
  'utils/context-menus.ts',
  'utils/share/share-selection.ts',
  'utils/sent/receipts.ts',
  'utils/request/receipts.ts',
];

const literalOptions = {
  'jsx-attributes': { exclude: ['class', 'className', 'style', 'type', 'key', 'id', 'for', 'width', 'height', 'data-testid', 'lang'] },
  // Message keys, and the calls that take names rather than words.
  callees: { exclude: ['t', 'plural', 'i18n(ext)?', 'require', 'addEventListener', 'removeEventListener', 'getElementById',
    'querySelector(All)?', 'sendMessage', 'includes', 'startsWith', 'endsWith', 'replaceState'] },
};
// Settings pages: `name` groups radio buttons, fieldAria() takes a field's id.
literalOptions['jsx-attributes'].exclude.push('name');
literalOptions.callees.exclude.push('fieldAria');

export default tseslint.config(
  { ignores: ['.scratch-*/', '.output/', '.wxt/', 'node_modules/', 'data/', 'test-results/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Long functions are split where a reader would pause. Counted start to end, comments and
    // blank lines included. The other tools' readers are not split yet (their session functions).
    files: ['utils/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['utils/reveal/readers/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 79, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    files: TRANSLATED_UI,
    plugins: { i18next },
    // With types, a string that must be one of a union of literals (a tone, a phase name) is code,
    // not a word, and passes.
    languageOptions: { parserOptions: { projectService: true } },
    rules: { 'i18next/no-literal-string': ['error', { ...literalOptions, mode: 'jsx-only' }] },
  },
  {
    files: TRANSLATED_DOM,
    plugins: { i18next },
    languageOptions: { parserOptions: { projectService: true } },
    rules: { 'i18next/no-literal-string': ['error', { ...literalOptions, mode: 'all' }] },
  },
  {
    // The note server reads in short functions: a long one is split where a reader would pause.
    files: ['server/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 79 }] },
  },
);
