import { createDecipheriv, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../utils/core/api';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';
import {
  MAX_PLAINTEXT_BYTES,
  PBKDF2_ITERATIONS,
  associatedData,
  ciphertextSize,
  decryptNote,
  deriveNoteKeys,
  encryptNote,
  paddedSize,
  type EncryptOptions,
  type SealedNote,
} from '../../utils/core/crypto';
import { formatBytes, utf8Length } from '../../utils/core/format';
import { formatLink, parseLink } from '../../utils/core/link';
import { shareSecret } from '../../utils/core/note';
import { Envelope } from '../../utils/core/protocol';
import { generatePassphrase } from '../../utils/share/passphrase';

function decode(text: string): Uint8Array {
  const bytes = fromBase64url(text);
  if (!bytes) throw new Error(`not base64url: ${text}`);
  return bytes;
}

async function seal(plaintext: string, options?: EncryptOptions): Promise<SealedNote> {
  const sealed = await encryptNote(plaintext, options);
  if (!sealed.ok) throw new Error(`encryptNote failed: ${sealed.error.message}`);
  return sealed.value;
}

/** The same text with byte `index` XOR `mask`, re-encoded. */
function flipByte(text: string, index: number, mask: number): string {
  const bytes = decode(text).slice();
  const at = index % bytes.length;
  bytes[at] = (bytes[at] ?? 0) ^ mask;
  return toBase64url(bytes);
}

const PASSPHRASE = 'correct horse battery staple';

describe('encryptNote and decryptNote', () => {
  it('round trip any Unicode text (graphemes)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), async (text) => {
      const { envelope, linkKey } = await seal(text);
      expect(Envelope.safeParse(envelope).success).toBe(true);
      expect(await decryptNote(envelope, linkKey)).toEqual({ ok: true, value: text });
    }), { numRuns: 200 });
  });

  it('round trip any code points, including controls and astral planes', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), async (text) => {
      const { envelope, linkKey } = await seal(text);
      expect(await decryptNote(envelope, linkKey)).toEqual({ ok: true, value: text });
    }), { numRuns: 200 });
  });

  it('round trip texts of any size up to the limit, in ciphertexts of exactly the bucket size', async () => {
    const sized = fc.tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: MAX_PLAINTEXT_BYTES }),
    ).map(([seed, bytes]) => seed.repeat(Math.max(1, Math.floor(bytes / utf8Length(seed)))));
    await fc.assert(fc.asyncProperty(sized, async (text) => {
      const { envelope, linkKey } = await seal(text);
      expect(decode(envelope.ct)).toHaveLength(ciphertextSize(utf8Length(text)));
      expect(await decryptNote(envelope, linkKey)).toEqual({ ok: true, value: text });
    }), { numRuns: 6 });
  });

  it.each([
    ['1-byte', 'x'.repeat(MAX_PLAINTEXT_BYTES)],
    ['3-byte', '€'.repeat(Math.floor(MAX_PLAINTEXT_BYTES / 3)) + 'x'.repeat(MAX_PLAINTEXT_BYTES % 3)],
    ['4-byte', '😀'.repeat(MAX_PLAINTEXT_BYTES / 4)],
  ])('accept a secret of exactly the maximum size in %s characters', async (_what, text) => {
    expect(utf8Length(text)).toBe(MAX_PLAINTEXT_BYTES);
    const { envelope, linkKey } = await seal(text);
    expect(decode(envelope.ct)).toHaveLength(32 * 1024 * 1024 + 16);
    expect(await decryptNote(envelope, linkKey)).toEqual({ ok: true, value: text });
  });

  it.each([
    ['only a byte order mark', '\uFEFF'],
    ['a leading byte order mark', '\uFEFFDB_PASSWORD=hunter2'],
    ['two of them', '\uFEFF\uFEFFkey'],
    ['one at the end', 'key\uFEFF'],
  ])('keep %s (U+FEFF is text the sender pasted, not a marker to drop)', async (_what, text) => {
    const { envelope, linkKey } = await seal(text);
    const opened = await decryptNote(envelope, linkKey);
    expect(opened).toEqual({ ok: true, value: text });
    expect(opened.ok && [...opened.value].length).toBe([...text].length);
  });

  it('round trip with a passphrase', async () => {
    const { envelope, linkKey } = await seal('the staging key', { passphrase: PASSPHRASE });
    expect(envelope).toMatchObject({ kdf: 'pbkdf2-sha256', iter: PBKDF2_ITERATIONS });
    expect(await decryptNote(envelope, linkKey, PASSPHRASE)).toEqual({ ok: true, value: 'the staging key' });
  });

  it('use a fresh link key and IV every time, even for the same text', async () => {
    const [a, b] = await Promise.all([seal('same secret'), seal('same secret')]);
    expect(toBase64url(a.linkKey)).not.toBe(toBase64url(b.linkKey));
    expect(a.envelope.iv).not.toBe(b.envelope.iv);
    expect(a.envelope.ct).not.toBe(b.envelope.ct);
    expect(a.keyProof).not.toBe(b.keyProof);
    expect(a.readToken).not.toBe(b.readToken);
  });
});

