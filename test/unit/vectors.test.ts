// The padding-bucket and negative vectors (test/vectors/buckets-v1.json, negative-v1.json): the
// buckets reproduced by the client code and re-derived from docs/PROTOCOL.md with node:crypto,
// every refusal made by the real parser and decryptor with the code the file names. The create
// bodies of negative-v1.json are sent to a real server in test/server/vectors.test.ts.
import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromBase64url } from '../../utils/core/base64url';
import { decryptNote, encryptNote, paddedSize } from '../../utils/core/crypto';
import { parseLink } from '../../utils/core/link';
import { Envelope } from '../../utils/core/protocol';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));
const bytes = (text: string) => {
  const decoded = fromBase64url(text);
  if (!decoded) throw new Error(`not canonical base64url: ${text.slice(0, 20)}`);
  return decoded;
};

const buckets = z.object({
  cases: z.array(z.object({
    name: z.string(),
    input: z.object({ linkKey: z.string(), iv: z.string(), plaintext: z.object({ repeat: z.string(), length: z.number() }) }),
    expected: z.object({
      paddedBytes: z.number(),
      ctBytes: z.number(),
      ctSha256: z.string(),
      ct: z.string().optional(),
      envelopeWithoutCt: z.object({ v: z.literal(1), alg: z.literal('A256GCM'), kdf: z.literal('hkdf-sha256'), iv: z.string() }),
      keyProof: z.string(),
      readToken: z.string(),
    }),
  })).min(6),
}).parse(read('buckets-v1.json'));

describe.each(buckets.cases)('bucket vector: $name', ({ input, expected }) => {
  const plaintext = input.plaintext.repeat.repeat(input.plaintext.length);

  it('is reproduced exactly by the client code, and opens again', async () => {
    const queue = [bytes(input.linkKey), bytes(input.iv)];
    const sealed = await encryptNote(plaintext, { random: () => queue.shift() ?? new Uint8Array(0) });
    if (!sealed.ok) throw new Error(sealed.error.message);
    const { ct, ...rest } = sealed.value.envelope;
    const ctBytes = bytes(ct);
    expect(rest).toEqual(expected.envelopeWithoutCt);
    expect(ctBytes.length).toBe(expected.ctBytes);
    expect(createHash('sha256').update(ctBytes).digest('hex')).toBe(expected.ctSha256);
    if (expected.ct !== undefined) expect(ct).toBe(expected.ct);
    expect(sealed.value.keyProof).toBe(expected.keyProof);
    expect(sealed.value.readToken).toBe(expected.readToken);
    const opened = await decryptNote(sealed.value.envelope, bytes(input.linkKey));
    expect(opened.ok && opened.value.length).toBe(input.plaintext.length);
  });

  it('has the padded size the document gives, and decrypts per the document with node:crypto', () => {
    expect(expected.paddedBytes).toBe(paddedSize(input.plaintext.length));
    if (expected.ct === undefined) return;
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(input.linkKey, 'base64url'), 'burnlink/v1', 'burnlink/v1/encryption-key', 32));
    const ct = Buffer.from(expected.ct, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(input.iv, 'base64url'));
    decipher.setAAD(Buffer.from('burnlink;v=1;alg=A256GCM;kdf=hkdf-sha256;iter=0'));
    decipher.setAuthTag(ct.subarray(-16));
    const padded = Buffer.concat([decipher.update(ct.subarray(0, -16)), decipher.final()]);
    expect(padded.length).toBe(expected.paddedBytes);
    expect(padded.readUInt32BE(0)).toBe(input.plaintext.length);
    expect(padded.subarray(4, 4 + input.plaintext.length).toString('utf8')).toBe(plaintext);
    expect(padded.subarray(4 + input.plaintext.length).every((b) => b === 0)).toBe(true);
  });
});

const negative = z.object({
  links: z.array(z.object({ name: z.string(), link: z.string(), expected: z.string() })).min(8),
  envelopes: z.array(z.object({
    name: z.string(),
    linkKey: z.string(),
    passphrase: z.string().optional(),
    envelope: Envelope,
    expected: z.string(),
  })).min(8),
}).parse(read('negative-v1.json'));

describe('negative vectors', () => {
  it.each(negative.links)('refuses the link with $name: $expected', ({ link, expected }) => {
    expect(parseLink(link)).toMatchObject({ ok: false, error: { code: expected } });
  });

  it.each(negative.envelopes)('refuses to open the envelope with $name: $expected', async ({ linkKey, passphrase, envelope, expected }) => {
    // Every one is a well-formed envelope (the schema takes it): the damage is inside.
    const opened = await decryptNote(envelope, bytes(linkKey), passphrase);
    expect(opened).toMatchObject({ ok: false, error: { code: expected } });
  });
});
