// The secret guard's logic outside the page: the links that replace a paste's secrets, where the
// guard runs after "Never on this site", host access shared with link detection, the page scan's
// summary, the commands the background sends, and what the prompt shows of a secret.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { guardCommand, stopsAt } from '../../utils/guard/commands';
import { createGuardLinks, guardProblemText, guardTerms, MAX_SECRETS, termsText, type GuardLinkDeps } from '../../utils/guard/guard-links';
import { fromPassphrasePage, guardsSite, neverOn } from '../../utils/guard/listeners';
import { glimpse, replaceFindings } from '../../utils/guard/paste-guard';
import { describeKinds } from '../../utils/guard/prompt';
import { findSecrets } from '../../utils/guard/scan';
import { CANNOT_SCAN, isScanSummary, scanTab } from '../../utils/guard/scan-tab';
import { kindKey } from '../../utils/guard/kind-names';
import type { ScanSummary } from '../../utils/guard/page-scan';
import { RULE_IDS } from '../../utils/guard/rules';
import { scanSentence } from '../../components/PageScan';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';
import { ALL_SITES, type PermissionsLike } from '../../utils/reveal/detection-scope';
import { sharedAccess } from '../../utils/settings/site-access';
import { DEFAULT_GUARD, DEFAULT_SETTINGS, sentItem, type GuardSetup } from '../../utils/storage';
import { githubStyle, seeded } from '../helpers/secret-samples';
import { fakeNoteServer, type FakeNoteServer } from './fake-note-server';

const r = seeded(13);

function deps(server: FakeNoteServer, guard: Partial<GuardSetup> = {}, settings = {}): GuardLinkDeps {
  return {
    settings: async () => ({ ...DEFAULT_SETTINGS, server: server.url, ...settings }),
    guard: async () => ({ ...DEFAULT_GUARD, ...guard }),
    fetch: server.fetch,
  };
}

