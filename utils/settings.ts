// The sender's settings: what the options page may save, and the note options that follow from
// the settings and the server's limits.
import { formatBytes } from './crypto';
import type { Health } from './protocol';
import { err, ok, type Result } from './result';
import { settingsItem, type Settings } from './storage';
import { durationLabel } from './time';

/** Clipboard auto-clear choices offered, in seconds (0: never). */
export const CLIPBOARD_CLEAR_CHOICES = [0, 30, 60, 120, 300] as const;
const CLIPBOARD_CLEAR_MAX = 3600;

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
 * (No value import from protocol.ts: it would bring zod into the popup.)
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

/** What the options page edits. */
export type SettingsForm = Pick<Settings, 'server' | 'createToken' | 'defaultExpiry' | 'defaultReads' | 'clipboardClearSeconds'>;

export interface FieldError {
  field: keyof SettingsForm;
  message: string;
}

/**
 * Checks the form against the server it points at (already checked and normalised, with its
 * health). Returns the values to save, or the first problem in a sentence.
 */
export function validateSettings(form: SettingsForm, health: Health): Result<SettingsForm, FieldError> {
  const createToken = form.createToken.trim();
  if (/\s/.test(createToken)) {
    return err({ field: 'createToken', message: 'The create token cannot contain spaces: paste it exactly as the server\'s operator gave it.' });
  }
  if (health.createTokenRequired && createToken.length === 0) {
    return err({ field: 'createToken', message: 'This note server only accepts notes with its create token. Ask its operator for the token and paste it here.' });
  }
  if (!health.expiryChoices.includes(form.defaultExpiry)) {
    return err({ field: 'defaultExpiry', message: 'Choose one of the expiry times this server offers.' });
  }
  if (!Number.isInteger(form.defaultReads) || form.defaultReads < 1 || form.defaultReads > health.maxReads) {
    return err({ field: 'defaultReads', message: `Allowed reads must be a whole number from 1 to ${health.maxReads} on this server.` });
  }
  if (!Number.isInteger(form.clipboardClearSeconds) || form.clipboardClearSeconds < 0 || form.clipboardClearSeconds > CLIPBOARD_CLEAR_MAX) {
    return err({ field: 'clipboardClearSeconds', message: 'The clipboard delay must be between 0 (never) and 3600 seconds.' });
  }
  return ok({ ...form, createToken });
}

/** Saves some settings, keeping the others (other parts of the extension add their own). */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await settingsItem.getValue()), ...patch };
  await settingsItem.setValue(next);
  return next;
}

/** "Never", "30 seconds", "1 minute", … for the clipboard auto-clear choices. */
export function clipboardClearLabel(seconds: number): string {
  if (seconds === 0) return 'Never';
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

/**
 * Fits the form's note defaults to a server's limits (a newly chosen server may offer other
 * expiry times or fewer reads); `adjusted` says what changed, for the person saving.
 */
export function fitToServer(form: SettingsForm, health: Health): { form: SettingsForm; adjusted: string[] } {
  const adjusted: string[] = [];
  let { defaultExpiry, defaultReads } = form;
  if (!health.expiryChoices.includes(defaultExpiry)) {
    defaultExpiry = health.defaultExpiry;
    adjusted.push(`the default expiry is now ${durationLabel(defaultExpiry)}, this server's default`);
  }
  if (defaultReads > health.maxReads) {
    defaultReads = health.maxReads;
    adjusted.push(`allowed reads are now ${defaultReads}, this server's maximum`);
  }
  return { form: { ...form, defaultExpiry, defaultReads }, adjusted };
}

/** One sentence on what a checked server offers. */
export function describeServer(server: string, health: Health): string {
  const choices = health.expiryChoices;
  const first = choices[0] ?? health.defaultExpiry;
  const last = choices[choices.length - 1] ?? health.defaultExpiry;
  const expiry = first === last ? durationLabel(first) : `${durationLabel(first)} to ${durationLabel(last)}`;
  return `${new URL(server).host} is a Burnlink note server: secrets up to ${formatBytes(health.maxNoteBytes)}, expiry ${expiry}, up to ${health.maxReads} read${health.maxReads === 1 ? '' : 's'} a note.`;
}