describe('encryptNote refuses bad input with a sentence', () => {
  it('an empty secret', async () => {
    expect(await encryptNote('')).toEqual({
      ok: false,
      error: { code: 'empty', message: 'There is nothing to share: the secret is empty.' },
    });
  });

  it('an empty passphrase, rather than silently sharing without one', async () => {
    const result = await encryptNote('secret', { passphrase: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'empty', message: expect.stringMatching(/passphrase is empty/) } });
  });

  it.each([
    ['one byte too many', 'x'.repeat(MAX_PLAINTEXT_BYTES + 1), 'The secret is 1 byte too large: the most is 32.0 MB.'],
    ['a multi-byte character past the limit', `${'x'.repeat(MAX_PLAINTEXT_BYTES - 1)}é`, 'The secret is 1 byte too large: the most is 32.0 MB.'],
    ['far too much', 'x'.repeat(MAX_PLAINTEXT_BYTES + 2 * 1024 * 1024), 'The secret is 2.0 MB too large: the most is 32.0 MB.'],
  ])('a secret that is too large: %s', async (_what, text, message) => {
    expect(await encryptNote(text)).toEqual({ ok: false, error: { code: 'too_large', message } });
  });

  it.each([
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1.0 KB'],
    [10 * 1024, '10 KB'],
    [999 * 1024, '999 KB'],
    [1024 * 1024 - 4, '1.0 MB'],
    [2.5 * 1024 * 1024, '2.5 MB'],
    [MAX_PLAINTEXT_BYTES, '32.0 MB'],
  ])('formatBytes(%i) is %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('decryptNote refuses a wrong key, a wrong passphrase and any tampering', () => {
  let plain: SealedNote;
  let protectedNote: SealedNote;
  beforeAll(async () => {
    plain = await seal('database password: s3cr3t!');
    protectedNote = await seal('database password: s3cr3t!', { passphrase: PASSPHRASE });
  });

  const decryptFailed = { ok: false, error: { code: 'decrypt_failed', message: expect.stringMatching(/could not be decrypted/) } };

  it('a different link key', async () => {
    const other = crypto.getRandomValues(new Uint8Array(32));
    expect(await decryptNote(plain.envelope, other)).toMatchObject(decryptFailed);
  });

  it('a link key that differs in one bit', async () => {
    const key = plain.linkKey.slice();
    key[31] = (key[31] ?? 0) ^ 0x04;
    expect(await decryptNote(plain.envelope, key)).toMatchObject(decryptFailed);
  });

  it('a wrong passphrase', async () => {
    expect(await decryptNote(protectedNote.envelope, protectedNote.linkKey, 'correct horse battery stable')).toMatchObject(decryptFailed);
  });

  it.each([[undefined], ['']])('a missing passphrase (%j) is asked for, not reported as wrong', async (passphrase) => {
    expect(await decryptNote(protectedNote.envelope, protectedNote.linkKey, passphrase)).toEqual({
      ok: false,
      error: { code: 'passphrase_required', message: 'This note is protected by a passphrase. Ask the sender for it.' },
    });
  });

  it('any flipped bit of the ciphertext or its tag', async () => {
    const ctBytes = decode(plain.envelope.ct).length;
    const results = await Promise.all(Array.from({ length: ctBytes * 8 }, (_, bit) =>
      decryptNote({ ...plain.envelope, ct: flipByte(plain.envelope.ct, bit >> 3, 1 << (bit & 7)) }, plain.linkKey)));
    expect(results.filter((r) => r.ok || r.error.code !== 'decrypt_failed')).toEqual([]);
  });

  it('any flipped bit of the IV', async () => {
    const results = await Promise.all(Array.from({ length: 12 * 8 }, (_, bit) =>
      decryptNote({ ...plain.envelope, iv: flipByte(plain.envelope.iv, bit >> 3, 1 << (bit & 7)) }, plain.linkKey)));
    expect(results.filter((r) => r.ok || r.error.code !== 'decrypt_failed')).toEqual([]);
  });

  it('any changed byte of ciphertext or IV, with any mask', async () => {
    const field = fc.constantFrom('ct' as const, 'iv' as const);
    await fc.assert(fc.asyncProperty(field, fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, index, mask) => {
      const envelope = { ...plain.envelope, [name]: flipByte(plain.envelope[name], index, mask) };
      expect(await decryptNote(envelope, plain.linkKey)).toMatchObject(decryptFailed);
    }), { numRuns: 300 });
  });

  it('a ciphertext cut short or extended', async () => {
    const ct = decode(plain.envelope.ct);
    for (const changed of [ct.subarray(0, ct.length - 1), ct.subarray(16), Uint8Array.from([...ct, 0])]) {
      expect(await decryptNote({ ...plain.envelope, ct: toBase64url(changed) }, plain.linkKey)).toMatchObject(decryptFailed);
    }
  });

  it.each([
    ['the IV is not 12 bytes', { iv: 'AAAAAAAAAAAAAAA' }],
    ['the IV is not base64url', { iv: 'AAAAAAAAAAA+AAAA' }],
    ['the ciphertext is shorter than a tag', { ct: toBase64url(new Uint8Array(19)) }],
    ['the ciphertext is not base64url', { ct: 'abc=' }],
  ])('a damaged envelope: %s', async (_what, change) => {
    expect(await decryptNote({ ...plain.envelope, ...change }, plain.linkKey)).toMatchObject({
      ok: false,
      error: { code: 'malformed', message: 'The note is damaged and cannot be decrypted.' },
    });
  });

  it('a note stripped of its passphrase protection (kdf and iter changed)', async () => {
    const downgraded = { ...protectedNote.envelope, kdf: 'hkdf-sha256' as const, iter: undefined };
    expect(await decryptNote(downgraded, protectedNote.linkKey)).toMatchObject(decryptFailed);
  });

  it('a note whose iteration count was removed from the associated data', async () => {
    const changed = { ...protectedNote.envelope, iter: undefined };
    expect(await decryptNote(changed, protectedNote.linkKey, PASSPHRASE)).toMatchObject(decryptFailed);
  });

  it('a note relabelled as passphrase-protected', async () => {
    const upgraded = { ...plain.envelope, kdf: 'pbkdf2-sha256' as const, iter: PBKDF2_ITERATIONS };
    expect(await decryptNote(upgraded, plain.linkKey, 'anything')).toMatchObject(decryptFailed);
  });

  it('a format version or algorithm it does not know, with advice to update', async () => {
    // Parsed from JSON, as the client gets it: the types cannot exclude these values at run time.
    for (const change of [{ v: 2 }, { alg: 'A128GCM' }]) {
      const envelope: Envelope = JSON.parse(JSON.stringify({ ...plain.envelope, ...change }));
      expect(await decryptNote(envelope, plain.linkKey)).toMatchObject({
        ok: false,
        error: { code: 'unsupported', message: expect.stringMatching(/Update Burnlink/) },
      });
    }
  });
});

