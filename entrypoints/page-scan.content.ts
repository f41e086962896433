// "Scan this page for exposed secrets". Never registered for any site: the popup and the context
// menu inject it into the one tab the person asked about, through activeTab. Its result (what was
// found) goes back to them as the script's value.
import { scanPage } from '@/utils/guard/page-scan';

export default defineContentScript({
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main() {
    return scanPage(document);
  },
});
