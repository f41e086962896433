// First run: what Burnlink does in three lines, then the note server (the local default
// prefilled), checked before it is saved, and link detection.
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Logo } from '@/components/Logo';
import type { Health } from '@/utils/core/protocol';
import { checkServer } from '@/utils/settings/server-check';
import { describeServer, fitToServer, updateSettings, validateSettings } from '@/utils/settings/form';
import { onboardedItem, settingsItem, type Settings } from '@/utils/storage';

type Status =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'saved'; message: string }
  | { kind: 'error'; field: 'server' | 'createToken'; message: string };

export function App() {
  const [settings, setSettings] = useState<Settings>();
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  /** Set once a check found a server that needs a create token. */
  const [needsToken, setNeedsToken] = useState<Health>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    void settingsItem.getValue().then((loaded) => {
      setSettings(loaded);
      setServer(loaded.server);
      setToken(loaded.createToken);
    });
  }, []);

  useEffect(() => {
    if (status.kind === 'error') document.getElementById(status.field)?.focus();
  }, [status]);

  if (!settings) return null;

  const save = async () => {
    setStatus({ kind: 'checking' });
    const checked = await checkServer(server);
    if (!checked.ok) return setStatus({ kind: 'error', field: 'server', message: checked.error });
    const { health } = checked.value;
    if (health.createTokenRequired) setNeedsToken(health);
    const { form } = fitToServer({ ...settings, server: checked.value.server, createToken: token }, health);
    const valid = validateSettings(form, health);
    if (!valid.ok) {
      return setStatus({ kind: 'error', field: valid.error.field === 'createToken' ? 'createToken' : 'server', message: valid.error.message });
    }
    setSettings(await updateSettings(valid.value));
    setServer(valid.value.server);
    await onboardedItem.setValue(true);
    setStatus({ kind: 'saved', message: `Saved. ${describeServer(valid.value.server, health)}` });
  };

  const errorFor = (field: 'server' | 'createToken') => (status.kind === 'error' && status.field === field ? status.message : undefined);

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> Burnlink</p>
      <h1>Welcome to Burnlink</h1>
      <ul class="intro">
        <li>Select a secret on any page and choose <strong>Share as one-time link</strong> from the right-click menu, or type it in the Burnlink popup.</li>
        <li>It is encrypted in your browser; the note server only stores ciphertext, and the key stays in the link you paste.</li>
        <li>The recipient opens the link once, then the note is gone. A link nobody opens expires.</li>
      </ul>

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <h2>Your note server</h2>
        <div class="field">
          <label for="server">Server address</label>
          <div class="row nowrap">
            <input id="server" class="grow" type="url" inputMode="url" spellcheck={false} value={server}
              aria-invalid={errorFor('server') ? true : undefined}
              aria-describedby={errorFor('server') ? 'server-error server-help' : 'server-help'}
              onInput={(e) => { setServer(e.currentTarget.value); setStatus({ kind: 'idle' }); }} />
            <button type="submit" class="primary" disabled={status.kind === 'checking'}>
              {status.kind === 'checking' ? 'Checking…' : 'Check and save'}
            </button>
          </div>
          <p id="server-help" class="muted small help">
            Your team's Burnlink server, or the one <code>npm start</code> runs on this computer (prefilled).
          </p>
          {errorFor('server') ? <p id="server-error" class="notice error small field-error" role="alert">{errorFor('server')}</p> : null}
        </div>
        {needsToken ? (
          <div class="field">
            <label for="createToken">Create token</label>
            <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={token}
              aria-invalid={errorFor('createToken') ? true : undefined}
              aria-describedby="createToken-help"
              onInput={(e) => setToken(e.currentTarget.value)} />
            <p id="createToken-help" class="muted small help">This server only accepts new links with its create token: ask its operator.</p>
            {errorFor('createToken') ? <p class="notice error small field-error" role="alert">{errorFor('createToken')}</p> : null}
          </div>
        ) : null}
        <div role="status">
          {status.kind === 'saved' ? (
            <p class="notice ok">{status.message} You are ready: click the Burnlink icon in the toolbar to share your first secret.</p>
          ) : null}
        </div>
      </form>

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">Link detection</h2>
        <DetectionSettings />
      </section>
    </div>
  );
}