describe('associated data binds the ciphertext to its format and parameters', () => {
  const open = async (sealed: SealedNote, passphrase: string | undefined, ad: string) => {
    const { encryptionKey } = await deriveNoteKeys(sealed.linkKey, passphrase);
    return crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: decode(sealed.envelope.iv) as BufferSource, additionalData: new TextEncoder().encode(ad) },
      encryptionKey, decode(sealed.envelope.ct) as BufferSource);
  };

  it.each([
    ['hkdf-sha256', undefined, 'burnlink;v=1;alg=A256GCM;kdf=hkdf-sha256;iter=0'],
    ['pbkdf2-sha256', PASSPHRASE, 'burnlink;v=1;alg=A256GCM;kdf=pbkdf2-sha256;iter=600000'],
  ])('is the documented string for %s', async (_kdf, passphrase, expected) => {
    const sealed = await seal('x', { passphrase });
    expect(new TextDecoder().decode(associatedData(sealed.envelope))).toBe(expected);
    await expect(open(sealed, passphrase, expected)).resolves.toBeInstanceOf(ArrayBuffer);
  });

  it.each([
    ['v=1', 'v=2'],
    ['alg=A256GCM', 'alg=A128GCM'],
    ['kdf=hkdf-sha256', 'kdf=pbkdf2-sha256'],
    ['iter=0', 'iter=600000'],
    ['burnlink;', 'other;'],
  ])('with %s changed to %s, AES-GCM refuses to decrypt even with the right key', async (from, to) => {
    const sealed = await seal('x');
    const ad = new TextDecoder().decode(associatedData(sealed.envelope));
    await expect(open(sealed, undefined, ad.replace(from, to))).rejects.toThrow();
  });
});

