// The popup after a link is created: the link (already copied), when it expires, how often it can
// be read, the passphrase reminder, and a QR code for handing the link to a phone.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { clockTime, durationLabel } from '../utils/core/format';
import type { CreatedLink } from '../utils/share/create-link';
import { QrCode } from './QrCode';

export interface LinkCreatedProps {
  created: CreatedLink;
  /** Set when the note needs one: the sender still has to pass it on. */
  passphrase?: string;
  onCopy: () => Promise<void>;
  onNew: () => void;
  now?: () => number;
}

function copyStatus(copied: CopyResult): string {
  if (!copied.ok) return 'Could not copy the link: select it below and copy it by hand.';
  const clears = copied.clearsInSeconds ? ` The clipboard will be cleared in ${durationLabel(copied.clearsInSeconds)}.` : '';
  return `Link copied. Paste it for the recipient.${clears}`;
}

export function LinkCreated({ created, passphrase, onCopy, onNew, now = Date.now }: LinkCreatedProps) {
  const { copied } = created;
  const [showQr, setShowQr] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers hear the outcome; keyboard users continue from here.
  useEffect(() => heading.current?.focus(), []);

  const at = now();
  const reads = created.maxReads === 1 ? 'It can be read once' : `It can be read ${created.maxReads} times`;
  return (
    <section class="created" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>Link created</h2>
      <p class={`notice ${copied.ok ? 'ok' : 'warn'}`} role="status">{copyStatus(copied)}</p>

      <label for="link" class="visually-hidden">One-time link</label>
      <input
        id="link"
        class="link-field mono"
        readOnly
        value={created.link}
        onFocus={(e) => e.currentTarget.select()}
      />
      <p class="small">
        {reads}. Expires in {durationLabel(created.expiresIn)} ({clockTime(created.expiresAt, at)}).
      </p>

      {passphrase ? (
        <div class="notice warn small">
          <p>Passphrase: <code class="passphrase">{passphrase}</code></p>
          <p>Send it another way than the link: say it in a call, or use another app.</p>
        </div>
      ) : null}

      <div class="row">
        <button type="button" onClick={() => void onCopy()}>Copy again</button>
        <button type="button" aria-expanded={showQr} aria-controls="qr" onClick={() => setShowQr(!showQr)}>
          {showQr ? 'Hide QR code' : 'Show QR code'}
        </button>
        <button type="button" class="primary push" onClick={onNew}>New link</button>
      </div>
      {showQr ? (
        <div id="qr" class="qr-box">
          <QrCode text={created.link} label="QR code of the one-time link" />
          <p class="small muted">Scan it with a phone. Whoever scans it can read the note once.</p>
        </div>
      ) : null}
    </section>
  );
}
