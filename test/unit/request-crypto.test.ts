// Request-a-secret crypto and link format: the vectors re-derived from docs/PROTOCOL.md §7 with
// node:crypto alone, round trips, what another key or any tampering gets, and what the server sees.
import { createCipheriv, diffieHellman, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromBase64url, toBase64url } from '../../utils/core/base64url';
import { ciphertextSize, pad } from '../../utils/core/crypto';
import { utf8Length } from '../../utils/core/format';
import { createRequestApi } from '../../utils/core/request/api';
import {
  REQUEST_NOTE_AD,
  answerAssociatedData,
  exportPublicKey,
  generateRequestKeys,
  openAnswer,
  openRequestNote,
  requestSecrets,
  sealAnswer,
  sealRequestNote,
} from '../../utils/core/request/crypto';
import { askForSecret } from '../../utils/core/request/flow';
import { formatRequestLink, parseRequestLink } from '../../utils/core/request/link';
import { AnswerEnvelope, CreateRequestRequest, SealedRequestNote } from '../../utils/core/request/protocol';
import { nodeKeys, webKeys } from '../helpers/x25519';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function decode(text: string): Uint8Array {
  const bytes = fromBase64url(text);
  if (!bytes) throw new Error(`not base64url: ${text}`);
  return bytes;
}

/** The same base64url text with byte `index` XOR `mask`. */
function flip(text: string, index: number, mask: number): string {
  const bytes = decode(text).slice();
  const at = index % bytes.length;
  bytes[at] = (bytes[at] ?? 0) ^ mask;
  return toBase64url(bytes);
}

/** A requester: a fresh key pair as the extension makes it, and its raw public key. */
async function requester() {
  const keys = await generateRequestKeys();
  return { keys, publicKey: await exportPublicKey(keys.publicKey) };
}

async function seal(text: string, publicKey: Uint8Array, requestId = 'AAAAAAAAAAAAAAAAAAAAAA'): Promise<AnswerEnvelope> {
  const sealed = await sealAnswer(encoder.encode(text), { publicKey, requestId });
  if (!sealed.ok) throw new Error(sealed.error.message);
  return sealed.value;
}

const ID = 'JLxW8pAw0nYcxA25ZxdoHA';

describe('test vectors (test/vectors/request-v1.json)', () => {
  const Base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
  const vectors = z.object({
    cases: z.array(z.object({
      name: z.string(),
      input: z.object({
        requesterPrivateKey: Base64url, ephemeralPrivateKey: Base64url, noteIv: Base64url, answerIv: Base64url,
        note: z.string(), answer: z.string(), server: z.string(), id: Base64url,
      }),
      expected: z.object({
        publicKey: Base64url, fragment: z.string(), link: z.string(), answerToken: Base64url,
        note: SealedRequestNote, answer: AnswerEnvelope,
      }),
    })).min(3),
  }).parse(JSON.parse(readFileSync(new URL('../vectors/request-v1.json', import.meta.url), 'utf8')));

  /** The spec, step by step, with node:crypto only. */
  function independently(input: (typeof vectors.cases)[number]['input']) {
    const requester = nodeKeys(decode(input.requesterPrivateKey));
    const ephemeral = nodeKeys(decode(input.ephemeralPrivateKey));
    const R = requester.raw;
    const hkdf = (ikm: Uint8Array, info: Uint8Array | string) => Buffer.from(hkdfSync('sha256', ikm, 'burnlink/v1', info, 32));
    const gcm = (key: Buffer, iv: Uint8Array, ad: string, plain: Uint8Array) => {
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(ad));
      return toBase64url(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
    };
    const noteKey = hkdf(R, 'burnlink/v1/request/note-key');
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: requester.publicKey });
    const answerKey = hkdf(shared, Buffer.concat([Buffer.from('burnlink/v1/answer-key'), ephemeral.raw, R]));
    return {
      publicKey: toBase64url(R),
      answerToken: toBase64url(hkdf(R, 'burnlink/v1/request/answer-token')),
      noteCt: gcm(noteKey, decode(input.noteIv), 'burnlink;v=1;part=request-note;alg=A256GCM', pad(encoder.encode(input.note))),
      epk: toBase64url(ephemeral.raw),
      answerCt: gcm(answerKey, decode(input.answerIv), `burnlink;v=1;part=answer;alg=A256GCM;kex=X25519;request=${input.id}`, pad(encoder.encode(input.answer))),
    };
  }

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s: derived from the document alone', (_name, { input, expected }) => {
    const derived = independently(input);
    expect(derived.publicKey).toBe(expected.publicKey);
    expect(expected.fragment).toBe(`1.${derived.publicKey}`);
    expect(expected.link).toBe(`${input.server}/r/${input.id}#${expected.fragment}`);
    expect(derived.answerToken).toBe(expected.answerToken);
    expect(expected.note).toEqual({ v: 1, alg: 'A256GCM', iv: input.noteIv, ct: derived.noteCt });
    expect(expected.answer).toEqual({ v: 1, alg: 'A256GCM', kex: 'X25519', epk: derived.epk, iv: input.answerIv, ct: derived.answerCt });
  });

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s: opened by the shared core with the requester\'s key', async (_name, { input, expected }) => {
    const link = parseRequestLink(expected.link);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value).toEqual({ server: input.server, id: input.id, publicKey: decode(expected.publicKey) });
    const { answerToken, noteKey } = await requestSecrets(link.value.publicKey);
    expect(answerToken).toBe(expected.answerToken);
    expect(await openRequestNote(expected.note, noteKey)).toEqual({ ok: true, value: input.note });
    const { privateKey } = await webKeys(decode(input.requesterPrivateKey));
    const opened = await openAnswer(expected.answer, { privateKey, publicKey: link.value.publicKey, requestId: input.id });
    expect(opened.ok && decoder.decode(opened.value)).toBe(input.answer);
  });
});

