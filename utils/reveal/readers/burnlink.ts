// Burnlink's own links, behind the same interface as the other tools' readers. The note server
// checks the key proof and passphrase before it counts a read, so nothing is held between tries.
import { createApi } from '../../core/api';
import { GONE_MESSAGES } from '../../core/gone-text';
import { parseLink, type NoteLink } from '../../core/link';
import { peekNote, revealNote, type NoteError } from '../../core/note';
import { err, ok, type Result } from '../../core/result';
import { shortId } from './shared';
import type { Gone, Precheck, Reader, ReaderEnv, ReaderError, Recognised, Revealed } from './types';

const TOOL = 'Burnlink';

const GONE_STATES = ['read', 'expired', 'revoked', 'destroyed'] as const;
const goneState = (state: string | undefined): Gone['state'] => GONE_STATES.find((s) => s === state) ?? 'unknown';

function toReaderError(error: NoteError, link: NoteLink): ReaderError {
  switch (error.code) {
    case 'passphrase_required': return { code: 'password_needed', message: error.message, words: { key: 'reveal.passphraseNeeded' } };
    case 'wrong_passphrase':
      if (error.attemptsLeft === 0) return { code: 'gone', message: error.message, words: { key: 'gone.message.destroyed' }, gone: { state: 'destroyed', at: null } };
      // The tries left and the lock are shown apart, from the numbers.
      return {
        code: 'wrong_password',
        message: 'Wrong passphrase. Nothing was opened.',
        words: { key: 'reveal.wrongPassphrase' },
        ...(error.attemptsLeft === undefined ? {} : { attemptsLeft: error.attemptsLeft }),
        ...(error.lockedUntil === undefined ? {} : { lockedUntil: error.lockedUntil }),
      };
    case 'locked':
      return { code: 'locked', message: 'Too many wrong passphrases: the note is locked for now. Nothing was tried.', words: { key: 'reveal.lockedNow' }, lockedUntil: error.lockedUntil ?? null };
    case 'not_found': return { code: 'gone', message: error.message, words: { key: 'gone.message.notFound' }, gone: { state: 'unknown' } };
    case 'gone': return goneError(goneState(error.state), 'at' in error ? error.at ?? null : null, error.message);
    case 'unreachable': return { code: 'unreachable', message: error.message, words: { key: 'problem.unreachable', params: { server: link.server } } };
    case 'decrypt_failed': case 'malformed': return { code: 'damaged', message: error.message, words: { key: 'reveal.damaged' } };
    case 'unsupported': return { code: 'unsupported', message: error.message, words: { key: 'noteLink.newerVersion' }, site: `${link.server}/` };
    default: return { code: 'bad_response', message: error.message, ...problemKey(error.code, link) };
  }
}

/** The server's own answers that are not about the note, by their code. */
function problemKey(code: string, link: NoteLink): Pick<ReaderError, 'words'> {
  switch (code) {
    case 'rate_limited': return { words: { key: 'problem.rateLimited' } };
    case 'unavailable': return { words: { key: 'problem.unavailable' } };
    case 'internal': return { words: { key: 'problem.internal' } };
    case 'bad_response': return { words: { key: 'problem.badResponse', params: { server: new URL(link.server).host } } };
    default: return {};
  }
}

const GONE_KEYS = {
  read: 'gone.message.read',
  expired: 'gone.message.expired',
  revoked: 'gone.message.revoked',
  destroyed: 'gone.message.destroyed',
  unknown: 'gone.message.notFound',
} as const;

function goneError(state: Gone['state'], at: number | null, message: string): ReaderError {
  return { code: 'gone', message, words: { key: GONE_KEYS[state] }, gone: { state, at } };
}

/** Links of Burnlink's shape that cannot be opened, and what to say about them. */
const LINK_PROBLEMS: Partial<Record<string, 'noteLink.missingKey' | 'noteLink.badKey' | 'noteLink.newerVersion'>> = {
  missing_key: 'noteLink.missingKey',
  bad_key: 'noteLink.badKey',
  unsupported_version: 'noteLink.newerVersion',
};

function recognise(href: string): Result<Recognised, ReaderError> | undefined {
  const parsed = parseLink(href);
  if (!parsed.ok) {
    // Only links that are Burnlink's shape but damaged are Burnlink's to explain.
    const key = LINK_PROBLEMS[parsed.error.code];
    return key ? err({ code: 'unsupported', message: parsed.error.message, words: { key } }) : undefined;
  }
  const link = parsed.value;
  const url = new URL(link.server);
  return ok({
    tool: 'burnlink',
    toolName: TOOL,
    href,
    host: url.host,
    noteId: shortId(link.id),
    passwordNeeded: link.passphrase ? true : undefined,
    canPrecheck: true,
    access: { origins: [url.origin], cors: 'open', why: 'Burnlink note servers answer reads from any site, so no extra access is needed.' },
    beforeClick: 'Burnlink: opening reads this note; its last allowed read deletes it. A wrong passphrase burns nothing.',
    session: (env) => session(env, link),
  });
}

function session(env: ReaderEnv, link: NoteLink) {
  const api = createApi({ server: link.server, fetch: env.fetch, ...(env.timeoutMs ? { timeout: env.timeoutMs } : {}) });
  // The peek's answer wins over the link's flag: a link with its `p` stripped still asks.
  let passphrase = link.passphrase;

  return {
    async precheck(): Promise<Result<Precheck, ReaderError>> {
      const peek = await peekNote(api, link);
      if (!peek.ok) return err(toReaderError(peek.error, link));
      const { state } = peek.value;
      if (state !== 'pending') return err(goneError(state, peek.value.at, GONE_MESSAGES[state]));
      passphrase ||= peek.value.passphrase;
      const reads = peek.value.readsLeft;
      return ok({
        checked: true,
        passwordNeeded: passphrase,
        views: reads,
        message: `The note is there and can be read ${reads === 1 ? 'once' : `${reads} more times`}.${passphrase ? ' It needs the passphrase the sender gave you.' : ''}`,
        expiresAt: peek.value.expiresAt,
        ...(passphrase ? { attemptsLeft: peek.value.attemptsLeft, lockedUntil: peek.value.lockedUntil } : {}),
      });
    },
    async reveal(password?: string): Promise<Result<Revealed, ReaderError>> {
      const result = await revealNote(api, { ...link, passphrase }, passphrase ? password : undefined);
      if (!result.ok) return err(toReaderError(result.error, link));
      const left = result.value.readsLeft;
      return ok({
        // A note of only files has no text to show.
        ...(result.value.secret === '' && result.value.files.length > 0 ? {} : { text: result.value.secret }),
        format: 'text',
        files: result.value.files,
        notes: [left > 0 ? `${left} more read${left === 1 ? '' : 's'} allowed before the note is deleted.` : 'The note has been deleted from the server: this link no longer works.'],
        noteWords: [left > 0 ? { plural: 'reveal.readsLeftAfter', count: left } : { key: 'reveal.deleted' }],
      });
    },
    holdsCiphertext: () => false,
    forget: () => undefined,
  };
}

export const burnlink: Reader = { tool: 'burnlink', toolName: TOOL, recognise };
