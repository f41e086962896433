// The recipient page (for people without the extension), the answer page of request links, and the
// short page at `/`.
// Both are the same built web app; GETs and HEADs of them never touch a note.
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Burnlink</title>
<p>The Burnlink web page is not built yet. Run <code>npm run build</code>, then reload.</p>`;

export function pageRoutes({ webRoot }: { webRoot: string }) {
  const indexFile = path.join(webRoot, 'index.html');
  let index: string | undefined;
  const page = () => {
    index ??= fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : undefined;
    return index;
  };
  const serveIndex = (c: Context) => {
    const html = page();
    c.header('cache-control', 'no-store');
    return html === undefined ? c.html(NOT_BUILT, 503) : c.html(html);
  };

  return new Hono()
    .use('/assets/*', serveStatic({
      root: path.relative(process.cwd(), webRoot) || '.',
      onFound: (_path, c) => { c.header('cache-control', 'public, max-age=31536000, immutable'); },
    }))
    .get('/', serveIndex)
    // The trailing slash some mail clients and people add is forgiven: the page parses the link.
    .get('/n/:id', serveIndex)
    .get('/n/:id/', serveIndex)
    .get('/r/:id', serveIndex)
    .get('/r/:id/', serveIndex);
}
