// axe-core, the accessibility engine browsers' own tools use, run on every page a person sees:
// the popup (form, link created, Sent), the options and welcome pages, the note server's create
// and recipient pages (before and after a reveal, with files), light and dark. A serious or
// critical finding fails the test and names the rule and the element.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { shareNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, type ExtensionBrowser } from './fixtures';
import { CreatePage } from './pages/CreatePage';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';
import { SentView } from './pages/SentView';

declare const axe: { run(context: Document, options: object): Promise<AxeResults> };

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** The serious and critical findings on the page as it is now, one line each. */
async function seriousProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' strict CSP does not apply to it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  return violations;
}

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function noteWithFiles(): Promise<string> {
  const shared = await shareNote(createApi({ server: server.url }), {
    text: 'db password: Tr0ub4dor&3',
    files: [{ name: 'client.p12', type: 'application/x-pkcs12', bytes: new Uint8Array([1, 2, 3, 4]) }],
  }, { expiresIn: 3600, maxReads: 1 });
  if (!shared.ok) throw new Error(shared.error.message);
  return shared.value.link;
}

describe.each(['light', 'dark'] as const)('axe finds no serious problem (%s)', (colorScheme) => {
  describe('extension pages', () => {
    let ext: ExtensionBrowser;
    beforeAll(async () => {
      ext = await launchWithExtension({ colorScheme });
      await new ExtensionWorker(ext).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
    });
    afterAll(async () => {
      await ext?.close();
    });

    it('popup: the form, the link created, and Sent', async () => {
      const popup = await Popup.open(ext);
      expect(await seriousProblems(popup.page)).toEqual([]);
      await popup.create('a secret for axe', { label: 'axe check' });
      await popup.createdHeading.waitFor();
      expect(await seriousProblems(popup.page)).toEqual([]);
      const sent = new SentView(popup.page);
      await sent.show();
      await sent.item('axe check').root.waitFor();
      expect(await seriousProblems(popup.page)).toEqual([]);
      await popup.page.close();
    });

    it.each(['options', 'welcome'])('the %s page', async (name) => {
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/${name}.html`);
      await page.locator('h1').first().waitFor();
      expect(await seriousProblems(page)).toEqual([]);
      await page.close();
    });
  });

  describe('the note server\'s pages', () => {
    let plain: Awaited<ReturnType<typeof launchPlain>>;
    beforeAll(async () => {
      plain = await launchPlain({ colorScheme });
    });
    afterAll(async () => {
      await plain?.close();
    });

    it('the create page, before and after making a link', async () => {
      const page = await CreatePage.open(plain.context, server.url);
      expect(await seriousProblems(page.page)).toEqual([]);
      await page.form.create('made for axe');
      await page.form.createdHeading.waitFor();
      expect(await seriousProblems(page.page)).toEqual([]);
      await page.page.close();
    });

    it('the recipient page, before and after the reveal, with a file', async () => {
      const recipient = new RecipientPage(await plain.context.newPage());
      await recipient.open(await noteWithFiles());
      await recipient.revealButton.waitFor();
      expect(await seriousProblems(recipient.page)).toEqual([]);
      await recipient.reveal();
      await recipient.page.getByRole('link', { name: 'Download client.p12' }).waitFor();
      expect(await seriousProblems(recipient.page)).toEqual([]);
      await recipient.page.close();
    });
  });
});
