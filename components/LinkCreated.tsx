// After a link is created (the popup, the create page): the link, already copied; when it expires
// and how often it can be read; the passphrase to pass on; Copy again, Copy with instructions, a QR
// code for a phone, and how soon the clipboard is cleared.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import { CLIPBOARD_CLEAR_CHOICES, clipboardClearLabel, withClearSentence, copiedSentence } from '../utils/clipboard/wording';
import type { Translator } from '../utils/i18n/translate';
import { termsSentence } from '../utils/share/terms-sentence';
import { Fill, useT } from './I18n';
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

function status(tr: Translator, copied: CopyResult | undefined, what: 'link' | 'message', madeAt: number | undefined, now: number): string {
  if (copied) return copied.ok && what === 'link' ? withClearSentence(tr, copied, tr.t('share.linkCopied')) : copiedSentence(tr, copied, what);
  if (madeAt === undefined) return tr.t('share.createdCopyAgain');
  if (now - madeAt < 60_000) return tr.t('share.createdJustNowCopyAgain');
  return tr.t('share.createdWhenCopyAgain', { when: tr.relativeTime(madeAt, now) });
}

export function LinkCreated(props: LinkCreatedProps) {
  const { created, copied, copiedWhat = 'link', madeAt, passphrase, onCopy, onCopyInstructions, clipboard, onNew, now = Date.now } = props;
  const tr = useT();
  const { t } = tr;
  const [showQr, setShowQr] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers hear the outcome; keyboard users continue from here.
  useEffect(() => heading.current?.focus(), []);

  const at = now();
  const ok = copied === undefined || copied.ok;
  return (
    <section class="created" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={heading} tabIndex={-1}>{t('share.createdHeading')}</h2>
      <p class={`notice ${ok ? 'ok' : 'warn'}`} role="status">{status(tr, copied, copiedWhat, madeAt, at)}</p>

      <label for="link" class="visually-hidden">{t('share.oneTimeLink')}</label>
      <input id="link" class="link-field mono" dir="ltr" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
      <p class="small">
        {termsSentence(tr, created, at)}
      </p>

      {passphrase ? (
        <div class="notice warn small">
          <p><Fill message={t('share.passphraseIs')} parts={{ passphrase: <code class="passphrase">{passphrase}</code> }} /></p>
          <p>{t('share.sendApart')}</p>
        </div>
      ) : null}

      <div class="row created-actions">
        <button type="button" onClick={() => void onCopy()}>{t('share.copyAgain')}</button>
        {onCopyInstructions ? <button type="button" onClick={() => void onCopyInstructions()}>{t('share.copyWithInstructions')}</button> : null}
        <button type="button" aria-expanded={showQr} aria-controls="qr" onClick={() => setShowQr(!showQr)}>
          {t('share.qrCode')}
        </button>
      </div>
      {showQr ? (
        <div id="qr" class="qr-box">
          <QrCode text={created.link} label={t('share.qrLabel')} />
          <p class="small muted">{t('share.qrHelp')}</p>
        </div>
      ) : null}
      {clipboard ? (
        <div class="row clear-choice small">
          <label for="clear-after">{t('share.clearAfter')}</label>
          <select id="clear-after" value={clipboard.seconds} onChange={(e) => void clipboard.onChange(Number(e.currentTarget.value))}>
            {[...new Set<number>([...CLIPBOARD_CLEAR_CHOICES, clipboard.seconds])].sort((a, b) => a - b).map((s) => (
              <option key={s} value={s}>{clipboardClearLabel(tr, s)}</option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="row new-row">
        <button type="button" class="primary" onClick={onNew}>{t('share.newLink')}</button>
      </div>
    </section>
  );
}
