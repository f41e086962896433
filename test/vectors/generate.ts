// Regenerates the test vectors from the current code: `npx tsx test/vectors/generate.ts`.
// crypto-v1.json pins text notes (payload format 1), files-v2.json notes with files (format 2).
// Run it only when a format is meant to change (it never should): the vectors pin the formats.
import { writeFileSync } from 'node:fs';
import { toBase64url } from '../../utils/core/base64url';
import { encryptBytes, encryptNote } from '../../utils/core/crypto';
import { formatLink } from '../../utils/core/link';
import { encodePayload, type NoteFile } from '../../utils/core/payload';

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
const textInputs = [
  { name: 'ascii', plaintext: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', seed: 1 },
  {
    name: 'multi-line unicode and emoji',
    plaintext: 'DB_PASSWORD=pässwörd 🔑\nHOST=db.internal:5432\n日本語のメモ\n👩‍💻 déjà vu\n',
    seed: 2,
  },
  { name: 'passphrase', plaintext: 'staging root password: hunter2', passphrase: 'grüne äpfel 42', seed: 3 },
  { name: 'about 1000 bytes', plaintext: fakePrivateKey(), seed: 4 },
];

const utf8 = (text: string) => new TextEncoder().encode(text);
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n- name: staging\n  cluster:\n    server: https://10.0.0.1:6443\n';
const fileInputs: Array<{ name: string; text: string; files: NoteFile[]; passphrase?: string; seed: number }> = [
  {
    name: 'text, a kubeconfig and a binary key store',
    text: 'Staging access. The store password is in the ticket.',
    files: [
      { name: 'kubeconfig', type: '', bytes: utf8(KUBECONFIG) },
      { name: 'client.p12', type: 'application/x-pkcs12', bytes: bytes(300, 9) },
    ],
    seed: 5,
  },
  { name: 'one file, no text', text: '', files: [{ name: '.env', type: 'text/plain', bytes: utf8('DB_PASSWORD=s3cr3t\n') }], seed: 6 },
  {
    name: 'passphrase and a Unicode file name',
    text: 'für dich',
    files: [{ name: 'schlüssel 🔑.pem', type: 'application/x-pem-file', bytes: utf8(fakePrivateKey()) }],
    passphrase: 'grüne äpfel 42',
    seed: 7,
  },
];

/** Random bytes for encryption: the link key, then the IV, from the seed. */
function fixedRandom(seed: number) {
  const linkKey = bytes(32, seed * 16);
  const iv = bytes(12, seed * 16 + 8);
  const queue = [linkKey, iv];
  return { linkKey, iv, random: () => queue.shift() ?? new Uint8Array(0) };
}

const textCases = [];
for (const { name, plaintext, passphrase, seed } of textInputs) {
  const { linkKey, iv, random } = fixedRandom(seed);
  const sealed = await encryptNote(plaintext, { passphrase, random });
  if (!sealed.ok) throw new Error(sealed.error.message);
  const id = toBase64url(bytes(16, seed * 16 + 4));
  const link = formatLink({ server, id, key: linkKey, passphrase: passphrase !== undefined });
  textCases.push({
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

const fileCases = [];
for (const { name, text, files, passphrase, seed } of fileInputs) {
  const { linkKey, iv, random } = fixedRandom(seed);
  const payload = encodePayload({ text, files });
  const sealed = await encryptBytes(payload, { passphrase, random });
  if (!sealed.ok) throw new Error(sealed.error.message);
  const id = toBase64url(bytes(16, seed * 16 + 4));
  const link = formatLink({ server, id, key: linkKey, passphrase: passphrase !== undefined, version: 2 });
  fileCases.push({
    name,
    input: {
      linkKey: toBase64url(linkKey),
      iv: toBase64url(iv),
      text,
      files: files.map((f) => ({ name: f.name, type: f.type, bytes: toBase64url(f.bytes) })),
      ...(passphrase === undefined ? {} : { passphrase }),
      server,
      id,
    },
    expected: {
      payload: toBase64url(payload),
      envelope: sealed.value.envelope,
      keyProof: sealed.value.keyProof,
      readToken: sealed.value.readToken,
      fragment: link.slice(link.indexOf('#') + 1),
      link,
    },
  });
}

function write(name: string, description: string, cases: unknown[]) {
  const file = new URL(`./${name}`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ description, cases }, null, 2)}\n`);
  console.log(`wrote ${cases.length} cases to ${file.pathname}`);
}

write('crypto-v1.json', 'Burnlink format v1 test vectors (docs/PROTOCOL.md). Inputs are fixed; expected outputs must never change.', textCases);
write('files-v2.json',
  'Burnlink notes with files: payload format 2 inside the v1 envelope (docs/PROTOCOL.md §3.1). File bytes and payloads are base64url. Inputs are fixed; expected outputs must never change.',
  fileCases);
