// Client-side crypto cost in Node (the same WebCrypto code the extension runs).
import { LINK_KEY_BYTES, decryptNote, deriveNoteKeys, encryptNote } from '../utils/core/crypto';
import { randomSecret } from './workload';

export interface CryptoTiming {
  label: string;
  bytes: number;
  runs: number;
  /** Medians in milliseconds. */
  encryptMs: number;
  decryptMs: number;
  totalMs: number;
}

export interface CryptoResults {
  sizes: CryptoTiming[];
  /** Key derivation with a passphrase: PBKDF2-SHA256, 600,000 iterations, then HKDF. */
  passphraseMs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function time(label: string, bytes: number, runs: number): Promise<CryptoTiming> {
  const secret = randomSecret(bytes);
  const encrypt: number[] = [];
  const decrypt: number[] = [];
  const total: number[] = [];
  // Two unrecorded rounds first, so that the JIT and WebCrypto are warm.
  for (let i = -2; i < runs; i++) {
    const t0 = performance.now();
    const sealed = await encryptNote(secret);
    const t1 = performance.now();
    if (!sealed.ok) throw new Error(sealed.error.message);
    const opened = await decryptNote(sealed.value.envelope, sealed.value.linkKey);
    const t2 = performance.now();
    if (!opened.ok || opened.value !== secret) throw new Error(`${label}: the secret did not survive the round trip`);
    if (i < 0) continue;
    encrypt.push(t1 - t0);
    decrypt.push(t2 - t1);
    total.push(t2 - t0);
  }
  return { label, bytes, runs, encryptMs: median(encrypt), decryptMs: median(decrypt), totalMs: median(total) };
}

export async function measureCrypto(runs: number): Promise<CryptoResults> {
  const sizes = [await time('1 KiB', 1024, runs), await time('1 MiB', 1024 * 1024 - 4, runs)];
  const linkKey = crypto.getRandomValues(new Uint8Array(LINK_KEY_BYTES));
  const t0 = performance.now();
  await deriveNoteKeys(linkKey, 'correct-horse-battery-staple');
  return { sizes, passphraseMs: performance.now() - t0 };
}
