// The recognisers: one rule per credential format, each with the shape its issuer documents and,
// where the format has one, its checksum or structure. Shared by the paste guard, the page scan,
// the tests and the benchmark. No imports beyond ./checks: this ships in the content script.
import {
  decodeBase64, entropy, flatObjectAround, hasBase62Crc, isGitlabRoutable, isJwt, isMacaroonV2,
  isPlaceholderValue, looksRandom,
} from './checks';

/** Where the secret sits in the text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

interface Matcher {
  /** Global regular expression (with `d` where the secret is a capture group). */
  pattern: RegExp;
  /**
   * A string any match contains, checked first where the pattern is costly to run. Most patterns
   * are not: the regex engine scans faster than a round of string searches would.
   */
  requires?: string;
}

export interface Rule {
  id: string;
  /** What people call it: "GitHub personal access token". */
  name: string;
  /** Takes "an" rather than "a". */
  an?: boolean;
  /** The service, to group rules in the settings. */
  service: string;
  matchers: readonly Matcher[];
  /**
   * The span of the secret in a match (`true`: the whole match), or `false` when the candidate
   * fails the format's checks. Without it every match is a secret.
   */
  accept?(match: RegExpExecArray, text: string): Span | boolean;
  /** Keyword-and-entropy rules: they give way to any format-specific finding they overlap. */
  generic?: boolean;
}

/** How a finding is named for people: "a GitHub personal access token". */
export const kindOf = (rule: Rule): string => `${rule.an ? 'an' : 'a'} ${rule.name}`;

// Token boundaries: a token is not part of a longer run of its own characters.
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const re = (source: string, flags = 'g') => new RegExp(source, flags);
const one = (source: string, flags?: string): Matcher[] => [{ pattern: re(source, flags) }];

/** The span of capture group `group` (the pattern needs the `d` flag). */
function groupSpan(match: RegExpExecArray, group: number): Span | undefined {
  const at = match.indices?.[group];
  return at ? { start: at[0], end: at[1] } : undefined;
}

/** A GitHub-style token whose last six characters are the base62 CRC-32 of its random part. */
const githubStyle = <I extends string>(id: I, name: string, prefixes: string[], service = 'GitHub'): Rule & { id: I } => ({
  id,
  name,
  service,
  matchers: one(`(?<![A-Za-z0-9_])(?:${prefixes.join('|')})[A-Za-z0-9]{36}(?![A-Za-z0-9_])`),
  accept: (m) => hasBase62Crc(m[0], m[0].indexOf('_') + 1),
});

/**
 * A prefixed token without a checksum: refused when its random part (after `prefix` characters,
 * or with `prefix` -1 its last `-` segment) looks made up by hand.
 */
const prefixed = <I extends string>(id: I, name: string, service: string, source: string, prefix: number): Rule & { id: I } => ({
  id,
  name,
  service,
  matchers: one(source),
  accept: (m) => looksRandom(prefix < 0 ? m[0].slice(m[0].lastIndexOf('-') + 1) : m[0].slice(prefix)),
});

/** The well-known storage key of Microsoft's local emulator (Azurite), published in its docs. */
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** jwt.io's example token, in countless docs: its payload names John Doe. */
const JWT_IO_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

