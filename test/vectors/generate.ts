// Regenerates crypto-v1.json from the current code: `npx tsx test/vectors/generate.ts`.
// Run it only when format v1 is meant to change (it never should); the vectors pin the format.
import { writeFileSync } from 'node:fs';
import { toBase64url } from '../../utils/core/base64url';
import { encryptNote } from '../../utils/core/crypto';
import { formatLink } from '../../utils/core/link';

/** Deterministic bytes, so the inputs are reproducible too. */
const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (seed + i * 151 + ((i * i) % 97)) & 0xff);

/** A fake, about 1000-byte OpenSSH private key: the kind of thing people actually send. */
function fakePrivateKey(): string {
  const body = toBase64url(bytes(690, 7)).replace(/-/g, '+').replace(/_/g, '/');
  const lines = body.match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

const server = 'https://burnlink.example';
const inputs = [
  { name: 'ascii', plaintext: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', seed: 1 },
  {
    name: 'multi-line unicode and emoji',
    plaintext: 'DB_PASSWORD=pässwörd 🔑\nHOST=db.internal:5432\n日本語のメモ\n👩‍💻 déjà vu\n',
    seed: 2,
  },
  { name: 'passphrase', plaintext: 'staging root password: hunter2', passphrase: 'grüne äpfel 42', seed: 3 },
  { name: 'about 1000 bytes', plaintext: fakePrivateKey(), seed: 4 },
];

const cases = [];
for (const { name, plaintext, passphrase, seed } of inputs) {
  const linkKey = bytes(32, seed * 16);
  const iv = bytes(12, seed * 16 + 8);
  const queue = [linkKey, iv];
  const sealed = await encryptNote(plaintext, { passphrase, random: () => queue.shift() ?? new Uint8Array(0) });
  if (!sealed.ok) throw new Error(sealed.error.message);
  const id = toBase64url(bytes(16, seed * 16 + 4));
  const link = formatLink({ server, id, key: linkKey, passphrase: passphrase !== undefined });
  cases.push({
    name,
    input: {
      linkKey: toBase64url(linkKey),
      iv: toBase64url(iv),
      plaintext,
      ...(passphrase === undefined ? {} : { passphrase }),
      server,
      id,
    },
    expected: {
      envelope: sealed.value.envelope,
      keyProof: sealed.value.keyProof,
      readToken: sealed.value.readToken,
      fragment: link.slice(link.indexOf('#') + 1),
      link,
    },
  });
}

const file = new URL('./crypto-v1.json', import.meta.url);
writeFileSync(file, `${JSON.stringify({
  description: 'Burnlink format v1 test vectors (docs/PROTOCOL.md). Inputs are fixed; expected outputs must never change.',
  cases,
}, null, 2)}\n`);
console.log(`wrote ${cases.length} cases to ${file.pathname}`);
