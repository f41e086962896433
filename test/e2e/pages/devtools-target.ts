// The browser's DevTools protocol for extension pages Playwright does not list (the side panel,
// extension popup windows, the toolbar popup): one browser-level session per browser, and pages
// attached through it. Scripts run through Runtime; input is real (Input: trusted events, with user
// activation, delivered to that page and never to the one beside it).
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { SCREENSHOT_DIR, type ExtensionBrowser } from '../fixtures';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Reply {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One browser-level DevTools session per browser, shared by every surface opened in it. */
export class Hub {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private constructor(readonly session: CDPSession) {
    session.on('Target.receivedMessageFromTarget', ({ message }) => {
      const reply = JSON.parse(message) as Partial<Reply>;
      if (typeof reply.id !== 'number') return;
      this.waiting.get(reply.id)?.(reply as Reply);
      this.waiting.delete(reply.id);
    });
  }

  private static hubs = new WeakMap<ExtensionBrowser, Promise<Hub>>();
  static of(ext: ExtensionBrowser): Promise<Hub> {
    let hub = Hub.hubs.get(ext);
    if (!hub) {
      const browser = ext.context.browser();
      if (!browser) throw new Error('no browser-level session');
      hub = browser.newBrowserCDPSession().then((s) => new Hub(s));
      Hub.hubs.set(ext, hub);
    }
    return hub;
  }

  async targets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.session.send('Target.getTargets');
    return targetInfos;
  }

  async attach(targetId: string): Promise<string> {
    // Not flattened: Playwright does not route flattened child sessions it did not open itself.
    const { sessionId } = await this.session.send('Target.attachToTarget', { targetId, flatten: false });
    return sessionId;
  }

  send(sessionId: string, method: string, params: object = {}, timeout = 15_000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new Error(`${method}: no answer in ${timeout} ms`)); }, timeout);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result ?? {});
      });
      this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch((e: unknown) => { clearTimeout(timer); this.waiting.delete(id); reject(e instanceof Error ? e : new Error(String(e))); });
    });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page attached through the hub; `what` names it in errors ("reveal page"). */
export class AttachedPage {
  constructor(protected readonly hub: Hub, protected readonly sessionId: string, readonly target: TargetInfo, private readonly what: string) {}

  /** Sends a protocol command to this page. */
  send(method: string, params: object = {}): Promise<Record<string, unknown>> {
    return this.hub.send(this.sessionId, method, params);
  }

  /** Runs `fn(arg)` in the page and returns its (JSON) result. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const result = await this.send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    const details = result.exceptionDetails as { exception?: { description?: string }; text?: string } | undefined;
    if (details) throw new Error(`in the ${this.what}: ${details.exception?.description ?? details.text ?? 'error'}`);
    return (result.result as { value: R }).value;
  }

  async waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, timeout = 15_000): Promise<void> {
    const until = Date.now() + timeout;
    for (;;) {
      if (await this.evaluate(fn, arg).catch(() => false)) return;
      if (Date.now() > until) throw new Error(`${this.what}: condition not met in ${timeout} ms: ${fn.toString().slice(0, 200)}`);
      await sleep(50);
    }
  }

  /** One mouse event of the left button at `at`. */
  mouse(type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', at: { x: number; y: number }) {
    return this.send('Input.dispatchMouseEvent', { type, x: at.x, y: at.y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
  }

  /** A trusted click at `at` (CSS pixels of the page's viewport). */
  async clickAt(at: { x: number; y: number }): Promise<void> {
    await this.mouse('mouseMoved', at);
    await this.mouse('mousePressed', at);
    await this.mouse('mouseReleased', at);
  }

  /** Saves a PNG of the page under test-results/screenshots/<name>.png. */
  async screenshot(name: string): Promise<string> {
    // Let pending layout and fonts settle, as a person would see it.
    await this.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' }) as { data: string };
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
    return file;
  }

  /** Whether this page is still open. */
  async isOpen(): Promise<boolean> {
    return (await this.hub.targets()).some((t) => t.targetId === this.target.targetId);
  }
}
