// Messages between the extension's parts, typed once: name → (data) => result.
import { defineExtensionMessaging } from '@webext-core/messaging';

export interface ProtocolMap {
  /** Offscreen document (Chrome MV3): write text to the clipboard, clear it after a delay. */
  offscreenCopy(data: { text: string; clearAfterSeconds: number }): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
