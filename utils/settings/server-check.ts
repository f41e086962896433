// Is this address a Burnlink note server? Checked against its health endpoint before any
// setting that points at it is saved.
import { createApi } from '../core/api';
import type { Health } from '../core/protocol';
import { err, ok, type Result } from '../core/result';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Whether `hostname` (as in a URL) is this computer. */
function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Normalises a note server address as people type it: surrounding spaces go, a missing scheme
 * means https (http for this computer), the trailing slash is dropped. The result is the base that
 * links are built on. Plain http is refused for other machines: there, anyone on the way could
 * change the recipient page and read the secrets.
 */
export function normalizeServerUrl(input: string): Result<string, string> {
  let text = input.trim();
  if (text.length === 0) return err('Type the address of your note server, such as https://burnlink.example.com.');
  if (/\s/.test(text)) return err(`"${text}" is not a web address. It should look like https://burnlink.example.com.`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.split(/[/:]/)[0] ?? '';
    text = `${isLoopback(host) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(`"${input.trim()}" is not a web address. It should look like https://burnlink.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err('The note server address must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return err(`Use https:// for a note server on another computer: over plain http anyone on the network could read or change what it sends. Plain http is only for a server on this computer (localhost).`);
  }
  if (url.username || url.password) return err('Remove the user name and password from the address.');
  if (url.search || url.hash) return err('Remove the part after ? or # from the address: only the server\'s base address is needed.');
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

export interface CheckedServer {
  /** The normalised base address. */
  server: string;
  health: Health;
}

/**
 * Whether anything answers at `url`. An ordinary web site sends no CORS headers, so the API
 * client sees it as unreachable; a no-cors request tells "nothing there" from "someone else".
 */
async function anyAnswer(url: string, fetchImpl: typeof fetch): Promise<boolean> {
  try {
    await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

/** Normalises the address and asks the server's health endpoint; says what is wrong in a sentence. */
export async function checkServer(input: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<Result<CheckedServer, string>> {
  const normalized = normalizeServerUrl(input);
  if (!normalized.ok) return normalized;
  const server = normalized.value;
  const health = await createApi({ server, fetch: fetchImpl, timeout: 8000 }).health();
  if (health.ok) return ok({ server, health: health.value });
  const notBurnlink = `${server} answered, but it is not a Burnlink note server. Check the address: it is the server's base address, without /api or /n/ at the end.`;
  switch (health.error.code) {
    case 'unreachable': {
      if (await anyAnswer(`${server}/api/health`, fetchImpl)) return err(notBurnlink);
      const local = isLoopback(new URL(server).hostname);
      return err(`Could not reach ${server}. Check the address${local ? ' and that the note server on this computer is running' : ' and your connection'}.`);
    }
    case 'bad_response':
      return err(health.error.status === 503
        ? `${server} is not ready (HTTP 503): its storage may be down. Try again in a moment.`
        : notBurnlink);
    default:
      return err(health.error.message);
  }
}
