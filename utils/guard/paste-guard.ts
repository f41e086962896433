// The paste guard, in the content script: a paste into a field or editor whose text holds a
// recognised secret is held back before the page's own handlers see it, and the person chooses
// what goes in its place. The held text lives in this closure only, until the choice is made.
//
// The listener is a capture listener on the window, added when the content script starts
// (`document_start`, before the page's own scripts run). Capture listeners on the window run
// first, in the order they were added, so the page's paste handlers, and the input events a paste
// would cause, never see a held paste. A page that is already open when the guard is turned on
// has had its chance to add a window listener first; that one still sees the paste (the tab needs
// a reload to be fully covered).
import type { Words } from '../i18n/page-words';
import { kindKey } from './kind-names';
import { capture, editableOf, insertText, restore, type PasteTarget } from './insert';
import { openPrompt, type Prompt, type PromptChoice } from './prompt';
import { findSecrets, type Finding } from './scan';

export interface PasteGuardDeps {
  window: Window;
  /** The prompt's words, in the browser's language. */
  words: Words;
  /** Rules the person turned off. */
  skip(): ReadonlySet<string>;
  /** Encrypts and posts each secret, in the background; one link per secret, or a sentence. */
  createLinks(secrets: string[], passphrase?: string): Promise<{ ok: true; value: string[] } | { ok: false; error: string }>;
  /** "Expires in 1 day, read once": what a link made now would allow. */
  terms(): Promise<string | undefined>;
  /** The person chose "Never on this site". */
  never(): void;
  /** The address of the passphrase page for a request id. */
  passphrasePage(requestId: string): string;
}

export interface PasteGuard {
  /** The passphrase page sent a passphrase for the held paste with this request id. */
  passphrase(requestId: string, passphrase: string): boolean;
  stop(): void;
}

/** A held paste: everything that goes away when the person has chosen. */
interface Held {
  target: PasteTarget;
  text: string;
  html?: string;
  findings: Finding[];
  prompt: Prompt;
  requestId?: string;
  busy: boolean;
}

/** "(3 lines)", "(12 characters)": how long a secret is. */
export type SizeWords = (unit: 'lines' | 'characters', count: number) => string;

/**
 * A glimpse of a secret the person can recognise and a passer-by cannot use: the first line of a
 * block, the ends of a token, only the first two characters of a password.
 */
export function glimpse(secret: string, password = false, size: SizeWords = (unit, count) => `(${count} ${unit})`): string {
  const lines = secret.split('\n');
  if (lines.length > 1) return `${lines[0]!.trim().slice(0, 40)} … ${size('lines', lines.length)}`;
  if (password || secret.length < 12) return `${secret.slice(0, 2)}… ${size('characters', secret.length)}`;
  return secret.length >= 24 ? `${secret.slice(0, 6)}…${secret.slice(-4)}` : `${secret.slice(0, 4)}…${secret.slice(-2)}`;
}

/** `text` with each finding replaced by its link; the text around them stays as it was. */
export function replaceFindings(text: string, findings: Finding[], links: string[]): string {
  let out = '';
  let at = 0;
  findings.forEach((f, i) => {
    out += text.slice(at, f.start) + links[i];
    at = f.end;
  });
  return out + text.slice(at);
}

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A paste that goes into a field or editor and holds a secret. */
interface SecretPaste {
  element: HTMLElement;
  text: string;
  html?: string;
  findings: Finding[];
}

/** The paste of a person (not a page script) into a field, when its text holds a secret. */
function secretPaste(event: ClipboardEvent, skip: ReadonlySet<string>): SecretPaste | undefined {
  // Untrusted pastes are a page's own (or Burnlink's re-insertion): they carry nothing from the clipboard.
  if (!event.isTrusted || !event.clipboardData) return undefined;
  const element = editableOf(event.composedPath()[0] ?? event.target);
  if (!element) return undefined;
  const text = event.clipboardData.getData('text/plain');
  if (!text) return undefined;
  const findings = findSecrets(text, { skip });
  if (findings.length === 0) return undefined;
  return { element, text, html: event.clipboardData.getData('text/html') || undefined, findings };
}

/** Holds a paste back: where it was going, and a prompt beside the caret (else the field). */
function holdPaste(win: Window, words: Words, paste: SecretPaste, onChoice: (current: Held, choice: PromptChoice) => void): Held {
  const { element, text, findings } = paste;
  const size: SizeWords = (unit, count) => words.plural(unit === 'lines' ? 'guard.glimpse.lines' : 'guard.glimpse.characters', count);
  const target = capture(element);
  const caret = target.range?.getBoundingClientRect();
  const current: Held = {
    target,
    text,
    html: paste.html,
    findings,
    busy: false,
    prompt: openPrompt({
      document: win.document,
      words,
      anchor: caret && (caret.width || caret.height) ? caret : element.getBoundingClientRect(),
      kinds: findings.map((f) => words.t(kindKey(f.rule))),
      glimpses: findings.map((f) => glimpse(text.slice(f.start, f.end), f.rule === 'password-assignment', size)),
      site: win.location.hostname,
      onChoice: (choice) => onChoice(current, choice),
    }),
  };
  return current;
}

/** Starts guarding pastes in `deps.window` (and its document). */
export function startPasteGuard(deps: PasteGuardDeps): PasteGuard {
  const { window: win, words } = deps;
  let held: Held | undefined;

  const drop = () => {
    held?.prompt.close();
    held = undefined;
  };

  async function makeLinks(current: Held, passphrase?: string) {
    current.busy = true;
    current.prompt.busy(words.t(passphrase ? 'guard.prompt.creatingWithPassphrase' : 'guard.prompt.creating'));
    const created = await deps.createLinks(current.findings.map((f) => current.text.slice(f.start, f.end)), passphrase);
    current.busy = false;
    if (held !== current) return; // replaced by a newer paste meanwhile
    if (!created.ok) return current.prompt.failed(created.error);
    const text = replaceFindings(current.text, current.findings, created.value);
    drop();
    insertText(current.target, text);
  }

  function choose(current: Held, choice: PromptChoice) {
    if (held !== current || current.busy) return;
    switch (choice) {
      case 'link':
        void makeLinks(current);
        return;
      case 'passphrase':
        current.requestId = randomId();
        current.prompt.showFrame(deps.passphrasePage(current.requestId), words.t('guard.prompt.passphraseTitle'));
        return;
      case 'anyway':
      case 'never':
        drop();
        insertText(current.target, current.text, current.html);
        if (choice === 'never') {
          stop();
          deps.never();
        }
        return;
      case 'cancel':
        drop();
        restore(current.target);
    }
  }

  function onPaste(event: ClipboardEvent) {
    const paste = secretPaste(event, deps.skip());
    if (!paste) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    drop();
    const current = holdPaste(win, words, paste, choose);
    held = current;
    void deps.terms().then((terms) => { if (terms && held === current) current.prompt.setTerms(terms); }, () => undefined);
  }

  win.addEventListener('paste', onPaste, true);

  function stop() {
    win.removeEventListener('paste', onPaste, true);
    drop();
  }

  return {
    passphrase(requestId, passphrase) {
      const current = held;
      if (!current || current.busy || current.requestId === undefined || current.requestId !== requestId) return false;
      void makeLinks(current, passphrase);
      return true;
    },
    stop,
  };
}
