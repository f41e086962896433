// A labelled field of a settings form, with its help and its error; `fieldAria` gives the control
// inside the matching aria attributes, so screen readers read the help and the error with it.
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  help?: ComponentChildren;
  error?: string;
  children: ComponentChildren;
}

export function Field({ id, label, help, error, children }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {help ? <p id={`${id}-help`} class="muted small help">{help}</p> : null}
      {error ? <p id={`${id}-error`} class="notice error small field-error" role="alert">{error}</p> : null}
    </div>
  );
}

/** aria-invalid and aria-describedby for the control of field `id`. */
export function fieldAria(id: string, error: string | undefined, hasHelp = true) {
  const describedBy = [error ? `${id}-error` : '', hasHelp ? `${id}-help` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}
