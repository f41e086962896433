// The expiry and reads a new link starts with: the sender's defaults, fitted to what the note
// server allows. The popup uses it: type imports only from the protocol (a value import would bring
// zod into the popup's bundle).
import type { Health } from '../core/protocol';
import type { Settings } from '../storage';

export interface NoteDefaults {
  /** Expiry choices in seconds, shortest first. */
  expiryChoices: number[];
  expiresIn: number;
  /** The most reads a note may allow on this server. */
  readsLimit: number;
  maxReads: number;
}

/**
 * The expiry and reads to preselect: the user's defaults where the server allows them, otherwise
 * the server's. Without an answer from the server, only the user's defaults are offered.
 */
export function noteDefaults(settings: Pick<Settings, 'defaultExpiry' | 'defaultReads'>, health?: Health): NoteDefaults {
  if (!health) {
    return {
      expiryChoices: [settings.defaultExpiry],
      expiresIn: settings.defaultExpiry,
      readsLimit: Math.max(1, settings.defaultReads),
      maxReads: Math.max(1, settings.defaultReads),
    };
  }
  const expiresIn = health.expiryChoices.includes(settings.defaultExpiry) ? settings.defaultExpiry : health.defaultExpiry;
  return {
    expiryChoices: health.expiryChoices,
    expiresIn,
    readsLimit: health.maxReads,
    maxReads: Math.min(Math.max(1, settings.defaultReads), health.maxReads),
  };
}
