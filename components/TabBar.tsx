// A row of tabs with the ARIA tabs pattern: one tab stop, arrow keys (and Home/End) move between
// tabs and select them. Each tab controls the panel with id `panel-<id>`, labelled by `tab-<id>`.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface Tab<T extends string> {
  id: T;
  label: ComponentChildren;
}

export interface TabBarProps<T extends string> {
  /** What the tabs switch between, for screen readers ("Views"). */
  label: string;
  tabs: Array<Tab<T>>;
  selected: T;
  onSelect: (id: T) => void;
}

export function TabBar<T extends string>({ label, tabs, selected, onSelect }: TabBarProps<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const last = tabs.length - 1;
    const next = at === last ? 0 : at + 1;
    const previous = at === 0 ? last : at - 1;
    // Right to left (Arabic), the arrow keys follow the tabs' visual order: left is the next one.
    const rtl = event.currentTarget instanceof Element && getComputedStyle(event.currentTarget).direction === 'rtl';
    const to = { ArrowRight: rtl ? previous : next, ArrowLeft: rtl ? next : previous, Home: 0, End: last }[event.key];
    const tab = to === undefined ? undefined : tabs[to];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  };

  return (
    <div class="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          class="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          ref={(el) => { if (el) buttons.current.set(tab.id, el); else buttons.current.delete(tab.id); }}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
