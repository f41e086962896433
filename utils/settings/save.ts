// The one save of the note server settings, for the options page and the first-run page: the
// server is checked before anything is saved, the defaults for new links are fitted to what it
// offers, the form is validated, and only then saved.
import type { Health } from '../core/protocol';
import { err, ok, type Result } from '../core/result';
import { fitToServer, updateSettings, validateSettings, type Adjustment, type FieldError, type SettingsForm } from './form';
import { checkServer, type CheckedServer, type ServerProblem } from './server-check';

export interface SavedSettings {
  /** What was saved: the server address normalised, the defaults fitted to it. */
  form: SettingsForm;
  health: Health;
  /** The note defaults changed to fit the server (each page words them, with the server: wording.ts). */
  adjusted: Adjustment[];
}

/** Why nothing was saved (each page words it: wording.ts); with what the server said when it answered. */
export interface SaveError {
  field: FieldError['field'];
  problem: FieldError['problem'] | ServerProblem;
  health?: Health;
  /** The form fitted to the server that answered, to show what would be saved. */
  fitted?: SettingsForm;
}

/** Checks the server of `form`, fits and validates the form, and saves it. */
export async function saveSettingsForm(
  form: SettingsForm,
  check: (server: string) => Promise<Result<CheckedServer, ServerProblem>> = checkServer,
): Promise<Result<SavedSettings, SaveError>> {
  const checked = await check(form.server);
  if (!checked.ok) return err({ field: 'server', problem: checked.error });
  const { server, health } = checked.value;
  const fitted = fitToServer({ ...form, server }, health);
  const valid = validateSettings(fitted.form, health);
  if (!valid.ok) return err({ ...valid.error, health, fitted: fitted.form });
  await updateSettings(valid.value);
  return ok({ form: valid.value, health, adjusted: fitted.adjusted });
}
