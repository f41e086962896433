// Bitwarden Send (text Sends): `https://send.bitwarden.com/#<accessId>/<key>`, or
// `https://<vault>/#/send/<accessId>/<key>` for the EU cloud and self-hosted servers. The key is
// 16 bytes; HKDF-SHA256 ("bitwarden-send", "send") makes a 64-byte key: AES-256-CBC + HMAC-SHA256
// ("EncString" type 2). Access v2 first asks the identity server for a token, which counts no
// view and so is the safe check; v1 (older servers) has none. A password is sent as its PBKDF2
// hash, and Bitwarden checks it before counting. File Sends and emailed-code Sends are refused.
import { z } from 'zod/mini';
import { fromBase64url } from '../../core/base64url';
import { err, ok, type Result } from '../../core/result';
import { badResponse, concat, fromBase64, fromUtf8, httpUrl, parseJson, pbkdf2, send, shortId, toBase64, utf8, type Bytes } from './shared';
import type { Precheck, Reader, ReaderEnv, ReaderError, Recognised, Revealed } from './types';

const TOOL = 'Bitwarden Send';
const PART = '[A-Za-z0-9_-]{22}';
/** Cloud regions: the link's host and where its API and identity servers are. */
const CLOUD: Record<string, { api: string; identity: string }> = {
  'send.bitwarden.com': { api: 'https://api.bitwarden.com', identity: 'https://identity.bitwarden.com' },
  'vault.bitwarden.com': { api: 'https://api.bitwarden.com', identity: 'https://identity.bitwarden.com' },
  'vault.bitwarden.eu': { api: 'https://api.bitwarden.eu', identity: 'https://identity.bitwarden.eu' },
};
export const SEND_KDF_ITERATIONS = 100_000;

export interface SendLink {
  url: URL;
  accessId: string;
  secret: Bytes;
  api: string;
  identity: string;
}

export function parseSendLink(href: string): SendLink | undefined {
  const url = httpUrl(href);
  if (!url) return undefined;
  const cloudShort = url.protocol === 'https:' && url.hostname === 'send.bitwarden.com' && url.pathname === '/';
  const m = url.hash.match(new RegExp(cloudShort ? `^#(${PART})/(${PART})/?$` : `^#/?send/(${PART})/(${PART})/?$`));
  if (!m) return undefined;
  const secret = fromBase64url(m[2] ?? '');
  if (!secret || secret.length !== 16 || !fromBase64url(m[1] ?? '')) return undefined;
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  const cloud = CLOUD[url.hostname];
  return {
    url, accessId: m[1] ?? '', secret: new Uint8Array(secret),
    api: cloud?.api ?? `${base}/api`,
    identity: cloud?.identity ?? `${base}/identity`,
  };
}

/** HKDF-SHA256 of the link's 16 bytes into the Send's encryption and MAC keys. */
export async function sendKeys(secret: Bytes, name = 'send', info = 'send'): Promise<{ enc: Bytes; mac: Bytes }> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(`bitwarden-${name}`), info: utf8(info) }, material, 512));
  return { enc: bits.slice(0, 32), mac: bits.slice(32) };
}

/** The access password hash: base64(PBKDF2-SHA256(UTF-8 password, the link's 16 bytes, 100,000)). */
export async function passwordHash(password: string, secret: Bytes): Promise<string> {
  return toBase64(await pbkdf2(utf8(password), secret, SEND_KDF_ITERATIONS, 'SHA-256', 256));
}

