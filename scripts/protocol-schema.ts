// The JSON Schema of every wire shape, generated from the zod schemas (the single source of truth)
// and committed as docs/protocol.schema.json beside docs/PROTOCOL.md, for clients written in other
// languages. `npm run schema` writes it; test/unit/protocol-schema.test.ts fails when it is stale.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod/mini';
import * as notes from '../utils/core/protocol';
import * as requests from '../utils/core/request/protocol';

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../docs/protocol.schema.json');

/**
 * Each shape with what it is. Request bodies are described as a server accepts them (a field with
 * a default may be left out); everything else as a server sends it.
 */
const SHAPES: Array<[name: string, schema: z.ZodMiniType, what: string, io: 'input' | 'output']> = [
  ['NoteId', notes.NoteId, 'A note id: 16 random bytes chosen by the server, canonical base64url (22 characters).', 'output'],
  ['Token', notes.Token, 'A 256-bit token (key proof, read token, manage token, answer token, fetch token): canonical base64url (43 characters).', 'output'],
  ['Envelope', notes.Envelope, 'The encrypted note, as posted on create and returned by consume (PROTOCOL.md §4). `iter` is present exactly when `kdf` is `pbkdf2-sha256`.', 'output'],
  ['NoteState', notes.NoteState, 'The state of a note (PROTOCOL.md §5).', 'output'],
  ['CreateNoteRequest', notes.CreateNoteRequest, 'Body of POST /api/notes. `expiresIn` in seconds, one of the server\'s `expiryChoices`; `maxReads` defaults to 1.', 'input'],
  ['CreateNoteResponse', notes.CreateNoteResponse, '201 answer of POST /api/notes. Times in milliseconds since the Unix epoch.', 'output'],
  ['PeekRequest', notes.PeekRequest, 'Body of POST /api/notes/:id/peek.', 'input'],
  ['PeekResponse', notes.PeekResponse, '200 answer of POST /api/notes/:id/peek. Times in milliseconds since the Unix epoch.', 'output'],
  ['ConsumeRequest', notes.ConsumeRequest, 'Body of POST /api/notes/:id/consume.', 'input'],
  ['ConsumeResponse', notes.ConsumeResponse, '200 answer of POST /api/notes/:id/consume.', 'output'],
  ['NoteStatus', notes.NoteStatus, 'The sender\'s view of a note: 200 answer of GET and DELETE /api/notes/:id. Times in milliseconds since the Unix epoch.', 'output'],
  ['BatchStatusRequest', notes.BatchStatusRequest, 'Body of POST /api/notes/status: 1 to 100 notes.', 'input'],
  ['BatchStatusResponse', notes.BatchStatusResponse, '200 answer of POST /api/notes/status: one entry per requested note, in order; null for an unknown id or a wrong token.', 'output'],
  ['Health', notes.Health, '200 (or 503) answer of GET /api/health. `expiryChoices` and `defaultExpiry` in seconds, `maxNoteBytes` in bytes.', 'output'],
  ['ErrorCode', notes.ErrorCode, 'The `error` of every error answer of the notes API.', 'output'],
  ['ErrorBody', notes.ErrorBody, 'The body of every error answer of the notes API.', 'output'],
  ['PayloadHeader', notes.PayloadHeader, 'The header of a format 2 payload (text and files), inside the encryption (PROTOCOL.md §3.1).', 'output'],
  ['SealedRequestNote', requests.SealedRequestNote, 'The requester\'s note to whoever answers, encrypted (PROTOCOL.md §7.3).', 'output'],
  ['AnswerEnvelope', requests.AnswerEnvelope, 'An answer, encrypted to the requester\'s public key (PROTOCOL.md §7.4).', 'output'],
  ['RequestState', requests.RequestState, 'The state of a request (PROTOCOL.md §7.5).', 'output'],
  ['CreateRequestRequest', requests.CreateRequestRequest, 'Body of POST /api/requests. `expiresIn` in seconds, one of the server\'s `expiryChoices`.', 'input'],
  ['CreateRequestResponse', requests.CreateRequestResponse, '201 answer of POST /api/requests.', 'output'],
  ['RequestPeekRequest', requests.RequestPeekRequest, 'Body of POST /api/requests/:id/peek.', 'input'],
  ['RequestPeekResponse', requests.RequestPeekResponse, '200 answer of POST /api/requests/:id/peek.', 'output'],
  ['AnswerRequest', requests.AnswerRequest, 'Body of POST /api/requests/:id/answer.', 'input'],
  ['AnswerResponse', requests.AnswerResponse, '201 answer of POST /api/requests/:id/answer.', 'output'],
  ['FetchAnswerResponse', requests.FetchAnswerResponse, '200 answer of POST /api/requests/:id/fetch.', 'output'],
  ['RequestStatus', requests.RequestStatus, 'The requester\'s view of a request: 200 answer of GET and DELETE /api/requests/:id.', 'output'],
  ['BatchRequestStatusRequest', requests.BatchRequestStatusRequest, 'Body of POST /api/requests/status: 1 to 100 requests.', 'input'],
  ['BatchRequestStatusResponse', requests.BatchRequestStatusResponse, '200 answer of POST /api/requests/status.', 'output'],
  ['RequestErrorBody', requests.RequestErrorBody, 'The body of every error answer of the requests API.', 'output'],
];