describe('passphrases', () => {
  it('a passphrase typed in NFD opens a note made with NFC, with the same read token', async () => {
    const nfc = 'Crème brûlée Ångström'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const sealed = await seal('secret', { passphrase: nfc });
    expect(await decryptNote(sealed.envelope, sealed.linkKey, nfd)).toEqual({ ok: true, value: 'secret' });
    // The server compares read tokens: a different token would be refused before decryption.
    expect((await deriveNoteKeys(sealed.linkKey, nfd)).readToken).toBe(sealed.readToken);
  });

  it('change the read token but not the key proof, so a typo is recognised without burning', async () => {
    const sealed = await seal('secret', { passphrase: PASSPHRASE });
    const typo = await deriveNoteKeys(sealed.linkKey, 'correct horse battery stapel');
    const noPassphrase = await deriveNoteKeys(sealed.linkKey);
    expect(typo.keyProof).toBe(sealed.keyProof);
    expect(typo.readToken).not.toBe(sealed.readToken);
    expect(noPassphrase.keyProof).toBe(sealed.keyProof);
    expect(noPassphrase.readToken).not.toBe(sealed.readToken);
  });

  it('generatePassphrase makes four groups of five unambiguous characters', () => {
    const passphrases = Array.from({ length: 200 }, () => generatePassphrase());
    for (const p of passphrases) expect(p).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
    expect(new Set(passphrases).size).toBe(200);
    expect(generatePassphrase(2)).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('generatePassphrase skips bytes that would bias the choice', () => {
    // 248..255 would make the first 8 characters more likely than the others if used.
    const bytes = [248, 255, 0, 30, 31, 247, 62, 93];
    const random = (n: number) => Uint8Array.from(bytes.splice(0, n));
    expect(generatePassphrase(1, random)).toBe('a9a9a');
  });
});

describe('padding hides the exact length', () => {
  it.each([
    [0, 256],
    [1, 256],
    [252, 256],
    [253, 512],
    [508, 512],
    [509, 1024],
    [4092, 4096],
    [4093, 8192],
    [65532, 65536],
    [65533, 131072],
    [131068, 131072],
    [131069, 196608],
    [1048572, 1048576],
    [1048573, 1048576 + 65536],
    [16 * 1048576, 16 * 1048576 + 65536],
    [MAX_PLAINTEXT_BYTES, 32 * 1048576],
  ])('a %i-byte secret is padded to %i bytes', (bytes, padded) => {
    expect(paddedSize(bytes)).toBe(padded);
    expect(ciphertextSize(bytes)).toBe(padded + 16);
  });

  it.each([
    [1, 252],
    [253, 508],
    [2045, 4092],
    [65533, 131068],
  ])('secrets of %i and %i bytes give ciphertexts of equal length', async (short, long) => {
    const [a, b] = await Promise.all([seal('a'.repeat(short)), seal('b'.repeat(long))]);
    expect(a.envelope.ct.length).toBe(b.envelope.ct.length);
  });

  it('one byte past a bucket gives a longer ciphertext', async () => {
    const [a, b] = await Promise.all([seal('a'.repeat(252)), seal('a'.repeat(253))]);
    expect(b.envelope.ct.length).toBeGreaterThan(a.envelope.ct.length);
  });
});

describe('the server never receives the link key, the passphrase or the plaintext', () => {
  const spellings = (key: Uint8Array) => [
    toBase64url(key),
    Buffer.from(key).toString('base64').replace(/=+$/, ''),
    Buffer.from(key).toString('hex'),
  ];

  it('no field sealed for the server contains the link key in any spelling', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }), async (text) => {
      const { envelope, keyProof, readToken, linkKey } = await seal(text);
      const fields = [...Object.values(envelope).map(String), keyProof, readToken];
      for (const spelling of spellings(linkKey)) {
        for (const field of fields) expect(field).not.toContain(spelling);
      }
      expect(keyProof).not.toBe(readToken);
    }), { numRuns: 50 });
  });

  it('what shareSecret posts holds none of them', async () => {
    const requests: Array<{ url: string; body: string; headers: string }> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      requests.push({ url: String(input), body: String(init?.body), headers: JSON.stringify(init?.headers) });
      return Response.json({
        id: 'AAAAAAAAAAAAAAAAAAAAAA',
        manageToken: `${'m'.repeat(42)}A`,
        createdAt: 0,
        expiresAt: 86_400_000,
        maxReads: 1,
      }, { status: 201 });
    };
    const secret = 'prod DB: postgres://admin:Tr0ub4dor&3@db.internal/app';
    const shared = await shareSecret(createApi({ server: 'https://burnlink.example', fetch }), secret, {
      expiresIn: 86_400,
      passphrase: PASSPHRASE,
    });
    if (!shared.ok) throw new Error(shared.error.message);
    const link = parseLink(shared.value.link);
    if (!link.ok) throw new Error(link.error.message);
    expect(requests).toHaveLength(1);
    const sent = JSON.stringify(requests);
    for (const spelling of spellings(link.value.key)) expect(sent).not.toContain(spelling);
    expect(sent).not.toContain(PASSPHRASE);
    expect(sent).not.toContain('Tr0ub4dor');
  });
});

