// PrivateBin 1.3 and later ("v2" documents): `https://host/path/?<16 hex>#[-]<base58 key>`.
// Every JSON read of a burn-after-reading paste deletes it, with or without the right password,
// and there is no way to ask about a paste without reading it: so nothing is requested before
// the click, and the fetched paste stays in memory for the password prompt.
import { z } from 'zod/mini';
import { err, ok, type Result } from '../../core/result';
import { aesGcmDecrypt, badResponse, concat, fromBase64, heldOnce, httpUrl, parseJson, send, shortId, type Bytes } from './shared';
import type { Reader, ReaderEnv, ReaderError, Recognised, Revealed, RevealedFile, Words } from './types';

const TOOL = 'PrivateBin';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Inflated pastes larger than this are refused (a paste is limited to 10 MB by default). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ITERATIONS = 5_000_000;

/** Base58 (Bitcoin alphabet) to bytes, left-padded to 32 as PrivateBin does; undefined if not a 32-byte key. */
export function base58Key(text: string): Bytes | undefined {
  let n = 0n;
  for (const c of text) {
    const digit = BASE58.indexOf(c);
    if (digit < 0) return undefined;
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  // Leading '1's are leading zero bytes; PrivateBin pads to 32 bytes anyway.
  if (bytes.length > 32) return undefined;
  return concat(new Uint8Array(32 - bytes.length), Uint8Array.from(bytes));
}

/**
 * PrivateBin's password bytes: one byte per code point, the low byte of its first UTF-16 unit
 * (`Uint8Array.from(password, c => c.charCodeAt(0))`): Latin-1 for `ä`, 0x3D for 🔑. Not UTF-8.
 */
export function passwordBytes(password: string): Bytes {
  return Uint8Array.from(password, (c) => c.charCodeAt(0) & 0xff);
}

/** JS-string bytes as PrivateBin's stringToArraybuffer makes them (one byte per UTF-16 unit). */
const stringBytes = (text: string): Bytes => Uint8Array.from({ length: text.length }, (_, i) => text.charCodeAt(i) & 0xff);

const Spec = z.tuple([z.string(), z.string(), z.int(), z.int(), z.int(), z.string(), z.string(), z.string()]);
const Adata = z.tuple([Spec, z.string(), z.int(), z.int()]);
const Comment = z.object({ v: z.literal(2), ct: z.string(), adata: Spec });
const Paste = z.object({
  status: z.literal(0),
  v: z.literal(2),
  ct: z.string(),
  adata: Adata,
  comments: z.optional(z.array(z.unknown())),
});
const Status = z.object({ status: z.number(), v: z.optional(z.number()), message: z.optional(z.string()) });
const Plain = z.object({
  paste: z.optional(z.string()),
  attachment: z.optional(z.union([z.string(), z.array(z.string())])),
  attachment_name: z.optional(z.union([z.string(), z.array(z.string())])),
});
const CommentPlain = z.object({ comment: z.string(), nickname: z.optional(z.string()) });

/**
 * The link shape, host-agnostic: the id is a query parameter of its own with an empty value,
 * other parameters may surround it; the key follows `#` or `#-` (the burn hint) and may be
 * followed by `&...` that redirectors append.
 */
export function parsePrivateBinLink(href: string): { url: URL; id: string; key: Bytes; burnHint: boolean } | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  const id = url.search.slice(1).split('&').find((p) => /^[a-f0-9]{16}$/.test(p));
  const fragment = url.hash.match(/^#(-?)([1-9A-HJ-NP-Za-km-z]{32,44})(?:&.*)?$/);
  if (!id || !fragment) return undefined;
  const key = base58Key(fragment[2] ?? '');
  if (!key) return undefined;
  return { url, id, key, burnHint: fragment[1] === '-' };
}

async function inflateRaw(bytes: Bytes): Promise<Bytes | undefined> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks: Bytes[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_INFLATED_BYTES) { await reader.cancel(); return undefined; }
      chunks.push(value);
    }
    return concat(...chunks);
  } catch {
    return undefined;
  }
}

