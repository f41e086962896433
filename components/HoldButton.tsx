// A button that acts only after it is held down: pointer, touch, or Space/Enter kept pressed for
// HOLD_MS. Link scanners that click or press every button release at once, so they never reach
// the end. A quick click says how to hold it, and opens an equivalent that needs no holding (for
// screen readers, switch access and anyone who cannot hold): type a short code shown on screen.
import { useEffect, useRef, useState } from 'preact/hooks';

export const HOLD_MS = 1200;

export interface HoldButtonProps {
  label: string;
  /** Shown while held, e.g. "Keep holding…". */
  holdingLabel: string;
  disabled?: boolean;
  onConfirm: () => void;
  /** Called on a press that was too short (or a click a script made). */
  onTooShort?: () => void;
  holdMs?: number;
  describedBy?: string;
}

export function HoldButton({ label, holdingLabel, disabled, onConfirm, onTooShort, holdMs = HOLD_MS, describedBy }: HoldButtonProps) {
  const [progress, setProgress] = useState(0);
  const started = useRef<number | null>(null);
  const frame = useRef(0);
  const done = useRef(false);

  const stop = (completed: boolean) => {
    cancelAnimationFrame(frame.current);
    const was = started.current;
    started.current = null;
    setProgress(0);
    if (!completed && was !== null && !done.current) onTooShort?.();
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const tick = () => {
    if (started.current === null) return;
    const held = performance.now() - started.current;
    setProgress(Math.min(1, held / holdMs));
    if (held >= holdMs) {
      done.current = true;
      stop(true);
      onConfirm();
      return;
    }
    frame.current = requestAnimationFrame(tick);
  };
  const start = (trusted: boolean) => {
    if (disabled || !trusted || started.current !== null) return;
    done.current = false;
    started.current = performance.now();
    frame.current = requestAnimationFrame(tick);
  };

  const holding = progress > 0;
  return (
    <button
      type="button"
      class="primary hold"
      disabled={disabled}
      aria-describedby={describedBy}
      style={{ '--hold': String(progress) }}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        start(e.isTrusted);
      }}
      onPointerUp={() => stop(false)}
      onPointerCancel={() => stop(false)}
      onLostPointerCapture={() => { if (started.current !== null) stop(false); }}
      onKeyDown={(e) => {
        if (e.key !== ' ' && e.key !== 'Enter') return;
        // The press itself: a held key repeats, and a key press must not also "click" the button.
        e.preventDefault();
        if (!e.repeat) start(e.isTrusted);
      }}
      onKeyUp={(e) => { if (e.key === ' ' || e.key === 'Enter') stop(false); }}
      onBlur={() => { if (started.current !== null) stop(false); }}
      // A click (from a screen reader, a script, or a press released too soon) never reveals.
      onClick={(e) => { e.preventDefault(); if (started.current === null && !done.current) onTooShort?.(); done.current = false; }}
    >
      <span class="hold-fill" aria-hidden="true" />
      <span class="hold-label">{holding ? holdingLabel : label}</span>
    </button>
  );
}