const Base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
const VectorFile = z.object({
  cases: z.array(z.object({
    name: z.string(),
    input: z.object({
      linkKey: Base64url,
      iv: Base64url,
      plaintext: z.string(),
      passphrase: z.string().optional(),
      server: z.string(),
      id: Base64url,
    }),
    expected: z.object({
      envelope: Envelope,
      keyProof: Base64url,
      readToken: Base64url,
      fragment: z.string(),
      link: z.string(),
      associatedData: z.string(),
    }),
  })).min(6),
});
const vectors = VectorFile.parse(JSON.parse(readFileSync(new URL('../vectors/crypto-v1.json', import.meta.url), 'utf8')));

/**
 * Format v1 written out from docs/PROTOCOL.md with node:crypto, independently of utils/core/crypto.ts,
 * so the document and the code cannot drift apart.
 */
function openPerSpec(input: (typeof vectors.cases)[number]['input'], envelope: Envelope, ad: string) {
  const key = Buffer.from(input.linkKey, 'base64url');
  const ikm = input.passphrase === undefined
    ? key
    : Buffer.concat([key, pbkdf2Sync(Buffer.from(input.passphrase.normalize('NFC'), 'utf8'), key, 600_000, 32, 'sha256')]);
  const hkdf = (material: Buffer, info: string) => Buffer.from(hkdfSync('sha256', material, 'burnlink/v1', info, 32));
  const ct = Buffer.from(envelope.ct, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', hkdf(ikm, 'burnlink/v1/encryption-key'), Buffer.from(envelope.iv, 'base64url'));
  decipher.setAAD(Buffer.from(ad, 'utf8'));
  decipher.setAuthTag(ct.subarray(-16));
  const padded = Buffer.concat([decipher.update(ct.subarray(0, -16)), decipher.final()]);
  const length = padded.readUInt32BE(0);
  return {
    keyProof: hkdf(key, 'burnlink/v1/key-proof').toString('base64url'),
    readToken: hkdf(ikm, 'burnlink/v1/read-token').toString('base64url'),
    plaintext: padded.subarray(4, 4 + length).toString('utf8'),
    paddedLength: padded.length,
    padding: padded.subarray(4 + length),
  };
}

describe.each(vectors.cases)('test vector: $name', ({ input, expected }) => {
  it('is reproduced exactly from its inputs', async () => {
    const queue = [decode(input.linkKey), decode(input.iv)];
    const random = (bytes: number) => {
      const next = queue.shift();
      if (next?.length !== bytes) throw new Error(`unexpected request for ${bytes} random bytes`);
      return next;
    };
    const sealed = await seal(input.plaintext, { passphrase: input.passphrase, random });
    expect(sealed.envelope).toEqual(expected.envelope);
    expect(sealed.keyProof).toBe(expected.keyProof);
    expect(sealed.readToken).toBe(expected.readToken);
    const link = formatLink({ server: input.server, id: input.id, key: sealed.linkKey, passphrase: input.passphrase !== undefined });
    expect(link).toBe(expected.link);
    expect(link).toBe(`${input.server}/n/${input.id}#${expected.fragment}`);
  });

  it('decrypts from its link', async () => {
    const link = parseLink(expected.link);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value.passphrase).toBe(input.passphrase !== undefined);
    expect(await decryptNote(expected.envelope, link.value.key, input.passphrase)).toEqual({ ok: true, value: input.plaintext });
  });

  it('matches the format as documented, computed with node:crypto, with the literal associated data', () => {
    const { envelope } = expected;
    expect(expected.associatedData).toBe(`burnlink;v=${envelope.v};alg=${envelope.alg};kdf=${envelope.kdf};iter=${envelope.iter ?? 0}`);
    const opened = openPerSpec(input, expected.envelope, expected.associatedData);
    expect(opened.plaintext).toBe(input.plaintext);
    expect(opened.keyProof).toBe(expected.keyProof);
    expect(opened.readToken).toBe(expected.readToken);
    expect(opened.paddedLength).toBe(paddedSize(utf8Length(input.plaintext)));
    expect(opened.padding.every((byte) => byte === 0)).toBe(true);
  });
});
