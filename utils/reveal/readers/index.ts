// Every reader, Burnlink's own first. Adding a tool = adding its file here and its fixtures.
import { err, type Result } from '../../core/result';
import { bitwardenSend } from './bitwarden-send';
import { burnlink } from './burnlink';
import { cryptgeon } from './cryptgeon';
import { hemmelig } from './hemmelig';
import { privatebin } from './privatebin';
import type { Reader, ReaderError, Recognised } from './types';
import { yopass } from './yopass';

export const READERS: readonly Reader[] = [burnlink, privatebin, yopass, cryptgeon, hemmelig, bitwardenSend];

/** Longer than any link a person pastes; refused before any pattern runs. */
const MAX_LINK_LENGTH = 4096;

/**
 * The reader for a link: `ok` with what can be said before any request, an error when it is a
 * known tool's link that Burnlink cannot open (with where to open it), `undefined` for anything else.
 */
export function recogniseLink(href: string): Result<Recognised, ReaderError> | undefined {
  const text = href.trim();
  if (text.length > MAX_LINK_LENGTH) return err({ code: 'unsupported', message: 'This link is too long to be a one-time link.', words: { key: 'readers.tooLong' } });
  for (const reader of READERS) {
    const recognised = reader.recognise(text);
    if (recognised) return recognised;
  }
  return undefined;
}

export type * from './types';
