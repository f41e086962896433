// Memory of the note server while it takes large notes (files): the peak resident memory of the
// server process (VmHWM, Linux) after creating and reading 16 MiB notes one at a time, then
// several at once. Run: node --import tsx bench/large-notes.ts (BENCH_LARGE_CONCURRENT=4).
import fs from 'node:fs';
import { createApi } from '../utils/core/api';
import { parseLink } from '../utils/core/link';
import { revealNote, shareNote } from '../utils/core/note';
import { startServer } from '../test/helpers/server';
import { numberFromEnv } from './env';

const MIB = 1024 * 1024;
const NOTE_MIB = numberFromEnv('BENCH_LARGE_MIB', 16);
const CONCURRENT = numberFromEnv('BENCH_LARGE_CONCURRENT', 4);

/** Peak and current resident memory of a process, in MiB (Linux /proc). */
function memory(pid: number): { peak: number; now: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) / 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

const file = (seed: number) => {
  const bytes = new Uint8Array(NOTE_MIB * MIB - 200);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i * seed) & 0xff;
  return { name: `backup-${seed}.tar`, type: '', bytes };
};

const server = await startServer({ env: { MAX_NOTE_BYTES: `${NOTE_MIB}m`, LOG_LEVEL: 'info', MAX_STORE_BYTES: 'off' } });
try {
  const pid = server.process.pid ?? 0;
  const api = createApi({ server: server.url, timeout: 120_000 });
  const share = async (seed: number) => {
    const shared = await shareNote(api, { text: '', files: [file(seed)] }, { expiresIn: 3600 });
    if (!shared.ok) throw new Error(shared.error.message);
    return shared.value.link;
  };
  const read = async (link: string) => {
    const parsed = parseLink(link);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const revealed = await revealNote(api, parsed.value);
    if (!revealed.ok) throw new Error(revealed.error.message);
  };

  const idle = memory(pid);
  console.log(`note server, ${NOTE_MIB} MiB notes (request body about ${(NOTE_MIB * 4 / 3).toFixed(1)} MiB of JSON)`);
  console.log(`  idle:                                   RSS ${idle.now.toFixed(0)} MiB`);
  let t = performance.now();
  for (let i = 1; i <= 3; i++) await read(await share(i));
  const serial = memory(pid);
  console.log(`  3 creates + reads, one at a time:       peak RSS ${serial.peak.toFixed(0)} MiB (+${(serial.peak - idle.now).toFixed(0)} MiB over idle), ${((performance.now() - t) / 3).toFixed(0)} ms per create + read`);
  t = performance.now();
  const links = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => share(10 + i)));
  await Promise.all(links.map(read));
  const parallel = memory(pid);
  console.log(`  ${CONCURRENT} creates at once, then ${CONCURRENT} reads:    peak RSS ${parallel.peak.toFixed(0)} MiB (+${(parallel.peak - idle.now).toFixed(0)} MiB over idle, ${((parallel.peak - idle.now) / CONCURRENT).toFixed(0)} MiB per create in flight), ${(performance.now() - t).toFixed(0)} ms`);
} finally {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}
