// The "Sent links" section of the options page: read-receipt notifications and the toolbar badge
// count. Each box is saved as soon as it changes; the background follows the stored settings.
import { useEffect, useState } from 'preact/hooks';
import { ok } from '../utils/core/result';
import { updateSettings } from '../utils/settings/form';
import { settingsItem, type Settings } from '../utils/storage';
import type { MessageKey } from '../utils/i18n/translate';
import { Choice } from './Choice';
import { useT } from './I18n';
import { useSave } from './useSave';
import './ReceiptSettings.css';

type Toggle = 'readReceipts' | 'badge';

const TOGGLES: Array<{ key: Toggle; label: MessageKey; help: MessageKey }> = [
  { key: 'readReceipts', label: 'receipts.readReceipts', help: 'receipts.readReceiptsHelp' },
  { key: 'badge', label: 'receipts.badge', help: 'receipts.badgeHelp' },
];

export function ReceiptSettings() {
  const { t } = useT();
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
      return ok(t(on ? 'receipts.savedOn' : 'receipts.savedOff', { setting: label }));
    });
  };

  return (
    <div class="receipt-settings">
      <p class="muted">{t('receipts.intro')}</p>
      {TOGGLES.map(({ key, label, help }) => (
        <Choice key={key} type="checkbox" id={key} label={t(label)} help={t(help)} checked={settings[key]}
          onChange={(on) => void toggle(key, t(label), on)} />
      ))}
      <div role="status">{state.kind === 'saved' ? <p class="small muted receipt-saved">{state.message}</p> : null}</div>
      {generalError ? <p class="notice error" role="alert">{generalError}</p> : null}
    </div>
  );
}
