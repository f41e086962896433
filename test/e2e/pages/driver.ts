// One small set of actions for the page objects both browser suites share: Chromium through
// Playwright, Firefox through Puppeteer over WebDriver BiDi. Selectors are plain CSS, which both
// understand; every action waits for its element as a person waits for the page, and clicks and
// keys are real input events (trusted, with user activation), not scripted ones.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame as PlaywrightFrame, Page as PlaywrightPage } from 'playwright-core';
import type { EvaluateFunc, Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';

/**
 * A function run in the page with one argument of plain data. (Both libraries type arguments
 * that may hold their own element handles; the page objects pass none, hence the casts below.)
 */
export type PageFn<A, R> = (arg: A) => R | Promise<R>;

/** Screenshots land here (ignored by git); look at them after a run. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

export interface Driver {
  /** Which browser this is, for the few places where the two differ. */
  readonly browser: 'chromium' | 'firefox';
  /** Loads a web page (http or https) and waits for it to load. */
  goto(url: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Presses the mouse down in the middle of the element and keeps it down until `until` holds in the page. */
  hold(selector: string, until: PageFn<null, boolean>): Promise<void>;
  /** Replaces the text of a field, as typing does (input events included). */
  fill(selector: string, text: string): Promise<void>;
  /** Chooses the option whose visible text is `label`. */
  selectByLabel(selector: string, label: string): Promise<void>;
  /** Presses a key or chord (`Control+Enter`) on whatever has focus. */
  press(keys: string): Promise<void>;
  /** Text content of the first match, once there is one. */
  text(selector: string): Promise<string>;
  /** Value of the first matching input, select or text area, once there is one. */
  value(selector: string): Promise<string>;
  /** Whether an element matches and is drawn. Does not wait. */
  isVisible(selector: string): Promise<boolean>;
  /** Waits until an element matches and is drawn. */
  waitFor(selector: string, timeout?: number): Promise<void>;
  /** Polls `predicate` in the page until it returns true. */
  until<A>(predicate: PageFn<A, boolean>, arg: A, timeout?: number): Promise<void>;
  evaluate<A, R>(fn: PageFn<A, R>, arg: A): Promise<R>;
  /** Saves a screenshot of the page under test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
}

const DEFAULT_TIMEOUT = 15_000;

function screenshotFile(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/** Runs in the page: whether the first match of `selector` is drawn. */
export function drawn(selector: string): boolean {
  const element = document.querySelector(selector);
  if (!(element instanceof HTMLElement)) return element !== null;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/** Runs in the page: selects the option of `selector` whose text is `label`; returns its value. */
function optionValue([selector, label]: [string, string]): string | null {
  const select = document.querySelector(selector);
  if (!(select instanceof HTMLSelectElement)) return null;
  return Array.from(select.options).find((o) => o.text.trim() === label)?.value ?? null;
}

/** A Playwright page, or a frame of one (its keyboard and screenshots are the page's). */
export function playwrightDriver(scope: PlaywrightPage | PlaywrightFrame): Driver {
  const page = 'page' in scope ? scope.page() : scope;
  return {
    browser: 'chromium',
    goto: async (url) => {
      await scope.goto(url);
    },
    click: (selector) => scope.locator(selector).first().click(),
    hold: async (selector, until) => {
      const box = await scope.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not drawn`);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      try {
        await scope.waitForFunction(until as (arg: unknown) => boolean, null, { timeout: DEFAULT_TIMEOUT });
      } finally {
        await page.mouse.up();
      }
    },
    fill: (selector, text) => scope.locator(selector).first().fill(text),
    selectByLabel: async (selector, label) => {
      await scope.locator(selector).first().selectOption({ label });
    },
    press: (keys) => page.keyboard.press(keys),
    text: async (selector) => (await scope.locator(selector).first().textContent()) ?? '',
    value: (selector) => scope.locator(selector).first().inputValue(),
    isVisible: (selector) => scope.locator(selector).first().isVisible(),
    waitFor: (selector, timeout = DEFAULT_TIMEOUT) => scope.locator(selector).first().waitFor({ timeout }),
    until: async (predicate, arg, timeout = DEFAULT_TIMEOUT) => {
      await scope.waitForFunction(predicate as (arg: unknown) => boolean, arg, { timeout });
    },
    evaluate: <A, R>(fn: PageFn<A, R>, arg: A) => scope.evaluate(fn as (arg: unknown) => R | Promise<R>, arg),
    screenshot: async (name) => {
      const file = screenshotFile(name);
      await page.screenshot({ path: file });
      return file;
    },
  };
}

/** A Puppeteer page, or a frame of one (its keyboard and screenshots are the page's). */
export function puppeteerDriver(scope: PuppeteerPage | PuppeteerFrame): Driver {
  const page = 'page' in scope ? scope.page() : scope;
  const evaluate = <A, R>(fn: PageFn<A, R>, arg: A): Promise<R> => scope.evaluate(fn as EvaluateFunc<[A]>, arg) as Promise<R>;
  const waitFor = async (selector: string, timeout = DEFAULT_TIMEOUT) => {
    await scope.waitForFunction(drawn, { timeout, polling: 50 }, selector);
  };
  /** Input goes to the tab a person is looking at; Firefox also pauses rendering in background tabs. */
  const ready = async (selector: string) => {
    await page.bringToFront();
    await waitFor(selector);
  };
  return {
    browser: 'firefox',
    goto: async (url) => {
      await scope.goto(url);
    },
    click: async (selector) => {
      await ready(selector);
      await scope.click(selector);
    },
    hold: async (selector, until) => {
      await ready(selector);
      const box = await (await scope.$(selector))?.boundingBox();
      if (!box) throw new Error(`${selector} is not drawn`);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      try {
        await scope.waitForFunction(until as EvaluateFunc<[null]>, { timeout: DEFAULT_TIMEOUT, polling: 50 }, null);
      } finally {
        await page.mouse.up();
      }
    },
    fill: async (selector, text) => {
      await ready(selector);
      await scope.locator(selector).fill(text);
    },
    selectByLabel: async (selector, label) => {
      await ready(selector);
      const value = await scope.evaluate(optionValue, [selector, label] as [string, string]);
      if (value === null) throw new Error(`${selector} has no option "${label}"`);
      await scope.select(selector, value);
    },
    press: async (keys) => {
      await page.bringToFront();
      const parts = keys.split('+');
      const key = parts.pop() ?? '';
      type Key = Parameters<typeof page.keyboard.press>[0];
      for (const modifier of parts) await page.keyboard.down(modifier as Key);
      await page.keyboard.press(key as Key);
      for (const modifier of parts.reverse()) await page.keyboard.up(modifier as Key);
    },
    text: async (selector) => {
      await scope.waitForSelector(selector, { timeout: DEFAULT_TIMEOUT });
      return scope.$eval(selector, (element) => element.textContent ?? '');
    },
    value: async (selector) => {
      await scope.waitForSelector(selector, { timeout: DEFAULT_TIMEOUT });
      return scope.$eval(selector, (element) => ('value' in element ? String(element.value) : ''));
    },
    isVisible: (selector) => scope.evaluate(drawn, selector),
    waitFor,
    until: async (predicate, arg, timeout = DEFAULT_TIMEOUT) => {
      await scope.waitForFunction(predicate as EvaluateFunc<[typeof arg]>, { timeout, polling: 50 }, arg);
    },
    evaluate,
    screenshot: async (name) => {
      const file = screenshotFile(name);
      await page.screenshot({ path: file as `${string}.png` });
      return file;
    },
  };
}
