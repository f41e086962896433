// The links that replace the secrets of a held paste, made in the background (the content script
// carries no crypto): each secret encrypted locally, posted as ciphertext, added to the sent list
// for read receipts. Nothing is copied: the guard puts the links where the paste was going.
import { createApi } from '../core/api';
import { shareSecret, type SharedNote } from '../core/note';
import { err, ok, type Result } from '../core/result';
import type { Translator } from '../i18n/translate';
import { rememberSent, shareErrorMessage } from '../share/create-link';
import { noteDefaults } from '../share/note-defaults';
import { termsSentence } from '../share/terms-sentence';
import type { GuardSetup, Settings } from '../storage';

/** Secrets one paste may turn into links; more is not a paste a person meant to share. */
export const MAX_SECRETS = 20;

export interface GuardLinkDeps {
  settings(): Promise<Settings>;
  guard(): Promise<GuardSetup>;
  fetch?: typeof fetch;
}

export interface GuardTerms {
  expiresIn: number;
  maxReads: number;
}

/**
 * The expiry and reads of a link made from a paste: the guard's own choice, else the defaults of
 * the settings, fitted to what the note server allows (utils/share/note-defaults.ts).
 */
export async function guardTerms(deps: GuardLinkDeps): Promise<GuardTerms> {
  const [settings, guard] = await Promise.all([deps.settings(), deps.guard()]);
  const health = await createApi({ server: settings.server, fetch: deps.fetch, timeout: 8000 }).health();
  const { expiresIn, maxReads } = noteDefaults(
    { defaultExpiry: guard.expiresIn || settings.defaultExpiry, defaultReads: guard.maxReads || settings.defaultReads },
    health.ok ? health.value : undefined,
  );
  return { expiresIn, maxReads };
}

/** "It can be read once. Expires in 24 hours (10:42).": what the links of a paste will be. */
export function termsText(tr: Translator, { expiresIn, maxReads }: GuardTerms, now: number): string {
  return termsSentence(tr, { expiresIn, maxReads, expiresAt: now + expiresIn * 1000 }, now);
}

/**
 * One link per secret, in order, or one sentence saying why not. When one fails, the links made
 * before it are revoked: a paste becomes links whole or not at all.
 */
export async function createGuardLinks(
  request: { secrets: string[]; passphrase?: string; site: string },
  deps: GuardLinkDeps,
): Promise<Result<string[], string>> {
  const { secrets, passphrase, site } = request;
  if (secrets.length === 0 || secrets.length > MAX_SECRETS || secrets.some((s) => typeof s !== 'string' || s.length === 0)) {
    return err(`Burnlink turns at most ${MAX_SECRETS} secrets of one paste into links. Paste fewer at a time.`);
  }
  const settings = await deps.settings();
  const terms = await guardTerms(deps);
  const api = createApi({ server: settings.server, fetch: deps.fetch });
  const made: SharedNote[] = [];
  for (const secret of secrets) {
    const shared = await shareSecret(api, secret, {
      ...terms,
      passphrase: passphrase ? passphrase : undefined,
      createToken: settings.createToken || undefined,
    });
    if (!shared.ok) {
      await Promise.all(made.map(({ note }) => api.revoke(note.id, note.manageToken).catch(() => undefined)));
      return err(shareErrorMessage(shared.error, api.server));
    }
    made.push(shared.value);
  }
  // In the sent list like any link, for read receipts and revoke, named after where it went.
  for (const shared of made) await rememberSent(shared, `Pasted on ${site}`);
  return ok(made.map((m) => m.link));
}
