import { describe, expect, it } from 'vitest';
import { BASE62, crc32, encodeNumber, isMacaroonV2 } from '../../utils/guard/checks';
import { RULE_IDS, RULES, type RuleId } from '../../utils/guard/rules';
import { findSecrets } from '../../utils/guard/scan';
import {
  ALNUM, base64, base64url, BASE64URL, chars, CONTEXTS, githubStyle, gitlabRoutable, HEX, jwt, privateKey,
  pypiToken, SAMPLES, seeded,
} from '../helpers/secret-samples';

/** What the scanner reports for a text: the rule and the exact text of each finding. */
const scan = (text: string) => findSecrets(text).map((f) => ({ rule: f.rule, secret: text.slice(f.start, f.end) }));

/** The same token with the character at `at` (negative: from the end) replaced by another of its alphabet. */
function alter(token: string, at: number, alphabet = ALNUM): string {
  const i = at < 0 ? token.length + at : at;
  const next = alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!;
  return token.slice(0, i) + next + token.slice(i + 1);
}

describe('every rule finds its valid shapes', () => {
  // The key-and-entropy rule misses a random value now and then by design (a short one that
  // repeats characters): every other rule must find all; that one at least 99 % (the benchmark's goal).
  it.each(RULE_IDS)('%s: 300 generated credentials, alone and in every context, with the exact span', (rule) => {
    const r = seeded(rule.length * 7919);
    const missed: string[] = [];
    for (let i = 0; i < 300; i++) {
      const sample = SAMPLES[rule](r);
      const text = CONTEXTS[i % CONTEXTS.length]!(sample.text);
      const found = scan(text);
      if (!found.some((f) => f.rule === rule && f.secret === sample.secret)) missed.push(text);
      // Nothing else, but the key ID next to an AWS secret it was pasted with.
      expect(found.filter((f) => f.rule !== rule && !(rule === 'aws-secret-key' && f.rule === 'aws-access-key'))).toEqual([]);
    }
    expect(missed.length <= (rule === 'password-assignment' ? 3 : 0) ? [] : missed).toEqual([]);
  });

  it('names every kind for people, and every rule id once', () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length);
    const kinds = findSecrets(`${githubStyle(seeded(1), 'ghp_')} and ${SAMPLES['aws-access-key'](seeded(2)).text}`).map((f) => f.kind);
    expect(kinds).toEqual(['a GitHub personal access token', 'an AWS access key ID']);
  });
});

