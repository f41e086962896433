// The sites a feature runs on, each with Remove, and a box to add one: shared by the link
// detection and secret guard sections, which choose sites the same way.
import { useState } from 'preact/hooks';
import { useT } from './I18n';
import './SiteList.css';

export interface SiteListProps {
  sites: string[];
  /** Sites the person's organisation set (browser policy): listed with no Remove button. */
  required?: string[];
  busy: boolean;
  onRemove: (origin: string) => void;
  /** Resolves to whether the site was added (the text box empties then). */
  onAdd: (site: string) => Promise<boolean>;
  /** The text box's id. */
  id: string;
  /** Accessible names: the list, the text box. */
  listLabel: string;
  inputLabel: string;
  /** Said while no site is chosen. */
  empty: string;
}

/** What the text box shows before anything is typed. */
const EXAMPLE_SITE = 'app.slack.com';

export function SiteList({ sites, required = [], busy, onRemove, onAdd, id, listLabel, inputLabel, empty }: SiteListProps) {
  const { t } = useT();
  const [site, setSite] = useState('');
  return (
    <div class="site-list">
      {sites.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <ul aria-label={listLabel}>
          {sites.map((origin) => (
            <li key={origin} class="row">
              <span class="grow">{origin}</span>
              {required.includes(origin) ? <span class="muted small">{t('options.sites.required')}</span> : (
                <button type="button" class="danger" disabled={busy} aria-label={t('options.sites.removeLabel', { site: origin })} onClick={() => onRemove(origin)}>
                  {t('options.sites.remove')}
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
        <label for={id} class="visually-hidden">{inputLabel}</label>
        <input id={id} class="grow" type="text" inputMode="url" placeholder={EXAMPLE_SITE}
          value={site} onInput={(event) => setSite(event.currentTarget.value)} />
        <button type="submit" disabled={busy || site.trim().length === 0}>{t('options.sites.add')}</button>
      </form>
    </div>
  );
}
