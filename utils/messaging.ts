// Messages between the extension's parts, typed once: name → (data) => result. And who may send
// them: pages can run content scripts, so a handler checks the sender before it acts.
import { defineExtensionMessaging } from '@webext-core/messaging';
import { bareApi } from './bare-api';
import type { CopyResult } from './clipboard/copy';
import type { LauncherRefusal, RevealRequest } from './reveal/requests';
import type { Result } from './core/result';
import type { RefreshFailure } from './sent/refresh';
import type { RevokeProblem } from './sent/actions';
import type { SentNote, SentRef } from './sent/entry';
import type { CreatedLink, LinkRequest, NoteOptions, ShareError } from './share/create-link';
import type { RequestState } from './core/request/protocol';
import type { CreatedRequest, NewRequest, RequestActionProblem, RequestUiError } from './request/actions';
import type { RequestRef } from './request/entry';
import type { RequestRefreshFailure } from './request/receipts';

export interface ProtocolMap {
  /** Offscreen document (Chrome MV3): write text to the clipboard, clear it after a delay. */
  offscreenCopy(data: { text: string; clearAfterSeconds: number }): boolean;
  /**
   * Popup → background: copy a link, or the sender's message around it; the clipboard is cleared
   * after the delay in the settings.
   */
  copyLink(data: { text: string }): CopyResult;
  /** Popup → background: the clipboard-clearing choice (one of CLIPBOARD_CLEAR_CHOICES), saved. */
  setClipboardClear(data: { seconds: number }): boolean;
  /** Popup → background: the note server's limits (null: unreachable) and the options to preselect. */
  noteOptions(): NoteOptions;
  /** Popup → background: encrypt, post and copy (crypto and zod stay out of the popup's bundle). */
  createLink(data: LinkRequest): Result<CreatedLink, ShareError>;
  /**
   * Detector → background: a person clicked "Reveal safely". Opens the genuine reveal UI beside the
   * page, on the link or (when the launcher refused) on why nothing opens.
   */
  openReveal(data: { link: string; text?: string; refused?: LauncherRefusal }): void;
  /** Detector → background, where the browser cannot tell what is drawn over its buttons (Firefox): put the launcher's probe style sheet in this frame. */
  launcherProbe(): boolean;
  /** Reveal page → background: the request for this id, once. */
  claimReveal(data: { id: string }): RevealRequest | null;
  /** Reveal page → background: copy a revealed secret; the clear outlives the panel. */
  copySecret(data: { text: string }): CopyResult;
  /** Popup → background: ask the note servers about sent links now (one batch each); the servers that failed. */
  refreshSent(): RefreshFailure[];
  /** Popup → background: revoke a sent link; the state the server reports, or why not (worded by the popup). */
  revokeSent(data: SentRef): Result<SentNote['state'], RevokeProblem>;
  /** Popup → background: remove a link from the sent list. */
  forgetSent(data: SentRef): void;
  /** Paste guard → background: the rules the person turned off. */
  guardConfig(): { disabledRules: string[] };
  /** Paste guard → background: what a link made from a paste allows ("Expires in 1 day, read once"). */
  guardTerms(): string | null;
  /** Paste guard → background: encrypt and post each secret of a held paste; one link each, or a sentence. */
  guardCreateLinks(data: { secrets: string[]; passphrase?: string }): Result<string[], string>;
  /** Paste guard → background: the person chose "Never on this site" (the sender's site). */
  guardNever(): void;
  /** Passphrase page (inside the guard's prompt) → background → the guard holding that paste. */
  guardPassphrase(data: { requestId: string; passphrase: string }): boolean;
}

export interface RequestMessages {
  /** Popup → background: make a request (key pair, server, list) and copy its link. */
  createRequest(data: NewRequest): Result<CreatedRequest, RequestUiError>;
  /** Popup → background: ask the servers about open requests now; the servers that failed. */
  refreshRequests(): RequestRefreshFailure[];
  /** Popup → background: copy a request's link again (rebuilt from the stored public key). */
  copyRequestLink(data: RequestRef): Result<{ link: string; copied: CopyResult }, RequestActionProblem>;
  /** Popup → background: withdraw a request; the state the server reports, or why not (worded by the popup). */
  withdrawRequest(data: RequestRef): Result<RequestState, RequestActionProblem>;
  /** Popup → background: remove a request from the list (withdrawing it first if still open). */
  forgetRequest(data: RequestRef): void;
  /** Popup → background: open the reveal window on a request's answer. */
  openAnswer(data: RequestRef): void;
  /** Reveal window → background: copy a revealed answer; the clear outlives the window. */
  copyAnswer(data: { text: string }): CopyResult;
  /** Reveal window → background: the answer was fetched and shown; the key pair can go. */
  answerRevealed(data: RequestRef & { readAt: number }): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap & RequestMessages>();

/** Whether a message comes from one of the extension's own pages, not from a content script. */
export function fromExtensionPage(sender: { id?: string; url?: string }): boolean {
  const { runtime } = bareApi();
  return sender.id === runtime.id && sender.url !== undefined && sender.url.startsWith(runtime.getURL('/'));
}

/** Whether a message comes from the extension's own reveal page (side panel or window). */
export function fromRevealPage(sender: { id?: string; url?: string }): boolean {
  return fromExtensionPage(sender) && new URL(sender.url ?? '').pathname === '/reveal.html';
}