/** Schemes of databases and message brokers whose URLs carry a password, ending where `://` begins. */
const DB_SCHEME = /(?:^|[^A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|valkey|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdbs?|nats|mqtts?|kafka|ldaps?|neo4j(?:\+s)?|bolt|jdbc:[a-z]+)$/i;

/** Characters a URL does not run over: white space, quotes, angle brackets. */
const ENDS_URL = new Set([...' \t\n\r\f\v"\'<>`'].map((c) => c.charCodeAt(0)));

/**
 * The database URL around a match that starts at its `://` or at a `password=` in its query:
 * its span, from the scheme to the last URL character, or undefined when the scheme is not one.
 */
function databaseUrlAround(text: string, at: number, end: number): Span | undefined {
  let start = at;
  while (start > 0 && at - start < 1024 && !ENDS_URL.has(text.charCodeAt(start - 1))) start--;
  const scheme = text.lastIndexOf('://', at);
  if (scheme < start) return undefined;
  const before = DB_SCHEME.exec(text.slice(Math.max(start, scheme - 24), scheme));
  if (!before) return undefined;
  const from = scheme - before[0].length + (/^[A-Za-z]/.test(before[0]) ? 0 : 1);
  return { start: from, end: trimEnd(text, from, end) };
}

/** Host names that documentation uses. */
const EXAMPLE_HOST = /(?:^|\.)(?:example(?:\.(?:com|org|net))?|host(?:name)?|your[\w-]*|my[\w-]*host|server|domain)(?::\d+)?$|^<|^\$|^\{/i;

/** A database URL's password, its user and host, percent-decoded where it can be. */
function urlCredentials(url: string): { user: string; password: string; raw: string; host: string } | undefined {
  const m = /^[^:]+(?::[a-z]+)?:\/\/([^:@/?#]*):([^@/?#]+)@([^/?#]+)/i.exec(url) ?? undefined;
  const query = /[?&;](?:password|pwd)=([^&;#]+)/i.exec(url) ?? undefined;
  const host = m?.[3] ?? /:\/\/(?:[^@/?#]*@)?([^/?#]+)/.exec(url)?.[1] ?? '';
  const user = m?.[1] ?? /[?&;]user(?:name)?=([^&;#]+)/i.exec(url)?.[1] ?? '';
  const password = m?.[2] ?? query?.[1];
  if (password === undefined) return undefined;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { user: decode(user), password: decode(password), raw: password, host };
}

/** Trailing punctuation that ends a sentence, not a URL or a connection string. */
const trimEnd = (text: string, start: number, end: number): number => {
  let e = end;
  while (e > start && /[.,;:!?)\]}]/.test(text[e - 1]!)) e--;
  return e;
};

/** Name endings that say the value is about a secret, not the secret: ids, names, types, hashes. */
const NOT_THE_SECRET = /(?:id|ids|name|type|url|uri|path|file|length|len|count|header|field|env|var|prefix|hash|hashed|digest|policy|expires?|expiry|ttl|endpoint|format)$/i;

/** A name in code: starting lower case (`types$1`, `req`), or a constant (`API_KEY`). */
const NAME = '(?:[a-z_$][\\w$]*|[A-Z_][A-Z0-9_]*)';

/**
 * A value that is code rather than a literal: names and punctuation without a digit, a dotted
 * path (`types$1.starstar`), a dotted call (`opts.match(…`), a call or index with plain arguments
 * (`getSecret(`, `lines[0`), a path or a URL.
 */
const CODE_VALUE = new RegExp(`^[A-Za-z_$.()[\\]{}!?&|:-]*$|^${NAME}(?:\\.${NAME})+$|^[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+\\(|^[A-Za-z_$][\\w$]{2,}[[(][\\w$.'"\\]]*$|^(?:https?:)?\\/|:\\/\\/`);

/**
 * Whether an assigned value has enough entropy to be a real secret: at least two kinds of
 * character (lower, upper, digit, symbol) and at least 3 bits a character (for fewer than 12
 * characters, half a bit under the most that length can have: 2.5 for 8, 2.8 for 10).
 */
export function assignedValueIsSecret(value: string): boolean {
  // Code, placeholders, and strings with escapes ("World!\\n") are not literal passwords.
  if (isPlaceholderValue(value) || CODE_VALUE.test(value) || /\\[nrt]/.test(value)) return false;
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  const digit = /\d/.test(value);
  // Words in one case joined by punctuation ("something-with-a-hash", "KEY_GOES_HERE",
  // "o200k_base") are names, not random.
  if (!digit && !(lower && upper)) return false;
  if (/^[a-z]*\d*[a-z]*(?:[_-][a-z]*\d*[a-z]*)+$/.test(value)) return false;
  const classes = Number(lower) + Number(upper) + Number(digit) + Number(/[^A-Za-z0-9]/.test(value));
  if (classes < 2) return false;
  return entropy(value) >= Math.min(3, Math.log2(value.length) - 0.5);
}

export const RULES = [
  {
    id: 'aws-access-key',
    name: 'AWS access key ID',
    an: true,
    service: 'AWS',
    matchers: one('(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])'),
    accept: (m) => looksRandom(m[0].slice(4), 2.5),
  },
  {
    id: 'aws-secret-key',
    name: 'AWS secret access key',
    an: true,
    service: 'AWS',
    // Forty base64 characters are too common alone: only next to a key ID or under its own name.
    matchers: [
      { pattern: /(?:aws[_ .-]?secret(?:[_ .-]?access)?[_ .-]?key|secret[_ .-]?access[_ .-]?key)["']?\s*(?::|=>?)?\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi },
      { pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}[\s,:;|"'=]{1,6}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg },
    ],
    accept: (m) => looksRandom(m[1]!, 3.5) && /[a-z]/.test(m[1]!) && /[A-Z]/.test(m[1]!) ? groupSpan(m, 1) ?? false : false,
  },
  githubStyle('github-pat', 'GitHub personal access token', ['ghp_']),
  {
    id: 'github-fine-grained',
    name: 'GitHub fine-grained token',
    service: 'GitHub',
    matchers: one('(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])'),
    accept: (m) => looksRandom(m[0].slice(-59)),
  },
  githubStyle('github-oauth', 'GitHub OAuth token', ['gho_']),
  githubStyle('github-app', 'GitHub app token', ['ghu_', 'ghs_']),
  githubStyle('github-refresh', 'GitHub refresh token', ['ghr_']),
  {
    id: 'gitlab-pat',
    name: 'GitLab personal access token',
    service: 'GitLab',
    // Routable tokens (GitLab 17.x+) end in `.<version>.<length><CRC-32>`; older ones are 20 characters.
    matchers: one(`${B}glpat-(?:[A-Za-z0-9_-]{27,300}\\.(?:[0-9a-z]{2}\\.)?[0-9a-z]{9}|[A-Za-z0-9_-]{20})${E}`),
    accept: (m) => (m[0].includes('.') ? isGitlabRoutable(m[0]) : looksRandom(m[0].slice(6))),
  },
  {
    id: 'gitlab-token',
    name: 'GitLab token',
    service: 'GitLab',
    // Deploy, runner, CI job, pipeline trigger, feed, incoming mail, agent, OAuth, SCIM and feature flag tokens.
    matchers: one(`${B}(?:gl(?:dt|ft|soat|ffct|rt)-[A-Za-z0-9_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|glptt-[0-9a-f]{40}|glcbt-[0-9a-zA-Z]{1,5}_[A-Za-z0-9_-]{20}|glrt-t\\d_[A-Za-z0-9_-]{27,300}\\.(?:[0-9a-z]{2}\\.)?[0-9a-z]{9})${E}`),
    accept: (m) => (m[0].includes('.') ? isGitlabRoutable(m[0]) : looksRandom(m[0].slice(m[0].indexOf('-') + 1))),
  },
  prefixed('slack-bot', 'Slack bot token', 'Slack', '(?<![A-Za-z0-9-])xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-[A-Za-z0-9]{24}|[A-Za-z0-9]{24})(?![A-Za-z0-9-])', -1),
  prefixed('slack-user', 'Slack user token', 'Slack', '(?<![A-Za-z0-9-])xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9a-f]{32}(?![A-Za-z0-9-])', -1),
  prefixed('slack-app', 'Slack app token', 'Slack', '(?<![A-Za-z0-9-])xapp-\\d-[A-Z0-9]{9,12}-[0-9]{10,14}-[0-9a-f]{64}(?![A-Za-z0-9-])', -1),
  prefixed('slack-config', 'Slack configuration token', 'Slack', '(?<![A-Za-z0-9.-])xoxe(?:\\.xox[bp]-\\d-[A-Za-z0-9]{150,180}|-\\d-[A-Za-z0-9]{130,160})(?![A-Za-z0-9-])', -1),
  {
    id: 'slack-webhook',
    name: 'Slack webhook URL',
    service: 'Slack',
    matchers: one('(?:https?://)?hooks\\.slack\\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}|workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{15,20}/[A-Za-z0-9]{24,32}|triggers/T[A-Z0-9]{8,12}/[0-9]{10,20}/[a-f0-9]{32})(?![A-Za-z0-9])'),
    accept: (m) => looksRandom(m[0].slice(m[0].lastIndexOf('/') + 1)),
  },
  prefixed('stripe-live', 'Stripe live secret key', 'Stripe', '(?<![A-Za-z0-9_])sk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])', 8),
  prefixed('stripe-restricted', 'Stripe restricted key', 'Stripe', '(?<![A-Za-z0-9_])rk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])', 8),
  {
    id: 'openai',
    name: 'OpenAI API key',
    an: true,
    service: 'OpenAI',
    // Every OpenAI key carries "T3BlbkFJ" ("OpenAI" in base64) at its middle.
    matchers: [{ pattern: re(`${B}sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}${E}`), requires: 'T3BlbkFJ' }],
    accept: (m) => looksRandom(m[0].slice(m[0].indexOf('T3BlbkFJ') + 8)),
  },
  {
    id: 'anthropic',
    name: 'Anthropic API key',
    an: true,
    service: 'Anthropic',
    matchers: one(`${B}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${E}`),
    accept: (m) => looksRandom(m[0].slice(-95, -2)),
  },
  prefixed('google-api-key', 'Google API key', 'Google', `${B}AIza[0-9A-Za-z_-]{35}${E}`, 4),
  {
    id: 'google-service-account',
    name: 'Google service-account key',
    service: 'Google',
    matchers: [{ pattern: /"type"\s*:\s*"service_account"/g }],
    accept: (m, text) => {
      const object = flatObjectAround(text, m.index);
      if (!object) return false;
      const json = text.slice(object.start, object.end);
      return json.includes('"private_key"') && /-----BEGIN [A-Z ]*PRIVATE KEY-----(?:\\n|\s)+[A-Za-z0-9+/]{40}/.test(json) ? object : false;
    },
  },
  {
    id: 'azure-storage',
    name: 'Azure storage connection string',
    an: true,
    service: 'Azure',
    matchers: [{ pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/dg }],
    accept: (m, text) => {
      const key = m[1]!;
      if (key === AZURITE_KEY || decodeBase64(key)?.length !== 64 || !looksRandom(key, 4)) return false;
      // The whole connection string: the `Name=value;` pairs on either side.
      let start = m.index;
      while (start > 0 && /[\w=;:/.+-]/.test(text[start - 1]!)) start--;
      let end = m.index + m[0].length;
      while (end < text.length && /[\w=;:/.+-]/.test(text[end]!)) end++;
      return { start, end: trimEnd(text, m.index + m[0].length, end) };
    },
  },
  {
    id: 'twilio',
    name: 'Twilio auth token or API secret',
    service: 'Twilio',
    // Thirty-two characters are too common alone: only after an account or key SID, or under Twilio's name.
    matchers: [
      { pattern: /(?<![A-Za-z0-9])(?:AC|SK)[0-9a-f]{32}[\s,:;|"'=]{1,6}([A-Za-z0-9]{32})(?![A-Za-z0-9])/dg },
      { pattern: /twilio[\w.-]{0,24}?(?:token|secret)["']?\s*(?::|=>?)\s*["']?([A-Za-z0-9]{32})(?![A-Za-z0-9])/dgi },
    ],
    accept: (m) => (looksRandom(m[1]!) ? groupSpan(m, 1) ?? false : false),
  },
  prefixed('sendgrid', 'SendGrid API key', 'SendGrid', `${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`, 3),
  githubStyle('npm', 'npm access token', ['npm_'], 'npm'),
  {
    id: 'pypi',
    name: 'PyPI API token',
    service: 'PyPI',
    // A base64url macaroon; its first bytes are the version and the location (pypi.org or test.pypi.org).
    matchers: one(`${B}pypi-AgE[A-Za-z0-9_-]{60,2000}={0,2}(?![A-Za-z0-9_=-])`),
    accept: (m) => {
      const bytes = decodeBase64(m[0].slice(5));
      return bytes !== undefined && isMacaroonV2(bytes);
    },
  },
  prefixed('docker-hub', 'Docker Hub access token', 'Docker Hub', `${B}dckr_pat_[A-Za-z0-9_-]{27}${E}`, 9),
  prefixed('digitalocean', 'DigitalOcean token', 'DigitalOcean', '(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])', 7),
  prefixed('shopify', 'Shopify access token', 'Shopify', '(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])', 6),
  {
    id: 'jwt',
    name: 'JSON Web Token',
    service: 'JSON Web Tokens',
    matchers: one(`${B}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*${E}`),
    accept: (m) => isJwt(m[0]) && !m[0].includes(JWT_IO_PAYLOAD),
  },
  {
    id: 'private-key',
    name: 'private key',
    service: 'Private keys',
    // PEM (PKCS#1, PKCS#8, SEC1, encrypted), OpenSSH and PGP private keys, also inside JSON strings.
    matchers: [{ pattern: /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----[\s\S]{40,40000}?-----END \1PRIVATE KEY\2-----/g, requires: '-----END ' }],
    accept: (m) => {
      const body = m[0].slice(m[0].indexOf('-----', 10) + 5, m[0].lastIndexOf('-----END'))
        .replace(/\\n/g, '\n')
        .replace(/^[A-Za-z-]+: .*$/gm, ''); // "Proc-Type:", "Comment:" header lines
      return !body.includes('...') && (body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 64;
    },
  },
  {
    id: 'database-url',
    name: 'database or broker URL with a password',
    service: 'Databases and brokers',
    // The literal part first (`://user:pass@`, `?password=`), which the regex engine finds fast;
    // the scheme before it is checked after. Bounded parts keep a text full of unclosed
    // `postgres://user:` cheap.
    matchers: [
      { pattern: /:\/\/[^\s:@/?#"'<>`]{0,128}:[^\s@/?#"'<>`]{1,256}@[^\s"'<>`]{1,1024}/g },
      { pattern: /[?&;](?:password|pwd)=[^&;\s"'<>`]{1,256}[^\s"'<>`]{0,512}/gi },
    ],
    accept: (m, text) => {
      const span = databaseUrlAround(text, m.index, m.index + m[0].length);
      if (!span) return false;
      const credentials = urlCredentials(text.slice(span.start, span.end));
      if (!credentials || isPlaceholderValue(credentials.raw, credentials.user)) return false;
      // An encoded template (`%3Cpassword%3E`, `%7B%7Bpass%7D%7D`) is a placeholder too.
      if (/%3C|%5B|%7B/i.test(credentials.raw) && isPlaceholderValue(credentials.password)) return false;
      return EXAMPLE_HOST.test(credentials.host.replace(/^.*@/, '')) ? false : span;
    },
  },
  {
    id: 'password-assignment',
    name: 'password or secret',
    service: 'Passwords and secrets',
    generic: true,
    matchers: [{
      pattern: /(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)([\w.-]{0,24})["']?[ \t]*(?::=|=>|:|=)[ \t]*(?:"([^"\s]{8,256})"|'([^'\s]{8,256})'|`([^`\s]{8,256})`|([^\s"'`;,)\]}<>]{8,256}))/dgi,
    }],
    accept: (m, text) => {
      // `private_key_id`, `tokenType`, `secret_name`, `password_hash`: about the secret, not it.
      if (NOT_THE_SECRET.test(m[1]!)) return false;
      const group = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : 5;
      // In a URL's query (`badge.svg?token=…`) short values are public tokens: badges, invites.
      let name = m.index;
      while (name > 0 && /[\w.-]/.test(text[name - 1]!)) name--;
      const inQuery = name > 0 && /[?&]/.test(text[name - 1]!);
      const span = groupSpan(m, group);
      if (!span) return false;
      let value = m[group]!;
      // Unquoted in a query string (`?token=…&page=2`), the value ends before the next parameter.
      const next = group === 5 ? value.search(/&\w+=/) : -1;
      if (next >= 0) value = value.slice(0, next);
      return value.length >= (inQuery ? 16 : 8) && assignedValueIsSecret(value) ? { start: span.start, end: span.start + value.length } : false;
    },
  },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);
