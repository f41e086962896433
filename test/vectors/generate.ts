// Regenerates the test vectors from the current code: `npx tsx test/vectors/generate.ts`.
// crypto-v1.json pins text notes (payload format 1), files-v2.json notes with files (format 2),
// buckets-v1.json the padding buckets up to the largest, negative-v1.json what must be refused.
// Run it only to add cases: the vectors pin the formats, and existing cases never change.
import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { toBase64url } from '../../utils/core/base64url';
import { associatedData, encryptBytes, encryptNote, MAX_PLAINTEXT_BYTES } from '../../utils/core/crypto';
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
  // The passphrase of "passphrase" typed in NFD (ü as u + U+0308): it is normalised to NFC, so
  // with the same link key and IV everything comes out as in that case.
  { name: 'passphrase typed in NFD', plaintext: 'staging root password: hunter2', passphrase: 'grüne äpfel 42'.normalize('NFD'), seed: 3 },
  // U+FEFF at the start is text: a reader shows it, and does not drop it as a byte order mark.
  { name: 'leading byte order mark', plaintext: '\uFEFFAPI_TOKEN=tok_9f8e7d6c5b4a', seed: 8 },
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
      associatedData: new TextDecoder().decode(associatedData(sealed.value.envelope)),
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
      associatedData: new TextDecoder().decode(associatedData(sealed.value.envelope)),
    },
  });
}

// Padding buckets: plaintexts of `length` × "x", at both sides of bucket edges and the largest.
// Large ciphertexts are pinned by their SHA-256 rather than written out.
const bucketCases = [];
for (const [length, seed] of [[252, 20], [253, 21], [1021, 22], [65532, 23], [65533, 24], [MAX_PLAINTEXT_BYTES, 25]] as const) {
  const { linkKey, iv, random } = fixedRandom(seed);
  const sealed = await encryptNote('x'.repeat(length), { random });
  if (!sealed.ok) throw new Error(sealed.error.message);
  const { ct, ...envelope } = sealed.value.envelope;
  const ctBytes = Buffer.from(ct, 'base64url');
  bucketCases.push({
    name: `${length.toLocaleString('en')} bytes`,
    input: { linkKey: toBase64url(linkKey), iv: toBase64url(iv), plaintext: { repeat: 'x', length } },
    expected: {
      paddedBytes: ctBytes.length - 16,
      ctBytes: ctBytes.length,
      ctSha256: createHash('sha256').update(ctBytes).digest('hex'),
      ...(ctBytes.length <= 4096 + 16 ? { ct } : {}),
      envelopeWithoutCt: envelope,
      keyProof: sealed.value.keyProof,
      readToken: sealed.value.readToken,
    },
  });
}

// What a reader must refuse. Envelopes are built per the document with node:crypto from one
// base note, then damaged; `expected` is the refusal code of utils/core (a reader in another
// language reports its own words, but refuses the same cases).
const base = textCases[0];
if (!base) throw new Error('no base case');
const baseKey = Buffer.from(base.input.linkKey, 'base64url');
const encryptionKey = Buffer.from(hkdfSync('sha256', baseKey, 'burnlink/v1', 'burnlink/v1/encryption-key', 32));
/** AES-256-GCM of exactly these padded bytes under the base note's key, IV and associated data. */
function sealPadded(padded: Uint8Array): string {
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, Buffer.from(base?.input.iv ?? '', 'base64url'));
  cipher.setAAD(Buffer.from('burnlink;v=1;alg=A256GCM;kdf=hkdf-sha256;iter=0'));
  return Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]).toString('base64url');
}
const paddedWith = (prefix: number, body: Uint8Array) => {
  const padded = new Uint8Array(256);
  new DataView(padded.buffer).setUint32(0, prefix);
  padded.set(body, 4);
  return padded;
};
const flip = (text: string, byte: number) => {
  const bytes = Buffer.from(text, 'base64url');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
};
const env = base.expected.envelope;
const passphraseCase = textCases[2];
if (!passphraseCase) throw new Error('no passphrase case');
const envelopeCases = [
  { name: 'a bit of the ciphertext flipped', envelope: { ...env, ct: flip(env.ct, 10) }, expected: 'decrypt_failed' },
  { name: 'a bit of the tag flipped', envelope: { ...env, ct: flip(env.ct, Buffer.from(env.ct, 'base64url').length - 1) }, expected: 'decrypt_failed' },
  { name: 'a bit of the IV flipped', envelope: { ...env, iv: flip(env.iv, 0) }, expected: 'decrypt_failed' },
  { name: 'the ciphertext cut short by one byte', envelope: { ...env, ct: Buffer.from(env.ct, 'base64url').subarray(0, -1).toString('base64url') }, expected: 'decrypt_failed' },
  {
    name: 'a passphrase note relabelled as link-only (kdf changed, iter removed)',
    envelope: { v: 1, alg: 'A256GCM', kdf: 'hkdf-sha256', iv: passphraseCase.expected.envelope.iv, ct: passphraseCase.expected.envelope.ct },
    linkKey: passphraseCase.input.linkKey, expected: 'decrypt_failed',
  },
  { name: 'a wrong passphrase', envelope: passphraseCase.expected.envelope, linkKey: passphraseCase.input.linkKey, passphrase: 'grüne äpfel 43', expected: 'decrypt_failed' },
  { name: 'no passphrase for a passphrase note', envelope: passphraseCase.expected.envelope, linkKey: passphraseCase.input.linkKey, expected: 'passphrase_required' },
  { name: 'another link key', envelope: env, linkKey: textCases[1]?.input.linkKey, expected: 'decrypt_failed' },
  { name: 'a length prefix beyond the padding', envelope: { ...env, ct: sealPadded(paddedWith(253, new Uint8Array(0))) }, expected: 'malformed' },
  { name: 'a plaintext that is not UTF-8', envelope: { ...env, ct: sealPadded(paddedWith(2, Uint8Array.of(0xc3, 0x28))) }, expected: 'malformed' },
].map((c) => ({ linkKey: base.input.linkKey, ...c }));

