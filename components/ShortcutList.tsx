// The extension's keyboard shortcuts as the browser has them now (people may change them).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Translator } from '@/utils/i18n/translate';
import { useT } from './I18n';

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** "_execute_action" has no description of its own; the others come translated from the manifest. */
function describe({ t }: Translator, name: string, description: string | undefined): string {
  if (name === '_execute_action' || name === '_execute_browser_action') return t('shortcuts.openPopup');
  return description ?? name;
}

export function ShortcutList() {
  const i18n = useT();
  const { t } = i18n;
  const [shortcuts, setShortcuts] = useState<Shortcut[]>();
  useEffect(() => {
    void browser.commands.getAll().then((commands) => setShortcuts(commands.map((c) => ({
      name: c.name ?? '',
      description: describe(i18n, c.name ?? '', c.description),
      shortcut: c.shortcut ?? '',
    }))));
  }, []);
  if (!shortcuts) return null;
  return (
    <>
      <dl class="shortcuts">
        {shortcuts.map((s) => (
          <div key={s.name}>
            <dt>{s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="muted">{t('shortcuts.notSet')}</span>}</dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
      <p class="muted small">
        {t(import.meta.env.FIREFOX ? 'shortcuts.changeFirefox' : 'shortcuts.changeChrome')}
      </p>
    </>
  );
}
