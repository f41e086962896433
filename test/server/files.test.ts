// Notes with files against the real note server: byte-for-byte round trips, the operator's size
// limit at its edge (16 MiB here), old text links beside new file links, and Burnlink's reader.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../utils/core/api';
import { formatBytes } from '../../utils/core/format';
import { parseLink } from '../../utils/core/link';
import { revealNote, shareNote, shareSecret } from '../../utils/core/note';
import { checkContent, payloadSize, type NoteFile } from '../../utils/core/payload';
import { burnlink } from '../../utils/reveal/readers/burnlink';
import { startServer, type RunningServer } from '../helpers/server';

const MAX = 16 * 1024 * 1024;
let server: RunningServer;
let api: Api;
beforeAll(async () => {
  server = await startServer({ env: { MAX_NOTE_BYTES: '16m' } });
  api = createApi({ server: server.url, timeout: 60_000 });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** Bytes that are not text and not a repeating pattern gzip could make small: every value 0-255. */
function binary(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('files through the note server', () => {
  it('round trip text and binary files byte for byte, under a version 2 link', async () => {
    const files: NoteFile[] = [
      { name: 'client.p12', type: 'application/x-pkcs12', bytes: binary(2500) },
      { name: 'kubeconfig', type: '', bytes: new TextEncoder().encode('apiVersion: v1\nkind: Config\n') },
      { name: 'every byte.bin', type: 'application/octet-stream', bytes: Uint8Array.from({ length: 256 }, (_, i) => i) },
    ];
    const shared = unwrap(await shareNote(api, { text: 'staging access', files }, { expiresIn: 3600 }));
    const link = unwrap(parseLink(shared.link));
    expect(shared.link).toMatch(/#2\./);
    const revealed = unwrap(await revealNote(api, link));
    expect(revealed.secret).toBe('staging access');
    expect(revealed.files.map((f) => [f.name, f.type, f.bytes.length])).toEqual(files.map((f) => [f.name, f.type, f.bytes.length]));
    revealed.files.forEach((f, i) => expect(same(f.bytes, files[i]?.bytes ?? new Uint8Array())).toBe(true));
    expect(await revealNote(api, link)).toMatchObject({ ok: false, error: { code: 'gone', state: 'read' } });
  });

  it('keeps text notes in the old format and link version, readable as before', async () => {
    const shared = unwrap(await shareSecret(api, 'plain old text', { expiresIn: 3600 }));
    expect(shared.link).toMatch(/#1\./);
    expect(unwrap(await revealNote(api, unwrap(parseLink(shared.link))))).toEqual({ secret: 'plain old text', files: [], readsLeft: 0 });
  });

  it('accepts a 16 MiB note when the operator allows it, and returns every byte', async () => {
    const name = 'backup.tar';
    const text = 'the whole thing';
    // Exactly the limit: the file fills what the header and text leave (the header holds the size
    // in digits, so a guess of the same number of digits gives the exact answer).
    const size = MAX - (payloadSize({ text, files: [{ name, type: '', size: MAX }] }) - MAX);
    const bytes = binary(size, 7);
    expect(checkContent({ text, files: [{ name, type: '', size }] }, MAX)).toEqual({ ok: true, value: MAX });
    const shared = unwrap(await shareNote(api, { text, files: [{ name, type: '', bytes }] }, { expiresIn: 3600 }));
    const revealed = unwrap(await revealNote(api, unwrap(parseLink(shared.link))));
    expect(revealed.files).toHaveLength(1);
    expect(same(revealed.files[0]?.bytes ?? new Uint8Array(), bytes)).toBe(true);
  });

  it('refuses a note past the limit: the client says so before sending, the server with 413', async () => {
    const { maxNoteBytes } = unwrap(await api.health());
    expect(maxNoteBytes).toBe(MAX);
    const file = { name: 'too-big.bin', type: '', bytes: binary(MAX + 64 * 1024, 3) };
    expect(checkContent({ text: '', files: [{ ...file, size: file.bytes.length }] }, maxNoteBytes)).toMatchObject({
      ok: false,
      error: { code: 'too_large', message: expect.stringMatching(/^"too-big\.bin" is 64 KB too large: this note server accepts up to 16\.0 MB per link/) },
    });
    // A client that skipped the check is refused by the server, with the limit in the sentence.
    expect(await shareNote(api, { text: '', files: [file] }, { expiresIn: 3600 })).toMatchObject({
      ok: false,
      error: { code: 'too_large', status: 413, message: `The note is too large. This server accepts notes (text and files) up to ${formatBytes(MAX)}.` },
    });
  });

  it('gives the files to Burnlink\'s reader (the reveal UI) with no text when there is none', async () => {
    const bytes = binary(1000, 5);
    const shared = unwrap(await shareNote(api, { text: '', files: [{ name: 'id_ed25519', type: '', bytes }] }, { expiresIn: 3600 }));
    const recognised = burnlink.recognise(shared.link);
    if (!recognised?.ok) throw new Error('not recognised');
    const revealed = unwrap(await recognised.value.session({ fetch: globalThis.fetch }).reveal());
    expect(revealed.text).toBeUndefined();
    expect(revealed.files).toHaveLength(1);
    expect(revealed.files[0]?.name).toBe('id_ed25519');
    expect(same(revealed.files[0]?.bytes ?? new Uint8Array(), bytes)).toBe(true);
  });
});
