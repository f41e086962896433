// Reading Redis replies: strings, integers, arrays and nil, checked rather than cast.
import type { NoteState, NoteStatus } from '../../../utils/core/protocol';
import { effectiveState, type GoneState } from '../store';

export const text = (value: unknown): string => (typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString() : String(value));

export const integer = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(text(value));
  if (!Number.isFinite(n)) throw new Error(`unexpected reply from Redis: ${text(value)}`);
  return n;
};

export const timeOrNull = (value: unknown): number | null =>
  (value === null || value === undefined || text(value) === '' ? null : integer(value));

export const GONE_STATES: readonly GoneState[] = ['read', 'expired', 'revoked', 'destroyed'];
export const NOTE_STATES: readonly NoteState[] = ['pending', ...GONE_STATES];

export function noteState<T extends string>(value: unknown, states: readonly T[]): T {
  const found = states.find((s) => s === text(value));
  if (found === undefined) throw new Error(`unexpected note state from Redis: ${text(value)}`);
  return found;
}

export function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('unexpected reply from Redis: not a list');
  return value;
}

/** The hash fields a status is made of, in the order `toStatus` reads them. */
export const STATUS_FIELDS = ['ca', 'ea', 'r', 'mr', 'st', 'ra', 'va'] as const;

export function toStatus(id: string, fields: unknown[], now: number): NoteStatus {
  const [ca, ea, r, mr, st, ra, va] = fields;
  const expiresAt = integer(ea);
  return {
    id,
    state: effectiveState(noteState(st, NOTE_STATES), expiresAt, now),
    createdAt: integer(ca),
    expiresAt,
    reads: integer(r),
    maxReads: integer(mr),
    readAt: timeOrNull(ra),
    revokedAt: timeOrNull(va),
  };
}
