// A web site of another origin than the note server, served on loopback, and what its scripts can
// try against the note server from a visitor's browser.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

export interface HostileSite {
  /** `http://127.0.0.1:<port>`: not the note server's origin (another port). */
  origin: string;
  stop(): Promise<void>;
}

export async function startHostileSite(): Promise<HostileSite> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><meta charset="utf-8"><title>Free file hosting</title><h1>Totally unrelated site</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** What a script learned from one fetch: the status and body, or the browser's refusal. */
export type FetchOutcome = { status: number; body: string } | { refused: string };

/** The hostile page's scripts, run in a real page of that site. */
export class HostilePage {
  constructor(readonly page: Page) {}

  async open(site: HostileSite): Promise<void> {
    await this.page.goto(`${site.origin}/`);
  }

  /** `fetch` with a JSON body, as the page's script would: the browser preflights it. */
  postJson(url: string, body: unknown): Promise<FetchOutcome> {
    return this.page.evaluate(async ([target, text]) => {
      try {
        const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        return { refused: String(error) };
      }
    }, [url, JSON.stringify(body)] as const);
  }

  /**
   * A "simple" request the browser sends without asking first (text/plain, `mode: 'no-cors'`):
   * the script cannot read the answer, but the server gets the request.
   */
  postBlind(url: string, body: unknown): Promise<string> {
    return this.page.evaluate(async ([target, text]) => {
      const response = await fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: text });
      return response.type;
    }, [url, JSON.stringify(body)] as const);
  }
}
