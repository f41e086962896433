// Focus stealing against the genuine reveal UI, measured in a real headed Chromium on a virtual X
// screen, with the built extension and a real note server. The person clicks the side panel's
// passphrase field with the real pointer and types on the real keyboard (X events from xdotool,
// which the browser routes to whatever has its keyboard focus), while the page beside it calls
// its own hidden input's focus() and window.focus() every 5 ms and records every key it gets.
// Headless cannot answer this: keys sent through DevTools go to the page they are addressed to.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../helpers/server';
import { waitFor } from '../../helpers/wait';
import { launchWithExtension, screenshot, type ExtensionBrowser } from '../fixtures';
import { noteState, shareNote } from '../notes';
import { anchor, ChatPage, startChatSite, type ChatSite } from '../pages/ChatSite';
import { turnOnDetectionFor } from '../pages/DetectionOptions';
import { RevealSurface } from '../pages/RevealSurface';
import { startDisplay, type XDisplay } from './display';

let display: XDisplay;
let server: RunningServer;
let site: ChatSite;
let ext: ExtensionBrowser;

beforeAll(async () => {
  display = await startDisplay();
  [server, site, ext] = await Promise.all([startServer(), startChatSite(), launchWithExtension({ display: display.name })]);
  await (await turnOnDetectionFor(ext, site.origin)).page.close();
});
afterEach(async () => {
  if (!ext) return;
  await RevealSurface.closeAll(ext);
  for (const page of ext.context.pages().slice(1)) await page.close();
  // The cookie that tells a page to prompt is for one test only.
  await ext.context.clearCookies();
});
afterAll(async () => {
  await ext?.close();
  await site?.stop();
  await server?.stop();
  await display?.stop();
});

const PASSPHRASE = 'correct horse';

/**
 * How the page tries to take the keyboard: not at all; focus() every 5 ms from load, or once it has
 * lost the focus; or a prompt() once told to (a cookie the test sets, standing for a well-timed
 * timer: the page cannot see the keys, so it can only guess when the person is typing).
 */
type Stealing = 'none' | 'from load' | 'once blurred' | 'prompt when told';

/** What the page's script recorded. */
interface Caught {
  /** Every key event and text input the page's window saw, in order. */
  keys: string[];
  /** The hidden input's value. */
  hidden: string;
  /** How many times it called focus(). */
  steals: number;
  /** Whether the page still had the activation of the person's click on its button when it began. */
  activeWhenStarted?: boolean;
  /** What its prompt() returned. */
  prompted?: string | null;
}

/** A room with the note's link and the page's script, as the active tab. */
async function room(name: string, link: string, stealing: Stealing): Promise<ChatPage> {
  site.room(name, [{ author: 'Ann', html: `the staging key: ${anchor(link)}` }]);
  const chat = new ChatPage(await ext.context.newPage());
  await chat.page.addInitScript((how) => {
    const w = window as unknown as { caught: Caught };
    w.caught = { keys: [], hidden: '', steals: 0 };
    for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input']) {
      addEventListener(type, (e) => {
        w.caught.keys.push(`${type} ${e instanceof KeyboardEvent ? e.key : (e as InputEvent).data ?? ''}`);
      }, true);
    }
    addEventListener('DOMContentLoaded', () => {
      const hidden = document.createElement('input');
      hidden.id = 'hidden-input';
      hidden.setAttribute('style', 'position: fixed; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; border: 0; padding: 0;');
      hidden.addEventListener('input', () => { w.caught.hidden = hidden.value; });
      document.body.append(hidden);
      const steal = () => {
        w.caught.activeWhenStarted = navigator.userActivation.isActive;
        setInterval(() => {
          hidden.focus();
          window.focus();
          w.caught.steals++;
        }, 5);
      };
      if (how === 'from load') steal();
      if (how === 'once blurred') addEventListener('blur', steal, { once: true });
      if (how === 'prompt when told') {
        const told = setInterval(() => {
          if (!document.cookie.includes('prompt=now')) return;
          clearInterval(told);
          w.caught.prompted = prompt('Your session has expired. Type your password to continue.');
        }, 5);
      }
    });
  }, stealing);
  // A listener that does nothing: Playwright then leaves the page's dialogs open, as a browser does.
  chat.page.on('dialog', () => undefined);
  await chat.open(`${site.origin}/${name}`);
  await chat.page.bringToFront();
  // Playwright makes its pages act focused whatever the browser says. This page gets the
  // browser's real focus, as any page has, so that it sees losing it and can try to take it back.
  await (await ext.context.newCDPSession(chat.page)).send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await chat.waitForButtons(1);
  return chat;
}