describe('createGuardLinks', () => {
  beforeEach(() => fakeBrowser.reset());
  const english = catalogueTranslator('en', readCatalogue('en'));
  const german = catalogueTranslator('de', readCatalogue('de'));
  const russian = catalogueTranslator('ru', readCatalogue('ru'));

  it('makes one link per secret, with the defaults fitted to the server, and lists them as sent', async () => {
    const server = fakeNoteServer();
    const made = await createGuardLinks({ secrets: ['first-secret', 'second-secret'], site: 'chat.example' }, deps(server), english);
    if (!made.ok) throw new Error(made.error.code);
    expect(made.value).toHaveLength(2);
    for (const link of made.value) expect(link).toMatch(/^https:\/\/notes\.example\.com\/n\/[A-Z]{22}#1\.[A-Za-z0-9_-]{43}$/);
    expect(server.posted.map((p) => [p.body.expiresIn, p.body.maxReads, p.body.envelope.kdf])).toEqual([
      [86_400, 1, 'hkdf-sha256'], [86_400, 1, 'hkdf-sha256'],
    ]);
    const sent = await sentItem.getValue();
    expect(sent.map((s) => s.label)).toEqual(['Pasted on chat.example', 'Pasted on chat.example']);
    // The sent list holds no key, link or secret.
    expect(JSON.stringify(sent)).not.toMatch(/first-secret|second-secret|#1\./);
  });

  it('names the links in the sent list in the language of the browser that made them', async () => {
    await createGuardLinks({ secrets: ['s'], site: 'chat.example' }, deps(fakeNoteServer()), german);
    expect((await sentItem.getValue()).map((s) => s.label)).toEqual(['Eingefügt auf chat.example']);
  });

  it("uses the guard's own expiry and reads, within what the server allows", async () => {
    const server = fakeNoteServer({ health: { maxReads: 3 } });
    await createGuardLinks({ secrets: ['s'], site: 'x' }, deps(server, { expiresIn: 3600, maxReads: 5 }), english);
    expect(server.posted[0]?.body).toMatchObject({ expiresIn: 3600, maxReads: 3 });
    expect(await guardTerms(deps(server, { expiresIn: 604_800, maxReads: 2 }))).toEqual({ expiresIn: 604_800, maxReads: 2 });
    // An expiry the server does not offer falls back to the server's default.
    expect(await guardTerms(deps(fakeNoteServer({ health: { expiryChoices: [300, 3600], defaultExpiry: 3600 } }), { expiresIn: 604_800 })))
      .toEqual({ expiresIn: 3600, maxReads: 1 });
  });

  it('with a passphrase, every link needs it', async () => {
    const server = fakeNoteServer();
    const made = await createGuardLinks({ secrets: ['a', 'b'], passphrase: 'correct horse', site: 'x' }, deps(server), english);
    expect(made.ok && made.value.every((link) => link.includes('#1p.'))).toBe(true);
    expect(server.posted.map((p) => p.body.envelope.kdf)).toEqual(['pbkdf2-sha256', 'pbkdf2-sha256']);
  });

  it('all or nothing: when one secret fails, the links made before it are revoked and it says why', async () => {
    const server = fakeNoteServer({ failFrom: 1, failCreate: { status: 413, error: 'too_large', message: 'The note is too large. This server accepts secrets up to 512 KB.' } });
    const made = await createGuardLinks({ secrets: ['small', 'big'], site: 'x' }, deps(server), english);
    if (made.ok) throw new Error('made links from a refused paste');
    expect(guardProblemText(english, made.error)).toBe('The note server refused a secret of this paste as too large. Shorten it or split it over several links.');
    expect(guardProblemText(german, made.error)).toBe('Der Notizserver hat ein Geheimnis aus diesem Einfügen als zu groß abgelehnt. Kürzen Sie es oder verteilen Sie es auf mehrere Links.');
    expect(server.revoked).toEqual(['A'.repeat(22)]);
    expect(await sentItem.getValue()).toEqual([]);
  });

  it('says plainly when the server cannot be reached, and makes nothing', async () => {
    const made = await createGuardLinks({ secrets: ['s'], site: 'x' }, deps(fakeNoteServer({ down: true })), english);
    if (made.ok) throw new Error('made links with the server down');
    expect(guardProblemText(english, made.error)).toMatch(/^Could not reach the note server at notes\.example\.com\. Check that it is running/);
    expect(guardProblemText(german, made.error)).toMatch(/^Der Notizserver unter notes\.example\.com ist nicht erreichbar/);
  });

  it.each([
    ['no secret', [], { code: 'unreadable' }],
    ['too many secrets', Array.from({ length: MAX_SECRETS + 1 }, (_, i) => `s${i}`), { code: 'too_many', max: MAX_SECRETS }],
    ['an empty one', ['a', ''], { code: 'unreadable' }],
  ])('refuses %s without asking the server', async (_what, secrets, problem) => {
    const server = fakeNoteServer();
    const made = await createGuardLinks({ secrets, site: 'x' }, deps(server), english);
    expect(made).toEqual({ ok: false, error: problem });
    expect(server.posted).toEqual([]);
  });

  it.each([
    [{ code: 'too_many', max: 20 } as const, 'Burnlink turns at most 20 secrets of one paste into links. Paste fewer at a time.',
      'Burnlink превращает в ссылки не больше 20 секретов из одной вставки. Вставляйте меньше за раз.'],
    [{ code: 'not_on' } as const, 'The secret guard is not on for this site any more. Reload the page.',
      'Защита секретов больше не включена для этого сайта. Перезагрузите страницу.'],
    [{ code: 'unreadable' } as const, 'Burnlink received a paste it could not read. Paste again.',
      'Burnlink получил вставку, которую не смог прочитать. Вставьте ещё раз.'],
  ])('words %j for the prompt in English and Russian', (problem, inEnglish, inRussian) => {
    expect(guardProblemText(english, problem)).toBe(inEnglish);
    expect(guardProblemText(russian, problem)).toBe(inRussian);
  });

  it('words the terms as the prompt shows them, in the browser\'s language', () => {
    const now = Date.UTC(2026, 11, 1, 9, 0);
    const english = catalogueTranslator('en', readCatalogue('en'));
    const clock = (seconds: number) => english.clockTime(now + seconds * 1000, now);
    expect(termsText(english, { expiresIn: 86_400, maxReads: 1 }, now)).toBe(`It can be read once. Expires in 24 hours (${clock(86_400)}).`);
    expect(termsText(english, { expiresIn: 300, maxReads: 3 }, now)).toBe(`It can be read 3 times. Expires in 5 minutes (${clock(300)}).`);
    const german = catalogueTranslator('de', readCatalogue('de'));
    expect(termsText(german, { expiresIn: 300, maxReads: 3 }, now)).toBe(`Er kann 3-mal gelesen werden. Gültig für 5 Minuten (bis ${german.clockTime(now + 300_000, now)}).`);
  });
});

describe('where the guard runs', () => {
  const sites = { ...DEFAULT_GUARD, mode: 'sites' as const, sites: ['https://app.slack.com', 'http://127.0.0.1'] };
  const all = { ...DEFAULT_GUARD, mode: 'all' as const, neverSites: ['https://docs.example'] };

  it.each([
    [sites, 'https://app.slack.com', true],
    [sites, 'https://slack.com', false],
    [sites, 'http://app.slack.com', false],
    [all, 'https://anything.example', true],
    [all, 'https://docs.example', false],
    [DEFAULT_GUARD, 'https://app.slack.com', false],
  ] as const)('%o guards %s: %s', (guard, site, expected) => {
    expect(guardsSite(guard, site)).toBe(expected);
  });

  it('"Never on this site" drops a chosen site, or excludes it from every site', () => {
    expect(neverOn(sites, 'https://app.slack.com')).toEqual({ ...sites, sites: ['http://127.0.0.1'] });
    expect(neverOn(all, 'https://chat.example')).toEqual({ ...all, neverSites: ['https://docs.example', 'https://chat.example'] });
    expect(neverOn(all, 'https://docs.example')).toEqual(all);
    expect(neverOn(DEFAULT_GUARD, 'https://chat.example')).toEqual(DEFAULT_GUARD);
  });

  it('takes a passphrase only from its own page, not from a content script or another page', () => {
    const base = fakeBrowser.runtime.getURL('/');
    expect(fromPassphrasePage({ id: fakeBrowser.runtime.id, url: `${base}guard-passphrase.html` })).toBe(true);
    expect(fromPassphrasePage({ id: fakeBrowser.runtime.id, url: `${base}reveal.html` })).toBe(false);
    expect(fromPassphrasePage({ id: fakeBrowser.runtime.id, url: 'https://chat.example/guard-passphrase.html' })).toBe(false);
    expect(fromPassphrasePage({ id: 'another-extension', url: `${base}guard-passphrase.html` })).toBe(false);
  });
});

describe('host access shared with link detection', () => {
  /** Permissions that record what was removed and requested, granting everything. */
  function recording(granted: string[]): PermissionsLike & { log: string[] } {
    const log: string[] = [];
    const held = new Set(granted);
    return {
      log,
      request: async ({ origins }) => { log.push(`request ${origins.join(' ')}`); origins.forEach((o) => held.add(o)); return true; },
      // Chrome takes the specific sites away with the broader grant.
      remove: async ({ origins }) => {
        log.push(`remove ${origins.join(' ')}`);
        if (origins.includes(ALL_SITES)) held.clear();
        origins.forEach((o) => held.delete(o));
        return true;
      },
      contains: async ({ origins }) => origins.every((o) => held.has(o)),
    };
  }

  it('gives back only what the other feature does not use', async () => {
    const permissions = recording(['https://a.example/*', 'https://b.example/*']);
    const access = sharedAccess(permissions, async () => ['https://b.example/*']);
    await access.remove({ origins: ['https://a.example/*', 'https://b.example/*'] });
    expect(permissions.log).toEqual(['remove https://a.example/*']);
  });

  it('gives back nothing while the other feature runs on every site', async () => {
    const permissions = recording([ALL_SITES]);
    await sharedAccess(permissions, async () => [ALL_SITES]).remove({ origins: [ALL_SITES, 'https://a.example/*'] });
    expect(permissions.log).toEqual([]);
  });

  it("keeps the other feature's sites when every site is given back", async () => {
    const permissions = recording([ALL_SITES, 'https://b.example/*']);
    await sharedAccess(permissions, async () => ['https://b.example/*']).remove({ origins: [ALL_SITES] });
    expect(permissions.log).toEqual([`remove ${ALL_SITES}`, 'request https://b.example/*']);
    expect(await permissions.contains({ origins: ['https://b.example/*'] })).toBe(true);
  });
});

describe('page scan', () => {
  it('checks the shape of a summary coming back from a page', () => {
    expect(isScanSummary({ count: 2, kinds: [{ rule: 'github-pat', count: 2 }] })).toBe(true);
    for (const bad of [null, 'x', { count: '2', kinds: [] }, { count: 1 }, { count: 1, kinds: [{ rule: 1, count: 1 }] }, { count: 1, kinds: [{ kind: 'a GitHub token', count: 1 }] }]) {
      expect(isScanSummary(bad)).toBe(false);
    }
  });

  it('words what it found in the browser\'s language, kinds included', () => {
    const english = catalogueTranslator('en', readCatalogue('en'));
    expect(scanSentence(english, { count: 0, kinds: [] })).toBe('No exposed secrets found on this page.');
    expect(scanSentence(english, { count: 1, kinds: [{ rule: 'npm', count: 1 }] }))
      .toBe('1 exposed secret on this page: npm access token. It is marked on the page.');
    const found: ScanSummary = { count: 3, kinds: [{ rule: 'github-pat', count: 2 }, { rule: 'aws-access-key', count: 1 }] };
    expect(scanSentence(english, found))
      .toBe('3 exposed secrets on this page: 2 × GitHub personal access token, AWS access key ID. They are marked on the page.');
    const german = catalogueTranslator('de', readCatalogue('de'));
    expect(scanSentence(german, found)).toBe(german.plural('popup.scanFound', 3, {
      kinds: `${german.t('popup.scanKindCount', { count: 2, kind: 'GitHub Personal Access Token' })}${german.t('popup.listSeparator')}${german.t('scan.kind.awsAccessKey')}`,
    }));
  });

  it('names every kind of secret in the catalogue', () => {
    const english = readCatalogue('en') as Record<string, unknown>;
    for (const rule of RULE_IDS) expect(english[kindKey(rule)], rule).toEqual(expect.any(String));
  });

  it('says plainly when a tab cannot be scanned', async () => {
    const refusing = { executeScript: async () => { throw new Error('Cannot access contents of the page'); } };
    expect(await scanTab(7, refusing)).toEqual({ ok: false, error: CANNOT_SCAN });
    expect(await scanTab(undefined, refusing)).toEqual({ ok: false, error: CANNOT_SCAN });
    const odd = { executeScript: async () => [{ result: 'not a summary' }] };
    expect(await scanTab(7, odd)).toEqual({ ok: false, error: CANNOT_SCAN });
    const found = { executeScript: async () => [{ result: { count: 0, kinds: [] } }] };
    expect(await scanTab(7, found)).toEqual({ ok: true, value: { count: 0, kinds: [] } });
  });
});

describe('background → guard commands', () => {
  it.each([
    [{ burnlinkGuard: 'stop', keep: ['*'], drop: [] }, true],
    [{ burnlinkGuard: 'config', disabledRules: ['jwt'] }, true],
    [{ burnlinkGuard: 'passphrase', requestId: 'abc', passphrase: 'p' }, true],
    [{ burnlinkGuard: 'stop', keep: '*' }, false],
    [{ burnlinkGuard: 'passphrase', requestId: 1, passphrase: 'p' }, false],
    [{ burnlinkDetector: 'stop', keep: [] }, false],
    [null, false],
  ])('%o is a command: %s', (message, expected) => {
    expect(guardCommand(message) !== undefined).toBe(expected);
  });

  it('stops the pages of dropped sites, and of sites no longer kept', () => {
    expect(stopsAt({ keep: ['*'], drop: [] }, 'https://a.example')).toBe(false);
    expect(stopsAt({ keep: ['*'], drop: ['https://a.example'] }, 'https://a.example')).toBe(true);
    expect(stopsAt({ keep: ['https://b.example'], drop: [] }, 'https://a.example')).toBe(true);
    expect(stopsAt({ keep: ['https://a.example'], drop: [] }, 'https://a.example')).toBe(false);
  });
});

describe('what the prompt shows', () => {
  const english = catalogueTranslator('en', readCatalogue('en'));

  it('names the kinds found', () => {
    expect(describeKinds(english, ['GitHub personal access token'])).toBe('This paste holds a secret: GitHub personal access token.');
    expect(describeKinds(english, ['AWS access key ID', 'AWS secret access key'])).toBe('This paste holds 2 secrets: AWS access key ID and AWS secret access key.');
    expect(describeKinds(english, ['JWT', 'JWT', 'password'])).toBe('This paste holds 3 secrets: JWT and password.');
  });

  it('says it in the browser\'s language, listed as that language lists', () => {
    const german = catalogueTranslator('de', readCatalogue('de'));
    expect(describeKinds(german, ['JSON Web Token', 'Passwort', 'JSON Web Token'])).toBe('Diese Einfügung enthält 3 Geheimnisse: JSON Web Token und Passwort.');
    const russian = catalogueTranslator('ru', readCatalogue('ru'));
    expect(describeKinds(russian, ['a JWT', 'a password', 'a JWT', 'a JWT', 'a JWT'])).toBe('В этой вставке 5 секретов: a JWT и a password.');
    const size = (unit: 'lines' | 'characters', count: number) => german.plural(unit === 'lines' ? 'guard.glimpse.lines' : 'guard.glimpse.characters', count);
    expect(glimpse('Tr0ub4dor&3x', true, size)).toBe('Tr… (12 Zeichen)');
    expect(glimpse('a\nb\nc', false, size)).toBe('a … (3 Zeilen)');
  });

  it.each([
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', false, 'ghp_16…8B4a'],
    ['AKIA2OGYBAH6STMMNXNQ', false, 'AKIA…NQ'],
    ['Tr0ub4dor&3x', true, 'Tr… (12 characters)'],
    ['short', false, 'sh… (5 characters)'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', false, '-----BEGIN RSA PRIVATE KEY----- … (3 lines)'],
  ])('glimpses %s as %s', (secret, password, expected) => {
    expect(glimpse(secret, password)).toBe(expected);
  });

  it('replaces only the secrets with their links, keeping the text around them byte for byte', () => {
    const a = githubStyle(r, 'ghp_');
    const b = githubStyle(r, 'npm_');
    const text = `  first ${a}\n\tthen ${b} — done  \r\n`;
    const findings = findSecrets(text);
    expect(findings.map((f) => f.rule)).toEqual(['github-pat', 'npm']);
    expect(replaceFindings(text, findings, ['L1', 'L2'])).toBe('  first L1\n\tthen L2 — done  \r\n');
  });
});
