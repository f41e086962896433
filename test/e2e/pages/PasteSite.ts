// A small web site with the places people paste into, for the paste guard's tests, served on
// loopback by node:http: a chat with a textarea, a ProseMirror-style editor (it owns its text and
// handles paste and typing itself), a Quill/Slack-style editor (it handles paste itself and
// follows the DOM for the rest), a plain contenteditable mail body (the browser pastes), and a
// ticket form. Every page spies from its own side: its first script records every paste,
// beforeinput, input and keydown it is shown, in window.seen, as a page script would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from './driver';

export interface PasteSite {
  /** `http://127.0.0.1:<port>`: the site the tests guard. */
  origin: string;
  /** `http://localhost:<port>`: the same pages under a name that is never guarded. */
  otherOrigin: string;
  /** Publishes a page of plain HTML at `/<name>` (for the page scan). */
  publish(name: string, html: string): void;
  stop(): Promise<void>;
}

export type EditorPage = 'chat' | 'prosemirror' | 'quill' | 'mail' | 'form';

/** The spy: the page's first script, before anything else can add a listener. */
const SPY = `<script>
  window.seen = [];
  const record = (where) => (event) => {
    const target = event.target;
    window.seen.push({
      where, type: event.type, trusted: event.isTrusted, key: event.key ?? null,
      data: event.type === 'paste' ? (event.clipboardData ? event.clipboardData.getData('text/plain') : null) : (event.data ?? null),
      value: target && 'value' in target ? target.value : target && target.textContent !== undefined ? target.textContent : null,
    });
  };
  // A window capture listener added as early as a page can: the guard's must still come first.
  for (const type of ['paste', 'beforeinput', 'input', 'keydown']) {
    window.addEventListener(type, record('window'), true);
    document.addEventListener(type, record('document'));
  }
</script>`;

