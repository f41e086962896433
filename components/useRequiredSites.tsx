// Sites an organisation requires by policy for a feature that runs on chosen sites (link
// detection, the secret guard): always listed, never removable, the feature cannot be turned off,
// and one click asks the browser for access to them. Shared by DetectionSettings and GuardSettings.
import { useEffect, useState } from 'preact/hooks';
import { err, ok } from '../utils/core/result';
import { sitePattern, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { withRequiredSites } from '../utils/settings/managed';
import type { DetectionScope } from '../utils/storage';
import { useT } from './I18n';

export interface RequiredSites {
  /** What is in force: the person's choice and the organisation's sites. */
  shown: DetectionScope;
  /** A change of the person's own choice: the organisation's sites are not theirs to keep or drop. */
  own: (change: Promise<DetectionChange>) => Promise<DetectionChange>;
  /** Whether the browser granted the person's own choice. */
  granted: boolean;
  /** Whether the browser granted the organisation's sites. */
  requiredGranted: boolean;
  /** Asks the browser for the organisation's sites; call it straight from a click. */
  allowRequired: () => Promise<DetectionChange>;
}

export function useRequiredSites(scope: DetectionScope | undefined, required: string[], permissions: PermissionsLike): RequiredSites | undefined {
  const { t } = useT();
  const [granted, setGranted] = useState(true);
  const [requiredGranted, setRequiredGranted] = useState(true);
  // Access can be taken back in the browser's own settings: the section says so rather than look switched on.
  useEffect(() => {
    if (!scope) return;
    const check = (origins: string[], set: (granted: boolean) => void) => {
      if (origins.length === 0) set(true);
      else void permissions.contains({ origins }).then(set, () => set(false));
    };
    check(wantedPatterns(scope), setGranted);
    check(scope.mode === 'all' ? [] : required.map(sitePattern), setRequiredGranted);
  }, [scope?.mode, scope?.sites.join(' '), required.join(' ')]);
  if (!scope) return undefined;
  return {
    shown: withRequiredSites(scope, required),
    own: (change) => change.then((result) => !result.ok ? result
      : ok({ ...result.value, sites: result.value.sites.filter((s) => !required.includes(s) || scope.sites.includes(s)) })),
    granted,
    requiredGranted,
    allowRequired: async () => {
      const allowed = await permissions.request({ origins: required.map(sitePattern) });
      // The person's own choice does not change, so nothing else would ask again.
      if (allowed) setRequiredGranted(true);
      return allowed ? ok(scope) : err(t('options.requiredRefused'));
    },
  };
}

/** Says the organisation's sites are not granted yet (`message`), with the one button that asks for them. */
export function RequiredSitesNotice({ message, busy, onAllow }: { message: string; busy: boolean; onAllow: () => void }) {
  const { t } = useT();
  return (
    <div class="notice warn small" role="status">
      <p>{message}</p>
      <button type="button" class="primary" disabled={busy} onClick={onAllow}>{t('options.allowRequired')}</button>
    </div>
  );
}
