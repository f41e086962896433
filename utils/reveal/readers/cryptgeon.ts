// cryptgeon 2.2 and later: `https://host/note/<id>#<64 hex key>`, or no fragment when the sender
// chose a password (the note's meta then carries its PBKDF2 parameters). `GET /api/notes/<id>`
// only reads the meta; `DELETE` returns the note and uses up a view. cryptgeon sends no CORS
// headers, so reading needs access to the host.
import { z } from 'zod/mini';
import { err, ok, type Result } from '../../core/result';
import { aesGcmDecrypt, badResponse, bytesFromJson, fromBase64, fromHex, fromUtf8, heldOnce, httpUrl, parseJson, pbkdf2, send, shortId, utf8, type Bytes } from './shared';
import type { Reader, ReaderEnv, ReaderError, Recognised, Revealed, RevealedFile, Words } from './types';

const TOOL = 'cryptgeon';
/** Each random byte of an id is written as two base62 characters, the first 4 to 8. */
const ID_PAIR = '[4-8][0-9A-Za-z]';
const MAX_ITERATIONS = 10_000_000;

export interface CryptgeonLink {
  url: URL;
  base: string;
  id: string;
  key?: Bytes;
}

export function parseCryptgeonLink(href: string): CryptgeonLink | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  // Without a key only the default id length (32 bytes) is accepted: a shorter `/note/<word>`
  // is far more likely to be a blog post than a password note.
  const path = url.pathname.match(new RegExp(`^(.*)/note/((?:${ID_PAIR}){4,64})/?$`));
  if (!path) return undefined;
  const id = path[2] ?? '';
  if (url.hash === '') {
    if (id.length !== 64) return undefined;
    return { url, base: `${url.origin}${path[1] ?? ''}`, id };
  }
  const key = url.hash.match(/^#([0-9a-f]{64})$/)?.[1];
  if (!key) return undefined;
  return { url, base: `${url.origin}${path[1] ?? ''}`, id, key: fromHex(key) };
}

