// The paste guard. Registered at run time for the sites the person chose, at document_start so
// its paste listener comes before the page's own (utils/guard/paste-guard.ts). No crypto and no
// zod here: links are made in the background. Nothing runs on pages the guard is not on. An
// unlisted script, not a WXT content script: it needs none of WXT's content-script runtime and no
// polyfill (utils/bare-api.ts), which keeps it small.
import { bareApi, onCommand } from '@/utils/bare-api';
import { guardCommand, stopsAt } from '@/utils/guard/commands';
import { startPasteGuard } from '@/utils/guard/paste-guard';
import { findSecrets } from '@/utils/guard/scan';
import { pageWords } from '@/utils/i18n/page-words';
import { sendFromPage } from '@/utils/page-messaging';

export default defineUnlistedScript({
  main() {
    // Injected again into open tabs when the guard is turned on: one guard per page.
    const state = globalThis as { burnlinkGuard?: boolean };
    if (state.burnlinkGuard) return;
    state.burnlinkGuard = true;

    let skip: ReadonlySet<string> = new Set();
    const words = pageWords();
    // Looked up now: once the extension is updated or restarted under the page, its API is gone.
    const restarted = words.t('guard.prompt.restarted');
    const guard = startPasteGuard({
      window,
      words,
      skip: () => skip,
      createLinks: (secrets, passphrase) => sendFromPage('guardCreateLinks', { secrets, passphrase })
        .catch(() => ({ ok: false as const, error: restarted })),
      terms: () => sendFromPage('guardTerms').then((terms) => terms ?? undefined),
      never: () => void sendFromPage('guardNever').catch(() => undefined),
      passphrasePage: (requestId) => bareApi().runtime.getURL(`/guard-passphrase.html#${requestId}`),
    });
    void sendFromPage('guardConfig').then(({ disabledRules }) => { skip = new Set(disabledRules); }, () => undefined);

    onCommand((message) => {
      const command = guardCommand(message);
      if (!command) return undefined;
      if (command.burnlinkGuard === 'passphrase') {
        // Only the guard holding this paste answers; the others stay silent.
        return guard.passphrase(command.requestId, command.passphrase) ? Promise.resolve(true) : undefined;
      }
      if (command.burnlinkGuard === 'config') skip = new Set(command.disabledRules);
      else if (stopsAt(command, `${location.protocol}//${location.hostname}`)) {
        guard.stop();
        state.burnlinkGuard = false;
      }
      return undefined;
    });

    // The browser compiles each pattern on its first use (about 8 ms for all): do it while the
    // page is idle, not during the first paste.
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => findSecrets('password=warm-up AKIA ghp_ -----BEGIN postgres:// eyJ'));
  },
});
