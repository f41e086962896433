// A tiny chat web site for the detector tests, served on loopback by node:http, and its page
// object. It behaves like a chat app: a sidebar, a message list that grows after load, a typing
// box, and style sheets that would wreck any button they could reach.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';

export interface Message {
  author: string;
  /** Trusted HTML of the message body. */
  html: string;
}

export interface ChatSite {
  /** `http://127.0.0.1:<port>`: the site the tests grant. */
  origin: string;
  /** `http://localhost:<port>`: the same server under a name that is never granted. */
  otherOrigin: string;
  /** Publishes a room at `/<name>` with these messages. */
  room(name: string, messages: Message[]): void;
  stop(): Promise<void>;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A message body holding a link as an anchor, the way chat apps render pasted links. */
export const anchor = (href: string, text = href) => `<a href="${escape(href)}" target="_blank" rel="noopener">${escape(text)}</a>`;

function roomPage(name: string, messages: Message[]): string {
  const items = messages.map((m, i) => messageHtml(m, i)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>#${escape(name)} · Chatter</title>
<style>
  :root { color-scheme: light dark; --bg: #fff; --side: #3f0e40; --text: #1d1c1d; --muted: #616061; --line: #e8e8e8; }
  @media (prefers-color-scheme: dark) { :root { --bg: #1a1d21; --side: #19171d; --text: #d1d2d3; --muted: #9a9b9e; --line: #2c2d30; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.46 Lato, system-ui, sans-serif; color: var(--text); background: var(--bg); display: grid; grid-template-columns: 220px 1fr; height: 100vh; }
  nav { background: var(--side); color: #cfc3cf; padding: 12px; }
  nav h1 { font-size: 17px; color: #fff; margin: 0 0 12px; }
  nav a { display: block; color: inherit; text-decoration: none; padding: 2px 6px; border-radius: 4px; }
  nav a.current { background: #1164a3; color: #fff; }
  main { display: flex; flex-direction: column; min-height: 0; }
  header { padding: 10px 18px; border-bottom: 1px solid var(--line); font-weight: 800; }
  #messages { flex: 1; overflow-y: auto; padding: 8px 0; }
  .message { display: grid; grid-template-columns: 36px 1fr; gap: 8px; padding: 6px 18px; }
  .message:hover { background: rgba(127, 127, 127, 0.08); }
  .avatar { width: 36px; height: 36px; border-radius: 6px; background: #2bac76; color: #fff; display: grid; place-items: center; font-weight: 700; }
  .author { font-weight: 900; margin-right: 6px; }
  .time { color: var(--muted); font-size: 12px; }
  .body a { color: #1264a3; }
  /* Hostile to anything injected: the detector's button must look the same anyway. */
  button, span[role], [class] button { background: hotpink !important; font-size: 30px !important; border: 5px dashed lime !important; }
  burnlink-reveal { display: none !important; opacity: 0.1 !important; }
  footer { padding: 10px 18px 16px; }
  #composer { border: 1px solid var(--muted); border-radius: 8px; padding: 10px; min-height: 42px; }
</style></head>
<body>
<nav><h1>Chatter</h1><a href="#">#general</a><a class="current" href="#">#${escape(name)}</a><a href="#">#random</a><a href="#">Direct messages</a></nav>
<main>
<header>#${escape(name)}</header>
<div id="messages" role="log">
${items}
</div>
<footer><div id="composer" contenteditable="true" role="textbox" aria-label="Message #${escape(name)}"></div></footer>
</main>
<script>
  let n = ${messages.length};
  const list = document.getElementById('messages');
  // The app's own way of adding a message, as a chat receives one.
  window.chat = {
    post(author, html) {
      const t = document.createElement('template');
      t.innerHTML = ${JSON.stringify(messageHtml({ author: '__AUTHOR__', html: '__HTML__' }, 0))}
        .replace('__AUTHOR_INITIAL__', author[0]).replace('__AUTHOR__', author).replace('__HTML__', html)
        .replace('__TIME__', '10:' + String(10 + (n++ % 50)));
      list.append(t.content);
      list.scrollTop = list.scrollHeight;
    },
  };
</script>
</body></html>`;
}

function messageHtml(m: Message, i: number): string {
  const initial = m.author === '__AUTHOR__' ? '__AUTHOR_INITIAL__' : escape(m.author[0] ?? '?');
  const author = m.author === '__AUTHOR__' ? '__AUTHOR__' : escape(m.author);
  const time = m.author === '__AUTHOR__' ? '__TIME__' : `09:${String(10 + i).padStart(2, '0')}`;
  return `<div class="message"><div class="avatar">${initial}</div><div><span class="author">${author}</span><span class="time">${time}</span><div class="body">${m.html}</div></div></div>`;
}

export async function startChatSite(): Promise<ChatSite> {
  const rooms = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const page = rooms.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    room: (name, messages) => { rooms.set(`/${name}`, roomPage(name, messages)); },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Page object: a room of the chat site, seen through the detector. */
export class ChatPage {
  readonly buttons: Locator;
  readonly composer: Locator;

  constructor(readonly page: Page) {
    this.buttons = page.locator('burnlink-reveal');
    this.composer = page.locator('#composer');
  }

  async open(url: string) {
    await this.page.goto(url);
  }

  /** Waits until exactly `count` buttons are drawn. */
  async waitForButtons(count: number) {
    await this.page.waitForFunction((n) => document.querySelectorAll('burnlink-reveal').length === n, count, { timeout: 15_000 });
  }

  /** Waits until the page has loaded and gone idle, when the detector (if any) has had its turn. */
  async settle() {
    await this.page.waitForLoadState('load');
    await this.page.evaluate(() => new Promise<void>((resolve) => {
      requestIdleCallback(() => requestIdleCallback(() => resolve(), { timeout: 1000 }), { timeout: 1000 });
    }));
  }

  /** For each button in page order: the text of the link it stands beside (anchor or text node). */
  async buttonTargets(): Promise<string[]> {
    return this.page.evaluate(() => Array.from(document.querySelectorAll('burnlink-reveal')).map((host) => {
      let node = host.previousSibling;
      while (node && node.nodeName === 'BURNLINK-REVEAL') node = node.previousSibling;
      return node?.nodeName === 'A' ? (node as HTMLAnchorElement).href : node?.textContent ?? '';
    }));
  }

  /** Posts a message the way the chat app does when one arrives. */
  async post(author: string, html: string) {
    await this.page.evaluate(([a, h]) => { (window as unknown as { chat: { post(a: string, h: string): void } }).chat.post(a, h); }, [author, html] as const);
  }
}

/** A room that looks like a working day: many messages, links, code, and a few notes. */
export function busyRoom(links: string[]): Message[] {
  const words = 'deploy staging review merge rollback incident database replica cache token rotate'.split(' ');
  const messages = Array.from({ length: 24 }, (_, i) => ({
    author: ['Ann', 'Bob', 'Cy', 'Dee'][i % 4] ?? 'Ann',
    html: `${words.slice(i % 5, (i % 5) + 6).join(' ')} — see ${anchor(`https://tracker.example.com/browse/OPS-${100 + i}`, `OPS-${100 + i}`)}`,
  }));
  messages.splice(3, 0, { author: 'Ann', html: `Here is the staging DB password: ${anchor(links[0] ?? '')}` });
  messages.splice(9, 0, { author: 'Bob', html: `API key for the contractor, read it today: ${links[1] ?? ''} thanks!` });
  messages.splice(15, 0, { author: 'Cy', html: `Break-glass token (passphrase by phone): ${anchor(links[2] ?? '', 'open the one-time link')}` });
  return messages;
}

/** A room of the chat site as a person sees it, in either browser (through a driver). */
export class ChatRoomUi {
  constructor(readonly ui: import('./driver').Driver) {}

  /** Waits until exactly `count` "Reveal safely" buttons are drawn. */
  async waitForButtons(count: number): Promise<void> {
    await this.ui.until((n) => document.querySelectorAll('burnlink-reveal').length === n, count);
  }

  buttonCount(): Promise<number> {
    return this.ui.evaluate(() => document.querySelectorAll('burnlink-reveal').length, null);
  }

  /** Waits until the page has loaded and gone idle, when the detector (if any) has had its turn. */
  async settle(): Promise<void> {
    await this.ui.until(() => document.readyState === 'complete', null);
    await this.ui.evaluate(() => new Promise<void>((resolve) => {
      requestIdleCallback(() => requestIdleCallback(() => resolve(), { timeout: 1000 }), { timeout: 1000 });
    }), null);
  }

  /** For each button in page order: the address of the link it stands beside. */
  buttonTargets(): Promise<string[]> {
    return this.ui.evaluate(() => Array.from(document.querySelectorAll('burnlink-reveal')).map((host) => {
      let node = host.previousSibling;
      while (node && node.nodeName === 'BURNLINK-REVEAL') node = node.previousSibling;
      return node instanceof HTMLAnchorElement ? node.href : node?.textContent ?? '';
    }), null);
  }
}
