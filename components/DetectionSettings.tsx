// The "Link detection" section of the options and first-run pages: off, all sites, or chosen
// sites. Each change asks the browser for (or gives back) the matching host access first; the
// background registers the detector to match (utils/reveal/detector-sync.ts). Sites an
// organisation requires by policy are always listed and cannot be removed or turned off.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { err, ok } from '../utils/core/result';
import type { MessageKey } from '../utils/i18n/translate';
import { addSite, changeMode, removeSite, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { currentGuard } from '../utils/settings/managed';
import { sharedAccess } from '../utils/settings/site-access';
import { detectionItem, type DetectionMode, type DetectionScope } from '../utils/storage';
import { Choice } from './Choice';
import { useT } from './I18n';
import { SiteList } from './SiteList';
import { RequiredSitesNotice, useRequiredSites } from './useRequiredSites';
import { useSave } from './useSave';
import './DetectionSettings.css';

export interface DetectionSettingsProps {
  /** Defaults to the browser's own permissions, sharing sites with the secret guard. */
  permissions?: PermissionsLike;
  /** Defaults to the stored detection scope. */
  item?: {
    getValue(): Promise<DetectionScope>;
    setValue(value: DetectionScope): Promise<void>;
    watch(callback: (value: DetectionScope) => void): () => void;
  };
  /** Sites the person's organisation requires (browser policy): always detected, never removable. */
  requiredSites?: string[];
}

const MODES: Array<{ mode: DetectionMode; label: MessageKey; help: MessageKey }> = [
  { mode: 'off', label: 'options.mode.off', help: 'options.detection.offHelp' },
  { mode: 'all', label: 'options.mode.all', help: 'options.mode.allHelp' },
  { mode: 'sites', label: 'options.mode.sites', help: 'options.mode.sitesHelp' },
];

/** Access given back for detection stays where the secret guard still runs (the organisation's sites too). */
const detectionAccess = sharedAccess(browser.permissions, async () => wantedPatterns(await currentGuard()));

export function DetectionSettings({ permissions = detectionAccess, item = detectionItem, requiredSites = [] }: DetectionSettingsProps) {
  const { t } = useT();
  const [scope, setScope] = useState<DetectionScope | undefined>();
  const { save, busy, generalError } = useSave(t('options.browserRefused'));
  /** The mode being switched to, shown selected while the browser asks the person. */
  const [pending, setPending] = useState<DetectionMode | undefined>();

  useEffect(() => {
    void item.getValue().then(setScope);
    return item.watch(setScope);
  }, []);
  const required = useRequiredSites(scope, requiredSites, permissions);

  if (!scope || !required) return null;
  const { shown, own } = required;

  // Called straight from the click: the permission request inside must not wait for anything.
  const apply = async (change: Promise<DetectionChange>, mode?: DetectionMode): Promise<boolean> => {
    setPending(mode);
    let applied = false;
    await save(async () => {
      const result = await change;
      if (!result.ok) return err({ message: result.error });
      await item.setValue(result.value);
      setScope(result.value);
      applied = true;
      return ok('');
    });
    setPending(undefined);
    return applied;
  };

  // No heading of its own: the options and first-run pages title the section.
  return (
    <div class="detection-settings">
      <p class="muted">{t('options.detection.intro')}</p>
      <fieldset class="detection-modes" disabled={busy}>
        <legend class="visually-hidden">{t('options.detection.where')}</legend>
        {MODES.map(({ mode, label, help }) => {
          const fixed = mode === 'off' && requiredSites.length > 0;
          return (
            <Choice key={mode} type="radio" name="detection-mode" value={mode} id={`detection-${mode}`} label={t(label)}
              help={t(fixed ? 'options.detection.requiredOff' : help)} disabled={fixed} checked={(pending ?? shown.mode) === mode}
              onChange={() => void apply(own(changeMode(mode, shown, permissions)), mode)} />
          );
        })}
      </fieldset>
      {shown.mode === 'sites' ? (
        <SiteList sites={shown.sites} required={requiredSites} busy={busy} id="detection-site" listLabel={t('options.detection.sites')} inputLabel={t('options.detection.siteAddress')}
          empty={t('options.detection.noSites')}
          onRemove={(origin) => void apply(own(removeSite(origin, shown, permissions)))}
          onAdd={(site) => apply(own(addSite(site, shown, permissions)))} />
      ) : null}
      {!required.requiredGranted ? (
        <RequiredSitesNotice message={t('options.detection.requiredNotice')} busy={busy} onAllow={() => void apply(required.allowRequired())} />
      ) : null}
      {required.requiredGranted && !required.granted && scope.mode !== 'off' ? (
        <p class="notice warn small" role="status">
          {t(scope.mode === 'all' ? 'options.detection.accessRemovedAll' : 'options.detection.accessRemovedSome')}
        </p>
      ) : null}
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}