const ID = base.input.id;
const KEY = base.input.linkKey;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const bump = (text: string) => `${text.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(text.slice(-1)) + 1]}`;
const linkCases = [
  { name: 'a version with a leading zero', link: `${server}/n/${ID}#01.${KEY}`, expected: 'bad_key' },
  { name: 'a key spelt non-canonically (stray low bits in its last character)', link: `${server}/n/${ID}#1.${bump(KEY)}`, expected: 'bad_key' },
  { name: 'an id spelt non-canonically', link: `${server}/n/${bump(ID)}#1.${KEY}`, expected: 'not_a_note' },
  { name: 'a key with base64 padding', link: `${server}/n/${ID}#1.${KEY}=`, expected: 'bad_key' },
  { name: 'a key one character short', link: `${server}/n/${ID}#1.${KEY.slice(0, -1)}`, expected: 'bad_key' },
  { name: 'an unknown flag', link: `${server}/n/${ID}#1x.${KEY}`, expected: 'bad_key' },
  { name: 'no fragment', link: `${server}/n/${ID}`, expected: 'missing_key' },
  { name: 'a version made by a newer Burnlink', link: `${server}/n/${ID}#3.${KEY}`, expected: 'unsupported_version' },
  { name: 'not a note path', link: `${server}/x/${ID}#1.${KEY}`, expected: 'not_a_note' },
  { name: 'not a web link', link: `ftp://burnlink.example/n/${ID}#1.${KEY}`, expected: 'not_a_link' },
];

const body = { envelope: env, expiresIn: 3600, maxReads: 1, keyProof: base.expected.keyProof, readToken: base.expected.readToken };
const createCases = [
  { name: 'a key proof spelt non-canonically', body: { ...body, keyProof: bump(body.keyProof) }, expected: { status: 400, error: 'bad_request' } },
  { name: 'a read token spelt non-canonically', body: { ...body, readToken: bump(body.readToken) }, expected: { status: 400, error: 'bad_request' } },
  { name: 'a ciphertext spelt non-canonically', body: { ...body, envelope: { ...env, ct: bump(env.ct) } }, expected: { status: 400, error: 'bad_request' } },
  { name: 'a ciphertext not padded to a bucket', body: { ...body, envelope: { ...env, ct: Buffer.from(env.ct, 'base64url').subarray(0, 200).toString('base64url') } }, expected: { status: 400, error: 'bad_request' } },
  { name: 'an unknown field', body: { ...body, reader: 'alice' }, expected: { status: 400, error: 'bad_request' } },
  { name: 'an unknown envelope field', body: { ...body, envelope: { ...env, note: 'x' } }, expected: { status: 400, error: 'bad_request' } },
  { name: 'iter without a passphrase', body: { ...body, envelope: { ...env, iter: 600_000 } }, expected: { status: 400, error: 'bad_request' } },
  { name: 'an expiry in milliseconds (not one of the seconds offered)', body: { ...body, expiresIn: 3_600_000 }, expected: { status: 400, error: 'bad_request' } },
  { name: 'more reads than the protocol allows', body: { ...body, maxReads: 11 }, expected: { status: 400, error: 'bad_request' } },
];

/** JSON with invisible characters (combining marks, U+FEFF) written as \\u escapes, so people see them. */
const visibleJson = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(/[\u0300-\u036f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function write(name: string, description: string, cases: unknown[]) {
  const file = new URL(`./${name}`, import.meta.url);
  writeFileSync(file, `${visibleJson({ description, cases })}\n`);
  console.log(`wrote ${cases.length} cases to ${file.pathname}`);
}

write('crypto-v1.json', 'Burnlink format v1 test vectors (docs/PROTOCOL.md). Inputs are fixed; expected outputs must never change.', textCases);
write('buckets-v1.json',
  'Burnlink padding buckets (docs/PROTOCOL.md §3): plaintext is `length` times "x" (UTF-8), no passphrase. Ciphertexts over 4 KiB are pinned by the hex SHA-256 of their bytes. Inputs are fixed; expected outputs must never change.',
  bucketCases);
writeFileSync(new URL('./negative-v1.json', import.meta.url), `${JSON.stringify({
  description: 'What a Burnlink reader and server must refuse (docs/PROTOCOL.md). links: parseLink refusal codes (§1). envelopes: decryption refusal codes (§3, §4), each with the link key and passphrase tried. createBodies: the answer of POST /api/notes on a server offering expiresIn 3600 (§5). Built from the first case of crypto-v1.json.',
  links: linkCases,
  envelopes: envelopeCases,
  createBodies: createCases,
}, null, 2)}\n`);
console.log('wrote negative-v1.json');
write('files-v2.json',
  'Burnlink notes with files: payload format 2 inside the v1 envelope (docs/PROTOCOL.md §3.1). File bytes and payloads are base64url. Inputs are fixed; expected outputs must never change.',
  fileCases);