/** Decrypts one v2 ciphertext with its spec; undefined when the key (or password) does not open it. */
async function decryptV2(spec: z.infer<typeof Spec>, adata: unknown, ct: string, key: Bytes, password: string): Promise<Result<Bytes, 'key' | 'format'>> {
  const [ivText, saltText, iterations, keySize, tagSize, cipher, mode, compression] = spec;
  const iv = fromBase64(ivText);
  const salt = fromBase64(saltText);
  const data = fromBase64(ct);
  if (!iv || !salt || !data || cipher !== 'aes' || mode !== 'gcm' || !['zlib', 'none'].includes(compression)
    || ![128, 192, 256].includes(keySize) || ![96, 104, 112, 120, 128].includes(tagSize)
    || iterations < 1 || iterations > MAX_ITERATIONS) {
    return err('format');
  }
  const material = await crypto.subtle.importKey('raw', concat(key, passwordBytes(password)), 'PBKDF2', false, ['deriveBits']);
  const aesKey = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, material, keySize));
  const plain = await aesGcmDecrypt(aesKey, iv, data, { additionalData: stringBytes(JSON.stringify(adata)), tagLength: tagSize });
  if (!plain) return err('key');
  if (compression === 'none') return ok(plain);
  const inflated = await inflateRaw(plain);
  return inflated ? ok(inflated) : err('format');
}

/** `data:<type>;base64,<bytes>` as written by FileReader.readAsDataURL. */
function fromDataUri(uri: string, name: string): RevealedFile | undefined {
  const m = uri.match(/^data:([^;,]*)(?:;[^,;]*)*;base64,([A-Za-z0-9+/]*={0,2})$/);
  const bytes = m ? fromBase64(m[2] ?? '') : undefined;
  if (!m || !bytes) return undefined;
  return { name, type: m[1] || 'application/octet-stream', bytes };
}

const listOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function reader(): Reader {
  return { tool: 'privatebin', toolName: TOOL, recognise };
}

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const parsed = parsePrivateBinLink(href);
  if (!parsed) return undefined;
  const { url, id, key, burnHint } = parsed;
  // The page's own address: PrivateBin answers API reads there (`/paste/` stays `/paste/`).
  const base = `${url.origin}${url.pathname}`;
  const site = href;
  return ok({
    tool: 'privatebin',
    toolName: TOOL,
    href,
    host: url.host,
    noteId: shortId(id),
    passwordNeeded: undefined,
    canPrecheck: false,
    access: {
      origins: [url.origin],
      cors: 'open',
      why: 'PrivateBin answers any site for a plain read, so no extra access is needed.',
      whyWords: { key: 'readers.privatebin.why' },
    },
    beforeClick: burnHint
      ? 'PrivateBin: opening burns this paste, even if it turns out to need a password you do not have. PrivateBin has no way to check a paste without opening it.'
      : 'PrivateBin: opening reads this paste. If it was set to burn after reading, it is deleted, even if it needs a password you do not have. PrivateBin has no way to check a paste without opening it.',
    beforeClickWords: { key: burnHint ? 'readers.privatebin.beforeClickBurn' : 'readers.privatebin.beforeClick' },
    session: (env) => session(env, base, id, key, site, url.host),
  });
}

