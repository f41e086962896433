// Where a ciphertext lands in the SQLite file, chosen so that no copy of it can outlive its burn.
//
// SQLite moves b-tree cells between pages when pages split and merge, and leaves the old bytes in
// the unused part of the page they left: `secure_delete` zeroes a deleted cell, not the stale copy
// of a cell that moved before. Overflow pages never move (autovacuum is off), and a freed one is
// zeroed whole. So the bodies table is a rowid table (its interior pages hold only integers), and
// each row starts with a `pad` of zeros just long enough that the part of the row kept in the leaf
// page ends before the ciphertext begins: every byte of ciphertext is on overflow pages, which the
// burn frees and zeroes.
//
// The sizes follow the file format (https://www.sqlite.org/fileformat2.html, "Cell Payload
// Overflow Pages"): with U usable bytes per page, a table leaf keeps a payload of P bytes whole
// when P ≤ U − 35; otherwise it keeps K = M + ((P − M) mod (U − 4)) bytes when K ≤ U − 35, else M,
// where M = ⌊(U − 12) × 32 / 255⌋ − 23.

/** Bytes of a SQLite varint holding `n` (≥ 0). */
function varintLength(n: number): number {
  let length = 1;
  for (let rest = Math.floor(n / 128); rest > 0 && length < 9; rest = Math.floor(rest / 128)) length++;
  return length;
}

/** Header bytes of the record (pad BLOB, envelope BLOB). */
function recordHeaderLength(pad: number, envelope: number): number {
  const types = varintLength(2 * pad + 12) + varintLength(2 * envelope + 12);
  // The header's own length varint is one byte: the whole header is far below 128 bytes.
  return 1 + types;
}

/** Bytes of a payload of `payload` bytes that a table leaf page keeps (the rest overflows). */
export function leafBytes(payload: number, usable: number): number {
  const most = usable - 35;
  if (payload <= most) return payload;
  const least = Math.floor(((usable - 12) * 32) / 255) - 23;
  const kept = least + ((payload - least) % (usable - 4));
  return kept <= most ? kept : least;
}

const cache = new Map<string, number>();

/**
 * Zero bytes to put before an envelope of `envelope` bytes so that the leaf page keeps none of it,
 * on pages of `usable` bytes: the smallest such pad.
 */
export function padFor(envelope: number, usable: number): number {
  const key = `${usable}:${envelope}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let pad = 0;
  for (;; pad++) {
    const header = recordHeaderLength(pad, envelope);
    if (leafBytes(header + pad + envelope, usable) <= header + pad) break;
  }
  cache.set(key, pad);
  return pad;
}
