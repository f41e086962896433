// What a pre-check and a reveal mean for the person, for any tool's reader: the phases of the
// reveal view (components/RevealView.tsx), apart from how they are drawn. The genuine reveal UI
// and the recipient page both follow them. Phases hold catalogue keys, not words: the view
// translates them when it draws, so a language switch re-words a phase without repeating it.
import type { Result } from '../core/result';
import type { MessageKey, Params, Translator } from '../i18n/translate';
import type { Gone, Precheck, ReaderError, ReaderErrorCode, Revealed, WordParams, Words } from './readers/types';

/**
 * A sentence for the person: from the catalogues, or (from a reader that has no catalogue entry
 * for it) the reader's own English sentence.
 */
export type Sentence = Words | { text: string };

/** Ready to reveal: what is known before the click, and what the last try said. */
export interface Ready {
  name: 'ready';
  /** What the non-destructive check found; absent when the tool has none, or it failed. */
  check?: Precheck;
  /** Ask for the password before revealing. */
  passwordNeeded: boolean;
  /** A sentence about the last try (a wrong password), or about a check that could not tell. */
  problem?: Sentence;
  /** The problem is a check that could not tell: revealing may still work. */
  mayStillTry?: boolean;
  /** Wrong passwords still allowed before the note is destroyed, where the tool counts them. */
  attemptsLeft?: number;
  /** No password is tried before this time (ms since epoch). */
  lockedUntil?: number | null;
}

export type Phase =
  | { name: 'checking' }
  | Ready
  | { name: 'revealing'; ready: Ready }
  | { name: 'revealed'; revealed: Revealed }
  | { name: 'gone'; message: Sentence; gone: Gone }
  | { name: 'unreachable'; message: Sentence; retry: 'check' | 'reveal'; ready?: Ready }
  | { name: 'failed'; code: ReaderErrorCode; message: Sentence; site?: string };

const GONE_TITLES: Record<Gone['state'], MessageKey> = {
  read: 'gone.title.read',
  expired: 'gone.title.expired',
  revoked: 'gone.title.revoked',
  destroyed: 'gone.title.destroyed',
  unknown: 'gone.title.unknown',
};

const FAILED_TITLES: Partial<Record<ReaderErrorCode, MessageKey>> = {
  damaged: 'failed.title.damaged',
  denied: 'failed.title.denied',
  unsupported: 'failed.title.unsupported',
  bad_response: 'failed.title.badResponse',
};

/** What a reader said: in the catalogues where it gave the words, else its own sentence. */
export const sentenceOf = (error: Pick<ReaderError, 'message' | 'words'>): Sentence => error.words ?? { text: error.message };

/** The sentence in the person's language. */
export function say(i18n: Translator, sentence: Sentence): string {
  if ('text' in sentence) return sentence.text;
  const params = sentence.params && fillLists(i18n.lang, sentence.params);
  return 'key' in sentence ? i18n.t(sentence.key, params) : i18n.plural(sentence.plural, sentence.count, params);
}

/** Lists in a sentence's values, joined as the language joins them ("a and b", "a und b"). */
function fillLists(lang: string, params: WordParams): Params {
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? list.format(value) : value]));
}

/** The phase after the pre-check. `linkSays` is what the link itself says about a password. */
export function afterCheck(result: Result<Precheck, ReaderError>, linkSays: boolean | undefined): Phase {
  if (result.ok) {
    const check = result.value;
    return {
      name: 'ready',
      check,
      // The tool's answer wins over the link: a link whose password flag was stripped still asks.
      passwordNeeded: check.passwordNeeded ?? linkSays ?? false,
      ...(check.attemptsLeft === undefined ? {} : { attemptsLeft: check.attemptsLeft }),
      ...(check.lockedUntil ? { lockedUntil: check.lockedUntil } : {}),
    };
  }
  const error = result.error;
  switch (error.code) {
    case 'gone': return goneFrom(error);
    case 'unreachable': return { name: 'unreachable', message: sentenceOf(error), retry: 'check' };
    case 'password_needed': return { name: 'ready', passwordNeeded: true };
    case 'wrong_password':
    case 'locked': return withTries({ name: 'ready', passwordNeeded: true }, error);
    case 'bad_response':
      // The check could not tell; the reveal gives the final word (a wrong password burns nothing).
      return { name: 'ready', passwordNeeded: linkSays ?? false, problem: sentenceOf(error), mayStillTry: true };
    default: return failedFrom(error);
  }
}

/** The phase after a reveal from `ready`. */
export function afterReveal(result: Result<Revealed, ReaderError>, ready: Ready): Phase {
  if (result.ok) return { name: 'revealed', revealed: result.value };
  const error = result.error;
  switch (error.code) {
    case 'gone': return goneFrom(error);
    case 'unreachable': return { name: 'unreachable', message: sentenceOf(error), retry: 'reveal', ready };
    case 'password_needed': {
      const { mayStillTry: _, ...rest } = ready;
      return { ...rest, passwordNeeded: true, problem: sentenceOf(error) };
    }
    case 'wrong_password':
    case 'locked': return withTries({ ...ready, passwordNeeded: true }, error);
    default: return failedFrom(error);
  }
}

