// Files in the popup, in real headless Chromium with the built extension and a real note server:
// attached by the file chooser, by drag and drop and by paste, sent byte for byte, refused when
// empty or beyond the server's limit with a sentence, and never sent when refused. Then the
// recipient's side: each file offered as a download, byte for byte, never shown in the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { revealNote, shareNote } from '../../utils/core/note';
import { startServer, type RunningServer } from '../helpers/server';
import { launchPlain, launchWithExtension, screenshot, type ExtensionBrowser } from './fixtures';
import { ExtensionWorker } from './pages/ExtensionWorker';
import { Popup } from './pages/Popup';
import { RecipientPage } from './pages/RecipientPage';
import { binary } from '../helpers/binary';

/** Small, so "too large" is cheap to reach. */
const MAX_NOTE_BYTES = 64 * 1024;

const P12 = binary(5000, 1);
const KUBECONFIG = Buffer.from('apiVersion: v1\nkind: Config\nclusters:\n- name: staging\n  cluster:\n    server: https://10.0.0.1:6443\n');
const ENV = Buffer.from('DB_PASSWORD=s3cr3t\nAPI_KEY=abc123\n');

let server: RunningServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { MAX_NOTE_BYTES: String(MAX_NOTE_BYTES) } }),
    launchWithExtension(),
  ]);
  await new ExtensionWorker(browser).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Reads the link as a recipient would (outside the browser here): text and files. */
async function open(link: string, passphrase?: string) {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const revealed = await revealNote(createApi({ server: server.url }), parsed.value, passphrase);
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value;
}

/** The whole popup, however tall (the real one scrolls past 600 pixels). */
async function shoot(popup: Popup, name: string) {
  const height = await popup.page.evaluate(() => Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().height ?? 600));
  await popup.page.setViewportSize({ width: 370, height });
  await screenshot(popup.page, name);
}

describe('files in the popup', () => {
  it('sends text and files from the file chooser byte for byte, under a link older Burnlinks refuse unread', async () => {
    const popup = await Popup.open(browser);
    await popup.secret.fill('Staging access: the p12 password is in the ticket.');
    await popup.attach([
      { name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: P12 },
      { name: 'kubeconfig', mimeType: '', buffer: KUBECONFIG },
    ]);
    expect(await popup.attachedNames()).toEqual(['client.p12', 'kubeconfig']);
    expect(await popup.attached.locator('.file-size').allTextContents()).toEqual(['4.9 kB', '99 bytes']);
    // The counter counts text, files and their names together, as the server does.
    expect(await popup.size.textContent()).toMatch(/^Text and files: 5\.\d kB of 64 kB$/);
    await shoot(popup, 'popup-files');

    await popup.create(undefined, { passphrase: 'tulip-anchor' });
    await popup.createdHeading.waitFor();
    const link = await popup.link();
    expect(link).toMatch(/#2p\./);
    const revealed = await open(link, 'tulip-anchor');
    expect(revealed.secret).toBe('Staging access: the p12 password is in the ticket.');
    // The type is what the browser said (octet-stream for a file it does not know).
    expect(revealed.files.map((f) => [f.name, f.type])).toEqual([['client.p12', 'application/x-pkcs12'], ['kubeconfig', 'application/octet-stream']]);
    expect(Buffer.from(revealed.files[0]?.bytes ?? []).equals(P12)).toBe(true);
    expect(Buffer.from(revealed.files[1]?.bytes ?? []).equals(KUBECONFIG)).toBe(true);
    await popup.page.close();
  });

  it('takes files dropped on the form and pasted into the text box, without text', async () => {
    const popup = await Popup.open(browser);
    await popup.drop([{ name: '.env', type: 'text/plain', bytes: [...ENV] }]);
    await popup.pasteFiles([{ name: 'id_ed25519', type: '', bytes: [...binary(400, 2)] }]);
    expect(await popup.attachedNames()).toEqual(['.env', 'id_ed25519']);
    // Pasting files attaches them; the text box stays empty.
    expect(await popup.secret.inputValue()).toBe('');
    // Screen readers hear what was attached.
    expect(await popup.page.locator('.share-form [role="status"]').textContent()).toBe('Attached id_ed25519.');
    await popup.create(undefined);
    await popup.createdHeading.waitFor();
    const revealed = await open(await popup.link());
    expect(revealed.secret).toBe('');
    expect(revealed.files.map((f) => f.name)).toEqual(['.env', 'id_ed25519']);
    expect(Buffer.from(revealed.files[0]?.bytes ?? []).equals(ENV)).toBe(true);
    await popup.page.close();
  });

  it('shows a drop zone while files are dragged over the form', async () => {
    const popup = await Popup.open(browser);
    await popup.page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'x.txt'));
      document.querySelector('.share-form')?.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await popup.page.getByText('Drop files to attach them').waitFor();
    await shoot(popup, 'popup-files-drop');
    await popup.page.close();
  });

  it('refuses an empty file and one beyond the server\'s limit with a sentence, and keeps the rest', async () => {
    const popup = await Popup.open(browser);
    await popup.attach([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'backup.tar', mimeType: 'application/x-tar', buffer: binary(MAX_NOTE_BYTES + 1, 3) },
      { name: 'kubeconfig', mimeType: '', buffer: KUBECONFIG },
    ]);
    expect(await popup.attachedNames()).toEqual(['kubeconfig']);
    // Said beside the files, one sentence a file.
    expect(await popup.page.locator('.attach-refused p').allTextContents()).toEqual([
      '"empty.txt" is empty (0 bytes): there is nothing in it to share. Attach the file you meant.',
      '"backup.tar" is 1 byte too large: this note server accepts up to 64 kB per link.',
    ]);
    await shoot(popup, 'popup-files-refused');

    // Two files each within the limit, together beyond it: the counter says so, Create refuses.
    await popup.attach([
      { name: 'a.bin', mimeType: '', buffer: binary(40 * 1024, 4) },
      { name: 'b.bin', mimeType: '', buffer: binary(40 * 1024, 5) },
    ]);
    expect(await popup.size.textContent()).toBe('Text and files: 80 kB: 16 kB over this server\'s limit of 64 kB');
    await popup.create(undefined);
    expect(await popup.page.locator('.share-form > .notice.error').textContent()).toMatch(/^The text and files come to 80 kB, 16 kB more than this note server accepts per link \(64 kB\)\. Remove a file/);
    expect(await popup.attachedNames()).toEqual(['kubeconfig', 'a.bin', 'b.bin']);

    // Remove one from the keyboard: focus stays in the list; then it fits and is sent.
    await popup.page.getByRole('button', { name: 'Remove b.bin' }).focus();
    await popup.page.keyboard.press('Enter');
    expect(await popup.attachedNames()).toEqual(['kubeconfig', 'a.bin']);
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove a.bin');
    await popup.create(undefined);
    await popup.createdHeading.waitFor();
    expect((await open(await popup.link())).files.map((f) => f.name)).toEqual(['kubeconfig', 'a.bin']);
    await popup.page.close();
  });

  it('looks right in the dark', async () => {
    const dark = await launchWithExtension({ colorScheme: 'dark' });
    try {
      await new ExtensionWorker(dark).storeSettings({ server: server.url, clipboardClearSeconds: 0 });
      const popup = await Popup.open(dark);
      await popup.secret.fill('for the files');
      await popup.attach([
        { name: 'client.p12', mimeType: 'application/x-pkcs12', buffer: P12 },
        { name: 'a-file-with-a-very-long-name-that-does-not-fit-on-one-line.kubeconfig.yaml', mimeType: '', buffer: KUBECONFIG },
      ]);
      await shoot(popup, 'popup-files-dark');
      await popup.page.close();
    } finally {
      await dark.close();
    }
  });
});