/** EncString type 2: `2.<iv>|<ciphertext>|<mac>`; MAC checked (in constant time by WebCrypto) before decrypting. */
export async function decryptEncString(text: string, keys: { enc: Bytes; mac: Bytes }): Promise<Result<Bytes, 'type' | 'mac'>> {
  const m = text.match(/^2\.([^|]+)\|([^|]+)\|([^|]+)$/);
  const iv = m ? fromBase64(m[1] ?? '') : undefined;
  const data = m ? fromBase64(m[2] ?? '') : undefined;
  const mac = m ? fromBase64(m[3] ?? '') : undefined;
  if (!iv || !data || !mac || iv.length !== 16 || mac.length !== 32) return err('type');
  const macKey = await crypto.subtle.importKey('raw', keys.mac, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  if (!await crypto.subtle.verify('HMAC', macKey, mac, concat(iv, data))) return err('mac');
  const encKey = await crypto.subtle.importKey('raw', keys.enc, 'AES-CBC', false, ['decrypt']);
  try {
    return ok(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, encKey, data)));
  } catch {
    return err('mac');
  }
}

const TokenOk = z.object({ access_token: z.string() });
const TokenError = z.object({ error: z.optional(z.string()), send_access_error_type: z.optional(z.string()) });
const Access = z.object({
  type: z.number(),
  name: z.nullish(z.string()),
  text: z.nullish(z.object({ text: z.nullish(z.string()), hidden: z.optional(z.boolean()) })),
});

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const link = parseSendLink(href);
  if (!link) return undefined;
  const origins = [...new Set([new URL(link.api).origin, new URL(link.identity).origin])];
  return ok({
    tool: 'bitwarden-send',
    toolName: TOOL,
    href,
    host: link.url.host,
    noteId: shortId(link.accessId),
    passwordNeeded: undefined,
    canPrecheck: true,
    access: {
      origins,
      cors: 'permission',
      why: `Bitwarden answers only its own web vault, so Burnlink needs access to ${origins.map((o) => new URL(o).host).join(' and ')} to read the Send.`,
      whyWords: { key: 'readers.bitwarden.why', params: { hosts: origins.map((o) => new URL(o).host) } },
    },
    beforeClick: 'Bitwarden Send: opening counts one access; when the Send\'s access limit is reached, it stops working. A password is checked before anything is counted.',
    beforeClickWords: { key: 'readers.bitwarden.beforeClick' },
    session: (env) => session(env, link),
  });
}

