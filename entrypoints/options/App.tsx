// Options: the note server (checked before it is saved), the create token, defaults for new links,
// the clipboard delay, read receipts, link detection and the keyboard shortcuts.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Logo } from '@/components/Logo';
import { ReceiptSettings } from '@/components/ReceiptSettings';
import { ShortcutList } from '@/components/ShortcutList';
import { MAX_READS_LIMIT, type Health } from '@/utils/core/protocol';
import { checkServer } from '@/utils/settings/server-check';
import {
  CLIPBOARD_CLEAR_CHOICES,
  clipboardClearLabel,
  describeServer,
  fitToServer,
  updateSettings,
  validateSettings,
  type FieldError,
  type SettingsForm,
} from '@/utils/settings/form';
import { settingsItem } from '@/utils/storage';
import { durationLabel } from '@/utils/core/format';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; message: string }
  | { kind: 'error'; error: FieldError };

export function App() {
  const [form, setForm] = useState<SettingsForm>();
  /** The health of the server the choices come from: the saved one, then the last one checked. */
  const [health, setHealth] = useState<Health>();
  const [serverNote, setServerNote] = useState<string>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    void settingsItem.getValue().then(async (settings) => {
      setForm({
        server: settings.server,
        createToken: settings.createToken,
        defaultExpiry: settings.defaultExpiry,
        defaultReads: settings.defaultReads,
        clipboardClearSeconds: settings.clipboardClearSeconds,
      });
      const checked = await checkServer(settings.server);
      if (checked.ok) setHealth(checked.value.health);
      else setServerNote(`The saved note server does not answer right now. ${checked.error}`);
    });
  }, []);

  // Take people to what needs fixing.
  useEffect(() => {
    if (status.kind === 'error') document.getElementById(status.error.field)?.focus();
  }, [status]);

  if (!form) return null;

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm({ ...form, [key]: value });
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };

  const save = async () => {
    setStatus({ kind: 'saving' });
    const checked = await checkServer(form.server);
    if (!checked.ok) {
      setStatus({ kind: 'error', error: { field: 'server', message: `Not saved: ${checked.error}` } });
      return;
    }
    const { server, health: checkedHealth } = checked.value;
    setHealth(checkedHealth);
    setServerNote(undefined);
    const fitted = fitToServer({ ...form, server }, checkedHealth);
    const valid = validateSettings(fitted.form, checkedHealth);
    setForm(fitted.form);
    if (!valid.ok) {
      setStatus({ kind: 'error', error: { ...valid.error, message: `Not saved: ${valid.error.message}` } });
      return;
    }
    await updateSettings(valid.value);
    setForm(valid.value);
    const adjusted = fitted.adjusted.length > 0 ? ` Also, ${fitted.adjusted.join(' and ')}.` : '';
    setStatus({ kind: 'saved', message: `Saved. ${describeServer(server, checkedHealth)}${adjusted}` });
  };

  const error = status.kind === 'error' ? status.error : undefined;
  const errorFor = (field: FieldError['field']) => (error?.field === field ? error.message : undefined);
  // Until a server answers, its limits are unknown: offer the saved values and the protocol's.
  const expiryChoices = health?.expiryChoices ?? [form.defaultExpiry];
  const readsLimit = Math.max(health?.maxReads ?? MAX_READS_LIMIT, form.defaultReads);

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> Burnlink</p>
      <h1>Options</h1>

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <h2>Note server</h2>
        <Field id="server" label="Server address" error={errorFor('server')}
          help="Where links are stored, encrypted. The key of each link never goes there.">
          <input id="server" type="url" inputMode="url" spellcheck={false} autoComplete="url" value={form.server}
            aria-invalid={errorFor('server') ? true : undefined}
            aria-describedby={errorFor('server') ? 'server-error server-help' : 'server-help'}
            onInput={(e) => set('server', e.currentTarget.value)} />
        </Field>
        {serverNote ? <p class="notice warn small">{serverNote}</p> : null}
        <Field id="createToken" label="Create token" error={errorFor('createToken')}
          help={health?.createTokenRequired
            ? 'This server only accepts new links with its create token: ask its operator.'
            : 'Only needed when the server\'s operator requires one.'}>
          <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={form.createToken}
            aria-invalid={errorFor('createToken') ? true : undefined}
            aria-describedby={errorFor('createToken') ? 'createToken-error createToken-help' : 'createToken-help'}
            onInput={(e) => set('createToken', e.currentTarget.value)} />
        </Field>

        <h2>New links</h2>
        <div class="grid">
          <Field id="defaultExpiry" label="Expire after" error={errorFor('defaultExpiry')}>
            <select id="defaultExpiry" value={form.defaultExpiry}
              onChange={(e) => set('defaultExpiry', Number(e.currentTarget.value))}>
              {expiryChoices.map((s) => <option key={s} value={s}>{durationLabel(s)}</option>)}
            </select>
          </Field>
          <Field id="defaultReads" label="Can be read" error={errorFor('defaultReads')}>
            <select id="defaultReads" value={form.defaultReads}
              onChange={(e) => set('defaultReads', Number(e.currentTarget.value))}>
              {Array.from({ length: readsLimit }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>{n === 1 ? 'Once' : `${n} times`}</option>
              ))}
            </select>
          </Field>
          <Field id="clipboardClearSeconds" label="Clear the clipboard after" error={errorFor('clipboardClearSeconds')}
            help="After a link or a revealed secret is copied.">
            <select id="clipboardClearSeconds" value={form.clipboardClearSeconds} aria-describedby="clipboardClearSeconds-help"
              onChange={(e) => set('clipboardClearSeconds', Number(e.currentTarget.value))}>
              {[...new Set<number>([...CLIPBOARD_CLEAR_CHOICES, form.clipboardClearSeconds])].sort((a, b) => a - b)
                .map((s) => <option key={s} value={s}>{clipboardClearLabel(s)}</option>)}
            </select>
          </Field>
        </div>

        <div class="row">
          <button type="submit" class="primary" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? 'Checking the server…' : 'Save'}
          </button>
        </div>
        <div class="after-actions" role="status">
          {status.kind === 'saved' ? <p class="notice ok">{status.message}</p> : null}
        </div>
      </form>

      <section class="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">Sent links</h2>
        <ReceiptSettings />
      </section>

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">Link detection</h2>
        <DetectionSettings />
      </section>

      <section class="card" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <ShortcutList />
      </section>
    </div>
  );
}

function Field({ id, label, help, error, children }: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {help ? <p id={`${id}-help`} class="muted small help">{help}</p> : null}
      {error ? <p id={`${id}-error`} class="notice error small field-error" role="alert">{error}</p> : null}
    </div>
  );
}
