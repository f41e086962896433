// Is this address a Burnlink note server? Checked against its health endpoint before any
// setting that points at it is saved.
import { createApi } from '../core/api';
import type { Health } from '../core/protocol';
import { err, ok, type Result } from '../core/result';
import type { Problem } from '../i18n/problems';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Whether `hostname` (as in a URL) is this computer. */
function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Why a typed address cannot be a note server's: a code, and the values its sentence needs. */
export type AddressProblem =
  | { code: 'empty' | 'not_http' | 'plain_http' | 'credentials' | 'query' }
  | { code: 'not_an_address'; input: string };

/**
 * Normalises a note server address as people type it: surrounding spaces go, a missing scheme
 * means https (http for this computer), the trailing slash is dropped. The result is the base that
 * links are built on. Plain http is refused for other machines: there, anyone on the way could
 * change the recipient page and read the secrets. Each page words the problem (utils/settings/wording.ts).
 */
export function serverAddress(input: string): Result<string, AddressProblem> {
  let text = input.trim();
  if (text.length === 0) return err({ code: 'empty' });
  if (/\s/.test(text)) return err({ code: 'not_an_address', input: text });
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const host = text.split(/[/:]/)[0] ?? '';
    text = `${isLoopback(host) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ code: 'not_an_address', input: input.trim() });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err({ code: 'not_http' });
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return err({ code: 'plain_http' });
  if (url.username || url.password) return err({ code: 'credentials' });
  if (url.search || url.hash) return err({ code: 'query' });
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/**
 * serverAddress with the problem in English: for the organisation's policy notice, which speaks
 * to the administrator who wrote the policy (utils/settings/managed.ts).
 */
export function normalizeServerUrl(input: string): Result<string, string> {
  const address = serverAddress(input);
  return address.ok ? address : err(addressEnglish(address.error));
}

function addressEnglish(problem: AddressProblem): string {
  switch (problem.code) {
    case 'empty': return 'Type the address of your note server, such as https://burnlink.example.com.';
    case 'not_an_address': return `"${problem.input}" is not a web address. It should look like https://burnlink.example.com.`;
    case 'not_http': return 'The note server address must start with https://.';
    case 'plain_http': return 'Use https:// for a note server on another computer: over plain http anyone on the network could read or change what it sends. Plain http is only for a server on this computer (localhost).';
    case 'credentials': return 'Remove the user name and password from the address.';
    case 'query': return 'Remove the part after ? or # from the address: only the server\'s base address is needed.';
  }
}

/** Why an address is not a usable note server: the address itself, or what (did not) answer there. */
export type ServerProblem =
  | AddressProblem
  | { code: 'not_burnlink' | 'not_ready'; server: string }
  | { code: 'unreachable'; server: string; local: boolean }
  /** Any other failure the note server reported, worded by problemText. */
  | { code: 'failed'; server: string; problem: Problem };

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

/** Normalises the address and asks the server's health endpoint; says what is wrong by code. */
export async function checkServer(input: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<Result<CheckedServer, ServerProblem>> {
  const normalized = serverAddress(input);
  if (!normalized.ok) return normalized;
  const server = normalized.value;
  const health = await createApi({ server, fetch: fetchImpl, timeout: 8000 }).health();
  if (health.ok) return ok({ server, health: health.value });
  switch (health.error.code) {
    case 'unreachable': {
      if (await anyAnswer(`${server}/api/health`, fetchImpl)) return err({ code: 'not_burnlink', server });
      return err({ code: 'unreachable', server, local: isLoopback(new URL(server).hostname) });
    }
    case 'bad_response':
      return err({ code: health.error.status === 503 ? 'not_ready' : 'not_burnlink', server });
    default:
      return err({ code: 'failed', server, problem: { code: health.error.code, message: health.error.message } });
  }
}
