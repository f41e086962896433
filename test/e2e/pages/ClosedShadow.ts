// Reading and clicking what Burnlink draws in a closed shadow root on a page. Neither the page nor
// Playwright's locators can look inside one; the browser's DevTools protocol can (DevTools shows
// closed shadow roots), and the real mouse clicks where a button is drawn, so clicks are trusted.
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export class ClosedShadow {
  private constructor(readonly page: Page, private readonly tag: string, private readonly cdp: CDPSession) {}

  /** Waits for an element `tag` on the page and opens a DevTools session on it. */
  static async waitFor(page: Page, tag: string, timeout = 15_000): Promise<ClosedShadow> {
    await page.waitForFunction((t) => document.querySelector(t) !== null, tag, { timeout });
    return new ClosedShadow(page, tag.toUpperCase(), await page.context().newCDPSession(page));
  }

  /** The shadow root of the host, as DevTools sees it. */
  private async root(): Promise<DomNode> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true }) as { root: DomNode };
    const find = (node: DomNode): DomNode | undefined => {
      if (node.nodeName === this.tag) return node.shadowRoots?.[0];
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const shadow = find(root);
    if (!shadow) throw new Error(`no ${this.tag} on the page`);
    return shadow;
  }

  /** The text inside, as a person reads it (styles left out). */
  async text(): Promise<string> {
    const parts: string[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === 'STYLE') return;
      if (node.nodeType === 3) parts.push(node.nodeValue);
      for (const child of node.children ?? []) walk(child);
    };
    walk(await this.root());
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  }

  /** Clicks the button whose text is `name`, with the mouse, where it is drawn. */
  async click(name: string): Promise<void> {
    const buttons: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === 'BUTTON') buttons.push(node);
      for (const child of node.children ?? []) walk(child);
    };
    walk(await this.root());
    const label = (node: DomNode): string => (node.nodeType === 3 ? node.nodeValue : (node.children ?? []).map(label).join(''));
    const button = buttons.find((b) => label(b).trim() === name);
    if (!button) throw new Error(`no button "${name}"; buttons: ${buttons.map(label).join(', ')}`);
    const { model } = await this.cdp.send('DOM.getBoxModel', { nodeId: button.nodeId }) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
