// Asking the note servers what became of the links this browser sent: one batch status request
// per server, and which links changed in a way the sender is told about.
import { createApi, type ApiError } from '../core/api';
import { BATCH_STATUS_LIMIT } from '../core/protocol';
import { err, ok, type Result } from '../core/result';
import { applyStatus, byServer, isWaiting, prune, type SentNote } from './entry';

export interface Transition {
  entry: SentNote;
  /**
   * 'read': read (the last allowed read, or any read of a multi-read note); 'expired': unread;
   * 'destroyed': after too many wrong passphrases.
   */
  kind: 'read' | 'expired' | 'destroyed';
}

/** A server that could not be asked: unreachable, or it answered an error. */
export interface RefreshFailure {
  server: string;
  code: ApiError['code'];
  message: string;
}

export interface RefreshResult {
  entries: SentNote[];
  transitions: Transition[];
  failures: RefreshFailure[];
}

/**
 * Refreshes every waiting entry (one batch status request per server) and prunes old ones.
 * Entries that are no longer waiting are not asked about again.
 */
export async function refreshSent(entries: SentNote[], now: number, fetchImpl?: typeof fetch): Promise<RefreshResult> {
  const kept = prune(entries, now);
  const waiting = kept.filter((e) => isWaiting(e, now) || e.state === 'pending');
  const updated = new Map<string, SentNote>();
  const failures: RefreshFailure[] = [];
  await Promise.all([...byServer(waiting)].map(async ([server, group]) => {
    const asked = await askServer(server, group, now, fetchImpl);
    if (asked.ok) for (const entry of asked.value) updated.set(entry.id, entry);
    else failures.push(asked.error);
  }));
  const transitions: Transition[] = [];
  const next = kept.map((entry) => {
    const fresh = updated.get(entry.id);
    if (!fresh) return entry;
    const kind = transition(entry, fresh);
    if (kind) transitions.push({ entry: fresh, kind });
    return fresh;
  });
  return { entries: next, transitions, failures };
}

/** The entries of one server with their new states, in as few batches as the protocol allows. */
async function askServer(server: string, group: SentNote[], now: number, fetchImpl?: typeof fetch): Promise<Result<SentNote[], RefreshFailure>> {
  const api = createApi({ server, fetch: fetchImpl });
  const fresh: SentNote[] = [];
  for (let i = 0; i < group.length; i += BATCH_STATUS_LIMIT) {
    const slice = group.slice(i, i + BATCH_STATUS_LIMIT);
    const result = await api.statusBatch(slice.map(({ id, manageToken }) => ({ id, manageToken })));
    if (!result.ok) return err({ server, code: result.error.code, message: result.error.message });
    slice.forEach((entry, j) => fresh.push(applyStatus(entry, result.value.statuses[j] ?? null, now)));
  }
  return ok(fresh);
}

/** What the sender is told about a change of state, if anything. */
function transition(before: SentNote, after: SentNote): Transition['kind'] | undefined {
  if (before.state !== 'pending') return undefined;
  if (after.state === 'read' || after.reads > before.reads) return 'read';
  if (after.state === 'expired' || after.state === 'destroyed') return after.state;
  return undefined;
}