describe('sealAnswer and openAnswer', () => {
  it('round trip any text, in ciphertexts of exactly a note\'s bucket size', async () => {
    const { keys, publicKey } = await requester();
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 600 }), async (text) => {
      const envelope = await seal(text, publicKey, ID);
      expect(AnswerEnvelope.safeParse(envelope).success).toBe(true);
      expect(decode(envelope.ct)).toHaveLength(ciphertextSize(utf8Length(text)));
      const opened = await openAnswer(envelope, { privateKey: keys.privateKey, publicKey, requestId: ID });
      expect(opened.ok && decoder.decode(opened.value)).toBe(text);
    }), { numRuns: 100 });
  });

  it('use a fresh ephemeral key and IV for every answer', async () => {
    const { publicKey } = await requester();
    const [a, b] = await Promise.all([seal('same', publicKey), seal('same', publicKey)]);
    expect(a.epk).not.toBe(b.epk);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it('keep the requester\'s private key unexportable, and still open answers with it', async () => {
    const { keys, publicKey } = await requester();
    expect(keys.privateKey.extractable).toBe(false);
    for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
      await expect(crypto.subtle.exportKey(format, keys.privateKey)).rejects.toThrow();
    }
    const opened = await openAnswer(await seal('hello', publicKey, ID), { privateKey: keys.privateKey, publicKey, requestId: ID });
    expect(opened.ok && decoder.decode(opened.value)).toBe('hello');
  });

  const failed = { ok: false, error: { code: 'decrypt_failed', message: expect.stringMatching(/could not be decrypted/) } };

  it('refuse to open an answer with another requester\'s private key, even given the right public key', async () => {
    const alice = await requester();
    const mallory = await requester();
    const envelope = await seal('for Alice only', alice.publicKey, ID);
    expect(await openAnswer(envelope, { privateKey: mallory.keys.privateKey, publicKey: alice.publicKey, requestId: ID })).toMatchObject(failed);
    expect(await openAnswer(envelope, { privateKey: mallory.keys.privateKey, publicKey: mallory.publicKey, requestId: ID })).toMatchObject(failed);
  });

  it('refuse an answer moved to another request (the id is bound as associated data)', async () => {
    const { keys, publicKey } = await requester();
    const envelope = await seal('for request A', publicKey, ID);
    expect(await openAnswer(envelope, { privateKey: keys.privateKey, publicKey, requestId: 'BBBBBBBBBBBBBBBBBBBBBB' })).toMatchObject(failed);
  });

  it('refuse any changed byte of ciphertext, IV or ephemeral key', async () => {
    const { keys, publicKey } = await requester();
    const envelope = await seal('database password: s3cr3t!', publicKey, ID);
    const field = fc.constantFrom('ct' as const, 'iv' as const, 'epk' as const);
    await fc.assert(fc.asyncProperty(field, fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, index, mask) => {
      const changed = { ...envelope, [name]: flip(envelope[name], index, mask) };
      expect(await openAnswer(changed, { privateKey: keys.privateKey, publicKey, requestId: ID })).toMatchObject(failed);
    }), { numRuns: 200 });
  });

  it('refuse a format it does not know, with advice to update', async () => {
    const { keys, publicKey } = await requester();
    const envelope = await seal('x', publicKey, ID);
    for (const change of [{ v: 2 }, { alg: 'A128GCM' }, { kex: 'P-256' }]) {
      const parsed: AnswerEnvelope = JSON.parse(JSON.stringify({ ...envelope, ...change }));
      expect(await openAnswer(parsed, { privateKey: keys.privateKey, publicKey, requestId: ID }))
        .toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/Update Burnlink/) } });
    }
  });

  it.each([
    ['all zeros', new Uint8Array(32)],
    ['the low-order point 1', Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0))],
  ])('refuse to encrypt to a low-order public key (%s): the shared secret would be known to all', async (_what, publicKey) => {
    expect(await sealAnswer(encoder.encode('x'), { publicKey, requestId: ID })).toMatchObject({
      ok: false, error: { code: 'malformed', message: expect.stringMatching(/key in this request link is not usable/) },
    });
  });

  it('refuse an empty answer and one past the format\'s limit, with sentences', async () => {
    const { publicKey } = await requester();
    expect(await sealAnswer(new Uint8Array(0), { publicKey, requestId: ID })).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(await sealAnswer(new Uint8Array(64 * 1024 * 1024), { publicKey, requestId: ID }))
      .toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringMatching(/^The answer is .* too large/) } });
  });

  it('use the documented associated data strings', () => {
    expect(REQUEST_NOTE_AD).toBe('burnlink;v=1;part=request-note;alg=A256GCM');
    expect(answerAssociatedData(ID)).toBe(`burnlink;v=1;part=answer;alg=A256GCM;kex=X25519;request=${ID}`);
  });
});

