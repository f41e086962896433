// Hemmelig v7: `https://host/secret/<uuid>#decryptionKey=<32 chars>` (web) or `/s/<uuid>#<key>`
// (CLI); no fragment when the sender chose a password, which then is the key. The key string is
// stretched with PBKDF2-SHA256 (1,300,000 iterations now, 600,000 in earlier v7 releases: the
// count is not stored, so both are tried on the ciphertext already in memory) to AES-256-GCM.
// `GET .../check` is safe; `POST /api/secrets/<id>` uses up a view. v6 links are refused.
import { z } from 'zod/mini';
import { err, ok, type Result } from '../../core/result';
import { aesGcmDecrypt, badResponse, bytesFromJson, fromHex, fromUtf8, heldOnce, httpUrl, parseJson, pbkdf2, send, shortId, toHex, utf8, type Bytes } from './shared';
import type { Reader, ReaderEnv, ReaderError, Recognised, Revealed, RevealedFile } from './types';

const TOOL = 'Hemmelig';
export const ITERATIONS = [1_300_000, 600_000] as const;
const UUID = '[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}';

export interface HemmeligLink {
  url: URL;
  base: string;
  id: string;
  key?: string;
}

/** Recognises v7 links; `legacy` for v6 links (`#encryption_key=`), which Burnlink does not open. */
export function parseHemmeligLink(href: string): HemmeligLink | 'legacy' | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  const path = url.pathname.match(new RegExp(`^(.*)/(secret|s)/(${UUID})/?$`));
  if (!path) return undefined;
  const [, prefix = '', route, id = ''] = path;
  const base = `${url.origin}${prefix}`;
  if (url.hash === '') return route === 'secret' ? { url, base, id } : undefined;
  if (/^#encryption_key=[A-Za-z0-9_-]+$/.test(url.hash)) return route === 'secret' ? 'legacy' : undefined;
  const key = url.hash.match(route === 'secret' ? /^#decryptionKey=([A-Za-z0-9_-]{32})$/ : /^#(?:decryptionKey=)?([A-Za-z0-9_-]{32})$/)?.[1];
  return key ? { url, base, id, key } : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Hemmelig's editor stores HTML. Shown as text: block ends become line breaks, tags go, entities
 * are decoded. Nothing of it is ever rendered as HTML.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<\/(p|div|h[1-6]|li|blockquote|pre|tr|ul|ol)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\n+$/, '');
}

const looksLikeHtml = (text: string) => /<\/?(p|br|div|h[1-6]|ul|ol|li|strong|em|b|i|u|s|a|code|pre|blockquote|span)\b[^>]*>/i.test(text);

const Check = z.object({
  views: z.nullish(z.number()),
  isPasswordProtected: z.boolean(),
  passwordScheme: z.nullish(z.enum(['derived', 'legacy'])),
  salt: z.optional(z.string()),
});
const Secret = z.object({
  secret: z.unknown(),
  title: z.optional(z.unknown()),
  salt: z.string(),
  views: z.nullish(z.number()),
  files: z.optional(z.array(z.object({ id: z.string(), filename: z.string(), token: z.string() }))),
});

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const link = parseHemmeligLink(href);
  if (!link) return undefined;
  if (link === 'legacy') {
    return err({
      code: 'unsupported', site: href,
      message: 'This is a link from Hemmelig 6, an older version Burnlink does not open. Open it on its own site.', words: { key: 'readers.hemmelig.legacy' },
    });
  }
  return ok({
    tool: 'hemmelig',
    toolName: TOOL,
    href,
    host: link.url.host,
    noteId: shortId(link.id),
    passwordNeeded: link.key === undefined,
    canPrecheck: true,
    access: {
      origins: [link.url.origin],
      cors: 'permission',
      why: `Hemmelig answers only its own pages, so Burnlink needs access to ${link.url.host} to read the secret.`,
      whyWords: { key: 'readers.hemmelig.why', params: { host: link.url.host } },
    },
    beforeClick: link.key === undefined
      ? 'Hemmelig: this secret needs the password the sender gave you. Hemmelig checks the password before it counts a view, so a wrong one burns nothing. Opening uses up one view; the last one deletes it.'
      : 'Hemmelig: opening uses up one of this secret\'s views; the last one deletes it.',
    beforeClickWords: { key: link.key === undefined ? 'readers.hemmelig.beforeClickPassword' : 'readers.hemmelig.beforeClick' },
    session: (env) => session(env, link),
  });
}