function withTries(ready: Ready, error: ReaderError): Ready {
  const { attemptsLeft, lockedUntil, problem: _, mayStillTry: __, ...rest } = ready;
  // A lock with its end says it all ("the next try is possible at 10:42"): no second sentence.
  const saysLock = error.code === 'locked' && Boolean(error.lockedUntil);
  return {
    ...rest,
    ...(saysLock ? {} : { problem: sentenceOf(error) }),
    ...(error.attemptsLeft === undefined ? (attemptsLeft === undefined ? {} : { attemptsLeft }) : { attemptsLeft: error.attemptsLeft }),
    ...(error.lockedUntil === undefined ? (lockedUntil ? { lockedUntil } : {}) : error.lockedUntil ? { lockedUntil: error.lockedUntil } : {}),
  };
}

function goneFrom(error: ReaderError): Phase {
  return { name: 'gone', message: sentenceOf(error), gone: error.gone ?? { state: 'unknown' } };
}

function failedFrom(error: ReaderError): Phase {
  return { name: 'failed', code: error.code, message: sentenceOf(error), ...(error.site ? { site: error.site } : {}) };
}

/** The heading of a gone or failed phase, in the person's language. */
export function outcomeTitle({ t }: Translator, phase: Extract<Phase, { name: 'gone' | 'failed' }>): string {
  if (phase.name === 'gone') return t(GONE_TITLES[phase.gone.state]);
  return t(FAILED_TITLES[phase.code] ?? 'failed.title.other');
}

/** Whether a lock is in force at `now`. */
export const isLocked = (ready: Ready, now: number): boolean => (ready.lockedUntil ?? 0) > now;

/** Whether the Reveal button may be pressed with this password typed. */
export const canReveal = (ready: Ready, password: string, now: number): boolean =>
  !isLocked(ready, now) && (!ready.passwordNeeded || password.length > 0);

const GONE_AT: Partial<Record<Gone['state'], MessageKey>> = {
  read: 'gone.at.read',
  expired: 'gone.at.expired',
  revoked: 'gone.at.revoked',
  destroyed: 'gone.at.destroyed',
};

/** "Read at 10:42." — when the tool said when; empty otherwise. */
export function goneWhen(i18n: Translator, gone: Gone | undefined, now: number): string {
  const key = gone?.at ? GONE_AT[gone.state] : undefined;
  return key && gone?.at ? i18n.t(key, { time: i18n.clockTime(gone.at, now) }) : '';
}

/**
 * One line saying what state the secret is in, for the "what this opens" summary. `secretWord` is
 * what the tool calls its password (Burnlink: passphrase; the others: password).
 */
export function stateLine(i18n: Translator, phase: Phase, now: number, secretWord: 'passphrase' | 'password' = 'passphrase'): string {
  const { t } = i18n;
  switch (phase.name) {
    case 'checking': return t('state.checking');
    case 'revealing': return stateLine(i18n, phase.ready, now, secretWord);
    case 'ready': return readyLine(i18n, phase, now, secretWord);
    case 'revealed': return t('state.opened');
    case 'gone': {
      const title = outcomeTitle(i18n, phase);
      // "Already read at 10:42".
      return phase.gone.at && GONE_AT[phase.gone.state] ? t('state.goneAt', { title, time: i18n.clockTime(phase.gone.at, now) }) : title;
    }
    case 'unreachable': return t('state.unknown');
    case 'failed': return outcomeTitle(i18n, phase);
  }
}

/** The ready state's facts, each a phrase of its own, one after the other with a middle dot. */
function readyLine(i18n: Translator, phase: Ready, now: number, secretWord: 'passphrase' | 'password'): string {
  const { t } = i18n;
  const parts: string[] = [];
  const check = phase.check;
  if (check?.checked) {
    const views = check.views;
    parts.push(views === null ? t('state.waiting') : views === undefined || views === 1 ? t('state.waitingOnce') : i18n.plural('state.waitingTimes', views));
    if (check.expiresAt) parts.push(t('state.expires', { when: i18n.relativeTime(check.expiresAt, now) }));
  } else {
    parts.push(t('state.notChecked'));
  }
  if (phase.passwordNeeded) parts.push(t(secretWord === 'passphrase' ? 'state.needsPassphrase' : 'reveal.stateNeedsPassword'));
  if (isLocked(phase, now) && phase.lockedUntil) parts.push(t('state.lockedUntil', { time: i18n.clockTime(phase.lockedUntil, now) }));
  return parts.join(' · ');
}