const STYLE = `<style>
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { margin: 0; padding: 24px 32px; max-width: 760px; }
  textarea, input, [contenteditable] { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: 8px 10px;
    border: 1px solid #b8bec8; border-radius: 6px; margin: 6px 0 14px; background: Canvas; color: CanvasText; }
  textarea { height: 90px; } [contenteditable] { min-height: 90px; white-space: pre-wrap; }
  #messages p { margin: 4px 0; padding: 6px 10px; background: rgba(127,127,127,.12); border-radius: 6px; }
  /* Hostile to anything injected: the guard's prompt must look the same anyway. */
  burnlink-guard { display: none !important; opacity: 0.1 !important; }
  button { all: unset; color: red; }
</style>`;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${SPY}<title>${title}</title>${STYLE}</head>
<body><h1>${title}</h1>${body}</body></html>`;

const PAGES: Record<EditorPage, string> = {
  chat: page('#ops · Chatter', `
    <div id="messages"></div>
    <label for="composer">Message #ops</label>
    <textarea id="composer" placeholder="Message #ops"></textarea>
    <script>
      const composer = document.getElementById('composer');
      composer.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' || e.shiftKey) return;
        e.preventDefault();
        const p = document.createElement('p');
        p.textContent = composer.value;
        document.getElementById('messages').append(p);
        composer.value = '';
      });
    </script>`),
  prosemirror: page('Doc · ProseMirror-style', `
    <div id="editor" contenteditable="true" role="textbox" aria-label="Document"></div>
    <script>
      // The text lives in the model; the DOM is drawn from it. Paste and typing go through here.
      const editor = document.getElementById('editor');
      let model = '';
      const offset = (node, at) => node === editor ? (at === 0 ? 0 : model.length) : at;
      function selection() {
        const s = getSelection();
        if (!s.rangeCount || !editor.contains(s.anchorNode)) return [model.length, model.length];
        const r = s.getRangeAt(0);
        return [offset(r.startContainer, r.startOffset), offset(r.endContainer, r.endOffset)];
      }
      function draw(caret) {
        editor.textContent = model;
        const r = document.createRange();
        if (editor.firstChild) r.setStart(editor.firstChild, caret); else r.setStart(editor, 0);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r);
      }
      function insert(text) {
        const [start, end] = selection();
        model = model.slice(0, start) + text + model.slice(end);
        draw(start + text.length);
      }
      editor.addEventListener('paste', (e) => { e.preventDefault(); insert(e.clipboardData.getData('text/plain')); });
      editor.addEventListener('beforeinput', (e) => {
        e.preventDefault();
        if (e.inputType.startsWith('insert')) insert(e.data ?? (e.dataTransfer ? e.dataTransfer.getData('text/plain') : ''));
      });
      window.editorText = () => model;
    </script>`),
  quill: page('Thread · Quill-style', `
    <div id="editor" class="ql-editor" contenteditable="true" role="textbox" aria-label="Reply"><p><br></p></div>
    <script>
      // Paste is the clipboard module's; everything else is read back from the DOM.
      const editor = document.getElementById('editor');
      let contents = '';
      new MutationObserver(() => { contents = editor.innerText.replace(/\\n$/, ''); })
        .observe(editor, { subtree: true, childList: true, characterData: true });
      editor.addEventListener('paste', (e) => {
        e.preventDefault();
        const text = e.clipboardData.getData('text/plain');
        const s = getSelection();
        const r = s.getRangeAt(0);
        r.deleteContents();
        const node = document.createTextNode(text);
        r.insertNode(node);
        r.setStartAfter(node);
        s.removeAllRanges(); s.addRange(r);
      });
      window.editorText = () => contents;
    </script>`),
  mail: page('New message · Mail', `
    <label for="subject">Subject</label>
    <input id="subject" type="text" value="Access for the contractor">
    <div id="editor" contenteditable="true" role="textbox" aria-label="Message body"></div>
    <script>window.editorText = () => document.getElementById('editor').innerText;</script>`),
  form: page('New ticket · Tracker', `
    <form id="ticket">
      <label for="title">Title</label>
      <input id="title" name="title" type="text">
      <label for="description">Description</label>
      <textarea id="description" name="description"></textarea>
      <label for="password">Account password</label>
      <input id="password" name="password" type="password">
      <input type="submit" value="Create ticket">
    </form>
    <script>
      window.submitted = null;
      document.getElementById('ticket').addEventListener('submit', (e) => {
        e.preventDefault();
        window.submitted = Object.fromEntries(new FormData(e.target));
      });
    </script>`),
};

export async function startPasteSite(): Promise<PasteSite> {
  const published = new Map<string, string>(Object.entries(PAGES));
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const body = published.get(name);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    publish: (name, html) => published.set(name, page(name, html)),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One spied event, as the page recorded it. */
export interface Seen {
  where: 'window' | 'document';
  type: string;
  trusted: boolean;
  key: string | null;
  data: string | null;
  value: string | null;
}

/** A page of the site, and what its own scripts saw; through the driver both suites share. */
export class PastePage {
  /** `setClipboard` puts text on the system clipboard: each browser has its own way for tests. */
  constructor(readonly ui: Driver, private readonly setClipboard: (text: string) => Promise<void>) {}

  /** Everything the page's listeners were shown, in order. */
  seen(): Promise<Seen[]> {
    return this.ui.evaluate(() => (window as unknown as { seen: Seen[] }).seen, null);
  }

  /** The text the editor holds: its model for the rich editors, the value for fields. */
  text(selector: string): Promise<string> {
    return this.ui.evaluate((sel) => {
      const el = document.querySelector(sel);
      if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
      const own = (window as unknown as { editorText?: () => string }).editorText;
      return own ? own() : (el as HTMLElement | null)?.innerText ?? '';
    }, selector);
  }

  /** Whether the guard's prompt is on the page (the page sees only its host element). */
  promptShown(): Promise<boolean> {
    return this.ui.evaluate(() => document.querySelector('burnlink-guard') !== null, null);
  }

  /** Waits until the prompt is on the page, or gone. */
  async waitForPrompt(shown = true): Promise<void> {
    await this.ui.until((want) => (document.querySelector('burnlink-guard') !== null) === want, shown);
  }

  /** Waits until the text of `selector` is `expected` (a string) or matches it (a pattern source). */
  async waitForText(selector: string, expected: { is?: string; matches?: string }): Promise<string> {
    await this.ui.until(([sel, want]) => {
      const el = document.querySelector(sel);
      const own = (window as unknown as { editorText?: () => string }).editorText;
      const text = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : own ? own() : (el as HTMLElement | null)?.innerText ?? '';
      return want.is !== undefined ? text === want.is : new RegExp(want.matches ?? '$^').test(text);
    }, [selector, expected] as const);
    return this.text(selector);
  }

  /** Puts `text` on the clipboard, focuses `selector` and pastes with the keyboard, as a person does. */
  async paste(selector: string, text: string): Promise<void> {
    await this.setClipboard(text);
    await this.ui.click(selector);
    await this.ui.press('End');
    await this.ui.press('Control+V');
  }
}
