// First run: what Burnlink does in three lines, then the note server (the local default
// prefilled, or the one the person's organisation set by policy), checked before it is saved, and
// link detection.
import { useEffect, useState } from 'preact/hooks';
import { DetectionSettings } from '@/components/DetectionSettings';
import { Field, fieldAria } from '@/components/Field';
import { Fill, useT } from '@/components/I18n';
import { Logo } from '@/components/Logo';
import { ManagedNotice } from '@/components/ManagedNotice';
import { SecurityPhraseSettings } from '@/components/SecurityPhraseSettings';
import { useSave } from '@/components/useSave';
import { err, ok } from '@/utils/core/result';
import { currentSettings, lockedSettings, NO_POLICY, readPolicy, type Policy } from '@/utils/settings/managed';
import { saveSettingsForm } from '@/utils/settings/save';
import { savedText, settingsProblemText } from '@/utils/settings/wording';
import { onboardedItem, type Settings } from '@/utils/storage';

/** What runs a note server on this computer: a command, the same in every language. */
const START_COMMAND = 'npm start';

/** What Burnlink does, in three lines. */
function Intro() {
  const { t } = useT();
  return (
    <ul class="intro">
      <li><Fill message={t('welcome.introShare')} parts={{ menu: <strong>{t('menu.shareSelection')}</strong> }} /></li>
      <li>{t('welcome.introEncrypted')}</li>
      <li>{t('welcome.introOnce')}</li>
    </ul>
  );
}

/** Link detection, with the sites the organisation requires. */
function Detection({ requiredSites }: { requiredSites: Policy['values']['detectionSites'] }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="detection-heading">
      <h2 id="detection-heading">{t('welcome.detectionHeading')}</h2>
      <DetectionSettings requiredSites={requiredSites} />
    </section>
  );
}

export function App() {
  const tr = useT();
  const { t } = tr;
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
  // Field names, not words: looked up here, outside the page's words.
  const serverError = saving.errorFor('server');
  const tokenError = saving.errorFor('createToken');
  const serverAria = fieldAria('server', serverError);
  const tokenAria = fieldAria('createToken', tokenError);

  const save = () => saving.save(async () => {
    const saved = await saveSettingsForm({ ...settings, server, createToken: token });
    const health = saved.ok ? saved.value.health : saved.error.health;
    if (health?.createTokenRequired) setNeedsToken(true);
    if (!saved.ok) return err({ field: saved.error.field === 'createToken' ? 'createToken' : 'server', message: settingsProblemText(tr, saved.error.problem) });
    setSettings({ ...settings, ...saved.value.form });
    setServer(saved.value.form.server);
    await onboardedItem.setValue(true);
    return ok(savedText(tr, saved.value));
  });

  return (
    <div class="page">
      <p class="brand"><Logo size={20} /> {t('extension.name')}</p>
      <h1>{t('welcome.title')}</h1>
      <ManagedNotice policy={policy} />
      <Intro />

      <form class="card" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
        <h2>{t('welcome.serverHeading')}</h2>
        <Field id="server" label={t('welcome.serverLabel')} error={serverError}
          help={locked.has('server') ? t('welcome.serverLocked')
            : <Fill message={t('welcome.serverHelp')} parts={{ command: <code>{START_COMMAND}</code> }} />}>
          <div class="row nowrap">
            <input id="server" class="grow" type="url" inputMode="url" spellcheck={false} value={server} readOnly={locked.has('server')}
              {...serverAria}
              onInput={(e) => { setServer(e.currentTarget.value); saving.reset(); }} />
            <button type="submit" class="primary" disabled={saving.busy}>{saving.busy ? t('welcome.checking') : t('welcome.checkAndSave')}</button>
          </div>
        </Field>
        {needsToken && !locked.has('createToken') ? (
          <Field id="createToken" label={t('welcome.tokenLabel')} error={tokenError}
            help={t('welcome.tokenHelp')}>
            <input id="createToken" type="password" autoComplete="off" spellcheck={false} value={token}
              {...tokenAria} onInput={(e) => setToken(e.currentTarget.value)} />
          </Field>
        ) : null}
        <div role="status">
          {saving.state.kind === 'saved' ? (
            <p class="notice ok">{saving.state.message} {t('welcome.ready')}</p>
          ) : null}
        </div>
      </form>

      <SecurityPhraseSettings />

      <Detection requiredSites={policy.values.detectionSites} />
    </div>
  );
}
