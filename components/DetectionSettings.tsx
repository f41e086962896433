// The "Link detection" section of the options and first-run pages: off, all sites, or chosen
// sites. Each change asks the browser for (or gives back) the matching host access first; the
// background registers the detector to match (utils/reveal/detector-sync.ts). Sites an
// organisation requires by policy are always listed and cannot be removed or turned off.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { err, ok } from '../utils/core/result';
import { addSite, changeMode, removeSite, sitePattern, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { withRequiredSites } from '../utils/settings/managed';
import { detectionItem, type DetectionMode, type DetectionScope } from '../utils/storage';
import { Choice } from './Choice';
import { useSave } from './useSave';
import './DetectionSettings.css';

export interface DetectionSettingsProps {
  /** Defaults to the browser's own permissions API. */
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

const REQUIRED_HELP = 'Your organisation turned link detection on for its sites, so it cannot be turned off.';

const MODES: Array<{ mode: DetectionMode; label: string; help: string }> = [
  { mode: 'off', label: 'Off', help: 'Right-click a link and choose “Reveal safely” instead. Burnlink reads no page.' },
  { mode: 'all', label: 'On every site', help: 'Burnlink needs access to all the pages you open.' },
  { mode: 'sites', label: 'Only on sites I choose', help: 'For example your chat, mail and ticket tracker.' },
];

export function DetectionSettings({ permissions = browser.permissions, item = detectionItem, requiredSites = [] }: DetectionSettingsProps) {
  const [scope, setScope] = useState<DetectionScope | undefined>();
  const access = useAccess(scope, requiredSites, permissions);
  const { save, busy, generalError } = useSave('The browser refused the change. Try again.');
  /** The mode being switched to, shown selected while the browser asks the person. */
  const [pending, setPending] = useState<DetectionMode | undefined>();

  useEffect(() => {
    void item.getValue().then(setScope);
    return item.watch(setScope);
  }, []);
  if (!scope) return null;
  /** What is in force: the person's choice and the organisation's sites. */
  const shown = withRequiredSites(scope, requiredSites);
  /** A change of the person's own choice: the organisation's sites are not theirs to keep or drop. */
  const own = (change: Promise<DetectionChange>) => change.then((result) => !result.ok ? result
    : ok({ ...result.value, sites: result.value.sites.filter((s) => !requiredSites.includes(s) || scope.sites.includes(s)) }));

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
      <p class="muted">
        Burnlink can spot one-time links on the pages you read and put a “Reveal safely” button beside
        each one. It only looks at the text of the page, never opens a note by itself, and the secret
        appears in a panel the website cannot read.
      </p>
      <fieldset class="detection-modes" disabled={busy}>
        <legend class="visually-hidden">Where to detect links</legend>
        {MODES.map(({ mode, label, help }) => {
          const fixed = mode === 'off' && requiredSites.length > 0;
          return (
            <Choice key={mode} type="radio" name="detection-mode" value={mode} id={`detection-${mode}`} label={label}
              help={fixed ? REQUIRED_HELP : help} disabled={fixed} checked={(pending ?? shown.mode) === mode}
              onChange={() => void apply(own(changeMode(mode, shown, permissions)), mode)} />
          );
        })}
      </fieldset>
      {shown.mode === 'sites' ? (
        <SiteList sites={shown.sites} required={requiredSites} busy={busy}
          onRemove={(origin) => void apply(own(removeSite(origin, shown, permissions)))}
          onAdd={(site) => apply(own(addSite(site, shown, permissions)))} />
      ) : null}
      <AccessNotice scope={scope} access={access} busy={busy}
        onAllowRequired={() => void apply(allowRequired(scope, requiredSites, permissions))} />
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}

/**
 * Whether the browser granted what the person chose, and what the organisation requires. Access
 * can be taken back in the browser's own settings: the section says so rather than look switched on.
 */
function useAccess(scope: DetectionScope | undefined, requiredSites: string[], permissions: PermissionsLike) {
  const [granted, setGranted] = useState(true);
  const [requiredGranted, setRequiredGranted] = useState(true);
  useEffect(() => {
    if (!scope) return;
    const check = (origins: string[], set: (granted: boolean) => void) => {
      if (origins.length === 0) set(true);
      else void permissions.contains({ origins }).then(set, () => set(false));
    };
    check(wantedPatterns(scope), setGranted);
    check(scope.mode === 'all' ? [] : requiredSites.map(sitePattern), setRequiredGranted);
  }, [scope, requiredSites.join(' ')]);
  return { granted, requiredGranted };
}

/** What the browser has not granted yet, and the one click that asks for the organisation's sites. */
function AccessNotice({ scope, access, busy, onAllowRequired }: {
  scope: DetectionScope;
  access: { granted: boolean; requiredGranted: boolean };
  busy: boolean;
  onAllowRequired: () => void;
}) {
  if (!access.requiredGranted) {
    return (
      <div class="notice warn small" role="status">
        <p>Your organisation chose sites where Burnlink detects one-time links. Links are not detected there until you allow it.</p>
        <button type="button" class="primary" disabled={busy} onClick={onAllowRequired}>Allow on your organisation’s sites</button>
      </div>
    );
  }
  if (access.granted || scope.mode === 'off') return null;
  return (
    <p class="notice warn small" role="status">
      Burnlink’s access to {scope.mode === 'all' ? 'pages' : 'some of these sites'} was removed in the
      browser’s settings, so links are not detected there. Choose the option again to allow it.
    </p>
  );
}

/** Asks the browser for the organisation's sites, straight from the click; the person's own choice stays. */
async function allowRequired(scope: DetectionScope, required: string[], permissions: PermissionsLike): Promise<DetectionChange> {
  const allowed = await permissions.request({ origins: required.map(sitePattern) });
  return allowed ? ok(scope) : err('Burnlink was not given access to your organisation\'s sites, so links are not detected there.');
}

interface SiteListProps {
  sites: string[];
  /** Sites set by the organisation: listed with no Remove button. */
  required: string[];
  busy: boolean;
  onRemove: (origin: string) => void;
  /** Resolves to whether the site was added (the text box empties then). */
  onAdd: (site: string) => Promise<boolean>;
}

/** The chosen sites, each with Remove, and a box to add one. */
function SiteList({ sites, required, busy, onRemove, onAdd }: SiteListProps) {
  const [site, setSite] = useState('');
  return (
    <div class="detection-sites">
      {sites.length === 0 ? (
        <p class="muted small">No site chosen yet: add the address of a site where people send you links.</p>
      ) : (
        <ul aria-label="Chosen sites">
          {sites.map((origin) => (
            <li key={origin} class="row">
              <span class="grow">{origin}</span>
              {required.includes(origin) ? <span class="muted small managed-tag">Set by your organisation</span> : (
                <button type="button" class="danger" disabled={busy} aria-label={`Remove ${origin}`} onClick={() => onRemove(origin)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="row" onSubmit={(event) => {
        event.preventDefault();
        void onAdd(site).then((added) => { if (added) setSite(''); });
      }}>
        <label for="detection-site" class="visually-hidden">Site address</label>
        <input id="detection-site" class="grow" type="text" inputMode="url" placeholder="app.slack.com"
          value={site} onInput={(event) => setSite(event.currentTarget.value)} />
        <button type="submit" disabled={busy || site.trim().length === 0}>Add site</button>
      </form>
    </div>
  );
}
