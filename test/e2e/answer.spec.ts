// The answer page of request links, in real headless Chromium without the extension: whoever got
// the link sees the requester's note, types the secret, and it reaches the requester encrypted.
// The requester here is the shared core in Node (the extension's side is in request.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64url } from '../../utils/core/base64url';
import { createRequestApi } from '../../utils/core/request/api';
import { askForSecret, receiveAnswer, type AskedRequest } from '../../utils/core/request/flow';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain } from './fixtures';
import { AnswerPage, ANSWER_PAGE } from './pages/AnswerPage';
import { playwrightDriver } from './pages/driver';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchPlain>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchPlain();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = () => createRequestApi({ server: server.url });

async function ask(note: string): Promise<AskedRequest> {
  const asked = await askForSecret(api(), { note, expiresIn: 3600 });
  if (!asked.ok) throw new Error(asked.error.message);
  return asked.value;
}

async function receive(asked: AskedRequest): Promise<string> {
  const received = await receiveAnswer(api(), {
    id: asked.request.id, fetchToken: asked.request.fetchToken, privateKey: asked.keys.privateKey, publicKey: asked.publicKey,
  });
  if (!received.ok) throw new Error(received.error.message);
  return new TextDecoder().decode(received.value.payload);
}

async function stateOf(asked: AskedRequest) {
  const status = await api().status(asked.request.id, asked.request.fetchToken);
  if (!status.ok) throw new Error(status.error.message);
  return status.value.state;
}

async function openPage(context = browser.context) {
  const page = await context.newPage();
  return { page, answer: new AnswerPage(playwrightDriver(page)) };
}

const NOTE = 'Staging DB password for Alex\n(the one in the vault entry "staging/pg") — danke! 🔑';
const SECRET = 'PGPASSWORD=Tr0ub4dor&3\n\n  indented line with trailing spaces   \nünïcödé ✓ 🔑';