const caught = (chat: ChatPage) => chat.page.evaluate(() => (window as unknown as { caught: Caught }).caught);

/** The last real pointer move the reveal page saw. */
interface Move { screenX: number; screenY: number; clientX: number; clientY: number; target: EventTarget | null }

/**
 * Moves the real pointer onto the middle of the reveal page's element `selector`. The side panel is
 * a document of its own at the right of the window (and slides in when it opens): where its
 * viewport starts on the screen is read from the pointer moves it receives, until one lands there
 * with the panel where the move before found it (it has stopped sliding).
 */
async function pointAt(surface: RevealSurface, chat: ChatPage, selector: string): Promise<void> {
  await surface.evaluate(() => {
    const w = window as unknown as { watchingMoves?: boolean };
    if (w.watchingMoves) return;
    w.watchingMoves = true;
    addEventListener('mousemove', (e) => {
      (window as unknown as { lastMove: Move }).lastMove = {
        screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY, target: e.target,
      };
    }, true);
  });
  const win = await chat.page.evaluate(() => ({ x: screenX, y: screenY, width: outerWidth, height: outerHeight }));
  let aim: { x: number; y: number } | undefined;
  let origin: { x: number; y: number } | undefined;
  let nudge = 0;
  await waitFor(`the real pointer over ${selector}`, async () => {
    if (!aim) {
      // The panel fills the right of the window down to its bottom: its middle is a safe first aim,
      // once it is laid out.
      const panel = await surface.evaluate(() => ({ width: innerWidth, height: innerHeight }));
      if (panel.width === 0 || panel.height === 0) return false;
      aim = { x: win.x + win.width - Math.round(panel.width / 2), y: win.y + win.height - Math.round(panel.height / 2) };
    }
    nudge = 1 - nudge; // a move to where the pointer already is makes no event
    // Only a move made now counts: an earlier one may have been elsewhere.
    await surface.evaluate(() => { (window as unknown as { lastMove?: Move }).lastMove = undefined; });
    await display.xdotool('mousemove', String(aim.x + nudge), String(aim.y));
    const seen = await surface.evaluate((sel) => {
      const el = document.querySelector(sel);
      const r = el?.getBoundingClientRect();
      const middle = r ? { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) } : null;
      const move = (window as unknown as { lastMove?: Move }).lastMove;
      if (!move || !el || !middle) return null;
      const onIt = move.target instanceof Node && el.contains(move.target) && Math.abs(move.clientY - middle.y) <= 2;
      return { onIt, origin: { x: move.screenX - move.clientX, y: move.screenY - move.clientY }, middle };
    }, selector);
    if (!seen) {
      // The move missed the panel: an aim taken while it slid in can be off it, even off the screen.
      aim = undefined;
      origin = undefined;
      return false;
    }
    const still = origin?.x === seen.origin.x && origin.y === seen.origin.y;
    origin = seen.origin;
    if (seen.onIt && still) return true;
    aim = { x: seen.origin.x + seen.middle.x, y: seen.origin.y + seen.middle.y };
    return false;
  }, { timeoutMs: 15_000, intervalMs: 50 });
}

/** The reveal page's passphrase field: its value and whether it has the keyboard. */
const fieldState = (surface: RevealSurface) => surface.evaluate(() => {
  const field = document.getElementById('passphrase') as HTMLInputElement | null;
  return { value: field?.value ?? '', focused: document.activeElement === field && document.hasFocus() };
});

/** Opens a passphrase note from the page's "Reveal safely" button, beside a page that does `stealing`. */
async function openBeside(name: string, stealing: Stealing) {
  const secret = `${name}: the plaintext 7f3a`;
  const { link, note } = await shareNote(server.url, secret, { passphrase: PASSPHRASE });
  const chat = await room(name, link, stealing);
  await chat.buttons.first().click();
  const surface = await RevealSurface.waitFor(ext, 15_000, { emulateFocus: false });
  await surface.settledHeading();
  // The field takes the focus when it is drawn; take it away, so that only the real click gives it back.
  await surface.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); });
  return { secret, note, chat, surface };
}

