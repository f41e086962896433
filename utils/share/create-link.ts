// Creating a one-time link, as the popup, the context menu and the keyboard shortcut all do it:
// encrypt locally, post the ciphertext, and on failure one sentence that says what to do.
import type { Api } from '../core/api';
import { shareSecret, type FlowError, type SharedNote } from '../core/note';
import { err, ok, type Result } from '../core/result';

export interface LinkRequest {
  secret: string;
  /** Seconds; one of the server's expiry choices. */
  expiresIn: number;
  maxReads: number;
  /** Empty or absent: no passphrase. */
  passphrase?: string;
  /** The sender's own name for the link, kept in their history only: never sent. */
  label?: string;
}

export interface CreateLinkError {
  code: string;
  message: string;
}

/** A created link as the popup shows it. */
export interface CreatedLinkInfo {
  link: string;
  /** Seconds, as chosen. */
  expiresIn: number;
  expiresAt: number;
  maxReads: number;
  copied: { ok: boolean; clearsInSeconds?: number };
}

function host(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

/** A failed share in one sentence for the sender: what happened and what to do. */
export function shareErrorMessage(error: FlowError, server: string): string {
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

/** Encrypts and posts `request.secret`; never stores it. */
export async function createLink(api: Api, request: LinkRequest, createToken = ''): Promise<Result<SharedNote, CreateLinkError>> {
  const shared = await shareSecret(api, request.secret, {
    expiresIn: request.expiresIn,
    maxReads: request.maxReads,
    passphrase: request.passphrase ? request.passphrase : undefined,
    createToken: createToken ? createToken : undefined,
  });
  if (!shared.ok) return err({ code: shared.error.code, message: shareErrorMessage(shared.error, api.server) });
  return ok(shared.value);
}
