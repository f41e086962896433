// Yopass: `https://host/#/s/<id>/<key>` (text) and `#/f/<id>/<key>` (file); without the key
// segment (or the legacy `#/c/<id>`, `#/d/<id>`) the sender chose a password to type. The secret
// is an OpenPGP message encrypted to a passphrase (the key string itself, or the password):
// SEIPDv1 before Yopass 14, SEIPDv2 with AES-GCM since, Argon2 S2K when the server opts in.
// openpgp is imported on demand, so it loads only where a Yopass secret is actually opened.
import { z } from 'zod/mini';
import { err, ok, type Result } from '../../core/result';
import { badResponse, baseOf, heldOnce, httpUrl, parseJson, send, shortId } from './shared';
import type { Reader, ReaderEnv, ReaderError, Recognised, Revealed, Words } from './types';

const TOOL = 'Yopass';
const ID = '[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}|[A-Za-z0-9]{22}';
const FRAGMENT = new RegExp(`^#/([sfcd])/(${ID})(?:/([^/]+))?/?$`);
/** The public instance serves its pages and its API from different hosts. */
const PUBLIC_API: Record<string, string> = {
  'yopass.se': 'https://api.yopass.se',
  'www.yopass.se': 'https://api.yopass.se',
  'share.yopass.se': 'https://api.yopass.se',
  'demo.yopass.se': 'https://api.yopass.se',
};

export interface YopassLink {
  url: URL;
  id: string;
  file: boolean;
  /** The key from the link; undefined when the sender chose a password. */
  key?: string;
  /** Where the API lives. */
  api: string;
}

export function parseYopassLink(href: string): YopassLink | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  const m = url.hash.match(FRAGMENT);
  if (!m) return undefined;
  const [, kind, id = '', rawKey] = m;
  let key: string | undefined;
  if (rawKey !== undefined) {
    if (kind === 'c' || kind === 'd') return undefined;
    try {
      key = decodeURIComponent(rawKey);
    } catch {
      return undefined;
    }
  }
  const api = PUBLIC_API[url.hostname] ?? baseOf(url, url.pathname);
  return { url, id, file: kind === 'f' || kind === 'd', ...(key === undefined ? {} : { key }), api };
}

const Status = z.object({ oneTime: z.optional(z.boolean()), requireAuth: z.optional(z.boolean()) });
const Message = z.object({ message: z.optional(z.string()) });
const SecretBody = z.object({ message: z.string(), one_time: z.optional(z.boolean()), expiration: z.optional(z.number()) });

type Held = { armored: string } | { binary: Uint8Array };

/** What a click does, said before it: with or without the password, for a secret or a file. */
const YOPASS_BEFORE_CLICK = {
  password: { secret: 'readers.yopass.beforeClickPassword', file: 'readers.yopass.beforeClickPasswordFile' },
  key: { secret: 'readers.yopass.beforeClick', file: 'readers.yopass.beforeClickFile' },
} as const;

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const link = parseYopassLink(href);
  if (!link) return undefined;
  const apiOrigin = new URL(link.api).origin;
  const publicInstance = apiOrigin === 'https://api.yopass.se';
  return ok({
    tool: 'yopass',
    toolName: TOOL,
    href,
    host: link.url.host,
    noteId: shortId(link.id),
    passwordNeeded: link.key === undefined,
    canPrecheck: true,
    access: publicInstance
      ? {
        origins: [apiOrigin], cors: 'permission',
        why: 'The public Yopass API answers only its own pages, so Burnlink needs access to api.yopass.se to read it.',
        whyWords: { key: 'readers.yopass.whyPublic' },
      }
      : {
        origins: [apiOrigin], cors: 'open',
        why: 'Yopass servers answer any site by default, so no extra access is needed (unless this server was set up otherwise).',
        whyWords: { key: 'readers.yopass.whyOpen' },
      },
    beforeClick: link.key === undefined
      ? `Yopass: this ${link.file ? 'file' : 'secret'} needs the password the sender gave you. Opening fetches it, and a one-time secret is deleted on the server even if the password then turns out wrong; Burnlink keeps it here so you can try the password again.`
      : `Yopass: opening fetches this ${link.file ? 'file' : 'secret'}; a one-time secret is deleted on the server at that moment.`,
    beforeClickWords: { key: YOPASS_BEFORE_CLICK[link.key === undefined ? 'password' : 'key'][link.file ? 'file' : 'secret'] },
    session: (env) => session(env, link),
  });
}

