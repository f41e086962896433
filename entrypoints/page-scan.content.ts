// "Scan this page for exposed secrets". Never registered for any site: the popup and the context
// menu inject it into the one tab the person asked about, through activeTab. Its result (what was
// found) goes back to them as the script's value. It speaks the browser's language (browser.i18n
// works in content scripts).
import { scanPage } from '@/utils/guard/page-scan';
import { extensionTranslator } from '@/utils/i18n/extension';

export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main() {
    return scanPage(document, extensionTranslator());
  },
});
