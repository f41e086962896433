// The isolated reveal panel, as the host page holds it: a closed shadow root around an iframe of
// the extension's reveal page. The page sees one opaque element; the link and the plaintext stay
// in the extension (DESIGN.md invariant 7).

/**
 * Background → content, on the reveal page's behalf: close the panel with this id, or fit its
 * frame to the page's content height.
 */
export type PanelCommand =
  | { burnlinkPanel: 'close'; panelId: string }
  | { burnlinkPanel: 'resize'; panelId: string; height: number };

/** The extension API the panel uses, from whichever namespace the page's world has. */
interface PanelRuntime {
  getURL(path: string): string;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}
// Types only, outside the function: they vanish from the source text that executeScript sends.
type PanelGlobals = { chrome?: { runtime?: PanelRuntime }; browser?: { runtime?: PanelRuntime }; burnlinkClosePanel?: () => void };

/**
 * Opens the panel for a panel id the background handed out. Closes any panel already open.
 * Focus goes back to `returnFocus` on close (or, for the right-click path, to the link whose
 * `href` is `linkHref`, else to what had focus).
 *
 * Self-contained on purpose: the background injects it with `scripting.executeScript({ func })`,
 * which sends only the function's source text, so it may not use anything from outside its body.
 */
export function mountPanel(panelId: string, linkHref: string | null, returnFocus?: HTMLElement): void {
  const globals = globalThis as unknown as PanelGlobals;
  const runtime = globals.chrome?.runtime ?? globals.browser?.runtime;
  if (!runtime) return;
  globals.burnlinkClosePanel?.();

  const clickedLink = linkHref === null ? undefined
    : Array.from(document.querySelectorAll('a[href]')).find((a) => (a as HTMLAnchorElement).href === linkHref);
  const focusBack: Element | null = returnFocus ?? clickedLink ?? document.activeElement;

  const host = document.createElement('burnlink-panel');
  // Inline and !important: page style sheets cannot move, hide or restyle the panel's frame.
  host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  // DOM calls rather than innerHTML: pages with Trusted Types would refuse markup strings.
  const style = document.createElement('style');
  style.textContent = `
    .backdrop { position: fixed; inset: 0; display: flex; align-items: flex-start; justify-content: center;
      padding-top: min(12vh, 96px); background: rgba(15, 17, 21, 0.45); }
    .dialog { width: min(460px, calc(100vw - 24px)); height: 240px;
      max-height: calc(100vh - min(12vh, 96px) - 12px);
      border-radius: 12px; overflow: hidden; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
      background: #ffffff; border: 1px solid #d5d9e0; }
    @media (prefers-color-scheme: dark) { .dialog { background: #16181d; border-color: #363c47; } }
    iframe { display: block; width: 100%; height: 100%; border: 0; }`;
  const backdrop = document.createElement('div');
  backdrop.className = 'backdrop';
  const dialog = document.createElement('div');
  dialog.className = 'dialog';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', 'Burnlink: reveal a secret');
  const frame = document.createElement('iframe');
  frame.title = 'Burnlink secret';
  // Clipboard writes from a cross-origin frame need the page's delegation.
  frame.allow = 'clipboard-write';
  frame.referrerPolicy = 'no-referrer';
  frame.src = `${runtime.getURL('/reveal.html')}#${panelId}`;
  dialog.append(frame);
  backdrop.append(dialog);
  root.append(style, backdrop);

  const close = () => {
    runtime.onMessage.removeListener(onCommand);
    window.removeEventListener('keydown', onKey, true);
    if (globals.burnlinkClosePanel === close) globals.burnlinkClosePanel = undefined;
    // Focus leaves the frame first: the browser may still be delivering a key to it.
    if (focusBack instanceof HTMLElement || focusBack instanceof SVGElement) focusBack.focus({ preventScroll: true });
    host.style.setProperty('display', 'none', 'important');
    // Then the frame goes, its document with it, and the plaintext with that; a moment later, so
    // the click or key that closed it has been fully delivered to the frame first.
    setTimeout(() => host.remove(), 200);
  };
  const onCommand = (message: unknown) => {
    const command = message as { burnlinkPanel?: unknown; panelId?: unknown; height?: unknown } | null;
    if (command?.panelId !== panelId) return;
    if (command.burnlinkPanel === 'close') close();
    if (command.burnlinkPanel === 'resize' && typeof command.height === 'number') {
      // The top stays put as the height follows the content: nothing jumps under the pointer.
      dialog.style.height = `${Math.max(120, Math.ceil(command.height) + 2)}px`;
    }
  };
  // Esc while focus is on the page; inside the frame the reveal page handles it.
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  backdrop.addEventListener('click', (event) => {
    if (event.isTrusted && event.target === backdrop) close();
  });
  frame.addEventListener('load', () => frame.focus(), { once: true });
  runtime.onMessage.addListener(onCommand);
  window.addEventListener('keydown', onKey, true);
  globals.burnlinkClosePanel = close;
  (document.body ?? document.documentElement).append(host);
}
