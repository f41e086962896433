// Says, at the top of the options and first-run pages, that the person's organisation set some
// settings by browser policy (they are locked and marked where they appear), and which of its
// settings could not be used.
import type { Policy } from '../utils/settings/managed';
import { useT } from './I18n';

/** The help line of a setting the organisation set, for pages not translated yet (options: options.setByOrganisation). */
export const SET_BY_ORGANISATION = 'Set by your organisation.';

export function ManagedNotice({ policy }: { policy: Policy }) {
  const { t } = useT();
  const set = Object.keys(policy.values).length > 0;
  if (!set && policy.problems.length === 0) return null;
  return (
    <div class="notice managed" role="note" aria-label={t('options.managedLabel')}>
      {set ? <p>{t('options.managed', { mark: t('options.setByOrganisation') })}</p> : null}
      {policy.problems.length > 0 ? (
        <ul class="small">{policy.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
      ) : null}
    </div>
  );
}