describe('the requester\'s note', () => {
  it.each(['', 'staging DB password for Alex', 'é'.repeat(250)])('round trips %j, padded to a bucket', async (note) => {
    const { publicKey } = await requester();
    const { noteKey } = await requestSecrets(publicKey);
    const sealed = await sealRequestNote(note, noteKey);
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect([256 + 16, 512 + 16]).toContain(decode(sealed.value.ct).length);
    expect(await openRequestNote(sealed.value, noteKey)).toEqual({ ok: true, value: note });
  });

  it('cannot be read with a key from another link', async () => {
    const a = await requestSecrets((await requester()).publicKey);
    const b = await requestSecrets((await requester()).publicKey);
    const sealed = await sealRequestNote('for link A', a.noteKey);
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(await openRequestNote(sealed.value, b.noteKey)).toMatchObject({ ok: false, error: { code: 'decrypt_failed' } });
  });

  it('refuses a note over 500 bytes, saying by how much', async () => {
    const { noteKey } = await requestSecrets((await requester()).publicKey);
    expect(await sealRequestNote('x'.repeat(501), noteKey)).toEqual({
      ok: false, error: { code: 'too_large', message: 'The note is 1 byte too long: the most is 500 bytes. Shorten it.' },
    });
  });
});

describe('request links', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const link = formatRequestLink({ server: 'https://burnlink.example/base/', id: ID, publicKey: key });

  it('format as <server>/r/<id>#1.<public key>', () => {
    expect(link).toBe(`https://burnlink.example/base/r/${ID}#1.${toBase64url(key)}`);
  });

  it.each([
    ['as is', link],
    ['in angle brackets', `<${link}>`],
    ['with a trailing full stop', `${link}.`],
    ['in quotes with spaces', `  "${link}"  `],
    ['with a slash after the id', link.replace(`${ID}#`, `${ID}/#`)],
    ['with a query string', link.replace(`${ID}#`, `${ID}?utm=chat#`)],
  ])('parse %s', (_what, text) => {
    expect(parseRequestLink(text)).toEqual({ ok: true, value: { server: 'https://burnlink.example/base', id: ID, publicKey: key } });
  });

  it.each([
    ['', 'empty'],
    ['not a link at all', 'not_a_link'],
    ['ftp://burnlink.example/r/x', 'not_a_link'],
    [link.replace('/r/', '/n/'), 'not_a_request'],
    [link.replace(ID, ID.slice(1)), 'not_a_request'],
    [link.slice(0, link.indexOf('#')), 'missing_key'],
    [link.replace('#1.', '#1p.'), 'bad_key'],
    [link.replace('#1.', '#2.'), 'unsupported_version'],
    [link.slice(0, -1), 'bad_key'],
    [`${link}A`, 'bad_key'],
  ])('refuse %j as %s, with a sentence', (text, code) => {
    const parsed = parseRequestLink(text);
    expect(parsed).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/\.$/) } });
  });
});

describe('what the server gets to see', () => {
  it('asking posts neither key nor anything that spells the public key or the note', async () => {
    const bodies: string[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      bodies.push(String(init?.body));
      expect(CreateRequestRequest.safeParse(JSON.parse(String(init?.body))).success).toBe(true);
      return Response.json({ id: ID, fetchToken: `${'f'.repeat(42)}A`, createdAt: 0, expiresAt: 86_400_000 }, { status: 201 });
    };
    const asked = await askForSecret(createRequestApi({ server: 'https://burnlink.example', fetch }), {
      note: 'staging DB password for Alex', expiresIn: 86_400,
    });
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.value.link).toMatch(new RegExp(`^https://burnlink\\.example/r/${ID}#1\\.[A-Za-z0-9_-]{43}$`));
    const sent = bodies.join('\n');
    const pub = asked.value.publicKey;
    for (const spelling of [toBase64url(pub), Buffer.from(pub).toString('base64').replace(/=+$/, ''), Buffer.from(pub).toString('hex')]) {
      expect(sent).not.toContain(spelling);
    }
    expect(sent).not.toContain('staging');
    expect(asked.value.keys.privateKey.extractable).toBe(false);
  });
});