function session(env: ReaderEnv, base: string, id: string, key: Bytes, site: string, host: string) {
  const held = heldOnce<z.infer<typeof Paste>>();

  async function fetchPaste(): Promise<Result<z.infer<typeof Paste>, ReaderError>> {
    // A simple request (only the CORS-safelisted Accept header): PrivateBin does not answer
    // preflights, and `Accept: application/json` is what makes it treat the GET as an API read.
    const fetched = await send(env, TOOL, `${base}?pasteid=${id}`, { headers: { accept: 'application/json' } });
    if (!fetched.ok) return fetched;
    const paste = parseJson(fetched.value.bytes, Paste);
    if (paste) return ok(paste);
    const status = parseJson(fetched.value.bytes, Status);
    if (status && status.status !== 0) {
      return err({ code: 'gone', message: 'PrivateBin says this paste does not exist any more: it was already read, has expired, or was deleted.', words: { key: 'readers.privatebin.gone' } });
    }
    if (status?.v === 1) {
      return err({ code: 'unsupported', site, message: 'This is an old PrivateBin v1 (ZeroBin) paste, which Burnlink does not open. Open it on its own site.', words: { key: 'readers.privatebin.v1' } });
    }
    return err(badResponse(TOOL, host, site));
  }

  async function open(paste: z.infer<typeof Paste>, password: string): Promise<Result<Revealed, ReaderError>> {
    const [spec, formatter, , burn] = paste.adata;
    const opened = await decryptV2(spec, paste.adata, paste.ct, key, password);
    if (!opened.ok) {
      if (opened.error === 'format') {
        return err({ code: 'damaged', site, message: 'This paste uses encryption settings PrivateBin itself does not produce, or it is damaged. Burnlink did not open it.', words: { key: 'readers.privatebin.settings' } });
      }
      if (password.length === 0) {
        return err({
          code: 'password_needed',
          message: 'The key in the link alone does not open this paste: it needs a password (or the link is damaged). Type the password; the paste is kept here, so trying again does not read it again.', words: { key: 'readers.privatebin.needPassword' },
        });
      }
      return err({ code: 'wrong_password', message: 'That password does not open this paste. Check it and try again; the paste is kept here, so trying again does not read it again.', words: { key: 'readers.privatebin.wrongPassword' } });
    }
    const plain = parseJson(opened.value, Plain);
    if (!plain) return err({ code: 'damaged', site, message: 'The paste decrypted but its content is not what PrivateBin writes. It may be damaged.', words: { key: 'readers.privatebin.content' } });
    const names = listOf(plain.attachment_name);
    const files: RevealedFile[] = [];
    const notes: string[] = [];
    const noteWords: Words[] = [];
    listOf(plain.attachment).forEach((uri, i) => {
      const file = fromDataUri(uri, names[i] ?? `attachment-${i + 1}`);
      if (file) files.push(file);
      else {
        notes.push(`Attachment ${i + 1} could not be read.`);
        noteWords.push({ key: 'readers.privatebin.attachmentUnread', params: { number: i + 1 } });
      }
    });
    const comments = await openComments(paste.comments ?? [], password);
    if (comments.failed > 0) {
      notes.push(`${comments.failed} comment${comments.failed === 1 ? '' : 's'} could not be decrypted.`);
      noteWords.push({ plural: 'readers.privatebin.commentsUnread', count: comments.failed });
    }
    if (burn === 1) {
      notes.push('PrivateBin deleted this paste when it was read: the link no longer works.');
      noteWords.push({ key: 'readers.privatebin.deleted' });
    }
    return ok({
      text: plain.paste,
      format: formatter === 'markdown' ? 'markdown' : formatter === 'syntaxhighlighting' ? 'code' : 'text',
      files,
      ...(comments.list.length > 0 ? { comments: comments.list } : {}),
      notes,
      noteWords,
    });
  }

  async function openComments(raw: unknown[], password: string) {
    const list: Array<{ nickname: string; text: string }> = [];
    let failed = 0;
    for (const item of raw) {
      const comment = Comment.safeParse(item);
      // A comment's associated data is its spec alone.
      const opened = comment.success ? await decryptV2(comment.data.adata, comment.data.adata, comment.data.ct, key, password) : undefined;
      const plain = opened?.ok ? parseJson(opened.value, CommentPlain) : undefined;
      if (plain) list.push({ nickname: plain.nickname ?? '', text: plain.comment });
      else failed++;
    }
    return { list, failed };
  }

  return {
    precheck: async () => ok({ checked: false, message: 'PrivateBin has no way to check a paste without opening it.' }),
    reveal: (password?: string) => held.open(fetchPaste, (paste) => open(paste, password ?? '')),
    holdsCiphertext: held.holds,
    forget: held.forget,
  };
}

export const privatebin: Reader = reader();
