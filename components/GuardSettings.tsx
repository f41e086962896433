// The "Secret guard" section of the options page: where the paste guard runs (off, every site, or
// chosen sites, with the same host access as link detection, shared with it), which kinds of
// secret it looks for, and what a one-time link made from a paste allows. Changes apply at once;
// the background registers the guard to match (utils/guard/guard-sync.ts). Sites an organisation
// requires by policy are always guarded: listed, not removable, and the guard cannot be turned off.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Health } from '../utils/core/protocol';
import { err, ok } from '../utils/core/result';
import { RULES } from '../utils/guard/rules';
import type { MessageKey } from '../utils/i18n/translate';
import { addSite, changeMode, removeSite, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { currentDetection } from '../utils/settings/managed';
import { sharedAccess } from '../utils/settings/site-access';
import { guardItem, type DetectionMode, type GuardSetup as Settings } from '../utils/storage';
import { Choice } from './Choice';
import { Field } from './Field';
import { useT } from './I18n';
import { SiteList } from './SiteList';
import { RequiredSitesNotice, useRequiredSites, type RequiredSites } from './useRequiredSites';
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

const MODES: Array<{ mode: DetectionMode; label: MessageKey; help: MessageKey }> = [
  { mode: 'off', label: 'options.mode.off', help: 'options.guard.offHelp' },
  { mode: 'all', label: 'options.mode.all', help: 'options.mode.allHelp' },
  { mode: 'sites', label: 'options.mode.sites', help: 'options.mode.sitesHelp' },
];

/** The rules grouped by service, in the order of the rule list. */
const SERVICES = RULES.reduce<Map<string, Array<{ id: string; name: string }>>>((map, rule) => {
  map.set(rule.service, [...(map.get(rule.service) ?? []), { id: rule.id, name: rule.name }]);
  return map;
}, new Map());

/** Access given back for the guard stays where link detection still runs (the organisation's sites too). */
const guardAccess = sharedAccess(browser.permissions, async () => wantedPatterns(await currentDetection()));

export function GuardSettings({ health, defaults, permissions = guardAccess, item = guardItem, requiredSites = [] }: GuardSettingsProps) {
  const { t } = useT();
  const [settings, setSettings] = useState<Settings | undefined>();
  const { save, busy, generalError } = useSave(t('options.browserRefused'));
  /** The mode being switched to, shown selected while the browser asks the person. */
  const [pending, setPending] = useState<DetectionMode | undefined>();

  useEffect(() => {
    void item.getValue().then(setSettings);
    return item.watch(setSettings);
  }, []);
  const required = useRequiredSites(settings && { mode: settings.mode, sites: settings.sites }, requiredSites, permissions);

  if (!settings || !required) return null;

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

  // No heading of its own: the options page titles the section.
  return (
    <div class="guard-settings">
      <p class="muted">{t('options.guard.intro')}</p>
      <GuardSites required={required} requiredSites={requiredSites} pending={pending} busy={busy} permissions={permissions} apply={apply} />
      {settings.mode === 'all' && settings.neverSites.length > 0 ? (
        <NeverSites sites={settings.neverSites} busy={busy}
          onGuardAgain={(origin) => change({ ...settings, neverSites: settings.neverSites.filter((s) => s !== origin) })} />
      ) : null}
      {required.requiredGranted && !required.granted && settings.mode !== 'off' ? (
        <p class="notice warn small" role="status">
          {t(settings.mode === 'all' ? 'options.guard.accessRemovedAll' : 'options.guard.accessRemovedSome')}
        </p>
      ) : null}
      <LinkTerms settings={settings} health={health} defaults={defaults} busy={busy} change={change} />
      <RuleChoices disabledRules={settings.disabledRules} busy={busy}
        onToggle={(id, on) => change({ ...settings, disabledRules: on ? settings.disabledRules.filter((r) => r !== id) : [...settings.disabledRules, id] })} />
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}

interface GuardSitesProps {
  required: RequiredSites;
  requiredSites: string[];
  pending: DetectionMode | undefined;
  busy: boolean;
  permissions: PermissionsLike;
  apply: (change: Promise<DetectionChange>, mode?: DetectionMode) => Promise<boolean>;
}

/** Where the guard runs: off, every site or chosen sites, and the organisation's sites. */
function GuardSites({ required, requiredSites, pending, busy, permissions, apply }: GuardSitesProps) {
  const { t } = useT();
  const { shown, own } = required;
  return (
    <>
      <fieldset disabled={busy}>
        <legend class="visually-hidden">{t('options.guard.where')}</legend>
        {MODES.map(({ mode, label, help }) => {
          const fixed = mode === 'off' && requiredSites.length > 0;
          return (
            <Choice key={mode} type="radio" name="guard-mode" value={mode} id={`guard-${mode}`} label={t(label)}
              help={t(fixed ? 'options.guard.requiredOff' : help)} disabled={fixed} checked={(pending ?? shown.mode) === mode}
              onChange={() => void apply(own(changeMode(mode, shown, permissions)), mode)} />
          );
        })}
      </fieldset>
      {shown.mode === 'sites' ? (
        <SiteList sites={shown.sites} required={requiredSites} busy={busy} id="guard-site" listLabel={t('options.guard.sites')} inputLabel={t('options.guard.siteToGuard')}
          empty={t('options.guard.noSites')}
          onRemove={(origin) => void apply(own(removeSite(origin, shown, permissions)))}
          onAdd={(site) => apply(own(addSite(site, shown, permissions)))} />
      ) : null}
      {!required.requiredGranted ? (
        <RequiredSitesNotice message={t('options.guard.requiredNotice')} busy={busy} onAllow={() => void apply(required.allowRequired())} />
      ) : null}
    </>
  );
}

/** Sites left out of "every site" with "Never on this site", each with a way back. */
function NeverSites({ sites, busy, onGuardAgain }: { sites: string[]; busy: boolean; onGuardAgain: (origin: string) => void }) {
  const { t } = useT();
  return (
    <div class="site-list">
      <p class="small">{t('options.guard.neverSites')}</p>
      <ul aria-label={t('options.guard.neverLabel')}>
        {sites.map((origin) => (
          <li key={origin} class="row">
            <span class="grow">{origin}</span>
            <button type="button" disabled={busy} aria-label={t('options.guard.guardAgainLabel', { site: origin })} onClick={() => onGuardAgain(origin)}>
              {t('options.guard.guardAgain')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface LinkTermsProps {
  settings: Settings;
  health: Health | undefined;
  defaults: GuardSettingsProps['defaults'];
  busy: boolean;
  change: (next: Settings) => void;
}

/** What a one-time link made from a paste allows: its expiry and reads, or the defaults. */
function LinkTerms({ settings, health, defaults, busy, change }: LinkTermsProps) {
  const { t, plural, duration } = useT();
  const expiryChoices = [...new Set([...(health?.expiryChoices ?? []), ...(settings.expiresIn ? [settings.expiresIn] : [])])];
  const readsLimit = Math.max(health?.maxReads ?? defaults.maxReads, settings.maxReads, 1);
  return (
    <>
      <h3>{t('options.guard.linkTerms')}</h3>
      <div class="grid">
        <Field id="guard-expiry" label={t('options.guard.expiry')}>
          <select id="guard-expiry" value={String(settings.expiresIn)} disabled={busy}
            onChange={(e) => change({ ...settings, expiresIn: Number(e.currentTarget.value) })}>
            <option value="0">{t('options.guard.default', { value: duration(defaults.expiresIn) })}</option>
            {expiryChoices.map((seconds) => <option key={seconds} value={String(seconds)}>{duration(seconds)}</option>)}
          </select>
        </Field>
        <Field id="guard-reads" label={t('options.guard.reads')}>
          <select id="guard-reads" value={String(settings.maxReads)} disabled={busy}
            onChange={(e) => change({ ...settings, maxReads: Number(e.currentTarget.value) })}>
            <option value="0">{plural('options.guard.defaultReads', defaults.maxReads)}</option>
            {Array.from({ length: readsLimit }, (_, i) => i + 1).map((n) => (
              <option key={n} value={String(n)}>{plural('options.reads', n)}</option>
            ))}
          </select>
        </Field>
      </div>
      <p class="muted small">{t('options.guard.passphraseHint', { button: t('guard.prompt.passphrase') })}</p>
    </>
  );
}

/** Which kinds of secret the guard looks for, grouped by service. */
function RuleChoices({ disabledRules, busy, onToggle }: { disabledRules: string[]; busy: boolean; onToggle: (id: string, on: boolean) => void }) {
  const { t } = useT();
  const disabled = new Set(disabledRules);
  return (
    <details class="guard-rules">
      <summary>{t('options.guard.rulesChecked', { on: RULES.length - disabled.size, all: RULES.length })}</summary>
      <div class="guard-rule-groups">
        {[...SERVICES].map(([service, rules]) => (
          <fieldset key={service} disabled={busy}>
            <legend>{service}</legend>
            {rules.map(({ id, name }) => (
              <label key={id} class="guard-rule">
                <input type="checkbox" checked={!disabled.has(id)} onChange={(e) => onToggle(id, e.currentTarget.checked)} />
                {/^[a-z]/.test(name) && !name.startsWith('npm') ? name[0]!.toUpperCase() + name.slice(1) : name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </details>
  );
}
