// The "Secret guard" section of the options page: where the paste guard runs (off, every site, or
// chosen sites, with the same host access as link detection, shared with it), which kinds of
// secret it looks for, and what a one-time link made from a paste allows. Changes apply at once;
// the background registers the guard to match (utils/guard/guard-sync.ts). Sites an organisation
// requires by policy are always guarded: listed, not removable, and the guard cannot be turned off.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { durationLabel } from '../utils/core/format';
import type { Health } from '../utils/core/protocol';
import { err, ok } from '../utils/core/result';
import { RULES } from '../utils/guard/rules';
import { addSite, changeMode, removeSite, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { currentDetection } from '../utils/settings/managed';
import { sharedAccess } from '../utils/settings/site-access';
import { guardItem, type DetectionMode, type GuardSetup as Settings } from '../utils/storage';
import { Choice } from './Choice';
import { Field } from './Field';
import { SiteList } from './SiteList';
import { requiredHelp, RequiredSitesNotice, useRequiredSites } from './useRequiredSites';
import { useSave } from './useSave';
import './GuardSettings.css';

export interface GuardSettingsProps {
  /** The note server's limits, for the expiry and reads choices (unknown while it does not answer). */
  health?: Health;
  /** The defaults of new links: what "Default" means here. */
  defaults: { expiresIn: number; maxReads: number };
  /** Defaults to the browser's own permissions, sharing sites with link detection. */
  permissions?: PermissionsLike;
  item?: {
    getValue(): Promise<Settings>;
    setValue(value: Settings): Promise<void>;
    watch(callback: (value: Settings) => void): () => void;
  };
  /** Sites the person's organisation requires (browser policy): always guarded, never removable. */
  requiredSites?: string[];
}

const MODES: Array<{ mode: DetectionMode; label: string; help: string }> = [
  { mode: 'off', label: 'Off', help: 'Pastes go in unchecked. Burnlink reads no page.' },
  { mode: 'all', label: 'On every site', help: 'Burnlink needs access to all the pages you open.' },
  { mode: 'sites', label: 'Only on sites I choose', help: 'For example your chat, mail and ticket tracker.' },
];

/** The rules grouped by service, in the order of the rule list. */
const SERVICES = RULES.reduce<Map<string, Array<{ id: string; name: string }>>>((map, rule) => {
  map.set(rule.service, [...(map.get(rule.service) ?? []), { id: rule.id, name: rule.name }]);
  return map;
}, new Map());

/** Access given back for the guard stays where link detection still runs (the organisation's sites too). */
const guardAccess = sharedAccess(browser.permissions, async () => wantedPatterns(await currentDetection()));

// eslint-disable-next-line max-lines-per-function -- written before the 80-line rule reached it; to be split where a reader would pause
export function GuardSettings({ health, defaults, permissions = guardAccess, item = guardItem, requiredSites = [] }: GuardSettingsProps) {
  const [settings, setSettings] = useState<Settings | undefined>();
  const { save, busy, generalError } = useSave('The browser refused the change. Try again.');
  /** The mode being switched to, shown selected while the browser asks the person. */
  const [pending, setPending] = useState<DetectionMode | undefined>();

  useEffect(() => {
    void item.getValue().then(setSettings);
    return item.watch(setSettings);
  }, []);
  const required = useRequiredSites(settings && { mode: settings.mode, sites: settings.sites }, requiredSites, permissions);

  if (!settings || !required) return null;
  const { shown, own } = required;

  const store = async (next: Settings) => {
    await item.setValue(next);
    setSettings(next);
  };
  const change = (next: Settings) => void save(async () => {
    await store(next);
    return ok('');
  });
  // Called straight from the click: the permission request inside must not wait for anything.
  const apply = async (scopeChange: Promise<DetectionChange>, mode?: DetectionMode): Promise<boolean> => {
    setPending(mode);
    let applied = false;
    await save(async () => {
      const result = await scopeChange;
      if (!result.ok) return err({ message: result.error.replace('detection', 'the guard') });
      await store({ ...settings, mode: result.value.mode, sites: result.value.sites });
      applied = true;
      return ok('');
    });
    setPending(undefined);
    return applied;
  };

  const disabled = new Set(settings.disabledRules);
  const toggleRule = (id: string, on: boolean) =>
    change({ ...settings, disabledRules: on ? settings.disabledRules.filter((r) => r !== id) : [...settings.disabledRules, id] });
  const expiryChoices = [...new Set([...(health?.expiryChoices ?? []), ...(settings.expiresIn ? [settings.expiresIn] : [])])];
  const readsLimit = Math.max(health?.maxReads ?? defaults.maxReads, settings.maxReads, 1);

  // No heading of its own: the options page titles the section.
  return (
    <div class="guard-settings">
      <p class="muted">
        When a paste into a chat, ticket or mail holds a password, key or token, Burnlink holds it back
        before the site sees it and asks: paste a one-time link instead, or paste it anyway. It checks only
        what you paste: not what you type, not images, and nothing in other apps.
      </p>
      <fieldset disabled={busy}>
        <legend class="visually-hidden">Where to check pastes</legend>
        {MODES.map(({ mode, label, help }) => {
          const fixed = mode === 'off' && requiredSites.length > 0;
          return (
            <Choice key={mode} type="radio" name="guard-mode" value={mode} id={`guard-${mode}`} label={label}
              help={fixed ? requiredHelp('the secret guard') : help} disabled={fixed} checked={(pending ?? shown.mode) === mode}
              onChange={() => void apply(own(changeMode(mode, shown, permissions)), mode)} />
          );
        })}
      </fieldset>
      {shown.mode === 'sites' ? (
        <SiteList sites={shown.sites} required={requiredSites} busy={busy} id="guard-site" listLabel="Guarded sites" inputLabel="Site to guard"
          empty="No site chosen yet: add the address of a site where a secret could be pasted by mistake."
          onRemove={(origin) => void apply(own(removeSite(origin, shown, permissions)))}
          onAdd={(site) => apply(own(addSite(site, shown, permissions)))} />
      ) : null}
      {!required.requiredGranted ? (
        <RequiredSitesNotice what="checks pastes for secrets" busy={busy} onAllow={() => void apply(required.allowRequired())} />
      ) : null}
      {settings.mode === 'all' && settings.neverSites.length > 0 ? (
        <div class="site-list">
          <p class="small">Not checked, as you chose with “Never on this site”:</p>
          <ul aria-label="Sites never guarded">
            {settings.neverSites.map((origin) => (
              <li key={origin} class="row">
                <span class="grow">{origin}</span>
                <button type="button" disabled={busy} aria-label={`Guard ${origin} again`}
                  onClick={() => change({ ...settings, neverSites: settings.neverSites.filter((s) => s !== origin) })}>
                  Guard again
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {required.requiredGranted && !required.granted && settings.mode !== 'off' ? (
        <p class="notice warn small" role="status">
          Burnlink’s access to {settings.mode === 'all' ? 'pages' : 'some of these sites'} was removed in the
          browser’s settings, so pastes are not checked there. Choose the option again to allow it.
        </p>
      ) : null}

      <h3>One-time links made from a paste</h3>
      <div class="grid">
        <Field id="guard-expiry" label="Links from a paste expire after">
          <select id="guard-expiry" value={String(settings.expiresIn)} disabled={busy}
            onChange={(e) => change({ ...settings, expiresIn: Number(e.currentTarget.value) })}>
            <option value="0">Default ({durationLabel(defaults.expiresIn)})</option>
            {expiryChoices.map((seconds) => <option key={seconds} value={String(seconds)}>{durationLabel(seconds)}</option>)}
          </select>
        </Field>
        <Field id="guard-reads" label="Links from a paste can be read">
          <select id="guard-reads" value={String(settings.maxReads)} disabled={busy}
            onChange={(e) => change({ ...settings, maxReads: Number(e.currentTarget.value) })}>
            <option value="0">Default ({defaults.maxReads === 1 ? 'once' : `${defaults.maxReads} times`})</option>
            {Array.from({ length: readsLimit }, (_, i) => i + 1).map((n) => (
              <option key={n} value={String(n)}>{n === 1 ? 'Once' : `${n} times`}</option>
            ))}
          </select>
        </Field>
      </div>
      <p class="muted small">A passphrase is one click away in the prompt: “Add a passphrase…”.</p>

      <details class="guard-rules">
        <summary>Kinds of secret checked: {RULES.length - disabled.size} of {RULES.length}</summary>
        <div class="guard-rule-groups">
          {[...SERVICES].map(([service, rules]) => (
            <fieldset key={service} disabled={busy}>
              <legend>{service}</legend>
              {rules.map(({ id, name }) => (
                <label key={id} class="guard-rule">
                  <input type="checkbox" checked={!disabled.has(id)} onChange={(e) => toggleRule(id, e.currentTarget.checked)} />
                  {/^[a-z]/.test(name) && !name.startsWith('npm') ? name[0]!.toUpperCase() + name.slice(1) : name}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </details>
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}
