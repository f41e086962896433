// The extension's keyboard shortcuts as the browser has them now (people may change them).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** "_execute_action" has no description of its own. */
function describe(name: string, description: string | undefined): string {
  if (name === '_execute_action' || name === '_execute_browser_action') return 'Open the Burnlink popup';
  return description ?? name;
}

export function ShortcutList() {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>();
  useEffect(() => {
    void browser.commands.getAll().then((commands) => setShortcuts(commands.map((c) => ({
      name: c.name ?? '',
      description: describe(c.name ?? '', c.description),
      shortcut: c.shortcut ?? '',
    }))));
  }, []);
  if (!shortcuts) return null;
  return (
    <>
      <dl class="shortcuts">
        {shortcuts.map((s) => (
          <div key={s.name}>
            <dt>{s.shortcut ? <kbd>{s.shortcut}</kbd> : <span class="muted">not set</span>}</dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
      <p class="muted small">
        {import.meta.env.FIREFOX
          ? 'Change them in about:addons → the gear menu → Manage Extension Shortcuts.'
          : 'Change them at chrome://extensions/shortcuts.'}
      </p>
    </>
  );
}
