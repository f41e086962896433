// Request-a-secret crypto in Node (the same WebCrypto code the extension and the answer page run):
// the requester's key pair, an answer sealed to it (ephemeral X25519, HKDF, AES-256-GCM over the
// padded payload) and opened with the non-extractable private key. Medians of 31 runs.
//   node --import tsx bench/request-crypto.ts
import os from 'node:os';
import { exportPublicKey, generateRequestKeys, openAnswer, sealAnswer } from '../utils/core/request/crypto';
import { median } from './crypto-timing';

const RUNS = 31;
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const keys = await generateRequestKeys();
const publicKey = await exportPublicKey(keys.publicKey);
const keygen: number[] = [];
for (let i = 0; i < RUNS; i++) keygen.push(await timed(() => generateRequestKeys()));
console.log(`key pair (X25519, private key not extractable): median ${median(keygen).toFixed(2)} ms`);

for (const [label, bytes] of [['a 20-byte password', 20], ['64 KiB', 64 * 1024 - 4], ['1 MiB', 1024 * 1024 - 4]] as const) {
  const data = new Uint8Array(bytes).map((_, i) => (i * 7919) & 0xff);
  const seal: number[] = [];
  const open: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let sealed: Awaited<ReturnType<typeof sealAnswer>> | undefined;
    seal.push(await timed(async () => { sealed = await sealAnswer(data, { publicKey, requestId: ID }); }));
    if (!sealed?.ok) throw new Error('sealAnswer failed');
    const envelope = sealed.value;
    open.push(await timed(() => openAnswer(envelope, { privateKey: keys.privateKey, publicKey, requestId: ID })));
  }
  console.log(`${label}: seal median ${median(seal).toFixed(2)} ms, open median ${median(open).toFixed(2)} ms`);
}
console.log(`Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores`);