type HeldSecret = { secret: z.infer<typeof Secret>; files: Array<{ name: string; bytes: Bytes }> };

function session(env: ReaderEnv, link: HemmeligLink) {
  const api = `${link.base}/api/secrets/${encodeURIComponent(link.id)}`;
  const host = link.url.host;
  const site = link.url.href;
  let check: z.infer<typeof Check> | undefined;
  const held = heldOnce<HeldSecret>();
  /** Derived keys by key string, salt and iterations: PBKDF2 at 1.3 M iterations takes a second. */
  const keys = new Map<string, Promise<Bytes>>();
  const keyFor = (secret: string, salt: string, iterations: number) => {
    const id = JSON.stringify([secret, salt, iterations]);
    let key = keys.get(id);
    if (!key) { key = pbkdf2(utf8(secret), utf8(salt), iterations, 'SHA-256', 256); keys.set(id, key); }
    return key;
  };

  const gone = (): ReaderError => ({ code: 'gone', message: 'Hemmelig says this secret is not there: it was already read, has expired, or the link is wrong.', words: { key: 'readers.hemmelig.gone' } });

  async function precheck() {
    const fetched = await send(env, TOOL, `${api}/check`);
    if (!fetched.ok) return fetched;
    if (fetched.value.status === 404) return err(gone());
    if (fetched.value.status === 403) return err({ code: 'denied', site, message: 'Hemmelig does not let this network read the secret (its sender limited it to some addresses).', words: { key: 'readers.hemmelig.network' } } satisfies ReaderError);
    const answer = fetched.value.status === 200 ? parseJson(fetched.value.bytes, Check) : undefined;
    if (!answer) return err(badResponse(TOOL, host, site));
    check = answer;
    const views = answer.views ?? null;
    return ok({
      checked: true,
      passwordNeeded: answer.isPasswordProtected,
      views,
      message: `The secret is there${views === null ? '' : views === 1 ? ' and can be read once' : ` and can be read ${views} more times`}.${answer.isPasswordProtected ? ' It needs the password the sender gave you.' : ''}`,
    });
  }

  async function bodyFor(password: string | undefined): Promise<Result<Record<string, string>, ReaderError>> {
    if (link.key !== undefined && !check?.isPasswordProtected) return ok({});
    if (!password) return err({ code: 'password_needed', message: 'Type the password the sender gave you. Nothing has been fetched yet.', words: { key: 'readers.typePassword' } });
    if (check?.passwordScheme === 'derived' && check.salt) {
      const key = await keyFor(password, check.salt, ITERATIONS[0]);
      return ok({ passwordVerifier: toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', key))) });
    }
    // Secrets from before the derived scheme: Hemmelig's own page sends the password itself.
    return ok({ password });
  }

  async function fetchSecret(password: string | undefined): Promise<Result<HeldSecret, ReaderError>> {
    if (!check && link.key === undefined) {
      // The password scheme and salt come from the check; it is safe, so ask now.
      const checked = await precheck();
      if (!checked.ok) return checked;
    }
    const body = await bodyFor(password);
    if (!body.ok) return body;
    const fetched = await send(env, TOOL, api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.value) });
    if (!fetched.ok) return fetched;
    const { status, bytes } = fetched.value;
    if (status === 401) return err({ code: 'wrong_password', message: 'Hemmelig says that password is wrong. Nothing was used up: check it and try again.', words: { key: 'readers.hemmelig.wrongPassword' } });
    if (status === 404) return err(gone());
    if (status === 403) return err({ code: 'denied', site, message: 'Hemmelig does not let this network read the secret (its sender limited it to some addresses).', words: { key: 'readers.hemmelig.network' } });
    const secret = status === 200 ? parseJson(bytes, Secret) : undefined;
    if (!secret) return err(badResponse(TOOL, host, site));
    // Files are fetched at once, with the secret: their tokens came with this one read.
    const files: Array<{ name: string; bytes: Bytes }> = [];
    for (const file of secret.files ?? []) {
      const got = await send(env, TOOL, `${link.base}/api/files/${encodeURIComponent(file.id)}`, { headers: { 'x-hemmelig-file-token': file.token } });
      if (!got.ok) return got;
      if (got.value.status !== 200) return err({ code: 'bad_response', site, message: `Hemmelig did not hand over the attached file (HTTP ${got.value.status}). Open the link on its own site.`, words: { key: 'readers.hemmelig.fileRefused', params: { status: got.value.status } } });
      files.push({ name: file.filename.startsWith(`${file.id}-`) ? file.filename.slice(file.id.length + 1) : file.filename, bytes: got.value.bytes });
    }
    return ok({ secret, files });
  }

  /** IV(12) ‖ AES-GCM; tries each iteration count, newest first. */
  async function decrypt(data: Bytes, secretKey: string, salt: string): Promise<{ plain: Bytes; iterations: number } | undefined> {
    if (data.length < 12 + 16) return undefined;
    for (const iterations of ITERATIONS) {
      const plain = await aesGcmDecrypt(await keyFor(secretKey, salt, iterations), data.subarray(0, 12), data.subarray(12));
      if (plain) return { plain, iterations };
    }
    return undefined;
  }

  async function open(got: HeldSecret, password: string | undefined): Promise<Result<Revealed, ReaderError>> {
    const secretKey = link.key ?? password ?? '';
    const data = bytesFromJson(got.secret.secret);
    if (!data) return err(badResponse(TOOL, host, site));
    const opened = await decrypt(data, secretKey, got.secret.salt);
    if (!opened) {
      return err(link.key === undefined
        ? { code: 'wrong_password', message: 'That password does not decrypt this secret. Check it and try again; the secret is kept here, so trying again does not fetch it again.', words: { key: 'readers.hemmelig.wrongPasswordDecrypt' } }
        : { code: 'damaged', site, message: 'The key in the link does not open this secret: the link is incomplete or the secret is damaged.', words: { key: 'readers.hemmelig.damaged' } });
    }
    const key = await keyFor(secretKey, got.secret.salt, opened.iterations);
    const tryDecrypt = (bytes: Bytes) => bytes.length < 28 ? Promise.resolve(undefined) : aesGcmDecrypt(key, bytes.subarray(0, 12), bytes.subarray(12));
    const titleBytes = bytesFromJson(got.secret.title);
    const title = titleBytes ? await tryDecrypt(titleBytes) : undefined;
    const files: RevealedFile[] = [];
    for (const file of got.files) {
      const plain = await tryDecrypt(file.bytes);
      if (!plain) return err({ code: 'damaged', site, message: 'An attached file does not decrypt with this secret\'s key: it is damaged.', words: { key: 'readers.hemmelig.fileDamaged' } });
      // New uploads carry the file name encrypted, as hex.
      const hexName = fromHex(file.name);
      const name = hexName ? await tryDecrypt(hexName) : undefined;
      files.push({ name: name ? fromUtf8(name) : file.name, type: 'application/octet-stream', bytes: plain });
    }
    const text = fromUtf8(opened.plain);
    const html = looksLikeHtml(text);
    const views = got.secret.views;
    return ok({
      ...(text.length > 0 || files.length === 0 ? { text: html ? htmlToText(text) : text } : {}),
      format: html ? 'html' : 'text',
      files,
      ...(title && title.length > 0 ? { title: fromUtf8(title) } : {}),
      notes: [
        views === null || views === undefined ? 'Hemmelig keeps this secret until it expires.'
          : views <= 0 ? 'Hemmelig deleted this secret when it was read: the link no longer works.'
            : `Hemmelig allows ${views} more read${views === 1 ? '' : 's'}.`,
        ...(html ? ['Hemmelig stored this as formatted text; it is shown as plain text.'] : []),
      ],
      noteWords: [
        views === null || views === undefined ? { key: 'readers.hemmelig.keptUntilExpiry' }
          : views <= 0 ? { key: 'readers.hemmelig.deleted' }
            : { plural: 'readers.hemmelig.readsLeft', count: views },
        ...(html ? [{ key: 'readers.hemmelig.formatted' } as const] : []),
      ],
    });
  }

  return {
    precheck,
    reveal: (password?: string) => held.open(() => fetchSecret(password), (got) => open(got, password)),
    holdsCiphertext: held.holds,
    forget: () => { held.forget(); keys.clear(); },
  } satisfies ReturnType<Recognised['session']>;
}

export const hemmelig: Reader = { tool: 'hemmelig', toolName: TOOL, recognise };
