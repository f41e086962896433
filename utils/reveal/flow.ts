// What a pre-check and a reveal mean for the person, for any tool's reader: the phases of the
// reveal view (components/RevealView.tsx), apart from how they are drawn. The genuine reveal UI
// and the recipient page both follow them.
import { clockTime, relativeTime } from '../core/format';
import type { Result } from '../core/result';
import type { Gone, Precheck, ReaderError, Revealed } from './readers/types';

/** Ready to reveal: what is known before the click, and what the last try said. */
export interface Ready {
  name: 'ready';
  /** What the non-destructive check found; absent when the tool has none, or it failed. */
  check?: Precheck;
  /** Ask for the password before revealing. */
  passwordNeeded: boolean;
  /** A sentence about the last try (a wrong password), or about a check that could not tell. */
  problem?: string;
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
  | { name: 'gone'; title: string; message: string; gone?: Gone }
  | { name: 'unreachable'; message: string; retry: 'check' | 'reveal'; ready?: Ready }
  | { name: 'failed'; title: string; message: string; site?: string };

const GONE_TITLES: Record<Gone['state'], string> = {
  read: 'Already read',
  expired: 'Expired',
  revoked: 'Revoked',
  destroyed: 'Destroyed',
  unknown: 'Not available',
};

const FAILED_TITLES: Partial<Record<ReaderError['code'], string>> = {
  damaged: 'This secret is damaged',
  denied: 'Open this on its own site',
  unsupported: 'Burnlink cannot open this',
  bad_response: 'Unexpected answer',
};

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
    case 'unreachable': return { name: 'unreachable', message: error.message, retry: 'check' };
    case 'password_needed': return { name: 'ready', passwordNeeded: true };
    case 'wrong_password':
    case 'locked': return withTries({ name: 'ready', passwordNeeded: true }, error);
    case 'bad_response':
      // The check could not tell; the reveal gives the final word (a wrong password burns nothing).
      return { name: 'ready', passwordNeeded: linkSays ?? false, problem: `${error.message} You can still try to reveal it.` };
    default: return failedFrom(error);
  }
}

/** The phase after a reveal from `ready`. */
export function afterReveal(result: Result<Revealed, ReaderError>, ready: Ready): Phase {
  if (result.ok) return { name: 'revealed', revealed: result.value };
  const error = result.error;
  switch (error.code) {
    case 'gone': return goneFrom(error);
    case 'unreachable': return { name: 'unreachable', message: error.message, retry: 'reveal', ready };
    case 'password_needed': return { ...ready, passwordNeeded: true, problem: error.message };
    case 'wrong_password':
    case 'locked': return withTries({ ...ready, passwordNeeded: true }, error);
    default: return failedFrom(error);
  }
}

function withTries(ready: Ready, error: ReaderError): Ready {
  const { attemptsLeft, lockedUntil, problem: _, ...rest } = ready;
  // A lock with its end says it all ("the next try is possible at 10:42"): no second sentence.
  const saysLock = error.code === 'locked' && Boolean(error.lockedUntil);
  return {
    ...rest,
    ...(saysLock ? {} : { problem: error.message }),
    ...(error.attemptsLeft === undefined ? (attemptsLeft === undefined ? {} : { attemptsLeft }) : { attemptsLeft: error.attemptsLeft }),
    ...(error.lockedUntil === undefined ? (lockedUntil ? { lockedUntil } : {}) : error.lockedUntil ? { lockedUntil: error.lockedUntil } : {}),
  };
}

function goneFrom(error: ReaderError): Phase {
  const gone = error.gone ?? { state: 'unknown' };
  return { name: 'gone', title: GONE_TITLES[gone.state], message: error.message, gone };
}

function failedFrom(error: ReaderError): Phase {
  return { name: 'failed', title: FAILED_TITLES[error.code] ?? 'Could not open this', message: error.message, ...(error.site ? { site: error.site } : {}) };
}

/** Whether a lock is in force at `now`. */
export const isLocked = (ready: Ready, now: number): boolean => (ready.lockedUntil ?? 0) > now;

/** Whether the Reveal button may be pressed with this password typed. */
export const canReveal = (ready: Ready, password: string, now: number): boolean =>
  !isLocked(ready, now) && (!ready.passwordNeeded || password.length > 0);

/** "Read at 10:42." — when the tool said when; empty otherwise. */
export function goneWhen(gone: Gone | undefined, now: number): string {
  if (!gone?.at) return '';
  const at = clockTime(gone.at, now);
  switch (gone.state) {
    case 'read': return `Read at ${at}.`;
    case 'expired': return `Expired at ${at}.`;
    case 'revoked': return `Revoked at ${at}.`;
    case 'destroyed': return `Destroyed at ${at}.`;
    default: return '';
  }
}

/**
 * One line saying what state the secret is in, for the "what this opens" summary. `secretWord` is
 * what the tool calls its password (Burnlink: passphrase; the others: password).
 */
export function stateLine(phase: Phase, now: number, secretWord = 'passphrase'): string {
  switch (phase.name) {
    case 'checking': return 'Checking… (this does not open it)';
    case 'revealing': return stateLine(phase.ready, now, secretWord);
    case 'ready': {
      const parts: string[] = [];
      const check = phase.check;
      if (check?.checked) {
        const views = check.views;
        parts.push(views === null ? 'Waiting to be read' : views === undefined || views === 1 ? 'Waiting to be read, once' : `Waiting to be read, ${views} more times`);
        if (check.expiresAt) parts.push(`expires ${relativeTime(check.expiresAt, now)}`);
      } else {
        parts.push('Not checked: this tool has no safe way to ask before opening');
      }
      if (phase.passwordNeeded) parts.push(`needs a ${secretWord}`);
      if (isLocked(phase, now) && phase.lockedUntil) parts.push(`locked until ${clockTime(phase.lockedUntil, now)}`);
      return parts.join(' · ');
    }
    case 'revealed': return 'Opened';
    case 'gone': {
      const when = goneWhen(phase.gone, now);
      // "Already read at 10:42": the title, then the time from "Read at 10:42."
      return when ? `${phase.title} ${when.replace(/\.$/, '').replace(/^\w+ /, '')}` : phase.title;
    }
    case 'unreachable': return 'Unknown: the server did not answer';
    case 'failed': return phase.title;
  }
}
