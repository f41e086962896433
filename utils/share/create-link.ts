// Making a one-time link in the background, as the popup, the context menu and the keyboard
// shortcut all do it: encrypt locally, post only the ciphertext (utils/core/note.ts), add the link
// to the sent list, copy it; on failure, one sentence that says what to do.
import type { Copier } from '../clipboard/background-copier';
import { copyAndReport } from '../clipboard/background-copier';
import type { CopyResult } from '../clipboard/copy';
import { createApi } from '../core/api';
import { fromBase64url } from '../core/base64url';
import { shareNote, type NoteError, type SharedNote } from '../core/note';
import type { ContentErrorCode, NoteFile } from '../core/payload';
import type { CreateNoteRequest, CreateNoteResponse, Health } from '../core/protocol';
import { err, ok, type Result } from '../core/result';
import { recordSent } from '../sent/actions';
import { keepLink } from '../sent/kept-links';
import { LABEL_MAX } from '../sent/wording';
import type { Settings } from '../storage';
import { noteDefaults, type NoteDefaults } from './note-defaults';

/** A file as the popup sends it to the background: messages carry JSON, so the bytes as base64url. */
export interface FilePart {
  name: string;
  type: string;
  data: string;
}

/** What the sender asks for: the popup's form, or the defaults for a selection. */
export interface LinkRequest extends Pick<CreateNoteRequest, 'expiresIn'> {
  /** The text ('' when only files are shared). */
  secret: string;
  files?: FilePart[];
  maxReads: number;
  /** Empty or absent: no passphrase. */
  passphrase?: string;
  /** The sender's own name for the link, kept in the sent list only: never sent. */
  label?: string;
}

/**
 * Why no link was made: the note flow's reasons, and the extension's own (a message from a page
 * that may not create links; no answer from the background).
 */
export interface ShareError {
  code: NoteError['code'] | ContentErrorCode | 'forbidden' | 'no_background';
  /** A sentence for the sender: what happened and what to do. */
  message: string;
}

/** A link just made, as the popup and the notification tell the sender about it. */
export interface CreatedLink extends Pick<CreateNoteResponse, 'id' | 'expiresAt' | 'maxReads'> {
  link: string;
  server: string;
  /** Seconds, as chosen. */
  expiresIn: number;
  copied: CopyResult;
}

/** What making a link needs from the background: the settings, the network, the clipboard. */
export interface LinkDeps {
  settings: () => Promise<Settings>;
  copy: Copier;
  fetch?: typeof fetch;
}

/** What the popup needs to know about the note server before a link is made. */
export interface NoteOptions {
  server: string;
  /** Null when the server did not answer as a Burnlink server. */
  health: Health | null;
  defaults: NoteDefaults;
  /** The server requires a create token and none is set. */
  needsToken: boolean;
}

/** The note server's limits and the note options that follow from them and the settings. */
export async function noteOptions(deps: Pick<LinkDeps, 'settings' | 'fetch'>): Promise<NoteOptions> {
  const settings = await deps.settings();
  const answer = await createApi({ server: settings.server, fetch: deps.fetch, timeout: 8000 }).health();
  const health = answer.ok ? answer.value : null;
  return {
    server: settings.server,
    health,
    defaults: noteDefaults(settings, health ?? undefined),
    needsToken: health !== null && health.createTokenRequired && settings.createToken === '',
  };
}

function host(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

/** A failed share in one sentence for the sender: what happened and what to do. */
export function shareErrorMessage(error: NoteError, server: string): string {
  switch (error.code) {
    case 'unreachable':
      return `Could not reach the note server at ${host(server)}. Check that it is running and that the address in Burnlink's options is right, then try again.`;
    case 'bad_response':
      return `${host(server)} did not answer like a Burnlink note server. Check the server address in Burnlink's options.`;
    case 'unauthorized':
      return 'This note server only accepts notes with its create token. Set the token in Burnlink\'s options, then try again.';
    case 'rate_limited':
      return 'The note server is receiving too many requests from you. Wait a minute, then try again.';
    case 'too_large':
      return `${error.message} Shorten the text or split it over several links.`;
    default:
      return error.message;
  }
}

/** The files of a request as bytes; undefined when one arrived damaged (a bug, not the sender's doing). */
function decodeFiles(parts: FilePart[]): NoteFile[] | undefined {
  const files: NoteFile[] = [];
  for (const { name, type, data } of parts) {
    const bytes = fromBase64url(data);
    if (!bytes) return undefined;
    files.push({ name, type, bytes });
  }
  return files;
}

/**
 * Encrypts the text and files, posts the ciphertext to the server in the settings, adds the link
 * to the sent list, keeps it in memory to be copied again while it waits, and copies it. The
 * secret is only ever in memory.
 */
export async function createAndCopy(request: LinkRequest, deps: LinkDeps): Promise<Result<CreatedLink, ShareError>> {
  const files = decodeFiles(request.files ?? []);
  if (!files) return err({ code: 'malformed', message: 'An attached file did not reach Burnlink whole. Attach it again, then retry.' });
  // The popup checked the files (checkContent) against the server's limit; the server checks again.
  const content = { text: request.secret, files };
  const settings = await deps.settings();
  const api = createApi({ server: settings.server, fetch: deps.fetch, timeout: files.length > 0 ? 120_000 : undefined });
  const shared = await shareNote(api, content, {
    expiresIn: request.expiresIn,
    maxReads: request.maxReads,
    passphrase: request.passphrase || undefined,
    createToken: settings.createToken || undefined,
  });
  if (!shared.ok) return err({ code: shared.error.code, message: shareErrorMessage(shared.error, api.server) });
  await rememberSent(shared.value, request.label);
  return ok({
    link: shared.value.link,
    server: shared.value.server,
    id: shared.value.note.id,
    expiresIn: request.expiresIn,
    expiresAt: shared.value.note.expiresAt,
    maxReads: shared.value.note.maxReads,
    copied: await copyAndReport(deps.copy, shared.value.link, settings.clipboardClearSeconds),
  });
}

/**
 * Adds a created link to the sent list, for read receipts and revoke: ids, times and the manage
 * token, never the key, the link or the secret. Then keeps the link itself in session storage, to
 * be copied again while it waits. A failure here must not lose the link just made. (The secret
 * guard's links go in the same way: utils/guard/guard-links.ts.)
 */
export async function rememberSent({ server, note, link }: SharedNote, label = ''): Promise<void> {
  const { id, manageToken, createdAt, expiresAt, maxReads } = note;
  try {
    await recordSent({ server, id, manageToken, label: label.trim().slice(0, LABEL_MAX), createdAt, expiresAt, maxReads });
    await keepLink({ server, id }, link);
  } catch {
    // No details: the entry holds the manage token.
    console.error('Burnlink could not add the new link to the sent history.');
  }
}
