// A Driver for an extension page Playwright does not list, such as the toolbar popup that
// action.openPopup() opens: attached through the browser's DevTools session (devtools-target.ts),
// with real mouse and keyboard input.
import { waitFor } from '../../helpers/wait';
import type { ExtensionBrowser } from '../fixtures';
import { AttachedPage, Hub } from './devtools-target';
import { drawn, type Driver, type PageFn } from './driver';

const DEFAULT_TIMEOUT = 15_000;
const MODIFIER_BITS: Record<string, number> = { Alt: 1, Control: 2, Meta: 4, Shift: 8 };

/**
 * Waits for a new page target at the extension's `file` (one not in `before`), attaches to it and
 * returns a Driver for it, with `close` to close the page.
 */
export async function attachExtensionTarget(ext: ExtensionBrowser, file: string, before: Set<string> = new Set()): Promise<Driver & { close: () => Promise<void> }> {
  const hub = await Hub.of(ext);
  const url = `chrome-extension://${ext.extensionId}/${file}`;
  const target = await waitFor(`the extension's ${file} to open`, async () => (await hub.targets())
    .find((t) => t.type === 'page' && t.url === url && !before.has(t.targetId)));
  const page = new AttachedPage(hub, await hub.attach(target.targetId), target, file);
  const evaluate = <A, R>(fn: PageFn<A, R>, arg: A) => page.evaluate(fn, arg);
  const until = <A>(predicate: PageFn<A, boolean>, arg: A, timeout = DEFAULT_TIMEOUT) => page.waitForFunction(predicate, arg, timeout);
  /** The middle of the first match, once it is drawn, scrolled into view (as Playwright does before a click). */
  const middle = async (selector: string) => waitFor(`${selector} drawn in ${file}`, () => evaluate((sel) => {
    const element = document.querySelector(sel);
    element?.scrollIntoView({ block: 'nearest' });
    const box = element?.getBoundingClientRect();
    return box && box.width > 0 && box.height > 0 ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
  }, selector), { timeoutMs: DEFAULT_TIMEOUT, intervalMs: 50 });
  const press = async (keys: string) => {
    const parts = keys.split('+');
    const key = parts.pop() ?? '';
    const modifiers = parts.reduce((bits, m) => bits | (MODIFIER_BITS[m] ?? 0), 0);
    const code = key.length === 1 ? `Key${key.toUpperCase()}` : key;
    const enter = key === 'Enter' ? { windowsVirtualKeyCode: 13, text: '\r' } : {};
    await page.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, modifiers, ...enter });
    await page.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, modifiers });
  };

  return {
    browser: 'chromium',
    goto: async (address) => { await page.send('Page.navigate', { url: address }); },
    click: async (selector) => page.clickAt(await middle(selector)),
    hold: async (selector, held) => {
      const at = await middle(selector);
      await page.mouse('mouseMoved', at);
      await page.mouse('mousePressed', at);
      try {
        await until(held, null);
      } finally {
        await page.mouse('mouseReleased', at);
      }
    },
    fill: async (selector, text) => {
      await middle(selector);
      await evaluate((sel) => { const field = document.querySelector(sel) as HTMLInputElement; field.focus(); field.select(); }, selector);
      if (text === '') await press('Backspace');
      else await page.send('Input.insertText', { text });
    },
    selectByLabel: async (selector, label) => {
      // As Playwright's selectOption: waits for the option (the choices may come with the server's answer).
      await until(([sel, wanted]) => {
        const select = document.querySelector(sel) as HTMLSelectElement | null;
        const option = Array.from(select?.options ?? []).find((o) => o.text.trim() === wanted);
        if (!select || !option) return false;
        select.value = option.value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      }, [selector, label] as const);
    },
    press,
    text: async (selector) => {
      await until((sel) => document.querySelector(sel) !== null, selector);
      return evaluate((sel) => document.querySelector(sel)?.textContent ?? '', selector);
    },
    value: async (selector) => {
      await middle(selector);
      return evaluate((sel) => String((document.querySelector(sel) as HTMLInputElement).value), selector);
    },
    isVisible: (selector) => evaluate(drawn, selector),
    waitFor: (selector, timeout = DEFAULT_TIMEOUT) => until(drawn, selector, timeout),
    until,
    evaluate,
    screenshot: (name) => page.screenshot(name),
    close: async () => {
      await hub.session.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
    },
  };
}
