// The links that replace the secrets of a held paste, made in the background (the content script
// carries no crypto): each secret encrypted locally, posted as ciphertext, added to the sent list
// for read receipts. Nothing is copied: the guard puts the links where the paste was going.
import { createApi } from '../core/api';
import { shareSecret, type NoteError, type SharedNote } from '../core/note';
import { err, ok, type Result } from '../core/result';
import type { Translator } from '../i18n/translate';
import { rememberSent } from '../share/create-link';
import { shareErrorText } from '../share/error-text';
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

/** Why a paste did not become links: the guard's own reasons, or the note flow's (a NoteError). */
export type GuardProblem =
  | { code: 'not_on' | 'unreadable' }
  | { code: 'too_many'; max: number }
  | { code: 'share'; error: NoteError; server: string };

/** What the guard's prompt says about a paste that did not become links, in the browser's language. */
export function guardProblemText(tr: Translator, problem: GuardProblem): string {
  switch (problem.code) {
    case 'not_on': return tr.t('fail.guard.notOn');
    case 'unreadable': return tr.t('fail.guard.unreadable');
    case 'too_many': return tr.plural('fail.guard.tooMany', problem.max);
    // A paste has no file to leave out: the popup's own sentence for this would say so.
    case 'share': return problem.error.code === 'too_large' ? tr.t('fail.guard.tooLarge') : shareErrorText(tr, problem.error, problem.server);
  }
}

/**
 * One link per secret, in order, or why not. When one fails, the links made before it are
 * revoked: a paste becomes links whole or not at all. `tr` names the links in the sent list
 * ("Pasted on chat.example"), in the language of the browser that made them.
 */
export async function createGuardLinks(
  request: { secrets: string[]; passphrase?: string; site: string },
  deps: GuardLinkDeps,
  tr: Translator,
): Promise<Result<string[], GuardProblem>> {
  const { secrets, passphrase, site } = request;
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.length === 0)) return err({ code: 'unreadable' });
  if (secrets.length > MAX_SECRETS) return err({ code: 'too_many', max: MAX_SECRETS });
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
      return err({ code: 'share', error: shared.error, server: api.server });
    }
    made.push(shared.value);
  }
  // In the sent list like any link, for read receipts and revoke, named after where it went.
  for (const shared of made) await rememberSent(shared, tr.t('fail.guard.pastedOn', { site }));
  return ok(made.map((m) => m.link));
}
