// An ops wiki page with secrets on it, served on loopback by node:http: what both browser suites
// select and share. Its texts hold everything a selection could lose: blank lines, trailing
// spaces, a tab, quotes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Blank lines, trailing spaces and a tab: everything selectionText would collapse.
export const SSH_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBkZXBsb3kta2V5LWZvci1idXJubGluay10ZXN0cy0xMjM0NTYAAAAJ   ',
  '',
  '\tAAAECdGVzdC1vbmx5LW5vdC1hLXJlYWwta2V5LWJ1dC1zaGFwZWQtbGlrZS1vbmU=  ',
  '',
  '',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');
export const ENV_BLOCK = 'DATABASE_URL=postgres://app:s3cr3t@db/prod\n\n  STRIPE_KEY=sk_live_51H   \nJWT_SECRET="a b  c"';
export const TOKEN = 'ghp_Zx81TOKENwithoutSpaces0123456789';

const escape = (text: string) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
// No newline right after <pre>: the HTML parser would drop it.
const WIKI = `<!doctype html><meta charset="utf-8"><title>Ops wiki</title>
<h1>Deploy key</h1><pre id="key">${escape(SSH_KEY)}</pre>
<p>Token: <code id="token">${TOKEN}</code></p>
<label>Staging .env <textarea id="env" rows="5" cols="60">${escape(ENV_BLOCK)}</textarea></label>`;

export interface WikiSite {
  /** `http://127.0.0.1:<port>/wiki` */
  url: string;
  stop(): Promise<void>;
}

export async function startWikiSite(): Promise<WikiSite> {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(WIKI);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wiki`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs in the page: selects the contents of the element with this id, as a person drags over it. */
export function selectElement(id: string): void {
  const element = document.getElementById(id);
  const selection = getSelection();
  if (!element || !selection) throw new Error(`no element #${id} to select`);
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}
