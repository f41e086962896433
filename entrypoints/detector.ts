// The link detector. Registered at run time, and only for the sites the person chose
// (utils/reveal/detector-sync.ts): installing Burnlink grants no access to any page (DESIGN.md
// invariant 9). It never fetches anything: its buttons only launch the genuine reveal UI beside
// the page, where a note is touched only after a click on Reveal. An unlisted script, not a WXT
// content script: it needs none of WXT's content-script runtime and no polyfill
// (utils/bare-api.ts), which keeps it small.
import { onCommand } from '@/utils/bare-api';
import { pageWords } from '@/utils/i18n/page-words';
import { startDetector, type StopDetectorCommand } from '@/utils/reveal/detector';
import { tracksVisibility } from '@/utils/reveal/launcher';
import { sendFromPage } from '@/utils/page-messaging';

export default defineUnlistedScript({
  main() {
    // Injected again into an open tab when detection is turned on: one detector per page.
    const state = globalThis as { burnlinkDetector?: boolean };
    if (state.burnlinkDetector) return;
    state.burnlinkDetector = true;

    // Firefox cannot say what is drawn over a button: the launcher hit-tests through overlays instead.
    if (!tracksVisibility()) void sendFromPage('launcherProbe').catch(() => false);
    const words = pageWords();
    const detector = startDetector({
      document,
      marks: document.documentElement.hasAttribute('data-burnlink-bench'),
      // The button's words in the browser's language, as the menu item of the same name.
      words: { label: words.t('menu.revealSafely'), title: words.t('detector.buttonTitle') },
      onReveal: (link, { text, refused }) => {
        // Sent while the click still counts as the person's: the browser opens its side panel only for one.
        sendFromPage('openReveal', refused ? { link, text, refused } : { link, text })
          // The extension was reloaded or updated under this page: the button has nothing to talk to.
          .catch(() => undefined);
      },
    });
    onCommand((message) => {
      const command = message as Partial<StopDetectorCommand> | null;
      if (command?.burnlinkDetector !== 'stop') return undefined;
      const keep = command.keep ?? [];
      if (!keep.includes('*') && !keep.includes(`${location.protocol}//${location.hostname}`)) {
        detector.stop();
        state.burnlinkDetector = false;
      }
      return undefined;
    });
  },
});
