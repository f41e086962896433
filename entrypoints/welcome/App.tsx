// First run: what Burnlink does in three lines, then the note server (the local default
// prefilled, or the one the person's organisation set by policy), checked before it is saved, and
// link detection.
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Field, fieldAria } from '@/components/Field';
import { Logo } from '@/components/Logo';
import { ManagedNotice, SET_BY_ORGANISATION } from '@/components/ManagedNotice';
import { SecurityPhraseSettings } from '@/components/SecurityPhraseSettings';
import { useSave } from '@/components/useSave';
import { err, ok } from '@/utils/core/result';
import { currentSettings, lockedSettings, NO_POLICY, readPolicy, type Policy } from '@/utils/settings/managed';
import { saveSettingsForm } from '@/utils/settings/save';
import { onboardedItem, type Settings } from '@/utils/storage';

export function App() {
  const [settings, setSettings] = useState<Settings>();
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  /** Set once a check found a server that needs a create token. */
  const [needsToken, setNeedsToken] = useState(false);
  const [policy, setPolicy] = useState<Policy>(NO_POLICY);
  const saving = useSave();

  useEffect(() => {
    void readPolicy().then(async (read) => {
      setPolicy(read);
      const loaded = await currentSettings(read);
      setSettings(loaded);
      setServer(loaded.server);
      setToken(loaded.createToken);
    });
  }, []);

  if (!settings) return null;
  const locked = lockedSettings(policy);

  const save = () => saving.save(async () => {
    const saved = await saveSettingsForm({ ...settings, server, createToken: token });
    const health = saved.ok ? saved.value.health : saved.error.health;
    if (health?.createTokenRequired) setNeedsToken(true);
    if (!saved.ok) return err({ field: saved.error.field === 'createToken' ? 'createToken' : 'server', message: saved.error.message });
    setSettings({ ...settings, ...saved.value.form });
    setServer(saved.value.form.server);
    await onboardedItem.setValue(true);
    return ok(saved.value.message);
  });

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> Burnlink</p>
      <h1>Welcome to Burnlink</h1>
      <ManagedNotice policy={policy} />
      <ul class="intro">
        <li>Select a secret on any page and choose <strong>Share as one-time link</strong> from the right-click menu, or type it in the Burnlink popup.</li>
        <li>It is encrypted in your browser; the note server only stores ciphertext, and the key stays in the link you paste.</li>
        <li>The recipient opens the link once, then the note is gone. A link nobody opens expires.</li>
      </ul>

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <h2>Your note server</h2>
        <Field id="server" label="Server address" error={saving.errorFor('server')}
          help={locked.has('server') ? `${SET_BY_ORGANISATION} Check that it answers, and you are ready.`
            : <>Your team's Burnlink server, or the one <code>npm start</code> runs on this computer (prefilled).</>}>
          <div class="row nowrap">
            <input id="server" class="grow" type="url" inputMode="url" spellcheck={false} value={server} readOnly={locked.has('server')}
              {...fieldAria('server', saving.errorFor('server'))}
              onInput={(e) => { setServer(e.currentTarget.value); saving.reset(); }} />
            <button type="submit" class="primary" disabled={saving.busy}>{saving.busy ? 'Checking…' : 'Check and save'}</button>
          </div>
        </Field>
        {needsToken && !locked.has('createToken') ? (
          <Field id="createToken" label="Create token" error={saving.errorFor('createToken')}
            help="This server only accepts new links with its create token: ask its operator.">
            <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={token}
              {...fieldAria('createToken', saving.errorFor('createToken'))} onInput={(e) => setToken(e.currentTarget.value)} />
          </Field>
        ) : null}
        <div role="status">
          {saving.state.kind === 'saved' ? (
            <p class="notice ok">{saving.state.message} You are ready: click the Burnlink icon in the toolbar to share your first secret.</p>
          ) : null}
        </div>
      </form>

      <SecurityPhraseSettings />

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">Link detection</h2>
        <DetectionSettings requiredSites={policy.values.detectionSites} />
      </section>
    </div>
  );
}
