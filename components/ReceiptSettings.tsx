// The "Sent links" section of the options page: read-receipt notifications and the toolbar badge
// count. Each box is saved as soon as it changes; the background follows the stored settings.
import { useEffect, useState } from 'preact/hooks';
import { updateSettings } from '../utils/settings/form';
import { settingsItem, type Settings } from '../utils/storage';
import './ReceiptSettings.css';

type Toggle = 'readReceipts' | 'badge';

const TOGGLES: Array<{ key: Toggle; label: string; help: string }> = [
  { key: 'readReceipts', label: 'Read receipts', help: 'A notification when a link you sent is read, or expires unread.' },
  { key: 'badge', label: 'Badge count', help: 'The number of your links still waiting to be read, on the toolbar button.' },
];

export function ReceiptSettings() {
  const [settings, setSettings] = useState<Settings>();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch(setSettings);
  }, []);
  if (!settings) return null;

  const toggle = async (key: Toggle, on: boolean) => {
    setError(undefined);
    try {
      setSettings(await updateSettings({ [key]: on }));
      const label = TOGGLES.find((t) => t.key === key)?.label ?? '';
      setSaved(`${label} ${on ? 'on' : 'off'}. Saved.`);
    } catch {
      setSaved(undefined);
      setError('The browser did not save the change. Try again.');
    }
  };

  return (
    <div class="receipt-settings">
      <p class="muted">
        Burnlink asks the note server what became of each link you sent: waiting, read, expired or revoked.
        The server records nothing about who read it.
      </p>
      {TOGGLES.map(({ key, label, help }) => (
        <label key={key} class="receipt-option">
          <input
            type="checkbox"
            aria-label={label}
            checked={settings[key]}
            aria-describedby={`${key}-help`}
            onChange={(e) => void toggle(key, e.currentTarget.checked)}
          />
          <span>
            <strong>{label}</strong>
            <span id={`${key}-help`} class="muted small receipt-help">{help}</span>
          </span>
        </label>
      ))}
      <div role="status">{saved ? <p class="small muted receipt-saved">{saved}</p> : null}</div>
      {error ? <p class="notice error" role="alert">{error}</p> : null}
    </div>
  );
}
