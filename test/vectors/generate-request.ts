// Regenerates request-v1.json from the current code: `npx tsx test/vectors/generate-request.ts`.
// Run it only when request format v1 is meant to change (it never should); the vectors pin it.
import { writeFileSync } from 'node:fs';
import { toBase64url } from '../../utils/core/base64url';
import { requestSecrets, sealAnswer, sealRequestNote } from '../../utils/core/request/crypto';
import { formatRequestLink } from '../../utils/core/request/link';
import { nodeKeys, webKeys } from '../helpers/x25519';

/** Deterministic bytes, so the inputs are reproducible too. */
const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (seed + i * 151 + ((i * i) % 97)) & 0xff);
const encoder = new TextEncoder();

const server = 'https://burnlink.example';
const inputs = [
  { name: 'ascii answer', note: 'staging DB password for Alex', answer: 'PGPASSWORD=Tr0ub4dor&3', seed: 1 },
  {
    name: 'unicode note and answer',
    note: 'Schlüssel für den Server 🔑 (Ünïcödé)',
    answer: 'DB_PASSWORD=pässwörd 🔑\nHOST=db.internal:5432\n日本語のメモ\n',
    seed: 2,
  },
  { name: 'empty note, answer over one bucket', note: '', answer: `-----BEGIN KEY-----\n${'A'.repeat(300)}\n-----END KEY-----\n`, seed: 3 },
];

const cases = [];
for (const { name, note, answer, seed } of inputs) {
  const requesterPrivate = bytes(32, seed * 32);
  const ephemeralPrivate = bytes(32, seed * 32 + 8);
  const noteIv = bytes(12, seed * 32 + 16);
  const answerIv = bytes(12, seed * 32 + 24);
  const id = toBase64url(bytes(16, seed * 32 + 4));
  const publicKey = nodeKeys(requesterPrivate).raw;
  const { answerToken, noteKey } = await requestSecrets(publicKey);
  const sealedNote = await sealRequestNote(note, noteKey, () => noteIv);
  if (!sealedNote.ok) throw new Error(sealedNote.error.message);
  const sealedAnswer = await sealAnswer(encoder.encode(answer), {
    publicKey, requestId: id, ephemeral: await webKeys(ephemeralPrivate), random: () => answerIv,
  });
  if (!sealedAnswer.ok) throw new Error(sealedAnswer.error.message);
  const link = formatRequestLink({ server, id, publicKey });
  cases.push({
    name,
    input: {
      requesterPrivateKey: toBase64url(requesterPrivate),
      ephemeralPrivateKey: toBase64url(ephemeralPrivate),
      noteIv: toBase64url(noteIv),
      answerIv: toBase64url(answerIv),
      note,
      answer,
      server,
      id,
    },
    expected: {
      publicKey: toBase64url(publicKey),
      fragment: link.slice(link.indexOf('#') + 1),
      link,
      answerToken,
      note: sealedNote.value,
      answer: sealedAnswer.value,
    },
  });
}

const file = new URL('./request-v1.json', import.meta.url);
writeFileSync(file, `${JSON.stringify({
  description: 'Burnlink request-a-secret format v1 test vectors (docs/PROTOCOL.md §7). Private keys are raw X25519 scalars. Inputs are fixed; expected outputs must never change.',
  cases,
}, null, 2)}\n`);
console.log(`wrote ${cases.length} cases to ${file.pathname}`);
