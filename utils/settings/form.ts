// The settings form of the options and first-run pages: what may be saved, and how it is fitted to
// the note server it points at.
import type { Health } from '../core/protocol';
import { serialQueue } from '../core/queue';
import { err, ok, type Result } from '../core/result';
import { settingsItem, storedSettings, type Settings } from '../storage';
import { applyPolicy, changeOwnSettings, readPolicy } from './managed';

const CLIPBOARD_CLEAR_MAX = 3600;

/** What the options page edits. */
export type SettingsForm = Pick<Settings, 'server' | 'createToken' | 'defaultExpiry' | 'defaultReads' | 'clipboardClearSeconds'>;

/** Why the form cannot be saved as it is: a code, and the values its sentence needs. */
export type SettingsProblem =
  | { code: 'token_spaces' | 'token_required' | 'expiry_not_offered' }
  | { code: 'reads_range' | 'clipboard_delay'; max: number };

export interface FieldError {
  field: keyof SettingsForm;
  problem: SettingsProblem;
}

/**
 * Checks the form against the server it points at (already checked and normalised, with its
 * health). Returns the values to save, or the first problem (each page words it: wording.ts).
 */
export function validateSettings(form: SettingsForm, health: Health): Result<SettingsForm, FieldError> {
  const createToken = form.createToken.trim();
  if (/\s/.test(createToken)) return err({ field: 'createToken', problem: { code: 'token_spaces' } });
  if (health.createTokenRequired && createToken.length === 0) return err({ field: 'createToken', problem: { code: 'token_required' } });
  if (!health.expiryChoices.includes(form.defaultExpiry)) return err({ field: 'defaultExpiry', problem: { code: 'expiry_not_offered' } });
  if (!Number.isInteger(form.defaultReads) || form.defaultReads < 1 || form.defaultReads > health.maxReads) {
    return err({ field: 'defaultReads', problem: { code: 'reads_range', max: health.maxReads } });
  }
  if (!Number.isInteger(form.clipboardClearSeconds) || form.clipboardClearSeconds < 0 || form.clipboardClearSeconds > CLIPBOARD_CLEAR_MAX) {
    return err({ field: 'clipboardClearSeconds', problem: { code: 'clipboard_delay', max: CLIPBOARD_CLEAR_MAX } });
  }
  return ok({ ...form, createToken });
}

/** One read-modify-write of the settings at a time: two quick changes must not undo each other. */
const settingsQueue = serialQueue();

/**
 * Saves some settings, keeping the others (other parts of the extension add their own), and
 * returns the settings now in force. What the person's organisation locked is not changed.
 */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  return settingsQueue(async () => {
    const policy = await readPolicy();
    const own = changeOwnSettings(await storedSettings(), patch, policy);
    await settingsItem.setValue(own);
    return applyPolicy(own, policy);
  });
}

/** A note default changed to fit a server: the value it has now. */
export type Adjustment = { setting: 'defaultExpiry' | 'defaultReads'; value: number };

/**
 * Fits the form's note defaults to a server's limits (a newly chosen server may offer other
 * expiry times or fewer reads); `adjusted` says what changed, for the person saving.
 */
export function fitToServer(form: SettingsForm, health: Health): { form: SettingsForm; adjusted: Adjustment[] } {
  const adjusted: Adjustment[] = [];
  let { defaultExpiry, defaultReads } = form;
  if (!health.expiryChoices.includes(defaultExpiry)) {
    defaultExpiry = health.defaultExpiry;
    adjusted.push({ setting: 'defaultExpiry', value: defaultExpiry });
  }
  if (defaultReads > health.maxReads) {
    defaultReads = health.maxReads;
    adjusted.push({ setting: 'defaultReads', value: defaultReads });
  }
  return { form: { ...form, defaultExpiry, defaultReads }, adjusted };
}
