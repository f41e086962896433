// The browser's own API object, without webextension-polyfill, for the code the scripts Burnlink
// registers on web pages load (link detector, paste guard, utils/messaging.ts). They run on every
// page the person chose; the polyfill would add about 3 KB gzipped to each. Firefox's `browser`
// and Chrome's `chrome` agree on the few calls used here, which are synchronous or answer through
// `sendResponse`. Messages to the background go through utils/page-messaging.ts.

type Listener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => true | undefined;

interface BareApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    /** Both browsers answer with a promise when no callback is given (Chrome: Manifest V3). */
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: Listener): void };
  };
  i18n: { getMessage(name: string): string };
}

const scope = globalThis as { browser?: BareApi; chrome?: BareApi };

/** Firefox's `browser`, else Chrome's `chrome` (looked up on use: pages load this module too). */
export function bareApi(): BareApi {
  const api = scope.browser ?? scope.chrome;
  if (!api) throw new Error('No extension API here: this code runs only inside the extension.');
  return api;
}

/**
 * Listens for the background's commands. `answer` returns a promise of the reply, or undefined to
 * stay silent (another listener or frame may answer).
 */
export function onCommand(answer: (message: unknown) => Promise<unknown> | undefined): void {
  bareApi().runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const reply = answer(message);
    if (!reply) return undefined;
    void reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  });
}
