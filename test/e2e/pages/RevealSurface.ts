// Page object: the genuine reveal UI, in the browser's side panel or in its own small window.
// Playwright lists neither the side panel nor (reliably) extension popup windows as pages, so this
// reaches the surface the way DevTools does: the browser's target list, one DevTools session
// attached to the surface's own renderer, and real input events sent to it (trusted clicks and
// key presses, delivered to the surface and never to the page beside it).
import type { ExtensionBrowser } from '../fixtures';
import { AttachedPage, Hub, sleep, type TargetInfo } from './devtools-target';

/** Targets already handed out: a closed surface may still be listed for a moment. */
const seen = new Set<string>();

export class RevealSurface extends AttachedPage {
  private constructor(hub: Hub, sessionId: string, target: TargetInfo) {
    super(hub, sessionId, target, 'reveal page');
  }

  /** Reveal pages open right now (side panel and window alike). */
  static async open(ext: ExtensionBrowser): Promise<TargetInfo[]> {
    const hub = await Hub.of(ext);
    const prefix = `chrome-extension://${ext.extensionId}/reveal.html`;
    return (await hub.targets()).filter((t) => t.type === 'page' && t.url.startsWith(prefix));
  }

  /** Closes every reveal page still open, e.g. after a test that failed before closing its own. */
  static async closeAll(ext: ExtensionBrowser): Promise<void> {
    const hub = await Hub.of(ext);
    for (const target of await RevealSurface.open(ext)) {
      seen.add(target.targetId);
      await new RevealSurface(hub, await hub.attach(target.targetId), target).close();
    }
  }

  /**
   * Waits for a reveal page not handed out before to open, and attaches to it. `emulateFocus:
   * false` leaves the focus to the browser (a headed test driven by a real keyboard and mouse).
   */
  static async waitFor(ext: ExtensionBrowser, timeout = 15_000, { emulateFocus = true } = {}): Promise<RevealSurface> {
    const hub = await Hub.of(ext);
    const until = Date.now() + timeout;
    for (;;) {
      const target = (await RevealSurface.open(ext)).find((t) => !seen.has(t.targetId));
      if (target) {
        seen.add(target.targetId);
        const surface = new RevealSurface(hub, await hub.attach(target.targetId), target);
        // As for Playwright's own pages: the surface behaves as the focused one a person clicked
        // into, whatever headless Chromium thinks of the tab beside it.
        if (emulateFocus) await surface.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        await surface.waitForFunction(() => document.readyState === 'complete' && document.querySelector('.panel') !== null);
        return surface;
      }
      if (Date.now() > until) throw new Error('no reveal side panel or window opened');
      await sleep(50);
    }
  }

  /** Which surface this is, as the background told the page. */
  get kind(): 'side-panel' | 'window' {
    return new URL(this.target.url).searchParams.get('in') === 'window' ? 'window' : 'side-panel';
  }

  /** The heading once the page has settled (not opening, not checking). */
  async settledHeading(): Promise<string> {
    await this.waitForFunction(() => {
      const h = document.querySelector('h1');
      return h !== null && !h.textContent?.startsWith('Checking') && document.querySelector('[aria-busy="true"]') === null;
    });
    return this.text('h1');
  }

  /** Waits for a heading with exactly this text. */
  async waitForHeading(text: string): Promise<void> {
    await this.waitForFunction((t) => document.querySelector('h1')?.textContent === t, text);
  }

  async text(selector: string): Promise<string> {
    return this.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
  }

  /** The text of the first element whose `data-testid` is `id`. */
  testId(id: string): Promise<string> {
    return this.text(`[data-testid="${id}"]`);
  }

  /** A trusted click in the middle of the first button whose text is `name` (or matching a CSS selector). */
  async click(name: string): Promise<void> {
    const box = await this.evaluate((n) => {
      const byName = Array.from(document.querySelectorAll('button, summary, a')).find((b) => b.textContent?.trim() === n || b.getAttribute('aria-label') === n);
      let el = byName ?? null;
      if (!el) { try { el = document.querySelector(n); } catch { el = null; } }
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, disabled: (el as HTMLButtonElement).disabled === true };
    }, name);
    if (!box) throw new Error(`reveal page: no button "${name}"`);
    if (box.disabled) throw new Error(`reveal page: button "${name}" is disabled`);
    await this.clickAt(box);
  }

  /** Whether the button named `name` is there and enabled. */
  enabled(name: string): Promise<boolean> {
    return this.evaluate((n) => {
      const b = Array.from(document.querySelectorAll('button')).find((x) => x.textContent?.trim() === n);
      return b !== undefined && !b.disabled;
    }, name);
  }

  /** Types `text` key by key into whatever has the focus in the reveal page. */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      await this.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
      await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    }
  }

  /** Presses a named key (Enter, Escape, Tab). */
  async press(key: 'Enter' | 'Escape' | 'Tab'): Promise<void> {
    const codes = { Enter: 13, Escape: 27, Tab: 9 } as const;
    const base = { key, code: key, windowsVirtualKeyCode: codes[key], nativeVirtualKeyCode: codes[key] };
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, ...(key === 'Enter' ? { text: '\r' } : {}) });
    if (key === 'Enter') await this.send('Input.dispatchKeyEvent', { type: 'char', ...base, text: '\r' });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  /** Clicks the passphrase field and types the passphrase. */
  async typePassphrase(passphrase: string): Promise<void> {
    await this.click('#passphrase');
    await this.waitForFunction(() => document.activeElement?.id === 'passphrase').catch(async (e: unknown) => {
      await this.screenshot('failed-passphrase-focus');
      const active = await this.evaluate(() => `${document.activeElement?.outerHTML.slice(0, 80)} in ${location.href}: ${document.body.innerText.slice(0, 300)}`);
      throw new Error(`${String(e)}; focus is on ${active}`);
    });
    await this.type(passphrase);
  }

  /** Presses Reveal and returns the revealed text exactly (every space and newline). */
  async reveal(passphrase?: string): Promise<string> {
    // Not while it is still checking: the button is there once the check has answered.
    await this.settledHeading();
    if (passphrase !== undefined) await this.typePassphrase(passphrase);
    // A busy machine can lose a click on a panel that has just opened: while nothing has changed,
    // nothing was requested, and the click is given again (at most thrice).
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.click('Reveal secret');
      const reacted = await this.waitForFunction(() => !Array.from(document.querySelectorAll('button'))
        .some((b) => b.textContent?.trim() === 'Reveal secret' && !b.disabled), undefined, 5_000).then(() => true, () => false);
      if (reacted) break;
    }
    await this.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
    return this.testId('secret');
  }

  /** Shows the surface in the light or dark scheme, as the system setting would (CSS `prefers-color-scheme`). */
  async colorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
    await this.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
  }

  async waitUntilClosed(timeout = 10_000): Promise<void> {
    const until = Date.now() + timeout;
    while (await this.isOpen()) {
      if (Date.now() > until) throw new Error('the reveal surface did not close');
      await sleep(50);
    }
  }

  /** Closes it with its close button, as a person does (and clicks again if a busy machine missed it). */
  async close(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await this.isOpen())) return;
      await this.click('Close').catch(() => undefined);
      if (await this.waitUntilClosed(5_000).then(() => true, () => false)) return;
    }
    throw new Error('the reveal surface did not close after three clicks on Close');
  }
}