describe('checksums and structure', () => {
  it("computes GitHub's CRC-32 checksum as published (all-zero random part)", () => {
    // The checksum of 31 zeros in GitHub's base62 alphabet, from a public scanner's test data.
    expect(encodeNumber(crc32('0'.repeat(31)), BASE62, 6)).toBe('4WZ4EQ');
  });

  it("verifies GitLab's routable token from its design document", () => {
    // The minimal routable token (no prefix) given in GitLab's routable-token design document.
    const token = 'bzoxd_Rb5_cHeWe1JH56wr2FCBA.0r1pum4t4';
    expect(encodeNumber(crc32(token.slice(0, -7)), '0123456789abcdefghijklmnopqrstuvwxyz', 7)).toBe(token.slice(-7));
  });

  it('parses PyPI macaroons and refuses cut or padded ones', () => {
    const bytes = (token: string) => Uint8Array.from(atob(token.slice(5).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const good = bytes(pypiToken(seeded(3)));
    expect(isMacaroonV2(good)).toBe(true);
    expect(isMacaroonV2(good.slice(0, -1))).toBe(false);
    expect(isMacaroonV2(Uint8Array.from([...good, 0]))).toBe(false);
    expect(isMacaroonV2(Uint8Array.from([1, ...good.slice(1)]))).toBe(false);
  });
});

const r = seeded(99);
const ghp = githubStyle(r, 'ghp_');
const npm = githubStyle(r, 'npm_');
const routable = gitlabRoutable(r, 'glpat-');
const hex = (n: number) => chars(r, n, HEX);
const pem = privateKey(r);
const token = jwt(r);
const account = SAMPLES['google-service-account'](r).secret;
const azureKey = base64(Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 0xff));
const pypi = pypiToken(r);

/** Text that holds no credential of `rule` (nor of any other rule), though it comes close. */
const NEAR_MISSES: [RuleId, string, string][] = [
  ['aws-access-key', "AWS's documentation example", 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-access-key', 'one character short', 'AKIA2OGYBAH6STMMNXN'],
  ['aws-access-key', 'one character long', 'AKIA2OGYBAH6STMMNXNQJ'],
  ['aws-access-key', 'an unknown prefix', 'AKIB2OGYBAH6STMMNXNQ'],
  ['aws-access-key', 'digits outside base32 (0, 1, 8, 9)', 'AKIA2OGYBAH6STMMNX01'],
  ['aws-access-key', 'one letter repeated', 'AKIAAAAAAAAAAAAAAAAA'],
  ['aws-secret-key', 'forty base64 characters without context', `the build id is ${chars(r, 40, ALNUM)}`],
  ['aws-secret-key', "AWS's documentation example", 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['aws-secret-key', 'thirty-nine characters after a key ID', `AKIA2OGYBAH6STMMNXNQ:${chars(r, 39, ALNUM)}`],
  ['aws-secret-key', 'forty-one characters after a key ID', `AKIA2OGYBAH6STMMNXNQ,${chars(r, 41, ALNUM)}`],
  ['github-pat', 'a changed checksum', alter(ghp, -1)],
  ['github-pat', 'a changed random character', alter(ghp, 10)],
  ['github-pat', 'one character short', ghp.slice(0, -2) + ghp.slice(-1)],
  ['github-pat', "GitHub's documentation example", 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
  ['github-pat', 'an unknown prefix', `ghx_${ghp.slice(4)}`],
  ['github-fine-grained', 'a last part one short', `github_pat_11ABCDEFGHIJ0123456789_${chars(r, 58, ALNUM)}`],
  ['github-fine-grained', 'a placeholder', `github_pat_11${'X'.repeat(20)}_${'x'.repeat(59)}`],
  ['github-oauth', 'a changed checksum', alter(githubStyle(r, 'gho_'), -3)],
  ['github-app', 'a changed checksum', alter(githubStyle(r, 'ghs_'), -2)],
  ['github-refresh', 'a changed checksum', alter(githubStyle(r, 'ghr_'), -4)],
  ['gitlab-pat', 'a routable token with a changed checksum', alter(routable, -1, '0123456789abcdefghijklmnopqrstuvwxyz')],
  ['gitlab-pat', 'a routable token with a changed payload', alter(routable, 12, BASE64URL)],
  ['gitlab-pat', 'nineteen characters', `glpat-${chars(r, 19, ALNUM)}`],
  ['gitlab-pat', 'a placeholder', 'glpat-xxxxxxxxxxxxxxxxxxxx'],
  ['gitlab-pat', "a scanner's placeholder", 'glpat-XXXXXXXXXXX-XXXXXXXX'],
  ['gitlab-token', 'a trigger token with 39 hex digits', `glptt-${hex(39)}`],
  ['gitlab-token', 'a deploy token one short', `gldt-${chars(r, 19, ALNUM)}`],
  ['slack-bot', 'a last part one short', `xoxb-1234567890-1234567890123-${chars(r, 23, ALNUM)}`],
  ['slack-bot', "Slack's documentation placeholder", 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx'],
  ['slack-user', 'upper-case hex', `xoxp-1234567890-1234567890-1234567890123-${hex(32).toUpperCase()}`],
  ['slack-app', '63 hex digits', `xapp-1-A0123ABCDEF-1234567890123-${hex(63)}`],
  ['slack-config', 'too short', `xoxe.xoxp-1-${chars(r, 120, ALNUM)}`],
  ['slack-webhook', "Slack's documentation example", 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['slack-webhook', 'a secret one short', `https://hooks.slack.com/services/T0ABCD123/B0ABCD123/${chars(r, 23, ALNUM)}`],
  ['stripe-live', 'a test key (not live)', `sk_test_${chars(r, 24, ALNUM)}`],
  ['stripe-live', 'one character short', `sk_live_${chars(r, 23, ALNUM)}`],
  ['stripe-live', 'a placeholder', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
  ['stripe-restricted', 'a test key (not live)', `rk_test_${chars(r, 24, ALNUM)}`],
  ['openai', 'without the OpenAI marker', `sk-proj-${chars(r, 156, ALNUM)}`],
  ['openai', 'a marker with parts too short', `sk-${chars(r, 10, ALNUM)}T3BlbkFJ${chars(r, 10, ALNUM)}`],
  ['anthropic', 'ending in AB, not AA', `sk-ant-api03-${chars(r, 93, ALNUM)}AB`],
  ['anthropic', 'one character short', `sk-ant-api03-${chars(r, 92, ALNUM)}AA`],
  ['anthropic', 'an unknown version', `sk-ant-api02-${chars(r, 93, ALNUM)}AA`],
  ['google-api-key', 'one character short', `AIza${chars(r, 34, ALNUM)}`],
  ['google-api-key', 'a placeholder', `AIzaSy${'X'.repeat(33)}`],
  ['google-service-account', 'without a private key', '{"type": "service_account", "project_id": "billing-1", "client_email": "x@billing-1.iam.gserviceaccount.com"}'],
  ['google-service-account', 'a user credential', account.replace('service_account', 'authorized_user').replace(/-----[A-Z ]+-----/g, '')],
  ['azure-storage', "the local emulator's published key", 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;'],
  ['azure-storage', 'a key one character short', `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azureKey.slice(1)}`],
  ['azure-storage', 'a placeholder', 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net'],
  ['twilio', 'an auth token without context', `rebuild ${hex(32)} done`],
  ['twilio', 'after a SID, one character short', `AC${hex(32)}:${hex(31)}`],
  ['sendgrid', 'a last part one short', `SG.${chars(r, 22, ALNUM)}.${chars(r, 42, ALNUM)}`],
  ['sendgrid', 'a placeholder', `SG.${'x'.repeat(22)}.${'x'.repeat(43)}`],
  ['npm', 'a changed checksum', alter(npm, -1)],
  ['npm', 'an old UUID-style token (too common a shape)', '//registry.npmjs.org/:_authToken=8f14e45f-ceea-467f-a8e5-7c3d1b1f6c2b'.replace('_authToken', 'always-auth')],
  ['pypi', "PyPI's documentation placeholder", 'password = pypi-AgEIcHlwaS5vcmcC...'],
  ['pypi', 'the right prefix and random bytes', `pypi-AgEIcHlwaS5vcmc${chars(r, 120, BASE64URL)}`],
  ['pypi', 'a macaroon cut short', pypi.slice(0, -6)],
  ['docker-hub', 'a placeholder', 'dckr_pat_EXAMPLE-EXAMPLE-EXAMPLE-123'],
  ['docker-hub', 'one character short', `dckr_pat_${chars(r, 26, ALNUM)}`],
  ['digitalocean', '63 hex digits', `dop_v1_${hex(63)}`],
  ['digitalocean', 'an unknown version', `dop_v2_${hex(64)}`],
  ['shopify', '31 hex digits', `shpat_${hex(31)}`],
  ['shopify', 'an unknown kind', `shpxx_${hex(32)}`],
  ['jwt', "jwt.io's example token", 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
  ['jwt', 'a header without an algorithm', `${base64url('{"typ":"JWT"}')}.${token.split('.')[1]}.${token.split('.')[2]}`],
  ['jwt', 'a payload that is not JSON', `${token.split('.')[0]}.eyJ${chars(r, 30, ALNUM)}.${token.split('.')[2]}`],
  ['jwt', 'two parts only', token.split('.').slice(0, 2).join('.')],
  ['private-key', 'a public key', pem.replace(/-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----/g, '-----$1 PUBLIC KEY-----')],
  ['private-key', 'a certificate', pem.replace(/-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----/g, '-----$1 CERTIFICATE-----')],
  ['private-key', 'an elided body in documentation', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n...\n-----END RSA PRIVATE KEY-----'],
  ['private-key', 'an END that does not match the BEGIN', pem.replace(/-----END [A-Z ]*-----/, '-----END DSA PRIVATE KEY BLOCK-----')],
  ['database-url', 'the password "password"', 'postgres://user:password@localhost:5432/app'],
  ['database-url', "ioredis's README example", 'redis://:authpassword@127.0.0.1:6380/4'],
  ['database-url', 'the user name as password', 'amqp://guest:guest@localhost:5672'],
  ['database-url', 'an environment variable', 'postgres://app:${DB_PASSWORD}@db.internal/app'],
  ['database-url', 'a template', 'mysql://root:<password>@db.internal/app'],
  ['database-url', 'a documentation host', 'postgres://app:s3cr3tP4ssw0rd@db.example.com/app'],
  ['database-url', 'no password', 'postgres://app@db.internal:5432/app'],
  ['database-url', 'not a database scheme', 'https://app:s3cr3tP4ssw0rd@db.internal/app'],
  ['database-url', 'a masked password', 'mongodb+srv://app:****@cluster0.abcde.mongodb.net/prod'],
  ['password-assignment', 'code reading a request', 'const password = req.body.password;'],
  ['password-assignment', 'a type', 'password: string;'],
  ['password-assignment', 'an environment variable', 'secret: process.env.SECRET'],
  ['password-assignment', 'a call', 'const token = this.getToken();'],
  ['password-assignment', 'a dotted call', 'const tokens = nodeOptions.match(/x/g);'],
  ['password-assignment', 'an index', 'const nextToken = paddingLines[0][1];'],
  ['password-assignment', 'a mask', "password: '********'"],
  ['password-assignment', 'a placeholder', 'PASSWORD=changeme'],
  ['password-assignment', 'a template', 'api_key: ${API_KEY}'],
  ['password-assignment', 'too short', "password: 'hunter2'"],
  ['password-assignment', 'words joined by dashes', 'SECRET_HASH="something-with-a-#-hash"'],
  ['password-assignment', 'a name with digits', 'tokenizer: "o200k_base"'],
  ['password-assignment', 'a badge token in a URL', '![coverage](https://codecov.io/gh/a/b/graph/badge.svg?token=lWZ9OBQ7GM)'],
  ['password-assignment', 'a number', 'max_tokens: 40960000'],
  ['password-assignment', 'a string with escapes', "'token2': \"World!\\n\""],
  ['password-assignment', 'upper-case words', 'SECRET_KEY=YOURSECRETKEYGOESHERE'],
  ['password-assignment', 'the id of a key', '"private_key_id": "75adcf0cb344a858e3408431fb44001a97f3af36"'],
  ['password-assignment', 'the hash of a password', 'password_hash: "Zk3$9dQ2mV7pL1xR"'],
  ['password-assignment', 'a token type', 'tokenType: "BearerToken2"'],
];

describe('every rule refuses near misses', () => {
  it('has near misses for every rule', () => {
    expect(RULE_IDS.filter((rule) => !NEAR_MISSES.some(([r]) => r === rule))).toEqual([]);
  });

  it.each(NEAR_MISSES)('%s: %s', (rule, _what, text) => {
    expect(scan(text).filter((f) => f.rule === rule)).toEqual([]);
  });

  it('finds nothing at all in the near misses but those assigned to a secret-sounding name', () => {
    const named = /(?:secret|token|key|password)\w*["']?\s*[:=]/i;
    const found = NEAR_MISSES.filter(([, , text]) => !named.test(text))
      .flatMap(([rule, what, text]) => scan(text).map((f) => ({ rule, what, found: f })))
      // The valid key ID beside a malformed AWS secret is found, as it should be.
      .filter(({ rule, found: f }) => !(rule === 'aws-secret-key' && f.rule === 'aws-access-key'));
    expect(found).toEqual([]);
  });
});

describe('findSecrets', () => {
  it('keeps the text around a secret out of the finding', () => {
    const text = `Deploy with GITHUB_TOKEN=${ghp} please, and the DB is at postgres://app:Zq8%23xLm2pQ@db.internal:5432/app.`;
    expect(scan(text)).toEqual([
      { rule: 'github-pat', secret: ghp },
      { rule: 'database-url', secret: 'postgres://app:Zq8%23xLm2pQ@db.internal:5432/app' },
    ]);
  });

  it('reports one finding per stretch: the specific format over the keyword rule, the whole over its part', () => {
    expect(scan(`password = "${ghp}"`)).toEqual([{ rule: 'github-pat', secret: ghp }]);
    expect(scan(account)).toEqual([{ rule: 'google-service-account', secret: account }]);
  });

  it('finds several secrets in order', () => {
    const text = `${pem}\n\nid_token=${token}\n${npm}`;
    expect(scan(text).map((f) => f.rule)).toEqual(['private-key', 'jwt', 'npm']);
  });

  it('leaves out the rules a person turned off', () => {
    const text = `${ghp} ${npm}`;
    expect(findSecrets(text, { skip: new Set(['github-pat']) }).map((f) => f.rule)).toEqual(['npm']);
  });

  it('is not fooled by a previous call (patterns are global)', () => {
    expect(scan(ghp)).toHaveLength(1);
    expect(scan(ghp)).toHaveLength(1);
  });

  it('finds nothing in an empty text', () => {
    expect(findSecrets('')).toEqual([]);
  });
});
