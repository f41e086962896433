// A Driver for an extension page Playwright does not list: the toolbar popup that
// action.openPopup() opens is a page target the browser does not attach its automation to. The
// test attaches to it itself, over the browser's DevTools session, and speaks the protocol to it:
// scripts through Runtime, and real mouse and keyboard input through Input (trusted events, with
// user activation, as from a person).
import fs from 'node:fs';
import { waitFor } from '../../helpers/wait';
import type { ExtensionBrowser } from '../fixtures';
import { drawn, screenshotFile, type Driver, type PageFn } from './driver';

const DEFAULT_TIMEOUT = 15_000;

interface Reply { id?: number; result?: Record<string, unknown>; error?: { message: string } }

/**
 * Waits for a new page target at the extension's `file` (one not in `before`), attaches to it and
 * returns a Driver for it, with `close` to close the page.
 */
export async function attachExtensionTarget(ext: ExtensionBrowser, file: string, before: Set<string> = new Set()): Promise<Driver & { close: () => Promise<void> }> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser-level session');
  const session = await browser.newBrowserCDPSession();
  const url = `chrome-extension://${ext.extensionId}/${file}`;
  const targetId = await waitFor(`the extension's ${file} to open`, async () => (await session.send('Target.getTargets', {})).targetInfos
    .find((t) => t.type === 'page' && t.url === url && !before.has(t.targetId))?.targetId);
  // Not flattened: Playwright's session can only relay whole messages to a child session.
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const pending = new Map<number, (reply: Reply) => void>();
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    if (reply.id !== undefined) pending.get(reply.id)?.(reply);
  });
  const send = async (method: string, params: object = {}): Promise<Record<string, unknown>> => {
    const id = next++;
    const replied = new Promise<Reply>((resolve) => pending.set(id, resolve));
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const reply = await replied;
    pending.delete(id);
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result ?? {};
  };

  const evaluate = async <A, R>(fn: PageFn<A, R>, arg: A): Promise<R> => {
    const result = await send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true,
    }) as { result: { value?: R }; exceptionDetails?: { exception?: { description?: string }; text: string } };
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as R;
  };
  const until = async <A>(predicate: PageFn<A, boolean>, arg: A, timeout = DEFAULT_TIMEOUT) => {
    await waitFor(`${file} to satisfy ${predicate.toString().slice(0, 80)}`, () => evaluate(predicate, arg), { timeoutMs: timeout, intervalMs: 50 });
  };
  /** The middle of the first match, once it is drawn, scrolled into view (as Playwright does before a click). */
  const middle = async (selector: string) => waitFor(`${selector} drawn in ${file}`, () => evaluate((sel) => {
    const element = document.querySelector(sel);
    element?.scrollIntoView({ block: 'nearest' });
    const box = element?.getBoundingClientRect();
    return box && box.width > 0 && box.height > 0 ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
  }, selector), { timeoutMs: DEFAULT_TIMEOUT, intervalMs: 50 });
  const mouse = async (type: string, at: { x: number; y: number }) => {
    await send('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
  };
  const key = async (type: 'keyDown' | 'keyUp', name: string, modifiers = 0) => {
    const code = name.length === 1 ? `Key${name.toUpperCase()}` : name;
    await send('Input.dispatchKeyEvent', { type, key: name, code, modifiers, ...(name === 'Enter' ? { windowsVirtualKeyCode: 13, text: type === 'keyDown' ? '\r' : undefined } : {}) });
  };
  const MODIFIER_BITS: Record<string, number> = { Alt: 1, Control: 2, Meta: 4, Shift: 8 };
  const press = async (keys: string) => {
    const parts = keys.split('+');
    const last = parts.pop() ?? '';
    const modifiers = parts.reduce((bits, m) => bits | (MODIFIER_BITS[m] ?? 0), 0);
    await key('keyDown', last, modifiers);
    await key('keyUp', last, modifiers);
  };
  const value = async (selector: string) => {
    await middle(selector);
    return evaluate((sel) => String((document.querySelector(sel) as HTMLInputElement).value), selector);
  };

  return {
    browser: 'chromium',
    goto: async (address) => { await send('Page.navigate', { url: address }); },
    click: async (selector) => {
      const at = await middle(selector);
      await mouse('mouseMoved', at);
      await mouse('mousePressed', at);
      await mouse('mouseReleased', at);
    },
    hold: async (selector, held) => {
      const at = await middle(selector);
      await mouse('mouseMoved', at);
      await mouse('mousePressed', at);
      try {
        await until(held, null);
      } finally {
        await mouse('mouseReleased', at);
      }
    },
    fill: async (selector, text) => {
      await middle(selector);
      await evaluate((sel) => { const field = document.querySelector(sel) as HTMLInputElement; field.focus(); field.select(); }, selector);
      if (text === '') await press('Backspace');
      else await send('Input.insertText', { text });
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
      await waitFor(`${selector} in ${file}`, () => evaluate((sel) => document.querySelector(sel) !== null, selector));
      return evaluate((sel) => document.querySelector(sel)?.textContent ?? '', selector);
    },
    value,
    isVisible: (selector) => evaluate(drawn, selector),
    waitFor: async (selector, timeout = DEFAULT_TIMEOUT) => {
      await until(drawn, selector, timeout);
    },
    until,
    evaluate,
    screenshot: async (name) => {
      const { data } = await send('Page.captureScreenshot', { format: 'png' }) as { data: string };
      const file = screenshotFile(name);
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
      return file;
    },
    close: async () => {
      await session.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}