function session(env: ReaderEnv, link: YopassLink) {
  const kind = link.file ? 'file' : 'secret';
  const url = `${link.api}/${kind}/${encodeURIComponent(link.id)}`;
  const host = new URL(link.api).host;
  const site = link.url.href;
  const held = heldOnce<Held>();
  let oneTime: boolean | undefined;

  const gone = (): ReaderError => ({
    code: 'gone',
    message: 'Yopass says this secret is not there: it was already read, has expired, or the link is wrong.', words: { key: 'readers.yopass.gone' },
  });
  const signIn = (): ReaderError => ({
    code: 'denied', site,
    message: 'This Yopass secret is only for people signed in to that Yopass server. Open it on its own site.', words: { key: 'readers.yopass.signIn' },
  });

  async function precheck() {
    const fetched = await send(env, TOOL, `${url}/status`);
    if (!fetched.ok) return fetched;
    const { status, bytes } = fetched.value;
    const answer = status === 200 ? parseJson(bytes, Status) : undefined;
    if (answer) {
      if (answer.requireAuth) return err(signIn());
      const passwordNeeded = link.key === undefined;
      return ok({
        checked: true,
        passwordNeeded,
        views: answer.oneTime === false ? null : 1,
        message: answer.oneTime === false
          ? 'The secret is there. It stays readable until it expires.'
          : 'The secret is there and can be read once.',
      });
    }
    if (status === 404 && parseJson(bytes, Message)?.message) return err(gone());
    return ok({ checked: false, message: 'This Yopass server does not offer a check, so Burnlink cannot tell whether the secret is still there.' });
  }

  async function fetchSecret(): Promise<Result<Held, ReaderError>> {
    const fetched = await send(env, TOOL, url);
    if (!fetched.ok) return fetched;
    const { status, bytes, contentType } = fetched.value;
    if (status === 404) return err(gone());
    if (status === 401 || status === 403) return err(signIn());
    if (status !== 200) return err(badResponse(TOOL, host, site));
    // Files since Yopass 14 come as binary OpenPGP; everything else as JSON around armored text.
    if (link.file && contentType.startsWith('application/octet-stream')) return ok({ binary: bytes });
    const body = parseJson(bytes, SecretBody);
    if (!body) return err(badResponse(TOOL, host, site));
    oneTime = body.one_time;
    return ok({ armored: body.message });
  }

  async function open(secret: Held, passphrase: string, typed: boolean): Promise<Result<Revealed, ReaderError>> {
    const openpgp = await import('openpgp/lightweight');
    let message;
    try {
      message = 'armored' in secret
        ? await openpgp.readMessage({ armoredMessage: secret.armored })
        : await openpgp.readMessage({ binaryMessage: secret.binary });
    } catch {
      return err({ code: 'damaged', site, message: 'What Yopass sent is not an OpenPGP message, so it cannot be decrypted. It may be damaged.', words: { key: 'readers.yopass.notPgp' } });
    }
    const notes = oneTime === false ? [] : ['Yopass deleted this secret when it was read: the link no longer works.'];
    const noteWords: Words[] = oneTime === false ? [] : [{ key: 'readers.yopass.deleted' }];
    try {
      if (link.file) {
        const { data, filename } = await openpgp.decrypt({ message, passwords: [passphrase], format: 'binary' });
        return ok({ format: 'text', files: [{ name: filename || 'yopass-file', type: 'application/octet-stream', bytes: data }], notes, noteWords });
      }
      const { data } = await openpgp.decrypt({ message, passwords: [passphrase], format: 'utf8' });
      return ok({ text: data, format: 'text', files: [], notes, noteWords });
    } catch {
      return typed
        ? err({ code: 'wrong_password', message: 'That password does not open this secret. Check it and try again; the secret is kept here, so trying again does not fetch it again.', words: { key: 'readers.yopass.wrongPassword' } })
        : err({ code: 'damaged', site, message: 'The key in the link does not open this secret: the link is incomplete or the secret is damaged.', words: { key: 'readers.yopass.damaged' } });
    }
  }

  return {
    precheck,
    async reveal(password?: string) {
      const typed = link.key === undefined;
      const passphrase = link.key ?? password ?? '';
      if (typed && passphrase.length === 0) {
        return err({ code: 'password_needed', message: 'Type the password the sender gave you. Nothing has been fetched yet.', words: { key: 'readers.typePassword' } });
      }
      return held.open(fetchSecret, (secret) => open(secret, passphrase, typed));
    },
    holdsCiphertext: held.holds,
    forget: held.forget,
  } satisfies ReturnType<Recognised['session']>;
}

export const yopass: Reader = { tool: 'yopass', toolName: TOOL, recognise };
