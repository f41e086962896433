// Before another tool's secret is even checked: access to its server, where the browser withholds
// that server's answers from Burnlink without it (utils/reveal/access.ts). The person sees why, and
// grants that one site with a click; nothing is requested from the server until then.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { giveBackAccess, hasAccess, neededPatterns, requestAccess, type PermissionsApi } from '../utils/reveal/access';
import { say } from '../utils/reveal/flow';
import type { ForeignLink } from '../utils/reveal/readers/types';
import { Fill, useT } from './I18n';
import { OpeningRows } from './RevealView';

export interface AccessGateProps {
  target: ForeignLink;
  permissions: PermissionsApi;
  /** Rows about where the link was found, as the reveal view shows them. */
  details?: Array<[string, ComponentChildren]>;
  /** What shows once access is there; `done` gives back access this gate asked for. */
  children: (done: () => void) => ComponentChildren;
}

type Gate = 'checking' | 'needed' | 'asking' | 'refused' | 'granted';

/** Hosts of the patterns, for the sentence: `api.bitwarden.com and identity.bitwarden.com`, in the page's language. */
const hostsOf = (patterns: string[], lang: string) =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(patterns.map((p) => new URL(p.replace(/\*$/, '')).host));

export function AccessGate({ target, permissions, details = [], children }: AccessGateProps) {
  const i18n = useT();
  const { t, lang } = i18n;
  const [patterns] = useState(() => neededPatterns(target));
  const [gate, setGate] = useState<Gate>(patterns.length === 0 ? 'granted' : 'checking');
  /** Whether the access was granted here: only that is given back (not a site the person chose for detection). */
  const [asked, setAsked] = useState(false);
  const done = () => { if (asked) void giveBackAccess(permissions, patterns); };

  useEffect(() => {
    if (gate === 'checking') void hasAccess(permissions, patterns).then((has) => setGate(has ? 'granted' : 'needed'));
  }, []);
  // Closing the panel before the end gives it back too (as far as the browser lets a closing page).
  useEffect(() => {
    if (!asked) return;
    window.addEventListener('pagehide', done);
    return () => window.removeEventListener('pagehide', done);
  }, [asked]);

  if (gate === 'granted') return <>{children(done)}</>;
  if (gate === 'checking') return <p class="muted" aria-busy="true">{t('reveal.opening')}</p>;
  const hosts = hostsOf(patterns, lang);
  const allow = () => {
    // Straight from the click: the browser asks the person only in answer to a gesture.
    const asked = requestAccess(permissions, patterns);
    setGate('asking');
    void asked.then((granted) => {
      setAsked(granted);
      setGate(granted ? 'granted' : 'refused');
    });
  };
  return (
    <section class="reveal" data-testid="access-gate">
      <h1 tabIndex={-1}>{t('reveal.accessHeading', { hosts })}</h1>
      <dl class="opening" aria-label={t('reveal.summaryLabel')}>
        <OpeningRows target={target} details={details} />
      </dl>
      <p>{target.access.whyWords ? say(i18n, target.access.whyWords) : target.access.why}</p>
      <p class="muted small">
        <Fill message={t('reveal.accessExplained')} parts={{ hosts: <strong>{hosts}</strong> }} />
      </p>
      {gate === 'refused' ? <p class="notice warn" role="alert">{t('reveal.accessRefused', { hosts })}</p> : null}
      <div class="row">
        <button type="button" class="primary" disabled={gate === 'asking'} onClick={allow}>
          {gate === 'asking' ? t('reveal.accessWaiting') : t('reveal.accessAllow', { hosts })}
        </button>
        <a href={target.href} target="_blank" rel="noreferrer noopener">{t('reveal.openOnSite')}</a>
      </div>
    </section>
  );
}