/** Clicks the side panel's passphrase field with the real pointer, and waits until it has the keyboard. */
async function clickField(surface: RevealSurface, chat: ChatPage): Promise<void> {
  await pointAt(surface, chat, '#passphrase');
  await display.xdotool('click', '1');
  await waitFor('the clicked field to have the keyboard', async () => (await fieldState(surface)).focused);
}

/** Types `text` on the real keyboard, 50 ms between keys, as a person types. */
const typeKeys = (text: string) => display.xdotool('type', '--delay', '50', text);

/**
 * Opens a passphrase note beside a page that does `stealing`, clicks the side panel's field with the
 * real pointer and types the whole passphrase on the real keyboard.
 */
async function typeBesidePage(name: string, stealing: Stealing) {
  const { secret, note, chat, surface } = await openBeside(name, stealing);
  await clickField(surface, chat);
  const before = await caught(chat);
  await typeKeys(PASSPHRASE);
  // Every key lands somewhere: in the field or in the page.
  await waitFor(`${PASSPHRASE.length} keys to arrive`, async () => {
    const inPage = (await caught(chat)).keys.filter((k) => k.startsWith('keydown ')).length;
    return (await fieldState(surface)).value.length + inPage >= PASSPHRASE.length;
  });
  const field = await fieldState(surface);
  const page = await caught(chat);
  const pageFocus = await chat.page.evaluate(() => ({ active: document.activeElement?.id ?? '', hasFocus: document.hasFocus() }));
  await surface.screenshot(`focus-${name}-panel`);
  await screenshot(chat.page, `focus-${name}-page`);
  return { secret, note, chat, surface, field, page, before, pageFocus };
}

/** Reveals with the real Enter key and returns the text shown. */
async function revealWithEnter(surface: RevealSurface): Promise<string> {
  await display.xdotool('key', 'Return');
  await surface.waitForFunction(() => document.querySelector('[data-testid="secret"]') !== null);
  return surface.testId('secret');
}

/** Everything the page can read of itself: its DOM, its inputs and its own log. */
const readable = (chat: ChatPage) => chat.page.evaluate(() => {
  const inputs = Array.from(document.querySelectorAll('input, textarea')).map((i) => (i as HTMLInputElement).value);
  return [document.documentElement.outerHTML, ...inputs, JSON.stringify((window as unknown as { caught: Caught }).caught)].join('\n');
});

describe('headed Chromium, real pointer and keyboard: a page that steals the focus while a passphrase is typed in the side panel', () => {
  it('control: with nothing on the page, the click and every key reach the field, and Enter reveals', async () => {
    const { secret, note, chat, surface, field, page } = await typeBesidePage('control', 'none');
    expect(field).toEqual({ value: PASSPHRASE, focused: true });
    expect(page.keys).toEqual([]);
    expect(await revealWithEnter(surface)).toBe(secret);
    expect(await noteState(server.url, note)).toBe('read');
    expect(await readable(chat)).not.toContain('7f3a');
  });

  it.each<[string, Stealing]>([
    ['calling focus() and window.focus() every 5 ms from load', 'from load'],
    ['starting only once it loses the focus, with its button\'s click still giving it user activation', 'once blurred'],
  ])('%s: gets no key; the field gets all of them', async (_what, stealing) => {
    const name = stealing === 'from load' ? 'steal-from-load' : 'steal-once-blurred';
    const { secret, note, chat, surface, field, page, before, pageFocus } = await typeBesidePage(name, stealing);
    // The script really ran all along: its input holds the page's focus, and it kept stealing while the keys were typed.
    expect(page.steals).toBeGreaterThan(before.steals);
    expect(pageFocus).toEqual({ active: 'hidden-input', hasFocus: false });
    if (stealing === 'once blurred') expect(page.activeWhenStarted).toBe(true);
    // What it obtained: nothing. Every key of the passphrase is in the side panel's field.
    expect(page.keys).toEqual([]);
    expect(page.hidden).toBe('');
    expect(field).toEqual({ value: PASSPHRASE, focused: true });

    expect(await revealWithEnter(surface)).toBe(secret);
    expect(await noteState(server.url, note)).toBe('read');
    const learned = await readable(chat);
    for (const leaked of [PASSPHRASE, 'correct', 'horse', '7f3a']) expect(learned).not.toContain(leaked);
    expect((await caught(chat)).keys).toEqual([]);
  });
});

