// Options: the note server (checked before it is saved), the create token, defaults for new links,
// the clipboard delay, read receipts, link detection, the secret guard and the keyboard shortcuts.
// What the person's organisation set by browser policy is shown locked (utils/settings/managed.ts).
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Field, fieldAria } from '@/components/Field';
import { GuardSettings } from '@/components/GuardSettings';
import { InstructionsSettings } from '@/components/InstructionsSettings';
import { Logo } from '@/components/Logo';
import { ManagedNotice, SET_BY_ORGANISATION } from '@/components/ManagedNotice';
import { SecurityPhraseSettings } from '@/components/SecurityPhraseSettings';
import { ReceiptSettings } from '@/components/ReceiptSettings';
import { ShortcutList } from '@/components/ShortcutList';
import { useSave } from '@/components/useSave';
import { durationLabel } from '@/utils/core/format';
import { MAX_READS_LIMIT, type Health } from '@/utils/core/protocol';
import { err, ok } from '@/utils/core/result';
import { CLIPBOARD_CLEAR_CHOICES, clipboardClearLabel } from '@/utils/clipboard/wording';
import { extensionTranslator } from '@/utils/i18n/extension';
import type { SettingsForm } from '@/utils/settings/form';
import { currentSettings, lockedSettings, NO_POLICY, readPolicy, type LockedSetting, type Policy } from '@/utils/settings/managed';
import { saveSettingsForm } from '@/utils/settings/save';
import { checkServer } from '@/utils/settings/server-check';

/** The organisation's policy, and the settings in force that this page edits. */
async function loadSettings(): Promise<{ policy: Policy; form: SettingsForm }> {
  const policy = await readPolicy();
  const { server, createToken, defaultExpiry, defaultReads, clipboardClearSeconds } = await currentSettings(policy);
  return { policy, form: { server, createToken, defaultExpiry, defaultReads, clipboardClearSeconds } };
}

// eslint-disable-next-line max-lines-per-function -- written before the 80-line rule reached it; to be split where a reader would pause
export function App() {
  const [form, setForm] = useState<SettingsForm>();
  /** The health of the server the choices come from: the saved one, then the last one checked. */
  const [health, setHealth] = useState<Health>();
  const [serverNote, setServerNote] = useState<string>();
  const [policy, setPolicy] = useState<Policy>(NO_POLICY);
  const saving = useSave();

  useEffect(() => {
    void loadSettings().then(async ({ policy: read, form: loaded }) => {
      setPolicy(read);
      setForm(loaded);
      const checked = await checkServer(loaded.server);
      if (checked.ok) setHealth(checked.value.health);
      else setServerNote(`The saved note server does not answer right now. ${checked.error}`);
    });
  }, []);

  if (!form) return null;
  const locked = lockedSettings(policy);

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm({ ...form, [key]: value });
    saving.reset();
  };

  const save = () => saving.save(async () => {
    const saved = await saveSettingsForm(form);
    const answered = saved.ok ? saved.value.health : saved.error.health;
    if (answered) {
      setHealth(answered);
      setServerNote(undefined);
    }
    if (!saved.ok) {
      if (saved.error.fitted) setForm(saved.error.fitted);
      return err({ field: saved.error.field, message: `Not saved: ${saved.error.message}` });
    }
    // What the organisation set stays as it set it, whatever the server offered.
    setForm((await loadSettings()).form);
    return ok(saved.value.message);
  });

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> Burnlink</p>
      <h1>Options</h1>
      <ManagedNotice policy={policy} />

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <ServerFields form={form} health={health} serverNote={serverNote} set={set} errorFor={saving.errorFor} locked={locked} />
        <h2>New links</h2>
        <DefaultFields form={form} health={health} set={set} errorFor={saving.errorFor} locked={locked} />
        <div class="row">
          <button type="submit" class="primary" disabled={saving.busy}>
            {saving.busy ? 'Checking the server…' : 'Save'}
          </button>
        </div>
        <div class="after-actions" role="status">
          {saving.state.kind === 'saved' ? <p class="notice ok">{saving.state.message}</p> : null}
        </div>
      </form>

      <section class="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">Sent links</h2>
        <ReceiptSettings />
      </section>

      <SecurityPhraseSettings />
      <section class="card" aria-labelledby="instructions-heading">
        <h2 id="instructions-heading">Copy with instructions</h2>
        <InstructionsSettings />
      </section>

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">Link detection</h2>
        <DetectionSettings requiredSites={policy.values.detectionSites} />
      </section>

      <section class="card" aria-labelledby="guard-heading">
        <h2 id="guard-heading">Secret guard</h2>
        <GuardSettings health={health} defaults={{ expiresIn: form.defaultExpiry, maxReads: form.defaultReads }}
          requiredSites={policy.values.guardSites} />
      </section>

      <section class="card" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <ShortcutList />
      </section>
    </div>
  );
}

