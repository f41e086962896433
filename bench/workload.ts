// The note server's workload: real sealed notes, and the requests that create, peek at and
// consume them. Bodies are built once, before any load, so the load generator only picks them.
import { randomBytes } from 'node:crypto';
import type { RequestSpec } from 'autocannon';
import { toBase64url } from '../utils/core/base64url';
import { encryptNote } from '../utils/core/crypto';
import type { ConsumeRequest, CreateNoteRequest } from '../utils/core/protocol';

/** One sealed secret, ready to be posted any number of times (each post makes a new note). */
export interface SealedBody {
  create: Buffer;
  /** The consume body: key proof and read token, valid for every note made from `create`. */
  consume: Buffer;
  peek: Buffer;
}

/** A note created during the run: its id and the sealed body it was made from. */
export interface NoteRef {
  id: string;
  slot: number;
}

const EXPIRES_IN = 24 * 3600;
const PRINTABLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/!?#%&*';

/** A printable ASCII secret of exactly `bytes` bytes, like an API key or a .env file. */
export function randomSecret(bytes: number): string {
  let out = '';
  for (const byte of randomBytes(bytes)) out += PRINTABLE[byte % PRINTABLE.length];
  return out;
}

/** Encrypts `count` different secrets of `secretBytes` with the real client code. */
export async function sealBodies(count: number, secretBytes: number): Promise<SealedBody[]> {
  const bodies: SealedBody[] = [];
  while (bodies.length < count) {
    const batch = await Promise.all(Array.from({ length: Math.min(256, count - bodies.length) }, async () => {
      const sealed = await encryptNote(randomSecret(secretBytes));
      if (!sealed.ok) throw new Error(sealed.error.message);
      const { envelope, keyProof, readToken } = sealed.value;
      const create: CreateNoteRequest = { envelope, expiresIn: EXPIRES_IN, maxReads: 1, keyProof, readToken };
      const consume: ConsumeRequest = { keyProof, readToken };
      return {
        create: Buffer.from(JSON.stringify(create)),
        consume: Buffer.from(JSON.stringify(consume)),
        peek: Buffer.from(JSON.stringify({ keyProof })),
      };
    }));
    bodies.push(...batch);
  }
  return bodies;
}

/** POST /api/notes, rotating through the bodies; every 201 is recorded in `created`. */
export function createRequests(bodies: SealedBody[], created: NoteRef[]): RequestSpec {
  let next = 0;
  return {
    setupRequest: (request, context) => {
      const slot = next++ % bodies.length;
      context.slot = slot;
      return { ...request, method: 'POST', path: '/api/notes', body: bodies[slot]?.create };
    },
    onResponse: (status, body, context) => {
      if (status !== 201 || typeof context.slot !== 'number') return;
      const { id } = JSON.parse(body) as { id: string };
      created.push({ id, slot: context.slot });
    },
  };
}

/** Where the next consume request takes its note from; shared by warm-up and measured runs. */
export interface Cursor {
  next: number;
  /** Requests that found the pool empty and were sent to an unknown id instead. */
  overrun: number;
}

const UNKNOWN_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** POST /api/notes/:id/consume, each note exactly once, in creation order. */
export function consumeRequests(bodies: SealedBody[], notes: NoteRef[], cursor: Cursor): RequestSpec {
  return {
    setupRequest: (request) => {
      const note = notes[cursor.next];
      if (note === undefined) {
        // Never reuse a note: an empty pool gets 404s, counted apart (runs cap their requests).
        cursor.overrun++;
        return { ...request, method: 'POST', path: `/api/notes/${UNKNOWN_ID}/consume`, body: bodies[0]?.consume };
      }
      cursor.next++;
      return { ...request, method: 'POST', path: `/api/notes/${note.id}/consume`, body: bodies[note.slot]?.consume };
    },
  };
}

/** POST /api/notes/:id/peek over the notes, round and round (side-effect free, no write). */
export function peekRequests(bodies: SealedBody[], notes: NoteRef[]): RequestSpec {
  let next = 0;
  return {
    setupRequest: (request) => {
      const note = notes[next++ % notes.length];
      if (note === undefined) return { ...request, method: 'POST', path: `/api/notes/${UNKNOWN_ID}/peek`, body: bodies[0]?.peek };
      return { ...request, method: 'POST', path: `/api/notes/${note.id}/peek`, body: bodies[note.slot]?.peek };
    },
  };
}

/**
 * Consume-shaped requests (same path shape, same body size) for the bare server, so that the
 * load generator does the same work per request in the baseline as against the note server.
 */
export function baselineRequests(bodies: SealedBody[]): RequestSpec {
  const ids = Array.from({ length: 1024 }, () => toBase64url(randomBytes(16)));
  let next = 0;
  return {
    setupRequest: (request) => {
      const n = next++;
      return { ...request, method: 'POST', path: `/api/notes/${ids[n % ids.length]}/consume`, body: bodies[n % bodies.length]?.consume };
    },
  };
}