describe('answer page', () => {
  it('shows the note and the warning, sends the exact text encrypted, then takes no second answer', async () => {
    const asked = await ask(NOTE);
    const { page, answer } = await openPage();
    const posted: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST') posted.push(r.postData() ?? ''); });
    await answer.open(asked.link);
    expect(await answer.settledHeading()).toBe('Someone asks you for a secret');
    expect(await answer.note()).toBe(NOTE);
    expect(await answer.ui.text(ANSWER_PAGE.warning)).toMatch(/cannot tell you who made this request/);
    // The key is dropped from the address bar once read into memory.
    expect(page.url()).not.toContain('#');
    await answer.ui.screenshot('answer-ready');

    expect(await answer.answer(SECRET)).toBe('Answer sent');
    expect(await answer.ui.text(ANSWER_PAGE.status)).toMatch(/Only the browser that made this request can read it, once/);
    await answer.ui.screenshot('answer-sent');
    // The answer's field is gone with the form (looked at once: no waiting out a timeout for it).
    expect(await answer.ui.evaluate((field) => document.querySelector(field) === null, ANSWER_PAGE.secret)).toBe(true);

    // What left the page: tokens and ciphertext, never the secret, the note or the public key.
    const fragmentKey = asked.link.slice(asked.link.indexOf('#1.') + 3);
    expect(posted.length).toBeGreaterThanOrEqual(2);
    for (const body of posted) {
      expect(body).not.toContain('Tr0ub4dor');
      expect(body).not.toContain('Staging');
      expect(body).not.toContain(fragmentKey);
    }
    expect(await stateOf(asked)).toBe('answered');
    expect(await receive(asked)).toBe(SECRET);

    // The same link again, as the answerer or a stranger would open it: closed.
    await answer.open(asked.link);
    expect(await answer.settledHeading()).toBe('Already answered');
    await answer.ui.screenshot('answer-already-answered');
    await page.close();
  });

  it('sends with Ctrl+Enter, and refuses an empty answer with a sentence, posting nothing', async () => {
    const asked = await ask('');
    const { page, answer } = await openPage();
    await answer.open(asked.link);
    await answer.settledHeading();
    expect(await answer.note()).toBe('They left no note.');
    let answers = 0;
    page.on('request', (r) => { if (r.url().endsWith('/answer')) answers++; });
    await answer.ui.click(ANSWER_PAGE.sendButton);
    await answer.ui.waitFor(ANSWER_PAGE.alert);
    expect(await answer.ui.text(ANSWER_PAGE.alert)).toBe('Type or paste the secret first.');
    expect(answers).toBe(0);
    expect(await answer.answer('sent from the keyboard', { keyboard: true })).toBe('Answer sent');
    expect(await receive(asked)).toBe('sent from the keyboard');
    await page.close();
  });

  it('survives a chat unfurler: GETs and HEADs of the link change nothing', async () => {
    const asked = await ask('unfurl me');
    for (let i = 0; i < 5; i++) {
      for (const method of ['GET', 'HEAD']) expect((await fetch(asked.link, { method })).status).toBe(200);
    }
    const { page, answer } = await openPage();
    await answer.open(asked.link);
    await answer.settledHeading();
    expect(await stateOf(asked)).toBe('waiting');
    await page.close();
  });

  it('serves the page with the strict headers of the recipient page', async () => {
    const asked = await ask('headers');
    const response = await fetch(asked.link.slice(0, asked.link.indexOf('#')));
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['withdrawn', 'This request was withdrawn'],
    ['missing its key', 'This request link is broken'],
    ['for another key', 'No request at this link'],
  ])('says clearly when the link is %s', async (kind, heading) => {
    const asked = await ask('never answered');
    let url = asked.link;
    if (kind === 'withdrawn') await api().revoke(asked.request.id, asked.request.fetchToken);
    if (kind === 'missing its key') url = url.slice(0, url.indexOf('#'));
    if (kind === 'for another key') url = `${url.slice(0, url.indexOf('#'))}#1.${toBase64url(crypto.getRandomValues(new Uint8Array(32)))}`;
    const { page, answer } = await openPage();
    await answer.open(url);
    expect(await answer.settledHeading()).toBe(heading);
    await answer.ui.screenshot(`answer-${kind.replace(/ /g, '-')}`);
    await page.close();
  });

  it('keeps the typed answer when the server cannot be reached, and sends it on retry', async () => {
    const asked = await ask('flaky network');
    const { page, answer } = await openPage();
    await answer.open(asked.link);
    await answer.settledHeading();
    await page.route('**/api/**', (route) => route.abort());
    expect(await answer.answer('kept across the failure')).toBe('Someone asks you for a secret');
    expect(await answer.ui.text(ANSWER_PAGE.alert)).toMatch(/^Could not reach the note server/);
    expect(await answer.ui.value(ANSWER_PAGE.secret)).toBe('kept across the failure');
    await page.unroute('**/api/**');
    await answer.ui.click(ANSWER_PAGE.sendButton);
    await answer.ui.until(() => document.querySelector('h1')?.textContent === 'Answer sent', null);
    expect(await receive(asked)).toBe('kept across the failure');
    await page.close();
  });

  it('sends the same answer again after its reply was lost, and is not told "already answered"', async () => {
    const asked = await ask('lost reply');
    const { page, answer } = await openPage();
    await answer.open(asked.link);
    await answer.settledHeading();
    // The server stores the answer; the connection drops before its reply reaches the page.
    await page.route('**/answer', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    expect(await answer.answer('stored, reply lost')).toBe('Someone asks you for a secret');
    expect(await answer.ui.text(ANSWER_PAGE.alert)).toMatch(/^Could not reach the note server/);
    expect(await stateOf(asked)).toBe('answered');
    await answer.ui.click(ANSWER_PAGE.sendButton);
    await answer.ui.until(() => /^(Answer sent|Already answered)$/.test(document.querySelector('h1')?.textContent ?? ''), null);
    expect(await answer.settledHeading()).toBe('Answer sent');
    expect(await receive(asked)).toBe('stored, reply lost');
    await page.close();
  });

  it('has a dark theme', async () => {
    const dark = await launchPlain({ colorScheme: 'dark' });
    try {
      const asked = await ask('Dark mode: the deploy token for the CI runner, please');
      const { page, answer } = await openPage(dark.context);
      await answer.open(asked.link);
      await answer.settledHeading();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(22, 24, 29)');
      await answer.ui.screenshot('answer-ready-dark');
      expect(await answer.answer('dark secret')).toBe('Answer sent');
      await answer.ui.screenshot('answer-sent-dark');
    } finally {
      await dark.close();
    }
  });
});