/** One mode's schemas, each shape referring to the others by `#/$defs/<name>`. */
function definitions(io: 'input' | 'output'): Record<string, unknown> {
  const registry = z.registry<{ id: string; description: string }>();
  for (const [name, schema, description] of SHAPES) registry.add(schema, { id: name, description });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, metadata: registry, uri: (id) => `#/$defs/${id}`, unrepresentable: 'throw' });
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => {
    const { $schema: _, $id: __, ...rest } = schema;
    return [name, rest];
  }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Zod describes every object it sends as closed (`additionalProperties: false`), but only the
 * strict ones refuse unknown fields (envelopes, request bodies); the rest are open, so that a
 * newer server may add a field without breaking a client. The accepting (input) side of the
 * same schema says which is which: keep `false` only where it says so too.
 */
function openWhereLenient(sent: unknown, accepted: unknown): unknown {
  if (Array.isArray(sent)) return sent.map((item, i) => openWhereLenient(item, Array.isArray(accepted) ? accepted[i] : undefined));
  if (!isRecord(sent)) return sent;
  const other = isRecord(accepted) ? accepted : {};
  return Object.fromEntries(Object.entries(sent)
    .filter(([key, value]) => !(key === 'additionalProperties' && value === false && other.additionalProperties !== false))
    .map(([key, value]) => [key, openWhereLenient(value, other[key])]));
}

/** The whole document: every shape under `$defs`, in the order above. */
export function protocolSchema(): Record<string, unknown> {
  const modes = { input: definitions('input'), output: definitions('output') };
  const $defs = Object.fromEntries(SHAPES.map(([name, , , io]) =>
    [name, io === 'input' ? modes.input[name] : openWhereLenient(modes.output[name], modes.input[name])]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://burnlink.invalid/protocol/v1/schema.json',
    title: `Burnlink protocol ${notes.PROTOCOL_VERSION}: every JSON body of the HTTP API`,
    description: 'Generated from the zod schemas in utils/core/protocol.ts and utils/core/request/protocol.ts by `npm run schema`; docs/PROTOCOL.md gives the meaning of each field and the order of checks. Canonical base64url is a pattern where the length is fixed; for ciphertexts (`ct`) a reader also refuses a length of 1 more than a multiple of 4 and unused low bits set in the last character.',
    $defs,
  };
}

export const schemaText = () => `${JSON.stringify(protocolSchema(), null, 2)}\n`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
