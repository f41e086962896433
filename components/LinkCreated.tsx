// After a link is created (the popup, the create page): the link, already copied; when it expires
// and how often it can be read; the passphrase to pass on; Copy again, Copy with instructions, a QR
// code for a phone, and how soon the clipboard is cleared.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CLIPBOARD_CLEAR_CHOICES, clearSentence, clipboardClearLabel, copiedSentence } from '../utils/clipboard/wording';
import { clockTime, durationLabel, relativeTime } from '../utils/core/format';
import { QrCode } from './QrCode';
import './LinkCreated.css';

/** What the view shows of a link just made. */
export interface CreatedLinkView {
  link: string;
  /** Seconds, as chosen. */
  expiresIn: number;
  expiresAt: number;
  maxReads: number;
}

export interface LinkCreatedProps {
  created: CreatedLinkView;
  /** How the last copy went; undefined when the view came back after the popup reopened. */
  copied?: CopyResult;
  /** What was copied last: the link alone, or the message around it. */
  copiedWhat?: 'link' | 'message';
  /** When the view came back after the popup reopened: when the link was made. */
  madeAt?: number;
  /** Set when the note needs one: the sender still has to pass it on. */
  passphrase?: string;
  onCopy: () => Promise<void>;
  /** Copies the sender's message around the link; absent when they turned it off. */
  onCopyInstructions?: () => Promise<void>;
  /** The clipboard delay, and how to change it (the popup); absent where the page decides. */
  clipboard?: { seconds: number; onChange: (seconds: number) => Promise<void> };
  onNew: () => void;
  now?: () => number;
}

function status(copied: CopyResult | undefined, what: 'link' | 'message', madeAt: number | undefined, now: number): string {
  if (copied) return copied.ok && what === 'link' ? `Link copied: paste it for the recipient.${clearSentence(copied)}` : copiedSentence(copied, what);
  const when = madeAt === undefined ? '' : relativeTime(madeAt, now);
  const made = when === '' ? '' : ` ${when === 'now' ? 'just now' : when}`;
  return `Link created${made}. Copy it again if you need it: the clipboard may have been cleared.`;
}

export function LinkCreated(props: LinkCreatedProps) {
  const { created, copied, copiedWhat = 'link', madeAt, passphrase, onCopy, onCopyInstructions, clipboard, onNew, now = Date.now } = props;
  const [showQr, setShowQr] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers hear the outcome; keyboard users continue from here.
  useEffect(() => heading.current?.focus(), []);

  const at = now();
  const reads = created.maxReads === 1 ? 'It can be read once' : `It can be read ${created.maxReads} times`;
  const ok = copied === undefined || copied.ok;
  return (
    <section class="created" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>Link created</h2>
      <p class={`notice ${ok ? 'ok' : 'warn'}`} role="status">{status(copied, copiedWhat, madeAt, at)}</p>

      <label for="link" class="visually-hidden">One-time link</label>
      <input id="link" class="link-field mono" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
      <p class="small">
        {reads}. Expires in {durationLabel(created.expiresIn)} ({clockTime(created.expiresAt, at)}).
      </p>

      {passphrase ? (
        <div class="notice warn small">
          <p>Passphrase: <code class="passphrase">{passphrase}</code></p>
          <p>Send it another way than the link: say it in a call, or use another app.</p>
        </div>
      ) : null}

      <div class="row created-actions">
        <button type="button" onClick={() => void onCopy()}>Copy again</button>
        {onCopyInstructions ? <button type="button" onClick={() => void onCopyInstructions()}>Copy with instructions</button> : null}
        <button type="button" aria-expanded={showQr} aria-controls="qr" onClick={() => setShowQr(!showQr)}>
          QR code
        </button>
      </div>
      {showQr ? (
        <div id="qr" class="qr-box">
          <QrCode text={created.link} label="QR code of the one-time link" />
          <p class="small muted">Scan it with a phone. Whoever scans it can read the note once.</p>
        </div>
      ) : null}
      {clipboard ? (
        <div class="row clear-choice small">
          <label for="clear-after">Clear the clipboard after</label>
          <select id="clear-after" value={clipboard.seconds} onChange={(e) => void clipboard.onChange(Number(e.currentTarget.value))}>
            {[...new Set<number>([...CLIPBOARD_CLEAR_CHOICES, clipboard.seconds])].sort((a, b) => a - b).map((s) => (
              <option key={s} value={s}>{clipboardClearLabel(s)}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="row new-row">
        <button type="button" class="primary" onClick={onNew}>New link</button>
      </div>
    </section>
  );
}