describe('files for the recipient', () => {
  /** A link made by another client: the recipient's side is what is tested here. */
  async function linkWith(text: string, files: Array<{ name: string; type: string; bytes: Buffer }>): Promise<string> {
    const shared = await shareNote(createApi({ server: server.url }), { text, files: files.map((f) => ({ ...f, bytes: new Uint8Array(f.bytes) })) }, { expiresIn: 3600, maxReads: 1 });
    if (!shared.ok) throw new Error(shared.error.message);
    return shared.value.link;
  }
  const HTML = Buffer.from('<script>document.title = "ran"</script><h1>not shown</h1>');

  it.each(['light', 'dark'] as const)('offers each file as a download, byte for byte, and shows none of them (%s)', async (colorScheme) => {
    const plain = await launchPlain({ colorScheme });
    try {
      const link = await linkWith('The p12 password: tulip-anchor', [
        { name: 'client.p12', type: 'application/x-pkcs12', bytes: P12 },
        { name: 'kubeconfig', type: '', bytes: KUBECONFIG },
        { name: '../page.html', type: 'text/html', bytes: HTML },
      ]);
      const recipient = new RecipientPage(await plain.context.newPage());
      await recipient.open(link);
      expect(await recipient.reveal()).toBe('The p12 password: tulip-anchor');
      // Focus moved to the heading for screen readers, without a focus ring nobody asked for.
      await expect.poll(() => recipient.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await recipient.heading.evaluate((h) => getComputedStyle(h).outlineStyle)).toBe('none');
      const downloads = recipient.page.getByRole('link', { name: /^Download / });
      expect(await downloads.count()).toBe(3);
      expect(await recipient.page.locator('.revealed-files .file-name').allTextContents()).toEqual(['client.p12', 'kubeconfig', '.._page.html']);
      await screenshot(recipient.page, `recipient-files${colorScheme === 'dark' ? '-dark' : ''}`);

      for (const [i, [name, bytes]] of ([['client.p12', P12], ['kubeconfig', KUBECONFIG], ['_page.html', HTML]] as const).entries()) {
        const [download] = await Promise.all([recipient.page.waitForEvent('download'), downloads.nth(i).click()]);
        // No folder in the saved name (the browser drops leading dots too), and the bytes exactly as sent.
        expect(download.suggestedFilename()).toBe(name);
        const saved = await download.createReadStream();
        const chunks: Buffer[] = [];
        for await (const chunk of saved) chunks.push(Buffer.from(chunk));
        expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      }
      // The HTML file was saved, never opened: the page is still the recipient page, nothing ran.
      expect(new URL(recipient.page.url()).pathname).toMatch(/^\/n\//);
      expect(await recipient.page.title()).not.toBe('ran');
      expect(plain.context.pages()).toHaveLength(1);
      await recipient.page.close();
    } finally {
      await plain.close();
    }
  });

  it('a note of files only: no empty text box and no Copy button', async () => {
    const plain = await launchPlain();
    try {
      const recipient = new RecipientPage(await plain.context.newPage());
      await recipient.open(await linkWith('', [{ name: '.env', type: 'text/plain', bytes: ENV }]));
      await recipient.hold();
      await recipient.page.getByRole('heading', { name: 'Your files' }).waitFor();
      expect(await recipient.secret.count()).toBe(0);
      expect(await recipient.copyButton.count()).toBe(0);
      expect(await recipient.page.getByRole('link', { name: 'Download .env' }).count()).toBe(1);
      await screenshot(recipient.page, 'recipient-files-only');
      await recipient.page.close();
    } finally {
      await plain.close();
    }
  });
});
