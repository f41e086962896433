// The save flow every settings section shares: busy while saving, then a sentence saying it was
// saved, or why not; the field to fix gets the focus. A save that throws (the browser refused to
// store it) says so rather than leaving the section busy.
import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../utils/core/result';

/** Why a save did not happen: a sentence, and the id of the field to fix when there is one. */
export interface SaveProblem {
  field?: string;
  message: string;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; message: string }
  | { kind: 'error'; error: SaveProblem };

/** `refused`: what to say when the save throws. */
export function useSave(refused = 'The browser did not save the change. Try again.') {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  // Take people to what needs fixing.
  useEffect(() => {
    if (state.kind === 'error' && state.error.field) document.getElementById(state.error.field)?.focus();
  }, [state]);

  /** Runs one save; `run` resolves to the sentence to show, or the problem. */
  const save = async (run: () => Promise<Result<string, SaveProblem>>): Promise<void> => {
    setState({ kind: 'saving' });
    const outcome = await run().catch(() => ({ ok: false as const, error: { message: refused } }));
    setState(outcome.ok ? { kind: 'saved', message: outcome.value } : { kind: 'error', error: outcome.error });
  };

  return {
    state,
    save,
    busy: state.kind === 'saving',
    /** Back to no message (the person changed something since). */
    reset: () => { if (state.kind !== 'saving') setState({ kind: 'idle' }); },
    /** The error of one field, when that is what the last save stopped at. */
    errorFor: (field: string) => (state.kind === 'error' && state.error.field === field ? state.error.message : undefined),
    /** The last save's problem, when it was not about one field. */
    generalError: state.kind === 'error' && !state.error.field ? state.error.message : undefined,
  };
}