interface FieldsProps {
  form: SettingsForm;
  health: Health | undefined;
  set: <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void;
  errorFor: (field: keyof SettingsForm) => string | undefined;
  /** What the organisation set: shown, not editable. */
  locked: Set<LockedSetting>;
}

/** The note server's address and its create token. */
function ServerFields({ form, health, serverNote, set, errorFor, locked }: FieldsProps & { serverNote?: string }) {
  const tokenHelp = health?.createTokenRequired
    ? 'This server only accepts new links with its create token: ask its operator.'
    : 'Only needed when the server\'s operator requires one.';
  return (
    <>
      <h2>Note server</h2>
      <Field id="server" label="Server address" error={errorFor('server')}
        help={`${locked.has('server') ? `${SET_BY_ORGANISATION} ` : ''}Where links are stored, encrypted. The key of each link never goes there.`}>
        <input id="server" type="url" inputMode="url" spellcheck={false} autoComplete="url" value={form.server}
          readOnly={locked.has('server')}
          {...fieldAria('server', errorFor('server'))} onInput={(e) => set('server', e.currentTarget.value)} />
      </Field>
      {serverNote ? <p class="notice warn small">{serverNote}</p> : null}
      <Field id="createToken" label="Create token" error={errorFor('createToken')}
        help={locked.has('createToken') ? SET_BY_ORGANISATION : tokenHelp}>
        <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={form.createToken}
          readOnly={locked.has('createToken')}
          {...fieldAria('createToken', errorFor('createToken'))} onInput={(e) => set('createToken', e.currentTarget.value)} />
      </Field>
    </>
  );
}

/** Expiry, reads and the clipboard delay for new links, within what the server offers. */
function DefaultFields({ form, health, set, errorFor, locked }: FieldsProps) {
  // Until a server answers, its limits are unknown: offer the saved values and the protocol's.
  const expiryChoices = health?.expiryChoices ?? [form.defaultExpiry];
  const readsLimit = Math.max(health?.maxReads ?? MAX_READS_LIMIT, form.defaultReads);
  const clearChoices = [...new Set<number>([...CLIPBOARD_CLEAR_CHOICES, form.clipboardClearSeconds])].sort((a, b) => a - b);
  return (
    <div class="grid">
      <Field id="defaultExpiry" label="Expire after" error={errorFor('defaultExpiry')}
        help={locked.has('defaultExpiry') ? SET_BY_ORGANISATION : undefined}>
        <select id="defaultExpiry" value={form.defaultExpiry} disabled={locked.has('defaultExpiry')}
          {...fieldAria('defaultExpiry', errorFor('defaultExpiry'), locked.has('defaultExpiry'))} onChange={(e) => set('defaultExpiry', Number(e.currentTarget.value))}>
          {expiryChoices.map((s) => <option key={s} value={s}>{durationLabel(s)}</option>)}
        </select>
      </Field>
      <Field id="defaultReads" label="Can be read" error={errorFor('defaultReads')}
        help={locked.has('defaultReads') ? SET_BY_ORGANISATION : undefined}>
        <select id="defaultReads" value={form.defaultReads} disabled={locked.has('defaultReads')}
          {...fieldAria('defaultReads', errorFor('defaultReads'), locked.has('defaultReads'))} onChange={(e) => set('defaultReads', Number(e.currentTarget.value))}>
          {Array.from({ length: readsLimit }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{n === 1 ? 'Once' : `${n} times`}</option>
          ))}
        </select>
      </Field>
      <Field id="clipboardClearSeconds" label="Clear the clipboard after" error={errorFor('clipboardClearSeconds')}
        help="After a link or a revealed secret is copied.">
        <select id="clipboardClearSeconds" value={form.clipboardClearSeconds} aria-describedby="clipboardClearSeconds-help"
          onChange={(e) => set('clipboardClearSeconds', Number(e.currentTarget.value))}>
          {clearChoices.map((s) => <option key={s} value={s}>{clipboardClearLabel(extensionTranslator(), s)}</option>)}
        </select>
      </Field>
    </div>
  );
}
