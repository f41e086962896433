// The "Sent links" section of the options page: read-receipt notifications and the toolbar badge
// count. Each box is saved as soon as it changes; the background follows the stored settings.
import { useEffect, useState } from 'preact/hooks';
import { ok } from '../utils/core/result';
import { updateSettings } from '../utils/settings/form';
import { settingsItem, type Settings } from '../utils/storage';
import { Choice } from './Choice';
import { useSave } from './useSave';
import './ReceiptSettings.css';

type Toggle = 'readReceipts' | 'badge';

const TOGGLES: Array<{ key: Toggle; label: string; help: string }> = [
  { key: 'readReceipts', label: 'Read receipts', help: 'A notification when a link you sent is read, or expires unread.' },
  { key: 'badge', label: 'Badge count', help: 'The number of your links still waiting to be read, on the toolbar button.' },
];

export function ReceiptSettings() {
  const [settings, setSettings] = useState<Settings>();
  const { state, save, generalError } = useSave();

  useEffect(() => {
    void settingsItem.getValue().then(setSettings);
    return settingsItem.watch(setSettings);
  }, []);
  if (!settings) return null;

  const toggle = (key: Toggle, label: string, on: boolean) => {
    // The box shows the new state while it is saved, and goes back if the save fails.
    setSettings({ ...settings, [key]: on });
    return save(async () => {
      try {
        setSettings(await updateSettings({ [key]: on }));
      } catch (error) {
        setSettings(settings);
        throw error;
      }
      return ok(`${label} ${on ? 'on' : 'off'}. Saved.`);
    });
  };

  return (
    <div class="receipt-settings">
      <p class="muted">
        Burnlink asks the note server what became of each link you sent: waiting, read, expired or revoked.
        The server records nothing about who read it.
      </p>
      {TOGGLES.map(({ key, label, help }) => (
        <Choice key={key} type="checkbox" id={key} label={label} help={help} checked={settings[key]}
          onChange={(on) => void toggle(key, label, on)} />
      ))}
      <div role="status">{state.kind === 'saved' ? <p class="small muted receipt-saved">{state.message}</p> : null}</div>
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}