/**
 * Opens a passphrase note beside a page that opens a prompt() once told, types the first word into
 * the side panel's field, has the page open its dialog, waits until the panel says the keyboard
 * left, and types the rest and Enter as a person looking at the keyboard does: into the dialog.
 * Returns once the prompt() returned, with whether Reveal could be pressed while the dialog was up.
 */
async function typeAcrossPrompt(name: string) {
  const opened = await openBeside(name, 'prompt when told');
  const { chat, surface } = opened;
  await clickField(surface, chat);
  await typeKeys('correct');
  await waitFor('the first word in the field', async () => (await fieldState(surface)).value === 'correct');
  const dialog = chat.page.waitForEvent('dialog');
  await ext.context.addCookies([{ name: 'prompt', value: 'now', url: site.origin }]);
  await dialog;
  // The page's dialog takes the keyboard from the side panel, and the panel notices.
  await surface.waitForFunction(() => !document.hasFocus() && document.querySelector('[data-testid="keyboard-left"]') !== null);
  const revealWhileDialog = await surface.enabled('Reveal secret');
  await typeKeys(' horse');
  await display.xdotool('key', 'Return');
  await waitFor('the page\'s prompt() to return', async () => (await caught(chat)).prompted !== undefined);
  return { ...opened, revealWhileDialog };
}

describe('headed Chromium, real keyboard: a page that opens a prompt() while the passphrase is typed', () => {
  it('gets the keys typed into its dialog; the side panel says so and holds Reveal until the field is clicked again', async () => {
    const { secret, note, chat, surface, revealWhileDialog } = await typeAcrossPrompt('prompt');
    expect(revealWhileDialog).toBe(false);

    // What the page obtained: the keys typed after its dialog appeared, and nothing else.
    const page = await caught(chat);
    expect(page.prompted).toBe(' horse');
    expect(page.keys).toEqual([]);
    expect(await fieldState(surface)).toEqual({ value: 'correct', focused: false });
    // Nothing was revealed with half a passphrase: no try was spent, the note waits.
    expect(await surface.testId('keyboard-left')).toContain('The keyboard left Burnlink while you were typing the passphrase');
    expect(await surface.enabled('Reveal secret')).toBe(false);
    expect(await noteState(server.url, note)).toBe('pending');
    await surface.screenshot('focus-prompt-held');
    await surface.colorScheme('dark');
    await surface.screenshot('focus-prompt-held-dark');
    await surface.colorScheme('light');

    // Back in the panel: the click on the field empties it and ends the hold; the whole passphrase is typed again.
    await clickField(surface, chat);
    expect(await fieldState(surface)).toEqual({ value: '', focused: true });
    expect(await surface.text('[data-testid="keyboard-left"]')).toBe('');
    await typeKeys(PASSPHRASE);
    await waitFor('the passphrase in the field', async () => (await fieldState(surface)).value === PASSPHRASE);
    expect(await revealWithEnter(surface)).toBe(secret);
    expect(await noteState(server.url, note)).toBe('read');
    expect(await readable(chat)).not.toContain('7f3a');
    expect((await caught(chat)).keys).toEqual([]);
  });
  it('from the keyboard alone: Enter reveals nothing while held, and emptying the field ends the hold', async () => {
    const { secret, note, chat, surface } = await typeAcrossPrompt('prompt-keyboard');
    expect((await caught(chat)).prompted).toBe(' horse');

    // Back to the field by its label (not a click on the field), with half the passphrase in it.
    await pointAt(surface, chat, 'label[for="passphrase"]');
    await display.xdotool('click', '1');
    await waitFor('the field to have the keyboard', async () => (await fieldState(surface)).focused);
    expect(await fieldState(surface)).toEqual({ value: 'correct', focused: true });
    await display.xdotool('key', 'Return');
    // Keys are handled in order: once the next ones have emptied the field, that Enter was handled, and it tried nothing.
    await display.xdotool('key', 'ctrl+a', 'BackSpace');
    await waitFor('the field emptied', async () => (await fieldState(surface)).value === '');
    expect(await surface.text('[role="alert"]')).toBe('');
    expect(await surface.text('#passphrase-help')).toContain('20 tries left');
    await typeKeys(PASSPHRASE);
    await waitFor('the passphrase in the field', async () => (await fieldState(surface)).value === PASSPHRASE);
    expect(await revealWithEnter(surface)).toBe(secret);
    expect(await noteState(server.url, note)).toBe('read');
  });
});
