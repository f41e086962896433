// Valid-shaped credentials for every recogniser, made the way their issuers make them (checksums,
// structure), from a seeded generator so a failing case can be replayed. Used by the unit tests
// and by bench/guard.ts. None of these is a real credential.
import { BASE62, crc32, encodeNumber } from '../../utils/guard/checks';
import type { RuleId } from '../../utils/guard/rules';

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same samples. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const ALNUM = UPPER + LOWER + DIGITS;
export const BASE64URL = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;
const BASE32 = `${UPPER}234567`;
const BASE36 = DIGITS + LOWER;
/** What password generators draw from (no quotes, spaces or backslashes). */
export const PASSWORD_CHARS = `${ALNUM}!@#$%^*-_+=?~.:`;

export const int = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const chars = (r: Random, n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
const bytes = (r: Random, n: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
const binary = (data: Uint8Array) => String.fromCharCode(...data);
export const base64 = (data: Uint8Array) => btoa(binary(data));
export const base64url = (data: Uint8Array | string) =>
  btoa(typeof data === 'string' ? data : binary(data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A GitHub-style token: prefix, 30 random base62 characters, base62 CRC-32 of them. */
export function githubStyle(r: Random, prefix: string): string {
  const random = chars(r, 30, BASE62);
  return prefix + random + encodeNumber(crc32(random), BASE62, 6);
}

/** A GitLab routable token as GitLab's generator makes it (with or without the version field). */
export function gitlabRoutable(r: Random, prefix: string, versioned = true): string {
  const routing = `o:${int(r, 1, 99999).toString(36)}\nu:${int(r, 1, 9999999).toString(36)}`;
  const payload = base64url(`${routing}${binary(bytes(r, 16))}${String.fromCharCode(16)}`);
  const length = payload.length.toString(36).padStart(2, '0');
  const body = `${prefix}${payload}.${versioned ? '01.' : ''}${length}`;
  return body + encodeNumber(crc32(body), BASE36, 7);
}

/** A macaroon in the libmacaroons v2 binary format, as PyPI issues them. */
export function pypiToken(r: Random, location = 'pypi.org'): string {
  const field = (type: number, data: Uint8Array | string) => {
    const raw = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return [type, raw.length, ...raw];
  };
  const id = `${chars(r, 8, HEX)}-${chars(r, 4, HEX)}-4${chars(r, 3, HEX)}-a${chars(r, 3, HEX)}-${chars(r, 12, HEX)}`;
  const caveat = pick(r, ['{"version": 1, "permissions": "user"}', `[3,"${id}"]`, `{"version": 1, "permissions": {"projects": ["pkg${int(r, 1, 999)}"]}}`]);
  const macaroon = [2, ...field(1, location), ...field(2, id), 0, ...field(2, caveat), 0, 0, ...field(6, bytes(r, 32))];
  return `pypi-${base64url(Uint8Array.from(macaroon))}`;
}

/** A PEM or OpenSSH private key block with random key material. */
export function privateKey(r: Random, lineBreak = '\n'): string {
  const label = pick(r, ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'DSA PRIVATE KEY']);
  const body = base64(bytes(r, label.startsWith('EC') ? 121 : int(r, 400, 1700)));
  const lines = body.match(/.{1,64}/g)!.join(lineBreak);
  return `-----BEGIN ${label}-----${lineBreak}${lines}${lineBreak}-----END ${label}-----`;
}

export function jwt(r: Random): string {
  const alg = pick(r, ['HS256', 'RS256', 'ES256', 'HS512']);
  const header = base64url(JSON.stringify(pick(r, [{ alg, typ: 'JWT' }, { typ: 'JWT', alg }, { alg, kid: chars(r, 8, ALNUM), typ: 'JWT' }])));
  const now = 1_700_000_000 + int(r, 0, 50_000_000);
  const payload = base64url(JSON.stringify({ sub: pick(r, [String(int(r, 1, 1e9)), `user_${chars(r, 10, ALNUM)}`]), iat: now, exp: now + 3600, ...(r() < 0.5 ? { scope: 'read write' } : {}) }));
  const sigBytes = alg === 'RS256' ? 256 : alg === 'ES256' ? 64 : alg === 'HS512' ? 64 : 32;
  return `${header}.${payload}.${base64url(bytes(r, sigBytes))}`;
}

function serviceAccount(r: Random): string {
  const project = `${pick(r, ['billing', 'data', 'api', 'prod'])}-${chars(r, 6, DIGITS + LOWER)}`;
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: chars(r, 40, HEX),
    private_key: `${privateKey(r).replace(/RSA PRIVATE|EC PRIVATE|OPENSSH PRIVATE|ENCRYPTED PRIVATE|DSA PRIVATE/g, 'PRIVATE')}\n`,
    client_email: `deployer@${project}.iam.gserviceaccount.com`,
    client_id: chars(r, 21, DIGITS),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  }, null, r() < 0.5 ? 2 : undefined);
}

/** A random password as a generator would make it: at least one letter and one digit. */
export function password(r: Random, min = 10, max = 32): string {
  for (;;) {
    const value = chars(r, int(r, min, max), PASSWORD_CHARS);
    if (/[A-Za-z]/.test(value) && /\d/.test(value)) return value;
  }
}

export interface Sample {
  /** The smallest text holding the credential (some formats are only recognised in context). */
  text: string;
  /** Exactly what the recogniser should report. */
  secret: string;
}

const bare = (secret: string): Sample => ({ text: secret, secret });

/** One valid-shaped credential per rule. */
export const SAMPLES: Record<RuleId, (r: Random) => Sample> = {
  'aws-access-key': (r) => bare(pick(r, ['AKIA', 'ASIA', 'ABIA', 'ACCA']) + chars(r, 16, BASE32)),
  'aws-secret-key': (r) => {
    const secret = chars(r, 40, BASE64);
    const id = `AKIA${chars(r, 16, BASE32)}`;
    return {
      secret,
      text: pick(r, [
        `aws_secret_access_key = ${secret}`,
        `AWS_SECRET_ACCESS_KEY=${secret}`,
        `"SecretAccessKey": "${secret}"`,
        `${id},${secret}`,
        `${id}:${secret}`,
      ]),
    };
  },
  'github-pat': (r) => bare(githubStyle(r, 'ghp_')),
  'github-fine-grained': (r) => bare(`github_pat_11${chars(r, 20, UPPER + DIGITS)}_${chars(r, 59, BASE62)}`),
  'github-oauth': (r) => bare(githubStyle(r, 'gho_')),
  'github-app': (r) => bare(githubStyle(r, pick(r, ['ghu_', 'ghs_']))),
  'github-refresh': (r) => bare(githubStyle(r, 'ghr_')),
  'gitlab-pat': (r) => bare(pick(r, [0, 1, 2]) === 0 ? `glpat-${chars(r, 20, BASE64URL)}` : gitlabRoutable(r, 'glpat-', r() < 0.7)),
  'gitlab-token': (r) => bare(pick(r, [
    () => `${pick(r, ['gldt-', 'glft-', 'glsoat-', 'glffct-', 'glrt-'])}${chars(r, 20, BASE64URL)}`,
    () => `glimt-${chars(r, 25, BASE64URL)}`,
    () => `glagent-${chars(r, 50, BASE64URL)}`,
    () => `gloas-${chars(r, 64, BASE64URL)}`,
    () => `glptt-${chars(r, 40, HEX)}`,
    () => `glcbt-${chars(r, int(r, 1, 5), ALNUM)}_${chars(r, 20, BASE64URL)}`,
    () => gitlabRoutable(r, `glrt-t${int(r, 1, 3)}_`),
  ])()),
  'slack-bot': (r) => bare(`xoxb-${chars(r, int(r, 10, 13), DIGITS)}-${chars(r, int(r, 10, 13), DIGITS)}-${chars(r, 24, ALNUM)}`),
  'slack-user': (r) => bare(`xoxp-${chars(r, int(r, 10, 13), DIGITS)}-${chars(r, int(r, 10, 13), DIGITS)}-${chars(r, int(r, 10, 13), DIGITS)}-${chars(r, 32, HEX)}`),
  'slack-app': (r) => bare(`xapp-1-A${chars(r, 10, UPPER + DIGITS)}-${chars(r, 13, DIGITS)}-${chars(r, 64, HEX)}`),
  'slack-config': (r) => bare(r() < 0.5 ? `xoxe.xox${pick(r, ['b', 'p'])}-1-${chars(r, 166, ALNUM)}` : `xoxe-1-${chars(r, 146, ALNUM)}`),
  'slack-webhook': (r) => bare(`https://hooks.slack.com/services/T${chars(r, int(r, 8, 10), UPPER + DIGITS)}/B${chars(r, int(r, 8, 10), UPPER + DIGITS)}/${chars(r, 24, ALNUM)}`),
  'stripe-live': (r) => bare(`sk_live_${chars(r, pick(r, [24, 99]), ALNUM)}`),
  'stripe-restricted': (r) => bare(`rk_live_${chars(r, pick(r, [24, 99]), ALNUM)}`),
  'openai': (r) => bare(r() < 0.7
    ? `sk-${pick(r, ['proj', 'svcacct', 'admin'])}-${chars(r, 74, BASE64URL)}T3BlbkFJ${chars(r, 74, BASE64URL)}`
    : `sk-${chars(r, 20, ALNUM)}T3BlbkFJ${chars(r, 20, ALNUM)}`),
  'anthropic': (r) => bare(`sk-ant-${pick(r, ['api03', 'admin01'])}-${chars(r, 93, BASE64URL)}AA`),
  'google-api-key': (r) => bare(`AIza${chars(r, 35, BASE64URL)}`),
  'google-service-account': (r) => bare(serviceAccount(r)),
  'azure-storage': (r) => bare(`DefaultEndpointsProtocol=https;AccountName=${chars(r, int(r, 3, 24), LOWER + DIGITS)};AccountKey=${base64(bytes(r, 64))}${r() < 0.7 ? ';EndpointSuffix=core.windows.net' : ''}`),
  'twilio': (r) => {
    const secret = chars(r, 32, r() < 0.5 ? HEX : ALNUM);
    return { secret, text: pick(r, [`AC${chars(r, 32, HEX)}:${secret}`, `TWILIO_AUTH_TOKEN=${secret}`, `SK${chars(r, 32, HEX)} ${secret}`, `twilio_api_secret: "${secret}"`]) };
  },
  'sendgrid': (r) => bare(`SG.${chars(r, 22, BASE64URL)}.${chars(r, 43, BASE64URL)}`),
  'npm': (r) => bare(githubStyle(r, 'npm_')),
  'pypi': (r) => bare(pypiToken(r, r() < 0.8 ? 'pypi.org' : 'test.pypi.org')),
  'docker-hub': (r) => bare(`dckr_pat_${chars(r, 27, BASE64URL)}`),
  'digitalocean': (r) => bare(`${pick(r, ['dop', 'doo', 'dor'])}_v1_${chars(r, 64, HEX)}`),
  'shopify': (r) => bare(`${pick(r, ['shpat', 'shpca', 'shppa', 'shpss'])}_${chars(r, 32, HEX)}`),
  'jwt': (r) => bare(jwt(r)),
  'private-key': (r) => bare(privateKey(r, r() < 0.8 ? '\n' : '\r\n')),
  'database-url': (r) => {
    const scheme = pick(r, ['postgres', 'postgresql', 'mysql', 'mongodb+srv', 'mongodb', 'redis', 'rediss', 'amqps', 'mssql']);
    const pass = encodeURIComponent(password(r, 12, 28)).replace(/[!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const host = pick(r, ['db.internal', `${chars(r, 8, LOWER)}.rds.amazonaws.com`, '10.0.3.17', `cluster0.${chars(r, 5, LOWER + DIGITS)}.mongodb.net`, 'localhost']);
    return bare(`${scheme}://${pick(r, ['app', 'admin', 'deploy', `svc_${chars(r, 4, LOWER)}`])}:${pass}@${host}${pick(r, ['', ':5432', ':6379'])}/${pick(r, ['app', 'prod', '0', 'orders?sslmode=require'])}`);
  },
  'password-assignment': (r) => {
    const secret = password(r);
    const name = pick(r, ['password', 'DB_PASSWORD', 'db_password', 'secret', 'client_secret', 'API_KEY', 'apiKey', 'access_token', 'SECRET_KEY', 'passwd', 'private_key', 'auth_token']);
    return {
      secret,
      text: pick(r, [`${name}=${secret}`, `${name}: ${secret}`, `${name} = "${secret}"`, `"${name}": "${secret}"`, `${name}: '${secret}'`, `${name} := "${secret}"`]),
    };
  },
};

/** Sentences and files around a credential, as people paste them. */
export const CONTEXTS: readonly ((secret: string) => string)[] = [
  (s) => s,
  (s) => `here you go: ${s}`,
  (s) => `Hi Sam, the staging one is ${s} — rotate it after the demo please.\n`,
  (s) => `\`${s}\``,
  (s) => `(${s}).`,
  (s) => `export VALUE="${s}"\n`,
  (s) => `{\n  "value": "${s}",\n  "region": "eu-west-1"\n}`,
  (s) => `> ${s}\n\nthanks!`,
  (s) => `<td>${s}</td>`,
];
