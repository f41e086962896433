// Is this address a Burnlink note server? Normalising what people type, and the health check.
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';
import { checkServer, normalizeServerUrl, serverAddress } from '../../utils/settings/server-check';
import { serverProblemText } from '../../utils/settings/wording';
import { fakeNoteServer } from './fake-note-server';

const english = catalogueTranslator('en', readCatalogue('en'));
const german = catalogueTranslator('de', readCatalogue('de'));

describe('normalizeServerUrl', () => {
  it.each([
    ['https://notes.example.com/', 'https://notes.example.com'],
    ['  https://notes.example.com  ', 'https://notes.example.com'],
    ['https://example.com/burnlink//', 'https://example.com/burnlink'],
    ['notes.example.com', 'https://notes.example.com'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['HTTPS://Notes.Example.com', 'https://notes.example.com'],
  ])('takes %j as %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'Type the address of your note server'],
    ['my burnlink server', 'is not a web address'],
    ['https://', 'is not a web address'],
    ['ftp://notes.example.com', 'must start with https://'],
    ['http://notes.example.com', 'Use https:// for a note server on another computer'],
    ['http://192.168.1.20:8787', 'Use https:// for a note server on another computer'],
    ['https://user:pw@notes.example.com', 'Remove the user name and password'],
    ['https://notes.example.com/?x=1', 'Remove the part after ? or #'],
    ['https://notes.example.com/n/AAAAAAAAAAAAAAAAAAAAAA#1.key', 'Remove the part after ? or #'],
  ])('refuses %j, with the same sentence on the page and in the policy notice', (input, message) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
    const address = serverAddress(input);
    if (address.ok) throw new Error(`took ${input}`);
    // The options page words it from the catalogue; the administrator's notice in English from the code.
    expect(serverProblemText(english, address.error)).toBe(result.ok ? '' : result.error);
  });

  it.each([
    ['', 'Geben Sie die Adresse Ihres Notizservers ein, zum Beispiel https://burnlink.example.com.'],
    ['my burnlink server', '„my burnlink server“ ist keine Webadresse. Sie sollte etwa so aussehen: https://burnlink.example.com.'],
    ['ftp://notes.example.com', 'Die Adresse des Notizservers muss mit https:// beginnen.'],
    ['http://notes.example.com', 'Verwenden Sie https:// für einen Notizserver auf einem anderen Computer: Über einfaches http könnte jeder im Netzwerk lesen oder verändern, was er sendet. Einfaches http ist nur für einen Server auf diesem Computer (localhost).'],
    ['https://user:pw@notes.example.com', 'Entfernen Sie Benutzername und Passwort aus der Adresse.'],
    ['https://notes.example.com/?x=1', 'Entfernen Sie den Teil nach ? oder # aus der Adresse: Nur die Basisadresse des Servers wird gebraucht.'],
  ])('says in German what is wrong with %j', (input, message) => {
    const address = serverAddress(input);
    expect(address.ok ? '' : serverProblemText(german, address.error)).toBe(message);
  });
});

/** A fetch for a server that is not Burnlink: CORS hides its answer, a no-cors request sees it. */
function ordinaryWebsite(): typeof fetch {
  return async (_input, init) => {
    if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  };
}

describe('checkServer', () => {
  it('accepts a Burnlink server and returns its health', async () => {
    const server = fakeNoteServer();
    const checked = await checkServer(`${server.url}/`, server.fetch);
    expect(checked).toEqual({ ok: true, value: { server: server.url, health: expect.objectContaining({ service: 'burnlink', maxReads: 10 }) } });
  });

  it.each([
    ['an ordinary web site (no CORS)', ordinaryWebsite(), 'answered, but it is not a Burnlink note server'],
    ['a server answering HTML with CORS', (async () => new Response('<html></html>', { status: 200 })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['another JSON API', (async () => Response.json({ status: 'ok' })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['a 404', (async () => new Response('nope', { status: 404 })) as typeof fetch, 'answered, but it is not a Burnlink note server'],
    ['a Burnlink server whose storage is down', (async () => Response.json({ ok: false }, { status: 503 })) as typeof fetch, 'is not ready (HTTP 503)'],
    ['nothing at all', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, 'Could not reach https://notes.example.com. Check the address and your connection.'],
  ])('refuses %s with a sentence', async (_case, fetchImpl, message) => {
    const checked = await checkServer('https://notes.example.com', fetchImpl);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(serverProblemText(english, checked.error)).toContain(message);
  });

  it('reminds to start the local server', async () => {
    const checked = await checkServer('http://127.0.0.1:8787', (async () => { throw new TypeError('refused'); }) as typeof fetch);
    expect(checked).toEqual({ ok: false, error: { code: 'unreachable', server: 'http://127.0.0.1:8787', local: true } });
    if (checked.ok) return;
    const sentence = serverProblemText(english, checked.error);
    expect(sentence).toBe('Could not reach http://127.0.0.1:8787. Check the address and that the note server on this computer is running.');
    // A person reading it may not be the one who installed the server: no developer commands.
    expect(sentence).not.toMatch(/npm|node /);
    expect(serverProblemText(german, checked.error))
      .toBe('http://127.0.0.1:8787 ist nicht erreichbar. Prüfen Sie die Adresse und ob der Notizserver auf diesem Computer läuft.');
  });

  it.each([
    ['an ordinary web site (no CORS)', ordinaryWebsite(), 'https://notes.example.com hat geantwortet, ist aber kein Burnlink-Notizserver.'],
    ['a Burnlink server whose storage is down', (async () => Response.json({ ok: false }, { status: 503 })) as typeof fetch, 'https://notes.example.com ist nicht bereit (HTTP 503)'],
    ['nothing at all', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, 'https://notes.example.com ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.'],
  ])('says in German why %s is refused', async (_case, fetchImpl, message) => {
    const checked = await checkServer('https://notes.example.com', fetchImpl);
    expect(checked.ok ? '' : serverProblemText(german, checked.error)).toContain(message);
  });

  it('words any other failure of the note server as every surface does (problemText)', async () => {
    const limited = (async () => Response.json({ error: 'rate_limited', message: 'Too many requests.' }, { status: 429 })) as typeof fetch;
    const checked = await checkServer('https://notes.example.com', limited);
    expect(checked).toMatchObject({ ok: false, error: { code: 'failed', problem: { code: 'rate_limited' } } });
    expect(checked.ok ? '' : serverProblemText(english, checked.error)).toBe(english.t('problem.rateLimited'));
    expect(checked.ok ? '' : serverProblemText(german, checked.error)).toBe(german.t('problem.rateLimited'));
  });

  it('does not ask the network about an address it refuses', async () => {
    let asked = false;
    const checked = await checkServer('http://notes.example.com', (async () => { asked = true; return new Response(); }) as typeof fetch);
    expect(checked.ok).toBe(false);
    expect(asked).toBe(false);
  });
});
