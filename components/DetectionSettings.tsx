// The "Link detection" section of the options and first-run pages: off, all sites, or chosen
// sites. Each change asks the browser for (or gives back) the matching host access first; the
// background registers the detector to match (utils/reveal/detection.ts).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { addSite, changeMode, removeSite, wantedPatterns, type DetectionChange, type PermissionsLike } from '../utils/reveal/detection-scope';
import { detectionItem, type DetectionMode, type DetectionScope as Settings } from '../utils/storage';
import './DetectionSettings.css';

export interface DetectionSettingsProps {
  /** Defaults to the browser's own permissions API. */
  permissions?: PermissionsLike;
  /** Defaults to the stored detection settings. */
  item?: {
    getValue(): Promise<Settings>;
    setValue(value: Settings): Promise<void>;
    watch(callback: (value: Settings) => void): () => void;
  };
}

const MODES: Array<{ mode: DetectionMode; label: string; help: string }> = [
  { mode: 'off', label: 'Off', help: 'Right-click a link and choose “Reveal safely” instead. Burnlink reads no page.' },
  { mode: 'all', label: 'On every site', help: 'Burnlink needs access to all the pages you open.' },
  { mode: 'sites', label: 'Only on sites I choose', help: 'For example your chat, mail and ticket tracker.' },
];

export function DetectionSettings({ permissions = browser.permissions, item = detectionItem }: DetectionSettingsProps) {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [granted, setGranted] = useState(true);
  const [site, setSite] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** The mode being switched to, shown selected while the browser asks the person. */
  const [pending, setPending] = useState<DetectionMode | undefined>();

  useEffect(() => {
    void item.getValue().then(setSettings);
    return item.watch(setSettings);
  }, []);
  // Access can be taken back in the browser's own settings: say so rather than look switched on.
  useEffect(() => {
    if (!settings) return;
    const patterns = wantedPatterns(settings);
    if (patterns.length === 0) return setGranted(true);
    void permissions.contains({ origins: patterns }).then(setGranted, () => setGranted(false));
  }, [settings]);

  if (!settings) return null;

  // Called straight from the click: the permission request inside must not wait for anything.
  const apply = (change: Promise<DetectionChange>, after?: () => void, mode?: DetectionMode) => {
    setBusy(true);
    setPending(mode);
    setError(undefined);
    void change
      .then(async (result) => {
        if (!result.ok) return setError(result.error);
        await item.setValue(result.value);
        setSettings(result.value);
        after?.();
      })
      .catch(() => setError('The browser refused the change. Try again.'))
      .finally(() => {
        setBusy(false);
        setPending(undefined);
      });
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
        {MODES.map(({ mode, label, help }) => (
          <label key={mode} class="detection-mode">
            <input
              type="radio"
              name="detection-mode"
              value={mode}
              aria-label={label}
              aria-describedby={`detection-${mode}-help`}
              checked={(pending ?? settings.mode) === mode}
              onChange={() => apply(changeMode(mode, settings, permissions), undefined, mode)}
            />
            <span>
              <strong>{label}</strong>
              <span id={`detection-${mode}-help`} class="muted small detection-help">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {settings.mode === 'sites' ? (
        <div class="detection-sites">
          {settings.sites.length === 0 ? (
            <p class="muted small">No site chosen yet: add the address of a site where people send you links.</p>
          ) : (
            <ul aria-label="Chosen sites">
              {settings.sites.map((origin) => (
                <li key={origin} class="row">
                  <span class="grow">{origin}</span>
                  <button type="button" class="danger" disabled={busy} aria-label={`Remove ${origin}`}
                    onClick={() => apply(removeSite(origin, settings, permissions))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              apply(addSite(site, settings, permissions), () => setSite(''));
            }}
          >
            <label for="detection-site" class="visually-hidden">Site address</label>
            <input id="detection-site" class="grow" type="text" inputMode="url" placeholder="app.slack.com"
              value={site} onInput={(event) => setSite(event.currentTarget.value)} />
            <button type="submit" disabled={busy || site.trim().length === 0}>Add site</button>
          </form>
        </div>
      ) : null}

      {!granted && settings.mode !== 'off' ? (
        <p class="notice warn small" role="status">
          Burnlink’s access to {settings.mode === 'all' ? 'pages' : 'some of these sites'} was removed in the
          browser’s settings, so links are not detected there. Choose the option again to allow it.
        </p>
      ) : null}
      {error ? <p class="notice error" role="alert">{error}</p> : null}
    </div>
  );
}