const Derivation = z.object({
  name: z.literal('PBKDF2'),
  hash: z.enum(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']),
  iterations: z.int().check(z.minimum(1), z.maximum(MAX_ITERATIONS)),
  length: z.union([z.literal(128), z.literal(192), z.literal(256)]),
  salt: z.unknown(),
});
const Meta = z.object({ type: z.enum(['text', 'file']), derivation: z.optional(Derivation) });
const Preview = z.object({ meta: z.string() });
const Note = z.object({ meta: z.string(), contents: z.string() });
const FileEntry = z.object({ name: z.string(), size: z.optional(z.number()), type: z.optional(z.string()), contents: z.string() });

function parseMeta(text: string): z.infer<typeof Meta> | undefined {
  try {
    const parsed = Meta.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** occulto 2: `base64("AES-GCM")--base64(iv)--base64(ciphertext and tag)`. */
async function decryptOcculto(text: string, key: Bytes): Promise<Result<Bytes, 'format' | 'key'>> {
  const parts = text.split('--');
  if (parts.length !== 3 || parts[0] !== 'QUVTLUdDTQ==') return err('format');
  const iv = fromBase64(parts[1] ?? '');
  const data = fromBase64(parts[2] ?? '');
  if (!iv || !data) return err('format');
  const plain = await aesGcmDecrypt(key, iv, data);
  return plain ? ok(plain) : err('key');
}

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const link = parseCryptgeonLink(href);
  if (!link) return undefined;
  return ok({
    tool: 'cryptgeon',
    toolName: TOOL,
    href,
    host: link.url.host,
    noteId: shortId(link.id),
    passwordNeeded: link.key === undefined,
    canPrecheck: true,
    access: {
      origins: [link.url.origin],
      cors: 'permission',
      why: `cryptgeon servers answer only their own pages, so Burnlink needs access to ${link.url.host} to read the note.`,
      whyWords: { key: 'readers.cryptgeon.why', params: { host: link.url.host } },
    },
    beforeClick: link.key === undefined
      ? 'cryptgeon: this note needs the password the sender gave you. Opening uses up one of its views (usually the only one), even if the password then turns out wrong; Burnlink keeps it here so you can try again.'
      : 'cryptgeon: opening uses up one of this note\'s views; usually it has only one, and is then deleted.',
    beforeClickWords: { key: link.key === undefined ? 'readers.cryptgeon.beforeClickPassword' : 'readers.cryptgeon.beforeClick' },
    session: (env) => session(env, link),
  });
}

type Note = { meta: z.infer<typeof Meta>; contents: string };

function session(env: ReaderEnv, link: CryptgeonLink) {
  const url = `${link.base}/api/notes/${encodeURIComponent(link.id)}`;
  const site = link.url.href;
  const host = link.url.host;
  const held = heldOnce<Note>();
  let passwordNeeded = link.key === undefined;

  const gone = (): ReaderError => ({ code: 'gone', message: 'cryptgeon says this note is not there: it was already read, has expired, or the link is wrong.', words: { key: 'readers.cryptgeon.gone' } });

  async function precheck() {
    const fetched = await send(env, TOOL, url);
    if (!fetched.ok) return fetched;
    if (fetched.value.status === 404) return err(gone());
    const preview = fetched.value.status === 200 ? parseJson(fetched.value.bytes, Preview) : undefined;
    const meta = preview ? parseMeta(preview.meta) : undefined;
    if (!meta) return err(badResponse(TOOL, host, site));
    passwordNeeded = meta.derivation !== undefined;
    return ok({
      checked: true,
      passwordNeeded,
      message: `The ${meta.type === 'file' ? 'files are' : 'note is'} there.${passwordNeeded ? ' It needs the password the sender gave you.' : ''}`,
    });
  }

  async function fetchNote(): Promise<Result<Note, ReaderError>> {
    const fetched = await send(env, TOOL, url, { method: 'DELETE' });
    if (!fetched.ok) return fetched;
    const { status, bytes } = fetched.value;
    if (status === 404) return err(gone());
    if (status === 400) return err({ code: 'gone', message: 'cryptgeon says this note has expired.', words: { key: 'readers.cryptgeon.expired' } });
    const note = status === 200 ? parseJson(bytes, Note) : undefined;
    const meta = note ? parseMeta(note.meta) : undefined;
    if (!note || !meta) return err(badResponse(TOOL, host, site));
    return ok({ meta, contents: note.contents });
  }

  async function keyFor(meta: z.infer<typeof Meta>, password: string): Promise<Bytes | undefined> {
    if (!meta.derivation) return link.key;
    const salt = bytesFromJson(meta.derivation.salt);
    if (!salt || salt.length === 0) return undefined;
    const { hash, iterations, length } = meta.derivation;
    return pbkdf2(utf8(password), salt, iterations, hash, length);
  }

  async function open(note: Note, password: string): Promise<Result<Revealed, ReaderError>> {
    const key = await keyFor(note.meta, password);
    if (!key) {
      return err(note.meta.derivation
        ? { code: 'damaged', site, message: 'The note\'s password settings are damaged, so it cannot be decrypted.', words: { key: 'readers.cryptgeon.passwordSettings' } }
        : { code: 'password_needed', message: 'This note needs the password the sender gave you. Type it; the note is kept here, so trying again does not fetch it again.', words: { key: 'readers.cryptgeon.needPassword' } });
    }
    const keyFailed = (): ReaderError => note.meta.derivation
      ? { code: 'wrong_password', message: 'That password does not open this note. Check it and try again; the note is kept here, so trying again does not fetch it again.', words: { key: 'readers.cryptgeon.wrongPassword' } }
      : { code: 'damaged', site, message: 'The key in the link does not open this note: the link is incomplete or the note is damaged.', words: { key: 'readers.cryptgeon.damaged' } };
    const formatError = (): ReaderError => ({
      code: 'unsupported', site,
      message: 'This note is in a format Burnlink does not read (cryptgeon before version 2.2, or damaged). It has been opened on the server; try its own site.', words: { key: 'readers.cryptgeon.format' },
    });
    const notes = ['cryptgeon counted this view; a note with one view is now deleted.'];
    const noteWords: Words[] = [{ key: 'readers.cryptgeon.counted' }];
    if (note.meta.type === 'text') {
      const plain = await decryptOcculto(note.contents, key);
      if (!plain.ok) return err(plain.error === 'key' ? keyFailed() : formatError());
      return ok({ text: fromUtf8(plain.value), format: 'text', files: [], notes, noteWords });
    }
    let entries: Array<z.infer<typeof FileEntry>>;
    try {
      const parsed = z.array(FileEntry).safeParse(JSON.parse(note.contents));
      if (!parsed.success) return err(formatError());
      entries = parsed.data;
    } catch {
      return err(formatError());
    }
    const files: RevealedFile[] = [];
    for (const entry of entries) {
      const plain = await decryptOcculto(entry.contents, key);
      if (!plain.ok) return err(plain.error === 'key' ? keyFailed() : formatError());
      files.push({ name: entry.name, type: entry.type || 'application/octet-stream', bytes: plain.value });
    }
    return ok({ format: 'text', files, notes, noteWords });
  }

  return {
    precheck,
    async reveal(password?: string) {
      if (!held.holds() && passwordNeeded && !password) {
        return err({ code: 'password_needed', message: 'Type the password the sender gave you. Nothing has been fetched yet.', words: { key: 'readers.typePassword' } });
      }
      return held.open(fetchNote, (note) => open(note, password ?? ''));
    },
    holdsCiphertext: held.holds,
    forget: held.forget,
  } satisfies ReturnType<Recognised['session']>;
}

export const cryptgeon: Reader = { tool: 'cryptgeon', toolName: TOOL, recognise };
