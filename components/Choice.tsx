// One choice of a settings section, as a card: a checkbox or a radio button with its name in bold
// and a line of help under it, read out with it.
import './Choice.css';

export interface ChoiceProps {
  type: 'checkbox' | 'radio';
  /** Names the help line: `<id>-help`. */
  id: string;
  label: string;
  help: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The radio group. */
  name?: string;
  value?: string;
  /** Shown but not changeable (an organisation decided it). */
  disabled?: boolean;
}

export function Choice({ type, id, label, help, checked, onChange, name, value, disabled }: ChoiceProps) {
  return (
    <label class="choice">
      <input
        type={type}
        name={name}
        value={value}
        aria-label={label}
        aria-describedby={`${id}-help`}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>
        <strong>{label}</strong>
        <span id={`${id}-help`} class="muted small choice-help">{help}</span>
      </span>
    </label>
  );
}