function session(env: ReaderEnv, link: SendLink) {
  const site = link.url.href;
  const host = new URL(link.api).host;
  /** Whether the server has token access (v2); undefined until asked. */
  let v2: boolean | undefined;
  let token: string | undefined;
  let tokenFor: string | undefined;

  const gone = (): ReaderError => ({ code: 'gone', message: 'Bitwarden says this Send is not available: it was deleted, has expired, reached its access limit, or the link is wrong.', words: { key: 'readers.bitwarden.gone' } });
  const emailed = (): ReaderError => ({ code: 'denied', site, message: 'This Send asks for a code that Bitwarden emails to you. Open it on Bitwarden\'s site.', words: { key: 'readers.bitwarden.emailed' } });
  const needPassword = (): ReaderError => ({ code: 'password_needed', message: 'This Send needs the password the sender gave you. A wrong password counts nothing.', words: { key: 'readers.bitwarden.needPassword' } });
  const wrongPassword = (): ReaderError => ({ code: 'wrong_password', message: 'Bitwarden says that password is wrong. Nothing was counted: check it and try again.', words: { key: 'readers.bitwarden.wrongPassword' } });

  /** The v2 token request: counts no access. `unavailable`: the server has no v2. */
  async function requestToken(password?: string): Promise<Result<string, ReaderError | 'unavailable'>> {
    const form = new URLSearchParams({ client_id: 'send', grant_type: 'send_access', scope: 'api.send.access', send_id: link.accessId });
    if (password !== undefined) form.set('password_hash_b64', await passwordHash(password, link.secret));
    const fetched = await send(env, TOOL, `${link.identity}/connect/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(),
    });
    if (!fetched.ok) return fetched;
    const { status, bytes } = fetched.value;
    const granted = status === 200 ? parseJson(bytes, TokenOk) : undefined;
    if (granted) return ok(granted.access_token);
    const error = parseJson(bytes, TokenError);
    switch (error?.send_access_error_type) {
      case 'password_hash_b64_required': return err(needPassword());
      case 'password_hash_b64_invalid': return err(wrongPassword());
      case 'email_required': case 'email_and_otp_required': case 'email_invalid': case 'otp_invalid': return err(emailed());
      case 'send_id_invalid': return err(gone());
    }
    return err('unavailable');
  }

  async function precheck(): Promise<Result<Precheck, ReaderError>> {
    const got = await requestToken();
    if (got.ok) {
      v2 = true; token = got.value; tokenFor = undefined;
      return ok({ checked: true, passwordNeeded: false, message: 'The Send is there.' });
    }
    if (got.error === 'unavailable') {
      v2 = false;
      return ok({ checked: false, message: 'This Bitwarden server cannot be asked about a Send without opening it.' });
    }
    if (got.error.code === 'password_needed') {
      v2 = true;
      return ok({ checked: true, passwordNeeded: true, message: 'The Send is there. It needs the password the sender gave you.' });
    }
    return err(got.error);
  }

  async function access(password: string | undefined): Promise<Result<Bytes, ReaderError>> {
    if (v2 !== false && (token === undefined || tokenFor !== password)) {
      const got = await requestToken(password);
      if (got.ok) { v2 = true; token = got.value; tokenFor = password; }
      else if (got.error === 'unavailable') v2 = false;
      else return err(got.error);
    }
    const fetched = v2
      ? await send(env, TOOL, `${link.api}/sends/access`, { method: 'POST', headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' }, body: '{}' })
      : await send(env, TOOL, `${link.api}/sends/access/${link.accessId}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(password === undefined ? {} : { password: await passwordHash(password, link.secret) }),
      });
    if (!fetched.ok) return fetched;
    const { status, bytes } = fetched.value;
    if (status === 200) return ok(bytes);
    if (status === 404) return err(gone());
    if (!v2 && status === 401) return err(password === undefined ? needPassword() : emailed());
    if (!v2 && status === 400) return err(wrongPassword());
    return err(badResponse(TOOL, host, site));
  }

  async function open(bytes: Bytes): Promise<Result<Revealed, ReaderError>> {
    const body = parseJson(bytes, Access);
    if (!body) return err(badResponse(TOOL, host, site));
    if (body.type !== 0 || !body.text?.text) {
      return err({ code: 'unsupported', site, message: 'This is a file Send. Burnlink opens text Sends only: open it on Bitwarden\'s site (nothing has been counted yet).', words: { key: 'readers.bitwarden.fileSend' } });
    }
    const keys = await sendKeys(link.secret);
    const text = await decryptEncString(body.text.text, keys);
    if (!text.ok) {
      return err(text.error === 'type'
        ? { code: 'unsupported', site, message: 'This Send uses an encryption format Burnlink does not read. Open it on Bitwarden\'s site.', words: { key: 'readers.bitwarden.format' } }
        : { code: 'damaged', site, message: 'The Send does not authenticate with the key in the link: the link is incomplete or the Send is damaged.', words: { key: 'readers.bitwarden.damaged' } });
    }
    const name = body.name ? await decryptEncString(body.name, keys) : undefined;
    return ok({
      text: fromUtf8(text.value),
      format: 'text',
      files: [],
      ...(name?.ok ? { title: fromUtf8(name.value) } : {}),
      ...(body.text.hidden ? { hidden: true } : {}),
      notes: ['Bitwarden counted this access.'],
      noteWords: [{ key: 'readers.bitwarden.counted' }],
    });
  }

  return {
    precheck,
    async reveal(password?: string) {
      // Bitwarden checks the password itself before counting, so nothing is held between tries.
      const got = await access(password === '' ? undefined : password);
      if (!got.ok) return got;
      return open(got.value);
    },
    holdsCiphertext: () => false,
    forget: () => { token = undefined; },
  } satisfies ReturnType<Recognised['session']>;
}

export const bitwardenSend: Reader = { tool: 'bitwarden-send', toolName: TOOL, recognise };
