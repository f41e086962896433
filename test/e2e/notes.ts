// Notes for browser tests: made with the real client flow on a test's note server, and revealed
// in a new tab as a recipient would. One copy of each, for every spec.
import type { BrowserContext } from 'playwright-core';
import { createApi } from '../../utils/core/api';
import { parseLink } from '../../utils/core/link';
import { shareSecret, type ShareOptions } from '../../utils/core/note';
import { RecipientPage } from './pages/RecipientPage';

/** Shares `secret` on the note server at `server`, as the extension does; expires in an hour unless told. */
export async function shareNote(server: string, secret: string, options: Partial<ShareOptions> = {}) {
  const result = await shareSecret(createApi({ server }), secret, { expiresIn: 3600, ...options });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The state the server reports for a note, to its sender (manage token). */
export async function noteState(server: string, note: { id: string; manageToken: string }) {
  const result = await createApi({ server }).status(note.id, note.manageToken);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.state;
}

/** Opens `link` in a new tab as the recipient, reveals it (with `passphrase`), and closes the tab. */
export async function revealInNewTab(context: BrowserContext, link: string, passphrase?: string): Promise<string> {
  const recipient = new RecipientPage(await context.newPage());
  try {
    await recipient.open(link);
    await recipient.settledHeading();
    return await recipient.reveal(passphrase);
  } finally {
    await recipient.page.close();
  }
}

/** The note id in a link. */
export function noteIdOf(link: string): string {
  const parsed = parseLink(link);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.id;
}
