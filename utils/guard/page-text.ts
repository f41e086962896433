// The readable text of a page as one string, with a way back from a position in it to the text
// node it came from. Code viewers and chat apps split a token over several inline elements
// (syntax colouring, links): text inside one block is joined as it reads; text of different
// blocks is kept apart by a line break, so two cells never read as one token.

/** Elements whose text is not page prose: code to run, styles, form values, Burnlink's own UI. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'IFRAME', 'SVG', 'BURNLINK-REVEAL', 'BURNLINK-PANEL', 'BURNLINK-GUARD', 'BURNLINK-SCAN']);

/** Elements that flow inside a line of text. */
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'INS', 'DEL']);

export interface PageText {
  text: string;
  /** The text node and offset in it of a position in `text` (the end of a node for a position between nodes). */
  locate(position: number): { node: Text; offset: number };
}

/** The block an inline text belongs to: its nearest ancestor that is not an inline element. */
function blockOf(node: Node): Node | null {
  let parent = node.parentNode;
  while (parent && parent.nodeType === 1 && INLINE.has((parent as Element).tagName)) parent = parent.parentNode;
  return parent;
}

/** Collects the text nodes under `root` in document order. */
export function pageText(doc: Document, root: Node = doc.body ?? doc.documentElement): PageText {
  const walker = doc.createTreeWalker(root, 5 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) => (node.nodeType === 1
      ? SKIP.has((node as Element).tagName.toUpperCase()) ? 2 /* REJECT */ : 3 /* SKIP: go inside */
      : 1 /* ACCEPT */),
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const value = text.data;
    if (value.length === 0) continue;
    const block = blockOf(text);
    if (nodes.length > 0 && block !== lastBlock) {
      parts.push('\n');
      length += 1;
    }
    lastBlock = block;
    nodes.push(text);
    starts.push(length);
    parts.push(value);
    length += value.length;
  }
  return {
    text: parts.join(''),
    locate(position) {
      // The last node starting at or before the position.
      let lo = 0;
      let hi = nodes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= position) lo = mid;
        else hi = mid - 1;
      }
      const node = nodes[lo]!;
      return { node, offset: Math.min(position - starts[lo]!, node.data.length) };
    },
  };
}
