// Before another tool's secret is even checked: access to its server, where the browser withholds
// that server's answers from Burnlink without it (utils/reveal/access.ts). The person sees why, and
// grants that one site with a click; nothing is requested from the server until then.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { giveBackAccess, hasAccess, neededPatterns, requestAccess, type PermissionsApi } from '../utils/reveal/access';
import type { ForeignLink } from '../utils/reveal/readers/types';

export interface AccessGateProps {
  target: ForeignLink;
  permissions: PermissionsApi;
  /** Rows about where the link was found, as the reveal view shows them. */
  details?: Array<[string, ComponentChildren]>;
  /** What shows once access is there; `done` gives back access this gate asked for. */
  children: (done: () => void) => ComponentChildren;
}

type Gate = 'checking' | 'needed' | 'asking' | 'refused' | 'granted';

/** Hosts of the patterns, for the sentence: `api.bitwarden.com and identity.bitwarden.com`. */
const hostsOf = (patterns: string[]) => patterns.map((p) => new URL(p.replace(/\*$/, '')).host).join(' and ');

export function AccessGate({ target, permissions, details = [], children }: AccessGateProps) {
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
  if (gate === 'checking') return <p class="muted" aria-busy="true">Opening…</p>;
  const hosts = hostsOf(patterns);
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
      <h1 tabIndex={-1}>Allow Burnlink to read {hosts}?</h1>
      <dl class="opening" aria-label="What this opens">
        <dt>Secret</dt>
        <dd>{target.toolName} <code title={target.noteId}>{target.noteId}</code></dd>
        <dt>Server</dt>
        <dd><strong>{target.host}</strong></dd>
        {details.map(([label, value]) => [<dt key={`${label}-t`}>{label}</dt>, <dd key={`${label}-d`}>{value}</dd>])}
      </dl>
      <p>{target.access.why}</p>
      <p class="muted small">
        Your browser will ask you to allow <strong>{hosts}</strong>, and only that. Allowing it opens nothing:
        Burnlink then checks the secret without touching it, opens it only when you click Reveal, and
        gives the access back once the secret is open (or gone).
      </p>
      {gate === 'refused' ? (
        <p class="notice warn" role="alert">
          Burnlink was not allowed to read {hosts}, so it opened nothing. Allow it to try again, or open the link on
          its own site.
        </p>
      ) : null}
      <div class="row">
        <button type="button" class="primary" disabled={gate === 'asking'} onClick={allow}>
          {gate === 'asking' ? 'Waiting for your browser…' : `Allow access to ${hosts}`}
        </button>
        <a href={target.href} target="_blank" rel="noreferrer noopener">Open it on its own site</a>
      </div>
    </section>
  );
}
