// Options: the note server (checked before it is saved), the create token, defaults for new links,
// the clipboard delay, read receipts, link detection, the secret guard and the keyboard shortcuts.
// What the person's organisation set by browser policy is shown locked (utils/settings/managed.ts).
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Field, fieldAria } from '@/components/Field';
import { GuardSettings } from '@/components/GuardSettings';
import { useT } from '@/components/I18n';
import { InstructionsSettings } from '@/components/InstructionsSettings';
import { Logo } from '@/components/Logo';
import { ManagedNotice } from '@/components/ManagedNotice';
import { SecurityPhraseSettings } from '@/components/SecurityPhraseSettings';
import { ReceiptSettings } from '@/components/ReceiptSettings';
import { ShortcutList } from '@/components/ShortcutList';
import { useSave } from '@/components/useSave';
import { MAX_READS_LIMIT, type Health } from '@/utils/core/protocol';
import { err, ok } from '@/utils/core/result';
import { CLIPBOARD_CLEAR_CHOICES } from '@/utils/clipboard/wording';
import type { SettingsForm } from '@/utils/settings/form';
import { currentSettings, lockedSettings, NO_POLICY, readPolicy, type LockedSetting, type Policy } from '@/utils/settings/managed';
import { saveSettingsForm } from '@/utils/settings/save';
import { checkServer } from '@/utils/settings/server-check';
import { savedText, serverProblemText, settingsProblemText } from '@/utils/settings/wording';

/** The organisation's policy, and the settings in force that this page edits. */
async function loadSettings(): Promise<{ policy: Policy; form: SettingsForm }> {
  const policy = await readPolicy();
  const { server, createToken, defaultExpiry, defaultReads, clipboardClearSeconds } = await currentSettings(policy);
  return { policy, form: { server, createToken, defaultExpiry, defaultReads, clipboardClearSeconds } };
}

/** The settings this page edits, loaded with the organisation's policy, and their save. */
function useSettingsForm() {
  const tr = useT();
  const { t } = tr;
  const [form, setForm] = useState<SettingsForm>();
  /** The health of the server the choices come from: the saved one, then the last one checked. */
  const [health, setHealth] = useState<Health>();
  const [serverNote, setServerNote] = useState<string>();
  const [policy, setPolicy] = useState<Policy>(NO_POLICY);
  const saving = useSave(t('options.notSavedRetry'));

  useEffect(() => {
    void loadSettings().then(async ({ policy: read, form: loaded }) => {
      setPolicy(read);
      setForm(loaded);
      const checked = await checkServer(loaded.server);
      if (checked.ok) setHealth(checked.value.health);
      else setServerNote(t('options.serverNotAnswering', { problem: serverProblemText(tr, checked.error) }));
    });
  }, []);

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    if (form) setForm({ ...form, [key]: value });
    saving.reset();
  };

  const save = (edited: SettingsForm) => saving.save(async () => {
    const saved = await saveSettingsForm(edited);
    const answered = saved.ok ? saved.value.health : saved.error.health;
    if (answered) {
      setHealth(answered);
      setServerNote(undefined);
    }
    if (!saved.ok) {
      if (saved.error.fitted) setForm(saved.error.fitted);
      return err({ field: saved.error.field, message: t('options.notSaved', { problem: settingsProblemText(tr, saved.error.problem) }) });
    }
    // What the organisation set stays as it set it, whatever the server offered.
    setForm((await loadSettings()).form);
    return ok(savedText(tr, saved.value));
  });

  return { form, health, serverNote, policy, saving, set, save };
}

export function App() {
  const { t } = useT();
  const { form, health, serverNote, policy, saving, set, save } = useSettingsForm();
  useEffect(() => { document.title = t('options.pageTitle'); }, []);
  if (!form) return null;
  const locked = lockedSettings(policy);

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> {t('extension.name')}</p>
      <h1>{t('options.title')}</h1>
      <ManagedNotice policy={policy} />

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(form); }} noValidate>
        <ServerFields form={form} health={health} serverNote={serverNote} set={set} errorFor={saving.errorFor} locked={locked} />
        <h2>{t('options.newLinks')}</h2>
        <DefaultFields form={form} health={health} set={set} errorFor={saving.errorFor} locked={locked} />
        <div class="row">
          <button type="submit" class="primary" disabled={saving.busy}>
            {t(saving.busy ? 'options.checkingServer' : 'options.save')}
          </button>
        </div>
        <div class="after-actions" role="status">
          {saving.state.kind === 'saved' ? <p class="notice ok">{saving.state.message}</p> : null}
        </div>
      </form>

      <Sections form={form} health={health} policy={policy} />
    </div>
  );
}

