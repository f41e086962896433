// The isolated reveal panel, as the host page holds it: a closed shadow root around an iframe of
// the extension's reveal page. The page sees one opaque element; the link and the plaintext stay
// in the extension (DESIGN.md invariant 7).

/** Tag of the panel's host element on the page. */
export const PANEL_TAG = 'burnlink-panel';

/** Background → content: close the panel with this id (sent when the reveal page asks). */
export interface ClosePanelCommand {
  burnlinkPanel: 'close';
  panelId: string;
}

export function closePanelCommand(panelId: string): ClosePanelCommand {
  return { burnlinkPanel: 'close', panelId };
}

/**
 * Opens the panel for a panel id the background handed out. Closes any panel already open.
 * Focus goes back to `returnFocus` on close (or, for the right-click path, to the link whose
 * `href` is `linkHref`, else to what had focus).
 *
 * Self-contained on purpose: the background injects it with `scripting.executeScript({ func })`,
 * which sends only the function's source text, so it may not use anything from outside its body.
 */
export function mountPanel(panelId: string, linkHref: string | null, returnFocus?: HTMLElement): void {
  interface Runtime {
    getURL(path: string): string;
    onMessage: {
      addListener(listener: (message: unknown) => void): void;
      removeListener(listener: (message: unknown) => void): void;
    };
  }
  type Globals = { chrome?: { runtime?: Runtime }; browser?: { runtime?: Runtime }; burnlinkClosePanel?: () => void };
  const globals = globalThis as unknown as Globals;
  const runtime = globals.chrome?.runtime ?? globals.browser?.runtime;
  if (!runtime) return;
  globals.burnlinkClosePanel?.();

  let focusBack: Element | null = returnFocus ?? null;
  if (!focusBack && linkHref) {
    focusBack = Array.from(document.querySelectorAll('a[href]')).find((a) => (a as HTMLAnchorElement).href === linkHref) ?? null;
  }
  focusBack ??= document.activeElement;

  const host = document.createElement('burnlink-panel');
  // Inline and !important: page style sheets cannot move, hide or restyle the panel's frame.
  host.setAttribute('style', 'all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  // DOM calls rather than innerHTML: pages with Trusted Types would refuse markup strings.
  const style = document.createElement('style');
  style.textContent = `
    .backdrop { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
      background: rgba(15, 17, 21, 0.45); }
    .dialog { width: min(460px, calc(100vw - 24px)); height: min(520px, calc(100vh - 24px));
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
    // Removing the frame discards its document, and the plaintext with it.
    host.remove();
    if (focusBack instanceof HTMLElement || focusBack instanceof SVGElement) focusBack.focus({ preventScroll: true });
  };
  const onCommand = (message: unknown) => {
    const command = message as { burnlinkPanel?: unknown; panelId?: unknown } | null;
    if (command?.burnlinkPanel === 'close' && command.panelId === panelId) close();
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