/** The sections that save on their own, each under its heading. */
function Sections({ form, health, policy }: { form: SettingsForm; health: Health | undefined; policy: Policy }) {
  const { t } = useT();
  return (
    <>
      <section class="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">{t('options.sentLinks')}</h2>
        <ReceiptSettings />
      </section>

      <SecurityPhraseSettings />
      <section class="card" aria-labelledby="instructions-heading">
        <h2 id="instructions-heading">{t('options.instructions')}</h2>
        <InstructionsSettings />
      </section>

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">{t('options.detection')}</h2>
        <DetectionSettings requiredSites={policy.values.detectionSites} />
      </section>

      <section class="card" aria-labelledby="guard-heading">
        <h2 id="guard-heading">{t('options.guard')}</h2>
        <GuardSettings health={health} defaults={{ expiresIn: form.defaultExpiry, maxReads: form.defaultReads }}
          requiredSites={policy.values.guardSites} />
      </section>

      <section class="card" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t('options.shortcuts')}</h2>
        <ShortcutList />
      </section>
    </>
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
  const { t } = useT();
  const tokenHelp = t(health?.createTokenRequired ? 'options.tokenRequired' : 'options.tokenOptional');
  const setByOrganisation = t('options.setByOrganisation');
  return (
    <>
      <h2>{t('options.server')}</h2>
      <Field id="server" label={t('options.serverAddress')} error={errorFor('server')}
        help={`${locked.has('server') ? `${setByOrganisation} ` : ''}${t('options.serverHelp')}`}>
        <input id="server" type="url" inputMode="url" spellcheck={false} autoComplete="url" value={form.server}
          readOnly={locked.has('server')}
          {...fieldAria('server', errorFor('server'))} onInput={(e) => set('server', e.currentTarget.value)} />
      </Field>
      {serverNote ? <p class="notice warn small">{serverNote}</p> : null}
      <Field id="createToken" label={t('options.createToken')} error={errorFor('createToken')}
        help={locked.has('createToken') ? setByOrganisation : tokenHelp}>
        <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={form.createToken}
          readOnly={locked.has('createToken')}
          {...fieldAria('createToken', errorFor('createToken'))} onInput={(e) => set('createToken', e.currentTarget.value)} />
      </Field>
    </>
  );
}

/** Expiry, reads and the clipboard delay for new links, within what the server offers. */
function DefaultFields({ form, health, set, errorFor, locked }: FieldsProps) {
  const { t, plural, duration } = useT();
  const setByOrganisation = t('options.setByOrganisation');
  // Until a server answers, its limits are unknown: offer the saved values and the protocol's.
  const expiryChoices = health?.expiryChoices ?? [form.defaultExpiry];
  const readsLimit = Math.max(health?.maxReads ?? MAX_READS_LIMIT, form.defaultReads);
  const clearChoices = [...new Set<number>([...CLIPBOARD_CLEAR_CHOICES, form.clipboardClearSeconds])].sort((a, b) => a - b);
  return (
    <div class="grid">
      <Field id="defaultExpiry" label={t('options.expireAfter')} error={errorFor('defaultExpiry')}
        help={locked.has('defaultExpiry') ? setByOrganisation : undefined}>
        <select id="defaultExpiry" value={form.defaultExpiry} disabled={locked.has('defaultExpiry')}
          {...fieldAria('defaultExpiry', errorFor('defaultExpiry'), locked.has('defaultExpiry'))} onChange={(e) => set('defaultExpiry', Number(e.currentTarget.value))}>
          {expiryChoices.map((s) => <option key={s} value={s}>{duration(s)}</option>)}
        </select>
      </Field>
      <Field id="defaultReads" label={t('options.canBeRead')} error={errorFor('defaultReads')}
        help={locked.has('defaultReads') ? setByOrganisation : undefined}>
        <select id="defaultReads" value={form.defaultReads} disabled={locked.has('defaultReads')}
          {...fieldAria('defaultReads', errorFor('defaultReads'), locked.has('defaultReads'))} onChange={(e) => set('defaultReads', Number(e.currentTarget.value))}>
          {Array.from({ length: readsLimit }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{plural('options.reads', n)}</option>
          ))}
        </select>
      </Field>
      <Field id="clipboardClearSeconds" label={t('options.clearClipboard')} error={errorFor('clipboardClearSeconds')}
        help={t('options.clearClipboardHelp')}>
        <select id="clipboardClearSeconds" value={form.clipboardClearSeconds} aria-describedby="clipboardClearSeconds-help"
          onChange={(e) => set('clipboardClearSeconds', Number(e.currentTarget.value))}>
          {clearChoices.map((s) => <option key={s} value={s}>{s <= 0 ? t('options.never') : duration(s)}</option>)}
        </select>
      </Field>
    </div>
  );
}
